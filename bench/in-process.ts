import { clearDigestChallenges } from "../provider/client/digest/challenge-cache";
import { TIME_SCALE_ENV } from "../provider/host/connection";
import { CREDENTIAL_VARIABLES } from "./simulator-process";

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
