/**
 * The dialect matrix: the provider's lifecycle (create-wait-read-delete on each cloud), adoption
 * through 409 on each cloud, and a replacement, each against every way Atlas may answer beyond
 * the recorded default (simulator dialect, switched per test through /__simulator/dialect).
 * Every cell asserts what a user needs: the create converges to AVAILABLE with the endpoint in
 * state (never a thrown create without an id, never an orphan), read agrees, delete leaves nothing.
 */
import type { CloudProvider } from "../../provider/client";
import type { FaultSpec, RequestLogEntry } from "../../simulator";
import { HELD_DELAY, provider, PROVIDER_TEXT, useHarness } from "../support/provider-harness";

const harness = useHarness();

type Variation = {
  name: string;
  /** Clouds the variation means something for (default: all). */
  clouds?: CloudProvider[];
  /** Set up for the cell's cloud; a dialect patch and/or a config patch. */
  dialect?(cloud: CloudProvider): Record<string, unknown>;
  config?: Record<string, unknown>;
  /** Armed for the cell: answers the simulator gives a set number of times. */
  fault?: FaultSpec;
  /** GCP on the port-mapped service (one forwarding rule). */
  portMapped?: boolean;
  /** What the request log must show for the variation to have happened in the cell. */
  seen?(requests: RequestLogEntry[]): void;
  /** Statuses the simulator holds (HELD_MS) until the provider has read each, then moves past. */
  held?: string[];
};

/**
 * A phase the simulator holds until the test advances its clock by this much (wall-clock ms): the
 * provider meets it however slow the machine, and the cell does not wait it out.
 */

const endpointWrites = (requests: RequestLogEntry[], method: string) =>
  requests.filter((r) => r.method === method && /\/endpoint(\/|$)/.test(r.path) && r.auth !== "challenge");
/** The endpoint answers (not the services') the simulator gave, signed requests only. */
const endpointAnswers = (requests: RequestLogEntry[]) =>
  requests.filter((r) => /\/endpoint(\/[^/]+)?$/.test(r.path) && r.auth !== "challenge" && r.status >= 200 && r.status < 300);
const shapedBy = (requests: RequestLogEntry[], variation: string) =>
  endpointAnswers(requests).filter((r) => r.shapedBy?.includes(variation));

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
  // Held until the provider has read it (a short phase could slip between two polls unnoticed);
  // `seen` shows it did.
  {
    name: `an unknown status ${NEW_STATUS} in the cloud's sequence`,
    dialect: (cloud) => ({ extraStatus: { cloud, status: NEW_STATUS, lastsMs: HELD_DELAY } }),
    held: [NEW_STATUS],
    seen: (requests) =>
      expect(endpointAnswers(requests).filter((r) => r.method === "GET" && r.answeredStatus === NEW_STATUS).length).toBeGreaterThan(0),
  },
  {
    name: "the create answer without its status field",
    dialect: () => ({ omitCreateStatus: true }),
    seen: (requests) => {
      const creates = shapedBy(requests, "omitCreateStatus");
      expect(creates.length).toBeGreaterThan(0);
      expect(creates.every((r) => r.method === "POST" && r.answeredStatus === undefined)).toBe(true);
    },
  },
  {
    name: "unknown fields in every body",
    dialect: () => ({ extraFields: true }),
    seen: (requests) => {
      // Every endpoint answer the provider read carried them: its create, its polls, its read.
      expect(endpointAnswers(requests).filter((r) => r.method !== "DELETE").length).toBeGreaterThan(1);
      expect(endpointAnswers(requests).filter((r) => r.method !== "DELETE" && !r.shapedBy?.includes("extraFields"))).toEqual([]);
    },
  },
  // Counted, not timed: the first two reads after the create answer Atlas's 404, which the provider
  // rides out on its grace's floor of three looks however slow the machine. (A 150 ms window of the
  // simulator's eventualConsistencyMs raced the 300 ms grace: on one core a 404 sent just before the
  // window closed was read after the grace ended.)
  {
    name: "GET 404 on the first two reads after create (eventual consistency)",
    fault: { method: "GET", pathPattern: "/endpoint/[^/]+$", status: 404, errorCode: "PRIVATE_ENDPOINT_NOT_FOUND", count: 2 },
    seen: (requests) => {
      const reads = endpointWrites(requests, "GET");
      const firstRead = reads.filter((r) => r.path === reads[0]?.path).map((r) => r.status);
      expect(firstRead.slice(0, 3)).toEqual([404, 404, 200]);
    },
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
  // DELETING and DELETED each last deletingMs: held until the provider has read each (by default
  // 30 ms here, shorter than one poll).
  {
    name: "GCP DELETED before the 404",
    clouds: ["GCP"],
    dialect: () => ({ gcpDeletedBeforeGone: true }),
    config: { delays: { deletingMs: HELD_DELAY } },
    held: ["DELETING", "DELETED"],
    seen: (requests) =>
      expect(endpointAnswers(requests).filter((r) => r.method === "GET" && r.answeredStatus === "DELETED").length).toBeGreaterThan(0),
  },
  {
    name: "port-mapped GCP answering with the group's own name",
    clouds: ["GCP"],
    portMapped: true,
    dialect: () => ({ portMappedEndpointName: true }),
    seen: (requests) => expect(shapedBy(requests, "portMappedEndpointName").filter((r) => r.method === "GET").length).toBeGreaterThan(0),
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
  if (variation.fault) await harness.fault(variation.fault);
  if (variation.dialect) await setDialect(variation.dialect(cloud));
  if (variation.held) harness.releaseHeldPhases(variation.held);
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
