/**
 * RegionalMode's look-up: whether a project has regionalized private endpoints enabled, for programs
 * that only need to know (to choose which connection strings to use, or to fail early) without
 * managing the setting. One GET; no state.
 */
import { connectToAtlas } from "../host/connection";
import type { Lookup } from "../operations/lookup";
import { messageOf } from "../vocabulary/errors";
import { boolean, string } from "../vocabulary/properties";
import { HEX24, shown } from "../vocabulary/validation";
import { describeRegionalMode } from "./ids";

export type GetRegionalModeArgs = {
  /** Atlas project id (24 hexadecimal characters). */
  groupId: string;
};

export type GetRegionalModeResult = {
  groupId: string;
  /** Whether regionalized private endpoints are enabled in the project. */
  enabled: boolean;
};

/** Validates the arguments as check validates inputs: the argument named, and what is allowed. */
function validated(args: unknown): GetRegionalModeArgs {
  const groupId = (args as Record<string, unknown> | undefined)?.groupId;
  if (typeof groupId !== "string" || !HEX24.test(groupId)) {
    throw new Error(
      `getRegionalMode: groupId ${groupId === undefined ? "is required" : `must be 24 hexadecimal characters (the Atlas project id), got ${shown(groupId)}`}`,
    );
  }
  return { groupId };
}

export const getRegionalModeLookup: Lookup<GetRegionalModeArgs, GetRegionalModeResult> = {
  name: "getRegionalMode",
  description:
    "Whether a project has regionalized private endpoints (Atlas's privateEndpoint/regionalMode) enabled: what connecting " +
    "to its multi-region and global sharded clusters over private endpoints needs. Reads Atlas; changes nothing.",
  inputs: {
    groupId: { description: "Atlas project id (24 hexadecimal characters).", type: string, input: "required" },
  },
  outputs: {
    groupId: { description: "Atlas project id.", type: string, alwaysOutput: true },
    enabled: { description: "Whether regionalized private endpoints are enabled in the project.", type: boolean, alwaysOutput: true },
  },
  async run(args) {
    const { groupId } = validated(args);
    try {
      const setting = await connectToAtlas().getRegionalMode({ groupId });
      return { groupId, enabled: setting.enabled };
    } catch (error) {
      throw new Error(`getRegionalMode: could not read ${describeRegionalMode({ groupId })}: ${messageOf(error)}`, { cause: error });
    }
  },
};

/** The look-ups of this folder, wired into the package exports and the plugin's schema functions. */
export const lookups: Lookup[] = [getRegionalModeLookup];
