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

/** The CLI's first stdout line; the ceiling (a tsx start on one loaded core) only matters when it prints none. */
async function firstLine(read: () => string, timeoutMs = 50_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!read().includes("\n")) {
    if (Date.now() > deadline) throw new Error("the CLI printed no line");
    await new Promise((r) => setTimeout(r, 25));
  }
  return read().split("\n")[0]!;
}

describe("simulator CLI", () => {
  it("prints exactly one JSON seed line on stdout, serves on it, and exits cleanly on SIGTERM", async () => {
    const cli = startCli(["--port", "0", "--time-scale", "0.1", "--rate-limit", "100:10/2"]);
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
        clusters: expect.arrayContaining([
          expect.objectContaining({ name: "orders", regions: [{ providerName: "AWS", regionName: "US_EAST_1" }] }),
        ]),
        shardedProject: {
          groupId: expect.stringMatching(/^[0-9a-f]{24}$/),
          endpointServices: { US_EAST_1: expect.stringMatching(/^[0-9a-f]{24}$/), US_WEST_2: expect.stringMatching(/^[0-9a-f]{24}$/) },
        },
        shardedClusters: expect.arrayContaining([expect.objectContaining({ name: "events", clusterType: "SHARDED" })]),
      });
      const config = await (await fetch(`${seed.baseUrl}/__simulator/config`)).json();
      expect((config as any).timeScale).toBe(0.1);
      expect((config as any).rateLimit).toEqual({ capacity: 100, refillRate: 10, refillIntervalSeconds: 2 });
    } finally {
      cli.child.kill("SIGTERM");
    }
    const [code] = await once(cli.child, "exit");
    expect(code).toBe(0);
    expect(cli.out().trimEnd().split("\n")).toHaveLength(1);
  });

  it("refuses an unknown flag on stderr with exit code 2 and prints nothing on stdout", async () => {
    const cli = startCli(["--speed", "9"]);
    const [code] = await once(cli.child, "exit");
    expect(code).toBe(2);
    expect(cli.err()).toContain("unknown flag --speed");
    expect(cli.out()).toBe("");
  });

  it("switches dialect variations at start with flags, as the control API shows", async () => {
    const flags = [
      "--endpoint-create-201",
      "--endpoint-delete-202",
      "--extra-status",
      "AWS:PENDING_REVIEW:5000",
      "--omit-create-status",
      "--extra-fields",
    ];
    const more = [
      "--answer-lost",
      "502",
      "--gcp-deleted-before-gone",
      "--port-mapped-endpoint-name",
      "--envelope-errors",
      "--oauth-tokens-per-minute",
      "0",
    ];
    const cli = startCli(["--port", "0", ...flags, ...more]);
    try {
      const seed = JSON.parse(await firstLine(cli.out));
      expect(await (await fetch(`${seed.baseUrl}/__simulator/dialect`)).json()).toEqual({
        endpointCreateStatus: 201,
        endpointDeleteStatus: 202,
        extraStatus: { cloud: "AWS", status: "PENDING_REVIEW", lastsMs: 5000 },
        omitCreateStatus: true,
        extraFields: true,
        answerLost: "502",
        gcpDeletedBeforeGone: true,
        portMappedEndpointName: true,
        envelopeErrors: true,
      });
      expect(((await (await fetch(`${seed.baseUrl}/__simulator/config`)).json()) as any).oauthTokensPerMinute).toBeNull();
    } finally {
      cli.child.kill("SIGTERM");
    }
    await once(cli.child, "exit");
  });

  it("refuses a bad variation value on stderr, naming the flag's field, with exit code 2", async () => {
    const cli = startCli(["--answer-lost", "sometimes"]);
    const [code] = await once(cli.child, "exit");
    expect(code).toBe(2);
    expect(cli.err()).toContain('answerLost must be null, "drop" or "502"');
    expect(cli.out()).toBe("");
  });
});
