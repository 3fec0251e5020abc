import { spawn } from "node:child_process";
import { resolve } from "node:path";

/**
 * Runs the watch in a child that behaves like @pulumi/pulumi's dynamic provider host (an uncaught-error
 * handler that reports on stderr) and whose stderr reader is gone, as after a SIGKILLed `pulumi up`.
 */
function orphanedHost(watch: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const module = resolve(__dirname, "../../../provider/host/stderr.ts");
  const script = `
        require("tsx/cjs");
        const handler = (err) => console.error(err.stack || err.message);
        process.on("uncaughtException", handler);
        process.on("unhandledRejection", handler);
        if (${watch}) require(${JSON.stringify(module)}).exitWhenEngineIsGone();
        process.stdout.write("ready\\n");
        setInterval(() => console.error("[PrivateEndpoint] AWS endpoint vpce-1: PENDING -> AVAILABLE"), 20);
    `;
  const started = Date.now();
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.stdout.once("data", () => child.stderr.destroy());
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, ms: Date.now() - started });
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
