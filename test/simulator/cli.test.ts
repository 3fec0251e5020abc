import { spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
const TSX = resolve(ROOT, "node_modules/.bin/tsx");

function startCli(args: string[]) {
  const child = spawn(TSX, ["simulator/cli.ts", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return { child, out: () => stdout, err: () => stderr };
}

async function firstLine(read: () => string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!read().includes("\n")) {
    if (Date.now() > deadline) throw new Error("the CLI printed no line");
    await new Promise((r) => setTimeout(r, 25));
  }
  return read().split("\n")[0]!;
}

describe("simulator CLI", () => {
  it("prints exactly one JSON seed line on stdout, serves on it, and exits cleanly on SIGTERM", async () => {
    const cli = startCli(["--port", "0", "--time-scale", "0.1"]);
    try {
      const seed = JSON.parse(await firstLine(cli.out));
      expect(seed).toEqual({
        baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        groupId: expect.stringMatching(/^[0-9a-f]{24}$/),
        endpointServices: {
          AWS: expect.stringMatching(/^[0-9a-f]{24}$/),
          AZURE: expect.stringMatching(/^[0-9a-f]{24}$/),
          GCP: expect.stringMatching(/^[0-9a-f]{24}$/),
          GCP_PORT_MAPPED: expect.stringMatching(/^[0-9a-f]{24}$/),
        },
        apiKey: { publicKey: expect.any(String), privateKey: expect.any(String) },
        readOnlyApiKey: { publicKey: expect.any(String), privateKey: expect.any(String) },
        serviceAccount: { clientId: expect.any(String), clientSecret: expect.any(String) },
        readOnlyServiceAccount: { clientId: expect.any(String), clientSecret: expect.any(String) },
        clusters: expect.arrayContaining([expect.objectContaining({ name: "orders", regions: [{ providerName: "AWS", regionName: "US_EAST_1" }] })]),
      });
      const config = await (await fetch(`${seed.baseUrl}/__simulator/config`)).json();
      expect((config as any).timeScale).toBe(0.1);
    } finally {
      cli.child.kill("SIGTERM");
    }
    const [code] = await once(cli.child, "exit");
    expect(code).toBe(0);
    expect(cli.out().trimEnd().split("\n")).toHaveLength(1);
  }, 30_000);

  it("refuses an unknown flag on stderr with exit code 2 and prints nothing on stdout", async () => {
    const cli = startCli(["--speed", "9"]);
    const [code] = await once(cli.child, "exit");
    expect(code).toBe(2);
    expect(cli.err()).toContain("unknown flag --speed");
    expect(cli.out()).toBe("");
  }, 30_000);
});
