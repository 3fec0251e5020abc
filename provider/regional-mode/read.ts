/**
 * RegionalMode's part of refresh, import and every later operation (the rest is operations/read.ts):
 * the setting a record names, the inputs it declared or, imported, what Atlas says they are, and the
 * inputs as Atlas has them now, so a refresh after a toggle outside Pulumi shows drift. A setting is
 * never deleted: no 404 drops it from the stack.
 */
import type { AtlasApiError, AtlasClient, RegionalModeSetting } from "../client";
import { reportProgress } from "../host/stderr";
import { explainClusterReadError, readProjectClusters } from "../waiting/cluster-waits";
import { NotConfirmedGone, notConfirmedGone } from "../waiting/gone";
import { describeRegionalMode, parseRegionalModeId, type RegionalModeRef } from "./ids";
import { REGIONAL_MODE_DEFAULTS, type ResolvedRegionalModeInputs } from "./inputs";
import { projectConnectionStrings, recordedStrings, toOutputs, type RegionalModeOutputs } from "./outputs";

type Props = Record<string, unknown>;

/** One GET of the setting. */
export const get = (client: AtlasClient, ref: RegionalModeRef): Promise<RegionalModeSetting> => client.getRegionalMode(ref);

/**
 * A project's setting has no 404 of its own: Atlas's 404 says the project is missing (or hidden
 * from these credentials), and anything else is not Atlas. Neither says it is gone.
 */
export async function confirmGone(_client: AtlasClient, ref: RegionalModeRef, notFound: AtlasApiError): Promise<void> {
  const what = describeRegionalMode(ref);
  if (!notFound.fromAtlas) throw notConfirmedGone({ because: "notAtlas", detail: notFound.message }, what, ref.groupId, notFound);
  if (notFound.errorCode === "GROUP_NOT_FOUND") {
    throw notConfirmedGone({ because: "projectNotFound", detail: notFound.message }, what, ref.groupId, notFound);
  }
  throw new NotConfirmedGone(`${notFound.message}, but a project's regional mode is never deleted, so this does not say it is gone`, {
    method: notFound.method,
    path: notFound.path,
  });
}

/** The setting a record names (its id), with what destroy puts back (its record, when it holds one). */
export const locate = async (_client: AtlasClient, id: string, props: Props): Promise<RegionalModeRef> => ({
  ...parseRegionalModeId(id),
  ...(typeof props.previous === "boolean" ? { previous: props.previous } : {}),
});

/** The inputs of a record that declares none (an import): what the ref and Atlas say they are, and the options in `props`. */
export function inAtlas(ref: RegionalModeRef, props: Props, setting: RegionalModeSetting): ResolvedRegionalModeInputs {
  return {
    groupId: ref.groupId,
    enabled: setting.enabled,
    restoreOnDestroy: props.restoreOnDestroy === false ? false : REGIONAL_MODE_DEFAULTS.restoreOnDestroy,
  };
}

/**
 * The refreshed outputs: the setting as Atlas has it now, and the strings the clusters list now (no
 * waiting). What destroy puts back stays as recorded; an imported setting puts back what it is now.
 * A failed cluster read keeps the recorded strings: a refresh never loses the setting over it.
 */
export async function refreshedOutputs(
  client: AtlasClient,
  ref: RegionalModeRef,
  inputs: ResolvedRegionalModeInputs,
  setting: RegionalModeSetting,
  props: Props,
): Promise<RegionalModeOutputs> {
  const imported = typeof props.previous !== "boolean";
  let strings = recordedStrings(props.privateConnectionStrings);
  try {
    strings = projectConnectionStrings(await readProjectClusters(client, ref.groupId));
  } catch (error) {
    reportProgress(`${describeRegionalMode(ref)}: privateConnectionStrings kept as recorded: ${explainClusterReadError(error, ref, "")}`);
  }
  return toOutputs(inputs, setting, ref.previous ?? setting.enabled, imported || props.adopted === true, strings);
}

/** The inputs as Atlas has them now (`enabled`), the options as declared. */
export function refreshedInputs(outputs: RegionalModeOutputs): Props {
  const { groupId, enabled, restoreOnDestroy, timeouts } = outputs;
  return { groupId, enabled, restoreOnDestroy, ...(timeouts === undefined ? {} : { timeouts }) };
}
