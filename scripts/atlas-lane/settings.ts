/**
 * What the lane needs from its environment: the provider's own credential and base-URL variables
 * (read by the provider's resolveConnection, so the lane and the provider can never disagree), a
 * project id, and the optional ids of real cloud endpoints.
 */
import { ENV_KEYS, resolveConnection, type AtlasConnection } from "../../provider/host/connection";

/** The project the lane works in (the name Terraform's Atlas acceptance tests use). */
export const PROJECT_ENV = "MONGODB_ATLAS_PROJECT_ID";
/** AWS region (Atlas spelling) whose endpoint service the lane's registrations use; the lane owns it in this project. */
export const REGION_ENV = "ATLAS_LANE_AWS_REGION";
/** AWS region the EndpointService scenario creates its service in; must hold no service of anyone else. */
export const SERVICE_REGION_ENV = "ATLAS_LANE_AWS_SERVICE_REGION";
/** A real AWS interface endpoint (vpce-...) connected to the lane region's endpoint service: enables the AVAILABLE scenario. */
export const REAL_AWS_ENDPOINT_ENV = "ATLAS_LANE_AWS_VPC_ENDPOINT_ID";

export const DEFAULT_REGION = "AP_SOUTHEAST_2";
export const DEFAULT_SERVICE_REGION = "SA_EAST_1";

export interface LaneSettings {
  connection: AtlasConnection;
  groupId: string;
  region: string;
  serviceRegion: string;
  realAwsEndpointId: string | undefined;
}

const set = (env: NodeJS.ProcessEnv, name: string) => {
  const value = env[name]?.trim();
  return value ? value : undefined;
};

/** What is missing, in one line, or undefined when the lane can run. */
export function missingSettings(env: NodeJS.ProcessEnv): string | undefined {
  const key = (names: readonly string[]) => names.some((name) => set(env, name));
  const apiKey = key(ENV_KEYS.publicKey) && key(ENV_KEYS.privateKey);
  const serviceAccount = key(ENV_KEYS.clientId) && key(ENV_KEYS.clientSecret);
  const missing: string[] = [];
  if (!apiKey && !serviceAccount)
    missing.push(
      `Atlas credentials (${ENV_KEYS.publicKey[0]} + ${ENV_KEYS.privateKey[0]}, or ${ENV_KEYS.clientId[0]} + ${ENV_KEYS.clientSecret[0]})`,
    );
  if (!set(env, PROJECT_ENV)) missing.push(`a project id (${PROJECT_ENV})`);
  return missing.length === 0 ? undefined : missing.join(" and ");
}

export function readSettings(env: NodeJS.ProcessEnv): LaneSettings {
  const missing = missingSettings(env);
  if (missing) throw new Error(`the Atlas lane needs ${missing}`);
  return {
    connection: resolveConnection(env),
    groupId: set(env, PROJECT_ENV)!,
    region: set(env, REGION_ENV) ?? DEFAULT_REGION,
    serviceRegion: set(env, SERVICE_REGION_ENV) ?? DEFAULT_SERVICE_REGION,
    realAwsEndpointId: set(env, REAL_AWS_ENDPOINT_ENV),
  };
}
