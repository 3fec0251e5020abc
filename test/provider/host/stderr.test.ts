import { spawn } from "node:child_process";
import { resolve } from "node:path";

/** Stderr lines the orphaned host writes before the test calls it "still running": counted, not timed. */
const LINES_THAT_MEAN_RUNNING = 50;

/**
 * Runs the watch in a child that behaves like @pulumi/pulumi's dynamic provider host (an uncaught-error
 * handler that reports on stderr) and whose stderr reader is gone, as after a SIGKILLed `pulumi up`.
 * The child reports each stderr line it wrote on stdout: with the stderr reader gone, a host that
 * goes on writing LINES_THAT_MEAN_RUNNING lines is looping (however slow the machine), and is killed.
 */
function orphanedHost(watch: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; linesAfterOrphaned: number }> {
  const module = resolve(__dirname, "../../../provider/host/stderr.ts");
  const script = `
        require("tsx/cjs");
        const handler = (err) => console.error(err.stack || err.message);
        process.on("uncaughtException", handler);
        process.on("unhandledRejection", handler);
        if (${watch}) require(${JSON.stringify(module)}).exitWhenEngineIsGone();
        process.stdout.write("ready\\n");
        setInterval(() => {
          console.error("[PrivateEndpoint] AWS endpoint vpce-1: PENDING -> AVAILABLE");
          process.stdout.write("line\\n");
        }, 20);
    `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((done) => {
    let orphaned = false;
    let linesAfterOrphaned = 0;
    // Only a ceiling for a child that neither exits nor writes: it never decides a passing run.
    const ceiling = setTimeout(() => child.kill("SIGKILL"), 50_000);
    child.stdout.on("data", (chunk: Buffer) => {
      if (!orphaned) {
        orphaned = true; // the first chunk carries "ready": the engine goes away now
        child.stderr.destroy();
        return;
      }
      linesAfterOrphaned += chunk.toString().split("line").length - 1;
      if (linesAfterOrphaned >= LINES_THAT_MEAN_RUNNING) child.kill("SIGKILL");
    });
    child.on("exit", (code, signal) => {
      clearTimeout(ceiling);
      done({ code, signal, linesAfterOrphaned });
    });
  });
}

test("a provider host whose engine is gone exits at its next stderr line instead of looping on EPIPE", async () => {
  const result = await orphanedHost(true);
  expect(result).toEqual(expect.objectContaining({ code: 1, signal: null }));
});

test("without the watch the same host keeps running (the loop the watch ends)", async () => {
  const result = await orphanedHost(false);
  expect(result.signal).toBe("SIGKILL");
  expect(result.linesAfterOrphaned).toBeGreaterThanOrEqual(LINES_THAT_MEAN_RUNNING);
});

test("the watch adds one stderr listener per process, however many times its module is loaded (jest loads it once per test file)", () => {
  const before = process.stderr.listenerCount("error");
  for (let load = 0; load < 12; load++) {
    jest.isolateModules(() => {
      (require("../../../provider/host/stderr") as typeof import("../../../provider/host/stderr")).exitWhenEngineIsGone();
    });
  }
  expect(process.stderr.listenerCount("error") - before).toBeLessThanOrEqual(1);
});
