/**
 * StreamPrivateLink's update of a connection recorded as DONE (the resumed create is
 * operations/update.ts): Atlas changes nothing of a connection in place, so diff allows an update
 * only of the options (timeouts, adoptExisting), and it calls nothing in Atlas.
 */
import type { ResolvedStreamLinkInputs } from "./inputs";
import { recordedLink, toOutputs, type StreamPrivateLinkOutputs } from "./outputs";

type Props = Record<string, unknown>;

export async function updateSettled(
  _id: string,
  olds: Props,
  _news: Props,
  inputs: ResolvedStreamLinkInputs,
): Promise<StreamPrivateLinkOutputs> {
  const recorded = recordedLink(olds);
  return toOutputs(inputs, recorded, olds.adopted === true);
}
