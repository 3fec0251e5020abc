/**
 * getRegionalMode: whether a project has regionalized private endpoints enabled, for a program that only needs to
 * know (which connection strings to use, or to fail early) without managing the setting. One GET; no state.
 */
import { z } from "zod";
import type { AtlasClient } from "../client";
import { lookup } from "../operations/lookup";
import { messageOf } from "../vocabulary/errors";
import { HEX24, text } from "../vocabulary/validation";
import { describeRegionalMode } from "./ids";
import { REGIONAL_MODE_PROPERTIES as P } from "./properties";

export interface RegionalModeLookup {
  groupId: string;
  /** Whether regionalized private endpoints are enabled in the project. */
  enabled: boolean;
}

const args = z.object({ groupId: text(HEX24, "24 hexadecimal characters (the Atlas project id)") });

async function read(client: AtlasClient, given: z.output<typeof args>): Promise<RegionalModeLookup> {
  try {
    const setting = await client.getRegionalMode(given);
    return { groupId: given.groupId, enabled: setting.enabled };
  } catch (error) {
    throw new Error(`getRegionalMode: could not read ${describeRegionalMode(given)}: ${messageOf(error)}`, { cause: error });
  }
}

export const getRegionalMode = lookup({
  name: "getRegionalMode",
  description:
    "Whether a project has regionalized private endpoints (Atlas's privateEndpoint/regionalMode) enabled: what connecting " +
    "to its multi-region and global sharded clusters over private endpoints needs. Reads Atlas, so it needs credentials at preview too.",
  inputs: { groupId: P.groupId },
  outputs: {
    groupId: { description: "Atlas project id.", type: P.groupId.type, alwaysOutput: true },
    enabled: {
      description: "Whether regionalized private endpoints are enabled in the project.",
      type: P.enabled.type,
      alwaysOutput: true,
    },
  },
  args,
  read,
});

export const lookups = [getRegionalMode];
