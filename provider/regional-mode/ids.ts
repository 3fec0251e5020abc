/**
 * The Pulumi id of a RegionalMode: the project id, `<groupId>`, as Terraform's
 * mongodbatlas_private_endpoint_regional_mode (and so @pulumi/mongodbatlas's
 * PrivateEndpointRegionalMode) imports it: one setting per project, so the project names it.
 */
import type { ResolvedRegionalModeInputs } from "./inputs";

/** The project's setting, and what destroy puts back. */
export interface RegionalModeRef {
  groupId: string;
  /** The setting as Atlas had it before this resource first changed it; undefined when not known (nothing to put back). */
  previous?: boolean;
}

export const ID_FORMAT = "<groupId>";

const ID_PATTERN = /^[0-9a-f]{24}$/;

export function parseRegionalModeId(id: string): RegionalModeRef {
  if (!ID_PATTERN.test(id)) {
    throw new Error(
      `RegionalMode id value="${id}" is not of the form ${ID_FORMAT} (the Atlas project id, 24 hexadecimal characters, as Terraform's import takes it)`,
    );
  }
  return { groupId: id };
}

export function formatRegionalModeId(ref: { groupId: string }): string {
  return ref.groupId;
}

/** How progress lines and errors name it. */
export function describeRegionalMode(ref: { groupId: string }): string {
  return `regional mode of project groupId="${ref.groupId}"`;
}

export { describeRegionalMode as describe, formatRegionalModeId as idOf };

/** The project names it: a create Atlas may have carried out is recorded under the id it will have. */
export function unconfirmedId(inputs: ResolvedRegionalModeInputs): string {
  return inputs.groupId;
}
