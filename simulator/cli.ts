import { startSimulator } from "./index";
import type { SimulatorOptions } from "./options";

/** `npm run sim -- --port 0 --time-scale 0.1`: one JSON seed line on stdout, logs on stderr. */
function parseArgs(argv: string[]): SimulatorOptions {
  const options: SimulatorOptions = {};
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index]!;
    const value = argv[index + 1];
    const number = () => {
      const parsed = Number(value);
      if (value === undefined || !Number.isFinite(parsed) || parsed < 0) fail(`${flag} needs a non-negative number, got ${JSON.stringify(value)}`);
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
      default:
        fail(`unknown flag ${flag}; allowed: --port, --host, --time-scale, --jitter, --eventual-consistency-ms`);
    }
  }
  return options;
}

function fail(message: string): never {
  process.stderr.write(`simulator: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const simulator = await startSimulator(parseArgs(process.argv.slice(2)));
  process.stdout.write(JSON.stringify(simulator.seed) + "\n");
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
