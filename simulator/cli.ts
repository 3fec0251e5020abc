import { startSimulator } from "./index";
import { parseRateLimit } from "./http/rate-limiter";
import type { SimulatorOptions } from "./options";
import { parseDialectPatch, type Dialect } from "./dialect";

const FLAGS = [
  "--port <n>",
  "--host <h>",
  "--time-scale <x>",
  "--jitter <x>",
  "--eventual-consistency-ms <ms>",
  "--oauth-tokens-per-minute <n|0=unlimited>",
  "--rate-limit <CAPACITY:RATE[/SECONDS]>",
  "--endpoint-create-201",
  "--endpoint-delete-202",
  "--extra-status <CLOUD:STATUS[:ms]>",
  "--omit-create-status",
  "--extra-fields",
  "--answer-lost <drop|502>",
  "--gcp-deleted-before-gone",
  "--port-mapped-endpoint-name",
  "--envelope-errors",
];

/** `npm run sim -- --port 0 --time-scale 0.1 --rate-limit 100:10/1`: one JSON seed line on stdout, logs on stderr. */
function parseArgs(argv: string[]): SimulatorOptions {
  const options: SimulatorOptions = {};
  const dialect: Record<string, unknown> = {};
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index]!;
    const value = argv[index + 1];
    const number = () => {
      const parsed = Number(value);
      if (value === undefined || !Number.isFinite(parsed) || parsed < 0)
        fail(`${flag} needs a non-negative number, got ${JSON.stringify(value)}`);
      index++;
      return parsed;
    };
    switch (flag) {
      case "--port":
        options.port = number();
        break;
      case "--host":
        if (!value) fail("--host needs a value");
        options.host = value;
        index++;
        break;
      case "--time-scale":
        options.timeScale = number();
        break;
      case "--jitter":
        options.jitter = number();
        break;
      case "--eventual-consistency-ms":
        options.eventualConsistencyMs = number();
        break;
      case "--oauth-tokens-per-minute": {
        const perMinute = number();
        options.oauthTokensPerMinute = perMinute === 0 ? null : perMinute;
        break;
      }
      case "--endpoint-create-201":
        dialect.endpointCreateStatus = 201;
        break;
      case "--endpoint-delete-202":
        dialect.endpointDeleteStatus = 202;
        break;
      case "--extra-status": {
        const [cloud, status, lastsMs] = (value ?? "").split(":");
        dialect.extraStatus = { cloud, status, ...(lastsMs === undefined ? {} : { lastsMs: Number(lastsMs) }) };
        index++;
        break;
      }
      case "--omit-create-status":
        dialect.omitCreateStatus = true;
        break;
      case "--extra-fields":
        dialect.extraFields = true;
        break;
      case "--answer-lost":
        dialect.answerLost = value;
        index++;
        break;
      case "--gcp-deleted-before-gone":
        dialect.gcpDeletedBeforeGone = true;
        break;
      case "--port-mapped-endpoint-name":
        dialect.portMappedEndpointName = true;
        break;
      case "--envelope-errors":
        dialect.envelopeErrors = true;
        break;
      case "--rate-limit": {
        // Atlas's shape: capacity, then refill rate per interval, e.g. "100:10/1" (interval in seconds, default 1).
        const match = /^(\d+):(\d+(?:\.\d+)?)(?:\/(\d+(?:\.\d+)?))?$/.exec(value ?? "");
        const parsed = match
          ? parseRateLimit({ capacity: Number(match[1]), refillRate: Number(match[2]), refillIntervalSeconds: Number(match[3] ?? 1) })
          : undefined;
        if (!parsed || "error" in parsed)
          fail(
            `--rate-limit needs CAPACITY:REFILL_RATE[/INTERVAL_SECONDS] with capacity >= 1 and positive rate and interval, got ${JSON.stringify(value)}`,
          );
        options.rateLimit = parsed;
        index++;
        break;
      }
      default:
        fail(`unknown flag ${flag}; allowed: ${FLAGS.join(", ")}`);
    }
  }
  const parsed = parseDialectPatch(dialect);
  if ("error" in parsed) fail(parsed.error);
  options.dialect = parsed.patch as Partial<Dialect>;
  return options;
}

function fail(message: string): never {
  process.stderr.write(`simulator: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const simulator = await startSimulator(parseArgs(process.argv.slice(2)));
  process.stdout.write(`${JSON.stringify(simulator.seed)}\n`);
  process.stderr.write(`simulator: listening on ${simulator.baseUrl}\n`);
  const stop = () => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
