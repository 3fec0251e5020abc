/**
 * The real-Atlas lane: scenarios a maintainer with an Atlas project runs before a release, each through
 * the real `pulumi` CLI with the packed tarball, as a user's program runs. The same code runs in
 * `npm test` against the simulator (test/e2e/atlas-lane.test.ts), so it cannot rot.
 *
 * Everything a run creates carries the lane's mark (names.ts) and is removed by the run itself, even
 * when a scenario fails; what a killed run leaves is for `npm run atlas:sweep`.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtlasClient, DEFAULT_BASE_URL, type EndpointRef, isAtlasNotFound, type ServiceRef } from "../../provider/client";
import { ENV_KEYS, TIME_SCALE_ENV } from "../../provider/host/connection";
import type { CommandResult } from "../lib/run-command";
import { dynamicResources, mustSucceed, packPackage, prepareWorkspace, PulumiStack } from "../lib/pulumi-workspace";
import { LANE_NAME_PREFIX, laneEndpointId, newRunId } from "./names";
import { startRecorder, type Recorder } from "./recorder";
import { type LaneSettings, readSettings, REAL_AWS_ENDPOINT_ENV } from "./settings";
// The project's one secret scan, so the lane checks what it wrote by the same rules as the tests.
import { findLeaks, type Secret } from "../../test/support/secret-scan";

export interface LaneOptions {
  /** Where credentials, the project and the optional ids come from; also passed to every pulumi run. */
  env: NodeJS.ProcessEnv;
  /** `--record DIR`: write every exchange with Atlas there (recorder.ts). */
  record?: string;
  /** A folder whose node_modules already holds the packed package (the e2e setup's); packed here otherwise. */
  workspace?: string;
  /** Run only these scenarios. */
  only?: string[];
  log?: (line: string) => void;
}

export type Outcome = "passed" | "failed" | "skipped";

export interface ScenarioResult {
  name: string;
  outcome: Outcome;
  /** What it saw (passed), why it failed, or why it was skipped: one line. */
  detail: string;
  ms: number;
}

export interface LaneResult {
  runId: string;
  results: ScenarioResult[];
  /** Files the recorder wrote, relative to the record folder. */
  recordings: string[];
  /** Every CLI transcript and lane log line, for the secret scan. */
  transcripts: { where: string; text: string }[];
  /** Every file the Pulumi backends wrote (state, history, backups). */
  stateFiles: string[];
  /** What the run's own cleanup could not remove (should be empty). */
  leftovers: string[];
  /** Secret scan findings (label and place, never the value); a recording with a finding is deleted. */
  leaks: string[];
}

class LaneError extends Error {}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new LaneError(message);
}

export class LaneContext {
  readonly transcripts: { where: string; text: string }[] = [];
  readonly stacks: PulumiStack[] = [];
  /** Endpoints this run registered: removed at the end whatever happened. */
  readonly endpoints = new Map<string, EndpointRef>();
  service!: ServiceRef;
  createdService = false;
  readonly pollMs: number;

  constructor(
    readonly settings: LaneSettings,
    readonly client: AtlasClient,
    readonly runId: string,
    readonly workspace: string,
    readonly stackEnv: NodeJS.ProcessEnv,
    readonly log: (line: string) => void,
    readonly recorder: Recorder | undefined,
  ) {
    const scale = Number(stackEnv[TIME_SCALE_ENV] ?? "1") || 1;
    this.pollMs = Math.max(20, Math.round(5000 * scale));
  }

  newStack(scenario: string, program: "endpoint" | "endpoint-service"): PulumiStack {
    const stack = new PulumiStack({
      workspace: this.workspace,
      programSource: join(__dirname, "programs", program),
      files: ["Pulumi.yaml", "index.ts"],
      name: `${LANE_NAME_PREFIX}-${this.runId}-${scenario}`,
      env: this.stackEnv,
    });
    this.stacks.push(stack);
    return stack;
  }

  async cli(stack: PulumiStack, what: string, pending: Promise<CommandResult>): Promise<CommandResult> {
    const result = await pending;
    this.transcripts.push({ where: `${stack.dir} ${what}`, text: `${result.stdout}\n${result.stderr}` });
    return result;
  }

  endpointRef(endpointId: string): EndpointRef {
    const ref = { ...this.service, endpointId };
    this.endpoints.set(endpointId, ref);
    return ref;
  }

  newEndpointId(): string {
    return laneEndpointId();
  }

  /** Polls until Atlas answers 404 for the endpoint. */
  waitEndpointGone(ref: EndpointRef, timeoutMs = 15 * 60_000): Promise<void> {
    return this.waitGone(() => this.client.getPrivateEndpoint(ref), `endpoint ${ref.endpointId}`, timeoutMs);
  }

  /** Polls until Atlas answers 404 for the service (it shows DELETING after its 202 until then). */
  waitServiceGone(ref: ServiceRef, timeoutMs = 15 * 60_000): Promise<void> {
    return this.waitGone(() => this.client.getEndpointService(ref), `endpoint service ${ref.endpointServiceId}`, timeoutMs);
  }

  private async waitGone(read: () => Promise<unknown>, what: string, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        await read();
      } catch (error) {
        if (isAtlasNotFound(error)) return;
        throw error;
      }
      expect(Date.now() < until, `${what} still answers after ${Math.round(timeoutMs / 1000)} s`);
      await sleep(this.pollMs);
    }
  }
}

export interface Scenario {
  name: string;
  /** Why it cannot run here, or undefined. */
  skip?: (ctx: LaneContext) => string | undefined;
  run: (ctx: LaneContext) => Promise<string>;
}

/**
 * The statuses the provider's wait reported for one endpoint (`<what>: X, waiting for ...`, then
 * `<what>: X -> Y after ...`), in order; the CLI repeats diagnostics at the end, so each change counts once.
 */
function statusesIn(text: string, endpointId: string): string[] {
  const lines = text.split("\n").filter((line) => line.includes(endpointId));
  const seen: string[] = [];
  for (const line of lines) {
    const first = /: ([A-Z_]+), waiting for /.exec(line);
    if (first && seen.length === 0) seen.push(first[1]!);
    const change = /\b([A-Z_]+) -> ([A-Z_]+) after /.exec(line);
    if (change && seen[seen.length - 1] === change[1] && !seen.includes(change[2]!)) seen.push(change[2]!);
  }
  return seen;
}

async function stackResources(ctx: LaneContext, stack: PulumiStack) {
  const { deployment, text } = await stack.exportState();
  ctx.transcripts.push({ where: `${stack.dir} state export`, text });
  return dynamicResources(deployment);
}

async function endpointStack(ctx: LaneContext, scenario: string, endpointId: string, extra: Record<string, string> = {}) {
  const stack = ctx.newStack(scenario, "endpoint");
  await stack.init({ groupId: ctx.settings.groupId, endpointServiceId: ctx.service.endpointServiceId, endpointId, ...extra });
  return stack;
}

async function destroyAndWaitGone(ctx: LaneContext, stack: PulumiStack, ref: EndpointRef): Promise<number> {
  const started = Date.now();
  const destroy = await ctx.cli(stack, "destroy", stack.destroy());
  expect(destroy.code === 0, `pulumi destroy exited ${destroy.code}: ${lastLines(destroy)}`);
  await ctx.waitEndpointGone(ref);
  return Date.now() - started;
}

export const SCENARIOS: Scenario[] = [
  {
    name: "rejected-registration",
    async run(ctx) {
      const endpointId = ctx.newEndpointId();
      const ref = ctx.endpointRef(endpointId);
      const stack = await endpointStack(ctx, "rejected", endpointId);
      const up = await ctx.cli(stack, "up", stack.up());
      const text = `${up.stdout}\n${up.stderr}`;
      expect(up.code !== 0, "pulumi up succeeded for an AWS endpoint id that does not exist in AWS");
      const endpoint = await ctx.client.getPrivateEndpoint(ref);
      const message = endpoint.errorMessage;
      expect(
        message,
        `Atlas holds the endpoint with status ${endpoint.cloudProvider === "AWS" ? endpoint.connectionStatus : "?"} but no errorMessage`,
      );
      expect(text.includes(message), `pulumi up did not show Atlas's errorMessage ${JSON.stringify(message)}: ${lastLines(up)}`);
      const held = await stackResources(ctx, stack);
      expect(
        held.length === 1,
        `the stack holds ${held.length} endpoints after the failed create, not 1 (after Atlas said yes, state must hold it)`,
      );
      const statuses = statusesIn(text, endpointId);
      await destroyAndWaitGone(ctx, stack, ref);
      return `Atlas failed it: ${JSON.stringify(message)}; statuses seen: ${statuses.join(" -> ")}; destroyed, 404 after`;
    },
  },
  {
    name: "adopt-after-409",
    async run(ctx) {
      const endpointId = ctx.newEndpointId();
      const ref = ctx.endpointRef(endpointId);
      // The first registration, as another stack or an earlier run would have made it.
      await ctx.client.createPrivateEndpoint(ctx.service, { cloudProvider: "AWS", id: endpointId });
      const stack = await endpointStack(ctx, "adopt", endpointId);
      const up = await ctx.cli(stack, "up", stack.up());
      const held = await stackResources(ctx, stack);
      expect(held.length === 1, `the stack holds ${held.length} endpoints after the 409, not 1: ${lastLines(up)}`);
      expect(
        held[0]!.outputs?.adopted === true,
        `the stack's endpoint is not marked adopted (outputs.adopted=${JSON.stringify(held[0]!.outputs?.adopted)})`,
      );
      const refresh = await ctx.cli(stack, "refresh", stack.refresh());
      expect(refresh.code === 0, `pulumi refresh exited ${refresh.code}: ${lastLines(refresh)}`);
      const afterRefresh = await stackResources(ctx, stack);
      expect(afterRefresh.length === 1, "pulumi refresh dropped the adopted endpoint from the stack");
      const ms = await destroyAndWaitGone(ctx, stack, ref);
      return `409 adopted (up exited ${up.code}, status ${String(held[0]!.outputs?.connectionStatus)}); refresh kept it; destroy to 404 in ${ms} ms`;
    },
  },
  {
    name: "create-deadline",
    async run(ctx) {
      const endpointId = ctx.newEndpointId();
      const ref = ctx.endpointRef(endpointId);
      const stack = await endpointStack(ctx, "deadline", endpointId, { createTimeout: "1s", deleteOnCreateTimeout: "true" });
      const up = await ctx.cli(stack, "up", stack.up());
      const text = `${up.stdout}\n${up.stderr}`;
      expect(up.code !== 0, "pulumi up succeeded within a 1 s create deadline");
      expect(/deleteOnCreateTimeout/.test(text), `pulumi up did not say it deleted the endpoint at the deadline: ${lastLines(up)}`);
      const held = await stackResources(ctx, stack);
      expect(held.length === 0, `the stack holds ${held.length} endpoints after deleteOnCreateTimeout deleted it`);
      await ctx.waitEndpointGone(ref);
      return "the 1 s deadline passed, the endpoint was deleted from Atlas (404) and the stack holds nothing";
    },
  },
  {
    name: "endpoint-service",
    async run(ctx) {
      const region = ctx.settings.serviceRegion;
      const first = ctx.newStack("service-a", "endpoint-service");
      await first.init({ groupId: ctx.settings.groupId, region });
      const up = await ctx.cli(first, "up", first.up());
      expect(up.code === 0, `pulumi up of the EndpointService exited ${up.code}: ${lastLines(up)}`);
      const created = await first.outputs();
      expect(created.adopted === false, `the first stack adopted a service in ${region}: the region must be one the project does not use`);
      const serviceId = String(created.endpointServiceId);
      const second = ctx.newStack("service-b", "endpoint-service");
      await second.init({ groupId: ctx.settings.groupId, region });
      const upB = await ctx.cli(second, "up", second.up());
      expect(upB.code === 0, `pulumi up of the second stack exited ${upB.code}: ${lastLines(upB)}`);
      const adopted = await second.outputs();
      expect(
        adopted.adopted === true && adopted.endpointServiceId === serviceId,
        `the second stack did not adopt service ${serviceId}: ${JSON.stringify(adopted)}`,
      );
      const destroyB = await ctx.cli(second, "destroy", second.destroy());
      expect(destroyB.code === 0, `pulumi destroy of the adopting stack exited ${destroyB.code}`);
      const ref = { groupId: ctx.settings.groupId, cloudProvider: "AWS" as const, endpointServiceId: serviceId };
      await ctx.client.getEndpointService(ref); // still there: the adopting stack leaves it
      const destroyA = await ctx.cli(first, "destroy", first.destroy());
      expect(destroyA.code === 0, `pulumi destroy of the creating stack exited ${destroyA.code}: ${lastLines(destroyA)}`);
      const listed = await ctx.client.listEndpointServices({ groupId: ctx.settings.groupId, cloudProvider: "AWS" });
      expect(!listed.some((service) => service.id === serviceId), `service ${serviceId} is still listed after its stack's destroy`);
      return `created in ${region}, adopted by a second stack, left by its destroy, deleted by the first's`;
    },
  },
  {
    name: "real-aws-endpoint",
    skip: (ctx) =>
      ctx.settings.realAwsEndpointId ? undefined : `needs ${REAL_AWS_ENDPOINT_ENV}, a real VPC endpoint to the lane region's service`,
    async run(ctx) {
      const endpointId = ctx.settings.realAwsEndpointId!;
      const ref = ctx.endpointRef(endpointId);
      const stack = await endpointStack(ctx, "real", endpointId);
      const started = Date.now();
      const up = await ctx.cli(stack, "up", stack.up());
      expect(up.code === 0, `pulumi up exited ${up.code}: ${lastLines(up)}`);
      const outputs = await stack.outputs();
      expect(outputs.connectionStatus === "AVAILABLE", `connectionStatus is ${JSON.stringify(outputs.connectionStatus)}, not AVAILABLE`);
      const upMs = Date.now() - started;
      const again = await ctx.cli(stack, "up --expect-no-changes", stack.up(["--expect-no-changes"]));
      expect(again.code === 0, `a second pulumi up found changes: ${lastLines(again)}`);
      const refresh = await ctx.cli(stack, "refresh", stack.refresh(["--expect-no-changes"]));
      expect(refresh.code === 0, `pulumi refresh found changes: ${lastLines(refresh)}`);
      const ms = await destroyAndWaitGone(ctx, stack, ref);
      return `AVAILABLE after ${upMs} ms; no changes on up and refresh; destroy to 404 in ${ms} ms`;
    },
  },
];

export async function runLane(options: LaneOptions): Promise<LaneResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const settings = readSettings(options.env);
  const runId = newRunId();
  const upstream = settings.connection.baseUrl ?? DEFAULT_BASE_URL;
  const credentials = settings.connection.credentials;
  const secretValues =
    credentials.kind === "apiKey" ? [credentials.publicKey, credentials.privateKey] : [credentials.clientId, credentials.clientSecret];
  const recorder = options.record
    ? await startRecorder({
        upstreamBaseUrl: upstream,
        dir: options.record,
        groupId: settings.groupId,
        secrets: secretValues,
        realIds: settings.realAwsEndpointId ? [settings.realAwsEndpointId] : [],
      })
    : undefined;
  const baseUrl = recorder?.baseUrl ?? upstream;
  const logLines: string[] = [];
  const say = (line: string) => {
    logLines.push(line);
    log(line);
  };
  const client = new AtlasClient({ credentials, baseUrl, log: say });
  const workspace = options.workspace ?? (await prepareWorkspace(await packPackage(mkdtempSync(join(tmpdir(), "atlas-lane-pack-")))));
  // PULUMI_NODEJS_TRANSPILE_ONLY: the e2e run type-checks the lane's programs once (test/e2e/programs.test.ts).
  const passThrough = Object.fromEntries(
    [...Object.values(ENV_KEYS).flat(), TIME_SCALE_ENV, "PULUMI_ATLAS_PE_PACING", "PULUMI_NODEJS_TRANSPILE_ONLY"].map((name) => [
      name,
      options.env[name] ?? "",
    ]),
  );
  const stackEnv = { ...passThrough, MONGODB_ATLAS_BASE_URL: baseUrl, MCLI_OPS_MANAGER_URL: "" };
  const ctx = new LaneContext(settings, client, runId, workspace, stackEnv, say, recorder);
  const results: ScenarioResult[] = [];
  const leftovers: string[] = [];
  say(
    `atlas lane ${runId}: project ${mask(settings.groupId)}, ${upstream}, AWS region ${settings.region}${recorder ? `, recording into ${options.record}` : ""}`,
  );
  try {
    recorder?.scenario("setup");
    await laneService(ctx);
    for (const scenario of SCENARIOS) {
      if (options.only && !options.only.includes(scenario.name)) continue;
      const started = Date.now();
      const reason = scenario.skip?.(ctx);
      if (reason) {
        results.push({ name: scenario.name, outcome: "skipped", detail: reason, ms: 0 });
        say(`SKIP ${scenario.name}: ${reason}`);
        continue;
      }
      recorder?.scenario(scenario.name);
      say(`RUN  ${scenario.name}`);
      try {
        const detail = await scenario.run(ctx);
        results.push({ name: scenario.name, outcome: "passed", detail, ms: Date.now() - started });
        say(`PASS ${scenario.name} (${Date.now() - started} ms): ${detail}`);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        results.push({ name: scenario.name, outcome: "failed", detail, ms: Date.now() - started });
        say(`FAIL ${scenario.name} (${Date.now() - started} ms): ${detail}`);
      }
    }
  } finally {
    recorder?.scenario("cleanup");
    leftovers.push(...(await cleanUp(ctx)));
    await recorder?.close();
  }
  const transcripts = [...ctx.transcripts, { where: "lane log", text: logLines.join("\n") }];
  const stateFiles = ctx.stacks.flatMap((stack) => stack.backendFiles());
  const credentialSecrets = secretValues.map((value, index) => ({ label: `credential #${index}`, value }));
  const ids = [
    { label: "project id", value: settings.groupId },
    ...(settings.realAwsEndpointId ? [{ label: "real endpoint id", value: settings.realAwsEndpointId }] : []),
  ];
  const leaks = [
    ...findLeaks(transcripts, credentialSecrets),
    ...findLeaks(
      stateFiles.map((file) => ({ where: `state ${file}`, text: readFileSync(file, "utf8") })),
      credentialSecrets,
    ),
  ];
  const recordings: string[] = [];
  for (const file of recorder?.files() ?? []) {
    const path = join(options.record!, file);
    const found = scanRecording(file, readFileSync(path, "utf8"), [...credentialSecrets, ...ids]);
    if (found.length === 0) recordings.push(file);
    else {
      rmSync(path);
      leaks.push(...found.map((finding) => `${finding} (file deleted)`));
    }
  }
  for (const leak of leaks) say(`SECRET SCAN: ${leak}`);
  return { runId, results, recordings, transcripts, stateFiles, leftovers, leaks };
}

/** The AWS endpoint service the registrations use: the project's one in the lane region, created when there is none. */
async function laneService(ctx: LaneContext): Promise<void> {
  const { groupId, region } = ctx.settings;
  const norm = (text: string | undefined) => (text ?? "").toUpperCase().replace(/-/g, "_");
  const services = await ctx.client.listEndpointServices({ groupId, cloudProvider: "AWS" });
  let service = services.find((candidate) => norm(candidate.regionName) === norm(region));
  if (service?.status === "DELETING" && service.id) {
    // An earlier run's cleanup or a sweep is removing it: a new one can only be made once it is gone.
    await ctx.waitServiceGone({ groupId, cloudProvider: "AWS", endpointServiceId: service.id });
    service = undefined;
  }
  if (!service) {
    service = await ctx.client.createEndpointService({ groupId }, { providerName: "AWS", region });
    ctx.createdService = true;
    ctx.log(`created the lane's AWS endpoint service in ${region}`);
  }
  expect(service.id, `Atlas answered the lane's endpoint service in ${region} without an id`);
  ctx.service = { groupId, cloudProvider: "AWS", endpointServiceId: service.id };
  const until = Date.now() + 20 * 60_000;
  while (service.status !== "AVAILABLE") {
    expect(service.status !== "FAILED", `the lane's endpoint service in ${region} FAILED: ${service.errorMessage ?? "no message"}`);
    expect(Date.now() < until, `the lane's endpoint service in ${region} is still ${service.status} after 20 min`);
    await sleep(ctx.pollMs);
    service = await ctx.client.getEndpointService(ctx.service);
  }
}

/** Destroys every stack still holding something, deletes every endpoint of this run, then the service it created. */
async function cleanUp(ctx: LaneContext): Promise<string[]> {
  const leftovers: string[] = [];
  for (const stack of ctx.stacks) {
    try {
      const held = dynamicResources((await stack.exportState()).deployment);
      if (held.length > 0) await mustSucceed(ctx.cli(stack, "cleanup destroy", stack.destroy()), "pulumi destroy (cleanup)");
    } catch (error) {
      leftovers.push(`stack ${stack.stack} in ${stack.dir}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
  }
  if (!ctx.service) return leftovers;
  for (const ref of ctx.endpoints.values()) {
    try {
      const endpoint = await ctx.client.getPrivateEndpoint(ref);
      const status = endpoint.cloudProvider === "AWS" ? endpoint.connectionStatus : undefined;
      if (status !== "DELETING") await ctx.client.deletePrivateEndpoint(ref);
      ctx.log(`cleanup: deleting endpoint ${ref.endpointId}, left by a scenario`);
      await ctx.waitEndpointGone(ref);
    } catch (error) {
      if (!isAtlasNotFound(error)) leftovers.push(`endpoint ${ref.endpointId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (ctx.createdService && leftovers.length === 0) {
    try {
      await ctx.client.deleteEndpointService(ctx.service);
      await ctx.waitServiceGone(ctx.service);
      ctx.log(`cleanup: deleted the lane's endpoint service in ${ctx.settings.region}`);
    } catch (error) {
      if (!isAtlasNotFound(error))
        leftovers.push(`endpoint service ${ctx.service.endpointServiceId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return leftovers;
}

/**
 * A recorded 401 carries Atlas's digest challenge (`Digest realm=...`), which the scan's credential
 * shapes would flag: its values must be masked, and the rest of the file is scanned as any text.
 */
export function scanRecording(file: string, text: string, secrets: Secret[]): string[] {
  const findings: string[] = [];
  for (const line of text.split("\n").filter((l) => /^Www-Authenticate:/i.test(l))) {
    if (/\b(nonce|opaque|response|cnonce)="(?!<masked>")/.test(line))
      findings.push(`an unmasked digest challenge value in recording ${file}`);
  }
  return [...findings, ...findLeaks([{ where: `recording ${file}`, text: text.replace(/^Www-Authenticate:.*$/gim, "") }], secrets)];
}

function lastLines(result: CommandResult, lines = 8): string {
  return `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-lines).join(" | ");
}

/** The project id in a log line: enough to recognise it, not to copy it. */
function mask(id: string): string {
  return `${id.slice(0, 4)}…`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
