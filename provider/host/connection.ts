/**
 * How one operation reaches Atlas: credentials and base URL from stack config or env, the env
 * knobs for tests and benchmarks, and a client built from them per operation.
 *
 * Where Atlas credentials come from. Stack config arrives once per provider process through
 * `configure` and is kept here, in module state, never on the serialized provider object; env is
 * read at call time. The first source that holds any credential is the only one used (sources are
 * not merged, as in Terraform's Atlas provider); within it a service account wins over API keys,
 * as Atlas recommends service accounts.
 */
import { AtlasClient, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY, type AtlasCredentials } from "../client";
import { REFUSAL_DRIVEN_PACER_SETTINGS, type PacerSettings } from "../client/pacing/pacer";
import { reportProgress } from "./stderr";

/** Stack config keys, the ones @pulumi/mongodbatlas uses so existing stacks just work. */
export const CONFIG_KEYS = {
  publicKey: "mongodbatlas:publicKey",
  privateKey: "mongodbatlas:privateKey",
  clientId: "mongodbatlas:clientId",
  clientSecret: "mongodbatlas:clientSecret",
  baseUrl: "mongodbatlas:baseUrl",
} as const;

/** Env variables, first set one wins (the names the Atlas CLI and Terraform provider read). */
export const ENV_KEYS = {
  publicKey: ["MONGODB_ATLAS_PUBLIC_API_KEY", "MONGODB_ATLAS_PUBLIC_KEY", "MCLI_PUBLIC_API_KEY"],
  privateKey: ["MONGODB_ATLAS_PRIVATE_API_KEY", "MONGODB_ATLAS_PRIVATE_KEY", "MCLI_PRIVATE_API_KEY"],
  clientId: ["MONGODB_ATLAS_CLIENT_ID"],
  clientSecret: ["MONGODB_ATLAS_CLIENT_SECRET"],
  baseUrl: ["MONGODB_ATLAS_BASE_URL", "MCLI_OPS_MANAGER_URL"],
} as const;

type Field = keyof typeof CONFIG_KEYS;
type Values = { [K in Field]?: string };

/** Set by `configure`; module state of the provider process, not part of the serialized provider. */
let configured: Values = {};

export interface ConfigReader {
  get(key: string): string | undefined;
}

export function configure(config: ConfigReader): void {
  const values: Values = {};
  for (const field of Object.keys(CONFIG_KEYS) as Field[]) {
    const value = present(config.get(CONFIG_KEYS[field]));
    if (value !== undefined) values[field] = value;
  }
  configured = values;
}

function present(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function fromEnv(env: NodeJS.ProcessEnv): Values {
  const values: Values = {};
  for (const field of Object.keys(ENV_KEYS) as Field[]) {
    const value = ENV_KEYS[field].map((name) => present(env[name])).find((v) => v !== undefined);
    if (value !== undefined) values[field] = value;
  }
  return values;
}

/** The env variable the base URL came from (the first set one, as fromEnv reads it). */
function baseUrlEnvName(env: NodeJS.ProcessEnv): string {
  return ENV_KEYS.baseUrl.find((name) => present(env[name]) !== undefined) ?? ENV_KEYS.baseUrl[0];
}

export class InvalidBaseUrlError extends Error {
  override readonly name = "InvalidBaseUrlError";
}

/**
 * The host's rule, stricter than the client's (client/options.ts checkHttpBaseUrl): the Atlas origin
 * only. API paths are appended to it, so a path (".../api/atlas/v2") would make
 * every call miss, and a proxy's 404 for the wrong path could look like "the endpoint is gone".
 */
function checkAtlasOrigin(value: string, key: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidBaseUrlError(`${key} must be an absolute http(s) URL such as https://cloud.mongodb.com`);
  }
  if (url.pathname !== "/") {
    throw new InvalidBaseUrlError(
      `${key} must be the Atlas origin with no path, such as https://cloud.mongodb.com; it has the path ${JSON.stringify(url.pathname)} (value=${JSON.stringify(url.origin + url.pathname)})`,
    );
  }
  return value.replace(/\/+$/, "");
}

export class MissingCredentialsError extends Error {
  override readonly name = "MissingCredentialsError";
}

const HOW_TO =
  `Set stack config ${CONFIG_KEYS.publicKey} and ${CONFIG_KEYS.privateKey} (pulumi config set --secret ${CONFIG_KEYS.privateKey} ...), ` +
  `or ${CONFIG_KEYS.clientId} and ${CONFIG_KEYS.clientSecret} for a service account; ` +
  `or env ${ENV_KEYS.publicKey.join("/")} with ${ENV_KEYS.privateKey.join("/")}, ` +
  `or ${ENV_KEYS.clientId[0]} with ${ENV_KEYS.clientSecret[0]}. ` +
  `${CONFIG_KEYS.baseUrl} or ${ENV_KEYS.baseUrl.join("/")} set the Atlas URL (default https://cloud.mongodb.com).`;

function credentialsIn(values: Values, source: string): AtlasCredentials | undefined {
  const hasAny = values.publicKey ?? values.privateKey ?? values.clientId ?? values.clientSecret;
  if (hasAny === undefined) return undefined;
  if (values.clientId && values.clientSecret)
    return { kind: "serviceAccount", clientId: values.clientId, clientSecret: values.clientSecret };
  if (values.publicKey && values.privateKey) return { kind: "apiKey", publicKey: values.publicKey, privateKey: values.privateKey };
  // Name what is missing, never the values that are present.
  const missing =
    values.clientId || values.clientSecret
      ? values.clientId
        ? "clientSecret"
        : "clientId"
      : values.publicKey
        ? "privateKey"
        : "publicKey";
  throw new MissingCredentialsError(`Atlas credentials in ${source} are incomplete: ${missing} is missing. ${HOW_TO}`);
}

export interface AtlasConnection {
  credentials: AtlasCredentials;
  baseUrl?: string;
}

/** Credentials and base URL for one operation. Throws one message listing every option when none are set. */
export function resolveConnection(env: NodeJS.ProcessEnv = process.env): AtlasConnection {
  const envValues = fromEnv(env);
  const credentials = credentialsIn(configured, "stack config") ?? credentialsIn(envValues, "environment variables");
  if (!credentials) throw new MissingCredentialsError(`No Atlas credentials found. ${HOW_TO}`);
  const baseUrl =
    configured.baseUrl !== undefined
      ? checkAtlasOrigin(configured.baseUrl, CONFIG_KEYS.baseUrl)
      : envValues.baseUrl !== undefined
        ? checkAtlasOrigin(envValues.baseUrl, baseUrlEnvName(env))
        : undefined;
  return baseUrl === undefined ? { credentials } : { credentials, baseUrl };
}

/**
 * PULUMI_ATLAS_PE_TIME_SCALE multiplies every internal delay of the provider (poll intervals, the
 * grace period for a 404 right after a create, client retry back-off). It is a knob for tests and
 * benchmarks that run the simulator fast; user-supplied `timeouts` are never scaled. Read at call
 * time, never captured.
 */
export const TIME_SCALE_ENV = "PULUMI_ATLAS_PE_TIME_SCALE";

export function timeScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[TIME_SCALE_ENV];
  if (raw === undefined || raw.trim() === "") return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${TIME_SCALE_ENV} must be a positive number, got value="${raw}"`);
  }
  return value;
}

/**
 * "off" disables the process-wide pacer, "refusal-driven" gives it the settings it had before it
 * steered by RateLimit-Remaining, so the benchmark can measure its baselines; never meant for
 * users. Read at call time.
 */
export const PACING_ENV = "PULUMI_ATLAS_PE_PACING";

/**
 * "off" makes every cluster read its own (no shared watcher per project), so the benchmark can
 * measure today's baseline; never meant for users. Read at call time.
 */
export const CLUSTER_WATCHER_ENV = "PULUMI_ATLAS_PE_CLUSTER_WATCHER";

export function clusterWatcherEnabled(): boolean {
  return process.env[CLUSTER_WATCHER_ENV] !== "off";
}

function pacingFromEnv(): boolean | Partial<PacerSettings> {
  const value = process.env[PACING_ENV];
  if (value === "off") return false;
  if (value === "refusal-driven") return REFUSAL_DRIVEN_PACER_SETTINGS;
  return true;
}

/**
 * A client for one operation, built from the credentials of this moment; never kept on the
 * provider. `deadlineAt` (epoch ms) is the operation's own deadline: 429s are waited out until then.
 */
export function connectToAtlas(deadlineAt?: number): AtlasClient {
  const { credentials, baseUrl } = resolveConnection();
  const scale = timeScale();
  // The test/benchmark time scale shrinks retry back-off and the per-request timeout too (so a
  // slow answer is a fast test); Retry-After from Atlas still rules.
  const scaled =
    scale === 1
      ? {}
      : {
          retry: {
            baseDelayMs: Math.round(DEFAULT_RETRY.baseDelayMs * scale),
            maxDelayMs: Math.round(DEFAULT_RETRY.maxDelayMs * scale),
            maxElapsedMs: Math.round(DEFAULT_RETRY.maxElapsedMs * scale),
          },
          requestTimeoutMs: Math.max(1, Math.round(DEFAULT_REQUEST_TIMEOUT_MS * scale)),
        };
  return new AtlasClient({
    credentials,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...scaled,
    log: reportProgress,
    pacing: pacingFromEnv(),
    ...(deadlineAt === undefined ? {} : { waitOutRateLimitsUntil: deadlineAt }),
  });
}
