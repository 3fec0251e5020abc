import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { dynamicResources, PulumiStack, type StackDeployment } from "../../scripts/lib/pulumi-workspace";
import type { CommandResult } from "../../scripts/lib/run-command";
import {
  exampleDir,
  output,
  type RunningSimulator,
  simulatorEndpoints,
  stackFor,
  startSimulator,
  withoutCredentials,
} from "../support/cli-harness";
import { type RecordingProxy, startRecordingProxy } from "../support/recording-proxy";
import { findLeaks, type Scanned, type Secret } from "../support/secret-scan";

jest.setTimeout(180_000);

/** The engine's marker for an encrypted value in state (sdk/go/common/resource/properties.go). */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

let simulator: RunningSimulator;
let proxy: RecordingProxy;
let stack: PulumiStack;
let logDir: string;
const vpcEndpointId = `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`;
const wrongPrivateKey = `wrong-${randomBytes(16).toString("hex")}`;
const transcripts: Scanned[] = [];
const stateExports: Scanned[] = [];

beforeAll(async () => {
  // Tokens live 2 s and the wait lasts about 4 s, so the service account's token expires mid-wait.
  simulator = await startSimulator({
    timeScale: 1,
    tokenTtlSeconds: 2,
    delays: { awsPendingAcceptanceMs: 2000, awsPendingMs: 2000, deletingMs: 500 },
  });
  proxy = await startRecordingProxy(simulator.baseUrl);
  const base = stackFor(simulator, exampleDir("aws"));
  // Engine and plugin log files go to TMPDIR; a folder of our own lets the scan read every one of them.
  logDir = join(base.stateDir, "tmp");
  mkdirSync(logDir, { recursive: true });
  stack = new PulumiStack({
    workspace: join(base.dir, "..", ".."),
    programSource: exampleDir("aws"),
    files: ["Pulumi.yaml", "index.ts"],
    name: base.dir.split("/").pop()!,
    env: { ...base.env, ...withoutCredentials(), TMPDIR: logDir },
  });
  const { groupId, endpointServices, serviceAccount } = simulator.seed;
  // Credentials only through stack config, as secrets; nothing in the environment.
  await stack.init(
    { groupId, endpointServiceId: endpointServices.AWS, vpcEndpointId, "mongodbatlas:baseUrl": proxy.baseUrl },
    { "mongodbatlas:clientId": serviceAccount.clientId, "mongodbatlas:clientSecret": serviceAccount.clientSecret },
  );
});

afterAll(async () => {
  await proxy?.close();
  await simulator?.close();
});

function record(what: string, result: CommandResult, expectSuccess = true): CommandResult {
  transcripts.push({ where: `${what} stdout`, text: result.stdout }, { where: `${what} stderr`, text: result.stderr });
  if (expectSuccess && result.code !== 0) throw new Error(`${what}: exit ${result.code ?? result.signal}\n${output(result).slice(-3000)}`);
  return result;
}

async function exportState(when: string): Promise<StackDeployment> {
  const { text, deployment } = await stack.exportState();
  stateExports.push({ where: `pulumi stack export ${when}`, text });
  return deployment;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? (name === "node_modules" || name === "plugins" ? [] : filesUnder(path)) : [path];
  });
}

test("pulumi up with a service account from secret stack config records the endpoint, renewing its token mid-wait", async () => {
  // Verbose engine logs (gRPC traffic, plugin output) go to files under TMPDIR and are scanned below.
  record("up (service account, -v=9)", await stack.up(["--logflow", "-v=9"]));
  expect(await simulatorEndpoints(simulator)).toEqual([expect.objectContaining({ endpointId: vpcEndpointId, status: "AVAILABLE" })]);
  expect(proxy.seen().accessTokens.length).toBeGreaterThanOrEqual(2);

  const deployment = await exportState("after up");
  const [endpoint] = dynamicResources(deployment);
  for (const serialized of [endpoint?.inputs?.__provider, endpoint?.outputs?.__provider]) {
    expect(String(serialized)).toContain('require("pulumi-atlas-private-endpoint/dist/provider/lifecycle.js")');
    expect(Buffer.byteLength(String(serialized))).toBeLessThan(16 * 1024);
  }
  // The engine keeps stack config in the default provider's inputs: the credentials are there, encrypted.
  const defaultProvider = (deployment.deployment.resources ?? []).find((r) => r.type === "pulumi:providers:pulumi-nodejs");
  for (const key of ["mongodbatlas:clientId", "mongodbatlas:clientSecret"]) {
    expect(defaultProvider?.inputs?.[key]).toEqual({ [SECRET_SIGNATURE]: expect.any(String), ciphertext: expect.any(String) });
  }
});

test("refresh and destroy use the credentials of the last pulumi up unless they run the program; a wrong private key fails naming the cause", async () => {
  await stack.run(["config", "rm", "mongodbatlas:clientId", "--stack", stack.stack]);
  await stack.run(["config", "rm", "mongodbatlas:clientSecret", "--stack", stack.stack]);
  await stack.setConfig("mongodbatlas:publicKey", simulator.seed.apiKey.publicKey, true);
  await stack.setConfig("mongodbatlas:privateKey", wrongPrivateKey, true);

  // Without the program the engine configures the provider from state: still the service account.
  const fromState = record("refresh (config from state)", await stack.refresh());
  expect(output(fromState)).toContain("obtained an OAuth access token");

  const refused = record("refresh --run-program (wrong private key)", await stack.refresh(["--run-program"]), false);
  expect(refused.code).not.toBe(0);
  expect(output(refused)).toMatch(/Atlas answered 401/);
  expect(dynamicResources(await exportState("after the refused refresh"))).toHaveLength(1);

  await stack.setConfig("mongodbatlas:privateKey", simulator.seed.apiKey.privateKey, true);
  record("destroy --run-program (API key)", await stack.destroy(["--run-program"]));
  expect(await simulatorEndpoints(simulator)).toEqual([]);
  expect(dynamicResources(await exportState("after destroy"))).toEqual([]);
  expect(proxy.seen().digestResponses.length).toBeGreaterThan(0);
});

test("no credential, client secret, token, Authorization value or digest response appears in state, backend files, logs or CLI output", () => {
  const { apiKey, serviceAccount } = simulator.seed;
  const seen = proxy.seen();
  const secrets: Secret[] = [
    { label: "API public key", value: apiKey.publicKey },
    { label: "API private key", value: apiKey.privateKey },
    { label: "wrong private key", value: wrongPrivateKey },
    { label: "service account client id", value: serviceAccount.clientId },
    { label: "service account client secret", value: serviceAccount.clientSecret },
    ...seen.accessTokens.map((value, i) => ({ label: `access token #${i + 1}`, value })),
    ...seen.digestResponses.map((value, i) => ({ label: `digest response #${i + 1}`, value })),
    ...seen.authorizations.map((value, i) => ({ label: `Authorization value #${i + 1}`, value })),
  ];
  const files = [...stack.backendFiles(), ...filesUnder(join(stack.stateDir, "home")), ...filesUnder(logDir), ...filesUnder(stack.dir)];
  const logFiles = filesUnder(logDir).filter((f) => /pulumi/.test(f));
  process.stderr.write(
    `[e2e] secret scan: ${secrets.length} values (${seen.accessTokens.length} tokens, ${seen.digestResponses.length} digest responses) ` +
      `over ${transcripts.length} CLI streams, ${stateExports.length} exports, ${files.length} files (${logFiles.length} engine log files)\n`,
  );
  expect(logFiles.length).toBeGreaterThan(0);
  const scanned: Scanned[] = [...transcripts, ...stateExports, ...files.map((path) => ({ where: path, text: readFileSync(path, "utf8") }))];
  // The scanner itself finds a planted value and a digest-shaped line.
  expect(findLeaks([{ where: "probe", text: `x${serviceAccount.clientSecret}x response="${"a".repeat(32)}"` }], secrets)).toHaveLength(2);
  expect(findLeaks(scanned, secrets)).toEqual([]);
});
