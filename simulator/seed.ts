import { randomUUID } from "node:crypto";
import { randomHex, randomToken } from "./model/ids";

/** The seed line printed by the CLI: the seeded project, one AVAILABLE endpoint service per cloud, credentials. */
export type SimulatorSeed = {
  baseUrl: string;
  groupId: string;
  endpointServices: { AWS: string; AZURE: string; GCP: string; GCP_PORT_MAPPED: string };
  apiKey: { publicKey: string; privateKey: string };
  readOnlyApiKey: { publicKey: string; privateKey: string };
  serviceAccount: { clientId: string; clientSecret: string };
  /** Not in the line, added so the 403 path can be exercised with OAuth too. */
  readOnlyServiceAccount: { clientId: string; clientSecret: string };
};

export type SeedValues = Omit<SimulatorSeed, "baseUrl">;

export const SEEDED_REGIONS = { AWS: "US_EAST_1", AZURE: "US_EAST_2", GCP: "CENTRAL_US", GCP_PORT_MAPPED: "CENTRAL_US" } as const;

export function createSeedValues(given: Partial<SeedValues> = {}): SeedValues {
  return {
    groupId: given.groupId ?? randomHex(24),
    endpointServices: given.endpointServices ?? {
      AWS: randomHex(24),
      AZURE: randomHex(24),
      GCP: randomHex(24),
      GCP_PORT_MAPPED: randomHex(24),
    },
    apiKey: given.apiKey ?? { publicKey: randomLower(8), privateKey: randomUuid() },
    readOnlyApiKey: given.readOnlyApiKey ?? { publicKey: randomLower(8), privateKey: randomUuid() },
    serviceAccount: given.serviceAccount ?? { clientId: `mdb_sa_id_${randomHex(24)}`, clientSecret: `mdb_sa_sk_${randomToken(30)}` },
    readOnlyServiceAccount: given.readOnlyServiceAccount ?? {
      clientId: `mdb_sa_id_${randomHex(24)}`,
      clientSecret: `mdb_sa_sk_${randomToken(30)}`,
    },
  };
}

function randomLower(length: number): string {
  return Array.from({ length }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("");
}

function randomUuid(): string {
  return randomUUID();
}
