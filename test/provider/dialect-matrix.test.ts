/**
 * The dialect matrix: the provider's lifecycle (create-wait-read-delete on each cloud), adoption
 * through 409 on each cloud, and a replacement, each against every way Atlas may answer beyond
 * the recorded default (simulator dialect, switched per test through /__simulator/dialect).
 * Every cell asserts what a user needs: the create converges to AVAILABLE with the endpoint in
 * state (never a thrown create without an id, never an orphan), read agrees, delete leaves nothing.
 */
import type { CloudProvider } from "../../provider/client";
import type { RequestLogEntry } from "../../simulator";
import { provider, PROVIDER_TEXT, useHarness } from "../support/provider-harness";

const harness = useHarness();

type Variation = {
  name: string;
  /** Clouds the variation means something for (default: all). */
  clouds?: CloudProvider[];
  /** Set up for the cell's cloud; a dialect patch and/or a config patch. */
  dialect?(cloud: CloudProvider): Record<string, unknown>;
  config?: Record<string, unknown>;
  /** GCP on the port-mapped service (one forwarding rule). */
  portMapped?: boolean;
  /** What the request log must show for the variation to have happened in the cell. */
  seen?(requests: RequestLogEntry[]): void;
};

const endpointWrites = (requests: RequestLogEntry[], method: string) =>
  requests.filter((r) => r.method === method && /\/endpoint(\/|$)/.test(r.path) && r.auth !== "challenge");

/** The status a test picks for "a status today's clients do not know". */
const NEW_STATUS = "PENDING_SECURITY_REVIEW";

const VARIATIONS: Variation[] = [
  { name: "recorded default" },
  {
    name: "endpoint create answers 201",
    dialect: () => ({ endpointCreateStatus: 201 }),
    seen: (requests) => expect(endpointWrites(requests, "POST").map((r) => r.status)).toContain(201),
  },
  {
    name: "endpoint delete answers 202 {}",
    dialect: () => ({ endpointDeleteStatus: 202 }),
    seen: (requests) => expect(endpointWrites(requests, "DELETE").map((r) => r.status)).toContain(202),
  },
  {
    name: `an unknown status ${NEW_STATUS} in the cloud's sequence`,
    dialect: (cloud) => ({ extraStatus: { cloud, status: NEW_STATUS, lastsMs: 5000 } }),
  },
  { name: "the create answer without its status field", dialect: () => ({ omitCreateStatus: true }) },
  { name: "unknown fields in every body", dialect: () => ({ extraFields: true }) },
  // 150 ms at the test time scale: longer than the provider's first poll, and well inside its 300 ms
  // grace (a window as long as the grace races it: on one core a 404 sent just before the window
  // closed was read just after the grace ended).
  {
    name: "GET 404 for a while after create (eventual consistency)",
    config: { eventualConsistencyMs: 15_000 },
    seen: (requests) => expect(endpointWrites(requests, "GET").some((r) => r.status === 404)).toBe(true),
  },
  {
    name: "write processed, connection dropped (answer lost)",
    dialect: () => ({ answerLost: "drop" }),
    seen: (requests) => expect(requests.filter((r) => r.answerLost).map((r) => r.status)).toContain(0),
  },
  {
    name: "write processed, gateway 502 (answer lost)",
    dialect: () => ({ answerLost: "502" }),
    seen: (requests) => expect(requests.filter((r) => r.answerLost).map((r) => r.status)).toContain(502),
  },
  { name: "GCP DELETED before the 404", clouds: ["GCP"], dialect: () => ({ gcpDeletedBeforeGone: true }) },
  {
    name: "port-mapped GCP answering with the group's own name",
    clouds: ["GCP"],
    portMapped: true,
    dialect: () => ({ portMappedEndpointName: true }),
  },
];

const CLOUDS: CloudProvider[] = ["AWS", "AZURE", "GCP"];

async function setDialect(patch: Record<string, unknown> | null): Promise<void> {
  await harness.control.dialect(patch);
}

afterEach(async () => {
  await setDialect(null);
});

function argsFor(cloud: CloudProvider, variation: Variation): Record<string, unknown> {
  switch (cloud) {
    case "AWS":
      return harness.awsArgs();
    case "AZURE":
      return harness.azureArgs();
    case "GCP":
      return variation.portMapped
        ? harness.gcpArgs({ endpointServiceId: harness.seed.endpointServices.GCP_PORT_MAPPED }, 1)
        : harness.gcpArgs();
  }
}

/** The Atlas endpoint id as the simulator lists it. */
const atlasIdOf = (args: Record<string, unknown>) => String(args.cloudProvider === "GCP" ? args.endpointGroupName : args.endpointId);
const statusOf = (outs: Record<string, unknown>) => outs.connectionStatus ?? outs.status;
const inSimulator = async (args: Record<string, unknown>) =>
  (await harness.endpoints()).filter((e) => e.endpointId.toLowerCase() === atlasIdOf(args).toLowerCase());

async function arm(variation: Variation, cloud: CloudProvider): Promise<void> {
  await harness.clearRequests();
  if (variation.config) await harness.config(variation.config);
  if (variation.dialect) await setDialect(variation.dialect(cloud));
}

async function createConverged(args: Record<string, unknown>) {
  const created = await harness.observe(provider.create(await harness.checked(args)));
  expect(created.id).toEqual(expect.any(String));
  expect(statusOf(created.outs)).toBe("AVAILABLE");
  const present = await inSimulator(args);
  expect(present.map((e) => [e.status, e.deleteRequested])).toEqual([["AVAILABLE", false]]);
  return created;
}

async function deleteConverged(created: { id: string; outs?: Record<string, unknown> }, args: Record<string, unknown>) {
  await harness.observe(provider.delete(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
  // A GCP group may linger as DELETED before the 404: that is deleted too.
  expect((await inSimulator(args)).filter((e) => e.status !== "DELETED")).toEqual([]);
}

describe.each(VARIATIONS.map((variation) => [variation.name, variation] as const))("dialect: %s", (_, variation) => {
  const clouds = variation.clouds ?? CLOUDS;

  test.each(clouds)("%s: create waits to AVAILABLE, read agrees, delete leaves nothing", async (cloud) => {
    await arm(variation, cloud);
    const args = argsFor(cloud, variation);
    const created = await createConverged(args);
    const read = await harness.observe(provider.read(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
    expect(read.id).toBe(created.id);
    expect(statusOf(read.props as Record<string, unknown>)).toBe("AVAILABLE");
    await deleteConverged(created, args);
    variation.seen?.(await harness.requests());
  });

  test.each(clouds)("%s: a create that meets 409 adopts the existing endpoint, leaving one", async (cloud) => {
    await arm(variation, cloud);
    const args = argsFor(cloud, variation);
    const existing = await createConverged(args);
    const adopted = await harness.observe(provider.create(await harness.checked(args)));
    expect(adopted.id).toBe(existing.id);
    expect(adopted.outs).toMatchObject({ adopted: true });
    expect(statusOf(adopted.outs)).toBe("AVAILABLE");
    expect(await inSimulator(args)).toHaveLength(1);
    await deleteConverged(adopted, args);
    variation.seen?.(await harness.requests());
  });

  test(`${clouds[0]}: a replacement creates the new endpoint, then deletes the old one`, async () => {
    const cloud = clouds[0]!;
    await arm(variation, cloud);
    const oldArgs = argsFor(cloud, variation);
    const old = await createConverged(oldArgs);
    const newArgs = argsFor(cloud, variation);
    const diff = await provider.diff(old.id, { ...old.outs, __provider: PROVIDER_TEXT }, await harness.checked(newArgs));
    expect(diff.replaces?.length).toBeGreaterThan(0);
    expect(diff.deleteBeforeReplace).toBe(false);
    const replacement = await createConverged(newArgs);
    await deleteConverged(old, oldArgs);
    expect(await inSimulator(newArgs)).toHaveLength(1);
    await deleteConverged(replacement, newArgs);
    variation.seen?.(await harness.requests());
  });
});
