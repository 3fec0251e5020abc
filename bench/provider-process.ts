/**
 * One provider process, as a `pulumi up` + `pulumi destroy` of one stack would run it: N endpoints
 * created at once, then deleted at once, through the real provider code (check, create, delete)
 * against the Atlas named by the env (credentials, base URL, time scale, pacing knobs). Several of
 * these at once share one Atlas token bucket without sharing a pacer: that is what the "three
 * stacks at once" measurement and test run.
 *
 * Usage: tsx bench/provider-process.ts '{"groupId":..., "endpointServiceId":..., "endpoints": 12}'
 * Prints one JSON line: { created, deleted, failures }. Progress lines go to stderr.
 */
import { randomBytes } from "node:crypto";
import { privateEndpointProvider } from "../provider/private-endpoint/provider";

export interface ProviderProcessJob {
  groupId: string;
  endpointServiceId: string;
  endpoints: number;
}

export interface ProviderProcessResult {
  created: number;
  deleted: number;
  failures: string[];
}

const PROVIDER_TEXT = "exports.handler = __f0; /* serialized provider */";
const messageOf = (reason: unknown) => (reason instanceof Error ? reason.message : String(reason));

/**
 * What one provider process does for its stack: check, create every endpoint at once, then delete them
 * at once. `provider` is this process's own; a test may hand in one loaded in a module registry of its
 * own (test/provider/rate-limits.test.ts), which has its own pacer as a separate process would.
 */
export async function runProviderJob(
  job: ProviderProcessJob,
  provider = privateEndpointProvider as Required<typeof privateEndpointProvider>,
): Promise<ProviderProcessResult> {
  const failures: string[] = [];
  const inputs = await Promise.all(
    Array.from({ length: job.endpoints }, async () => {
      const args = {
        groupId: job.groupId,
        cloudProvider: "AWS",
        endpointServiceId: job.endpointServiceId,
        endpointId: `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`,
        waitForClusters: false,
      };
      const { inputs: checked } = await provider.check({}, { ...args, __provider: PROVIDER_TEXT });
      return { ...checked, __provider: PROVIDER_TEXT };
    }),
  );
  const created = await Promise.allSettled(inputs.map((i) => provider.create(i)));
  const ok = created.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  for (const r of created) if (r.status === "rejected") failures.push(`create: ${messageOf(r.reason)}`);
  const deleted = await Promise.allSettled(ok.map((r) => provider.delete(r.id, { ...r.outs, __provider: PROVIDER_TEXT })));
  for (const r of deleted) if (r.status === "rejected") failures.push(`delete: ${messageOf(r.reason)}`);
  return { created: ok.length, deleted: deleted.filter((r) => r.status === "fulfilled").length, failures };
}

if (require.main === module) {
  runProviderJob(JSON.parse(process.argv[2] ?? "{}") as ProviderProcessJob).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`provider process failed: ${messageOf(error)}\n`);
      process.exit(1);
    },
  );
}
