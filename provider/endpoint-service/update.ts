/**
 * EndpointService's update of a service recorded as ready (the resumed create is
 * operations/update.ts): options change nothing in Atlas; a changed supportedRemoteRegions is one PATCH.
 */
import { connectToAtlas } from "../host/connection";
import { reportProgress } from "../host/stderr";
import { refOf } from "./create";
import { describeService } from "./ids";
import { normalizedRemoteRegions, type ResolvedServiceInputs } from "./inputs";
import { recordedService, toOutputs, type EndpointServiceOutputs } from "./outputs";

type Props = Record<string, unknown>;

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  JSON.stringify(normalizedRemoteRegions(a)) === JSON.stringify(normalizedRemoteRegions(b));

export async function updateSettled(
  _id: string,
  olds: Props,
  _news: Props,
  inputs: ResolvedServiceInputs,
): Promise<EndpointServiceOutputs> {
  const recorded = recordedService(olds, inputs.cloudProvider);
  const endpointServiceId = typeof olds.endpointServiceId === "string" ? olds.endpointServiceId : "";
  const adopted = olds.adopted === true;
  const outs = toOutputs(inputs, recorded, { endpointServiceId, adopted });
  const declaredBefore = Array.isArray(olds.supportedRemoteRegions) ? olds.supportedRemoteRegions.map(String) : undefined;
  if (
    inputs.cloudProvider !== "AWS" ||
    inputs.supportedRemoteRegions === undefined ||
    sameList(declaredBefore, inputs.supportedRemoteRegions)
  ) {
    return outs;
  }
  const ref = refOf(inputs, endpointServiceId);
  const service = await connectToAtlas().updateEndpointServiceRemoteRegions(ref, inputs.supportedRemoteRegions);
  reportProgress(`${describeService(ref)}: supportedRemoteRegions set to ${JSON.stringify(inputs.supportedRemoteRegions)}`);
  return toOutputs(inputs, service, { endpointServiceId, adopted });
}
