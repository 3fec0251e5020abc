import { z } from "zod";
import { type Assignable, nullsAsAbsent } from "./schemas";

/**
 * The regionalized private endpoint setting (`ProjectSettingItemView` in
 * ../shared/atlas-openapi/regional-mode.openapi.json, version 2023-01-01): the GET's and the
 * toggle's answer alike (the toggle answers 202 as recorded, the spec says 200). Read tolerantly:
 * other fields are kept, `null` reads as absent; `enabled` is what the resource needs, so its
 * absence is a shape error.
 */
export interface RegionalModeSetting {
  enabled: boolean;
}

export const regionalModeSchema = nullsAsAbsent(z.looseObject({ enabled: z.boolean() }));

export type _RegionalModeSchemaChecks = [Assignable<RegionalModeSetting, z.output<typeof regionalModeSchema>>];
