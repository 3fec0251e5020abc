/**
 * RegionalMode's update (every record of a setting is ready: statuses.ts). Options alone call
 * nothing in Atlas. A changed `enabled`, or a change a record left unfinished (its answer lost,
 * its clusters not settled by the deadline: no strings recorded), is finished: the setting is read,
 * PATCHed only when Atlas differs, and the clusters are waited for. What destroy puts back stays
 * what the first change found.
 */
import { connectToAtlas } from "../host/connection";
import { reportProgress } from "../host/stderr";
import { PROVIDER_KEY, plainJson } from "../vocabulary/state";
import { realClock, timeoutMs } from "../vocabulary/time";
import { toggle } from "./create";
import { describeRegionalMode } from "./ids";
import type { ResolvedRegionalModeInputs } from "./inputs";
import { recordedStrings, toOutputs, type RegionalModeOutputs } from "./outputs";
import { settleClusters } from "./settle";
import { labelOf } from "./statuses";

type Props = Record<string, unknown>;

export async function updateSettled(
  id: string,
  olds: Props,
  news: Props,
  inputs: ResolvedRegionalModeInputs,
): Promise<RegionalModeOutputs> {
  const recordedEnabled = typeof olds.enabled === "boolean" ? olds.enabled : undefined;
  const previous = typeof olds.previous === "boolean" ? olds.previous : (recordedEnabled ?? !inputs.enabled);
  const adopted = olds.adopted === true;
  const strings = recordedStrings(olds.privateConnectionStrings);
  if (recordedEnabled === inputs.enabled && strings !== undefined) return toOutputs(inputs, undefined, previous, adopted, strings);

  const what = describeRegionalMode(inputs);
  const timeout = timeoutMs(inputs.timeouts, "create");
  const startedAt = realClock.now();
  const client = connectToAtlas(startedAt + timeout);
  let setting = await client.getRegionalMode(inputs);
  if (setting.enabled !== inputs.enabled) {
    const before = labelOf(setting);
    setting = await toggle(client, inputs.groupId, inputs.enabled, "run `pulumi up` again");
    reportProgress(`${what}: ${before} -> ${labelOf(setting)}`);
  } else {
    reportProgress(`${what}: ${labelOf(setting)} in Atlas; waiting for the project's clusters`);
  }
  const settled = toOutputs(inputs, setting, previous, adopted);
  const found = await settleClusters(client, {
    id,
    groupId: inputs.groupId,
    enabled: inputs.enabled,
    timeoutMs: timeout,
    remainingMs: Math.max(0, timeout - (realClock.now() - startedAt)),
    record: () => plainJson({ ...settled, [PROVIDER_KEY]: news[PROVIDER_KEY] }),
  });
  return toOutputs(inputs, setting, previous, adopted, found);
}
