/**
 * The resources as the shared-lifecycle tests drive them: how to declare one, which provider runs
 * it, the GET that reads it, and the simulator phase that holds it before it is ready. A rule of the
 * shared lifecycle is tested on every subject, so a resource that lost it fails by name.
 */
import type { TransitionDelays } from "../../simulator";
import { ResourceInitError } from "../../provider";
import { connectToAtlas } from "../../provider/host/connection";
import { dataFederationProvider, HELD_DELAY, provider, serviceProvider, streamLinkProvider, type Harness } from "./provider-harness";
import { streamLinkArgs } from "./stream-private-links";

export interface LifecycleSubject {
  name: "PrivateEndpoint" | "EndpointService" | "DataFederationEndpoint" | "StreamPrivateLink";
  provider: typeof provider;
  /** Args for a fresh one (`n` keeps several in one test file apart: a service's region). */
  args(harness: Harness, n: number): Record<string, unknown>;
  /** Inputs as the engine passes them to create. */
  checked(harness: Harness, args: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The path pattern of the GET that reads one (and of its DELETE). */
  path(args: Record<string, unknown>): string;
  /** The create's POST. */
  createPath: RegExp;
  /** What the search after a lost create answer reads: the object the inputs name, or a list. */
  searchPath: RegExp;
  /** The create reads `searchPath` once before its POST (a list, to tell what appeared since). */
  searchesBeforeCreate: boolean;
  /** The phase a fresh one is held in before it is ready, and the delay that holds it. */
  held: { status: string; delay: keyof TransitionDelays };
  /** What Atlas holds that `args` declare (to show nothing was left behind). */
  inAtlas(harness: Harness, args: Record<string, unknown>): Promise<unknown[]>;
}

/** AWS regions no other test in a file that uses these subjects should take. */
const SERVICE_REGIONS = [
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-northeast-2",
  "ap-northeast-3",
  "eu-central-2",
  "ca-west-1",
];

export const LIFECYCLE_SUBJECTS: LifecycleSubject[] = [
  {
    name: "PrivateEndpoint",
    provider,
    args: (harness) => harness.awsArgs(),
    checked: (harness, args) => harness.checked(args),
    path: (args) => `/endpoint/${String(args.endpointId)}$`,
    createPath: /\/endpoint$/,
    searchPath: /\/endpoint\/vpce-[0-9a-f]{17}$/,
    searchesBeforeCreate: false,
    held: { status: "PENDING_ACCEPTANCE", delay: "awsPendingAcceptanceMs" },
    inAtlas: async (harness, args) => (await harness.endpoints()).filter((endpoint) => endpoint.endpointId === args.endpointId),
  },
  {
    name: "EndpointService",
    provider: serviceProvider,
    args: (harness, n) => {
      const region = SERVICE_REGIONS[n];
      if (!region) throw new Error(`lifecycle-subjects: no service region number ${n}; add one`);
      return { groupId: harness.seed.groupId, region };
    },
    checked: (harness, args) => harness.checkedService(args),
    path: () => "/privateEndpoint/AWS/endpointService/[0-9a-f]{24}$",
    createPath: /\/privateEndpoint\/endpointService$/,
    searchPath: /\/privateEndpoint\/AWS\/endpointService$/,
    searchesBeforeCreate: true,
    held: { status: "INITIATING", delay: "endpointServiceInitiatingMs" },
    inAtlas: async (harness, args) => {
      const services = await connectToAtlas().listEndpointServices({ groupId: harness.seed.groupId, cloudProvider: "AWS" });
      const regionName = String(args.region).toUpperCase().replace(/-/g, "_");
      return services.filter((service) => service.regionName === regionName);
    },
  },
  {
    name: "DataFederationEndpoint",
    provider: dataFederationProvider,
    args: (harness) => harness.dataFederationArgs(),
    checked: (harness, args) => harness.checkedDataFederation(args),
    path: (args) => `/privateNetworkSettings/endpointIds/${String(args.endpointId)}$`,
    createPath: /\/privateNetworkSettings\/endpointIds$/,
    searchPath: /\/privateNetworkSettings\/endpointIds\/vpce-[0-9a-f]{17}$/,
    searchesBeforeCreate: false,
    held: { status: "PENDING", delay: "dataFederationPendingMs" },
    inAtlas: async (harness, args) =>
      (await harness.control.dataFederationEndpoints()).filter((entry) => entry.endpointId === args.endpointId),
  },
  {
    name: "StreamPrivateLink",
    provider: streamLinkProvider,
    args: (harness) => streamLinkArgs(harness.seed.groupId, "AWS", "MSK"),
    checked: (harness, args) => harness.checkedStreamLink(args),
    path: () => "/streams/privateLinkConnections/[0-9a-f]{24}$",
    createPath: /\/streams\/privateLinkConnections$/,
    searchPath: /\/streams\/privateLinkConnections$/,
    searchesBeforeCreate: true,
    held: { status: "IDLE", delay: "streamLinkIdleMs" },
    inAtlas: async (harness, args) => {
      const links = await connectToAtlas().listStreamPrivateLinks({ groupId: harness.seed.groupId });
      return links.filter((link) => link.arn === args.arn);
    },
  },
];

/** One whose create deadline passed while Atlas still held it: recorded as still being created. */
export async function stillBeingCreated(harness: Harness, subject: LifecycleSubject, n: number) {
  await harness.delays({ [subject.held.delay]: HELD_DELAY });
  const args = subject.args(harness, n);
  const error = await harness.failure(subject.provider.create(await subject.checked(harness, { ...args, timeouts: { create: "150ms" } })));
  if (!(error instanceof ResourceInitError)) throw new Error(`expected the create to be recorded as not ready, got ${error.message}`);
  const props = error.properties;
  const status = props.status ?? props.connectionStatus ?? props.state;
  if (status !== subject.held.status) throw new Error(`expected it recorded as ${subject.held.status}, got ${String(status)}`);
  return { args, id: error.id, props };
}
