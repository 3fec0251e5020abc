/**
 * npm run atlas:sweep [-- --yes] [--older-than 2h] [--mark 0a71a5]
 *
 * Lists (and with --yes deletes) what lane runs left in the project: endpoints whose id carries the
 * lane's mark and is older than the age, then the endpoint services of the lane's regions that are
 * older than the age and hold nothing else. Needs the same variables as `npm run test:atlas`.
 */
import { AtlasClient, DEFAULT_BASE_URL } from "../../provider/client";
import { LANE_MARK, parseAge } from "./names";
import { missingSettings, readSettings } from "./settings";
import { sweep } from "./sweep";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const missing = missingSettings(process.env);
  if (missing) {
    process.stdout.write(`atlas:sweep skipped: set ${missing} to sweep a project (docs/atlas-lane.md)\n`);
    return;
  }
  const settings = readSettings(process.env);
  const yes = process.argv.includes("--yes");
  const olderThanMs = parseAge(argument("--older-than") ?? "2h");
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const client = new AtlasClient({
    credentials: settings.connection.credentials,
    baseUrl: settings.connection.baseUrl ?? DEFAULT_BASE_URL,
    log,
  });
  const items = await sweep({
    client,
    groupId: settings.groupId,
    regions: [settings.region, settings.serviceRegion],
    olderThanMs,
    yes,
    mark: argument("--mark") ?? LANE_MARK,
    realEndpointIds: settings.realAwsEndpointId ? [settings.realAwsEndpointId] : [],
    log,
  });
  const doomed = items.filter((item) => item.kept === undefined);
  if (!yes) log(`${doomed.length} to delete; run with --yes to delete them`);
  const failed = items.filter((item) => item.error);
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
