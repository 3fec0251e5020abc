import { clearDigestChallenges } from "../provider/client/digest/challenge-cache";
import { TIME_SCALE_ENV } from "../provider/host/connection";
import { type SimulatedTime, type SimulatorClock, simulateTime } from "../scripts/lib/simulated-time";
import { CREDENTIAL_VARIABLES } from "./simulator-process";

let simulated: SimulatedTime | undefined;

/**
 * From now on the provider driven in this process and the simulator share one simulated time
 * (scripts/lib/simulated-time.ts): its waits and the simulator's phases jump together whenever both
 * wait. The tiny size (the CI smoke) runs so; a full run measures on the wall clock, latencies included.
 * Resolves the returned function to go back to the wall clock.
 */
export function useSimulatedTime(simulator: SimulatorClock): () => Promise<void> {
  simulated = simulateTime(simulator);
  return async () => {
    await simulated?.stop();
    simulated = undefined;
  };
}

/** Now on the simulator's clock (epoch ms): the wall clock, plus the time simulated time skipped. */
export function simulatorNow(): number {
  return Date.now() + (simulated?.skippedMs ?? 0);
}

/** Lets `ms` of the simulator's time pass: at once on simulated time, by waiting on the wall clock. */
export async function letTimePass(ms: number): Promise<void> {
  if (simulated) await simulated.pass(ms);
  else await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The provider driven in this process, as the dynamic provider host drives it: credentials and
 * the time scale come from env, read at call time. Progress lines (stderr) are muted so the
 * benchmark's own output stays readable.
 */
export async function inProcess<T>(env: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = new Map<string, string | undefined>();
  for (const name of [...CREDENTIAL_VARIABLES, TIME_SCALE_ENV, ...Object.keys(env)]) saved.set(name, process.env[name]);
  for (const name of CREDENTIAL_VARIABLES) delete process.env[name];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const consoleError = console.error;
  console.error = () => undefined;
  try {
    return await work();
  } finally {
    console.error = consoleError;
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** A new provider host process starts without a cached digest challenge; so does each measured lifecycle. */
export function freshProviderProcess(): void {
  clearDigestChallenges();
}

export { TIME_SCALE_ENV };
