import type { UpdateResult } from "@pulumi/pulumi/dynamic";
import { isAtlasNotFound, type EndpointService } from "../../client";
import { connectToAtlas } from "../../host/connection";
import { reportProgress } from "../../host/stderr";
import { describeService, formatServiceId } from "../../vocabulary/ids";
import { PROVIDER_KEY, timeoutMs } from "../../vocabulary/inputs";
import { normalizedRemoteRegions, resolveServiceInputs } from "../../vocabulary/service-inputs";
import { plainJson } from "../../vocabulary/outputs";
import { toServiceOutputs, type EndpointServiceOutputs } from "../../vocabulary/service-outputs";
import { realClock } from "../../vocabulary/time";
import { observeService } from "../../waiting/status-table";
import { placeService, type Placement } from "./create";
import { locateService } from "./read";
import { settleService } from "./settle";

const sameList = (a: unknown, b: unknown) =>
  JSON.stringify(normalizedRemoteRegions(a as string[] | undefined)) === JSON.stringify(normalizedRemoteRegions(b as string[] | undefined));

/**
 * A settled service: options change nothing in Atlas; a changed supportedRemoteRegions is one PATCH.
 * A service recorded with an initialization error (deadline, failure while waiting, an unconfirmed
 * create): resumes the wait, and finds or creates the region's service if Atlas no longer has it.
 */
export async function updateService(
  id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<UpdateResult<EndpointServiceOutputs>> {
  const inputs = resolveServiceInputs(news);
  const declaredRegion = typeof news.region === "string" ? news.region : inputs.region;
  const settled = typeof olds.status === "string" && observeService(olds as { status?: string; errorMessage?: string }).phase === "ready";
  const { [PROVIDER_KEY]: _provider, ...recorded } = olds;

  if (settled) {
    const outs = plainJson({
      ...(recorded as unknown as EndpointServiceOutputs),
      region: declaredRegion,
      supportedRemoteRegions: inputs.cloudProvider === "AWS" ? inputs.supportedRemoteRegions : undefined,
      timeouts: inputs.timeouts,
      adoptExisting: inputs.adoptExisting,
      deleteAdoptedOnDestroy: inputs.deleteAdoptedOnDestroy,
    });
    if (
      inputs.cloudProvider !== "AWS" ||
      inputs.supportedRemoteRegions === undefined ||
      sameList(olds.supportedRemoteRegions, inputs.supportedRemoteRegions)
    ) {
      return { outs };
    }
    const client = connectToAtlas();
    const ref = { groupId: inputs.groupId, cloudProvider: inputs.cloudProvider, endpointServiceId: String(olds.endpointServiceId) };
    const service = await client.updateEndpointServiceRemoteRegions(ref, inputs.supportedRemoteRegions);
    reportProgress(`${describeService(ref)}: supportedRemoteRegions set to ${JSON.stringify(inputs.supportedRemoteRegions)}`);
    return { outs: toServiceOutputs(inputs, ref.endpointServiceId, service, olds.adopted === true, declaredRegion) };
  }

  const startedAt = realClock.now();
  const createTimeoutMs = timeoutMs(inputs.timeouts, "create");
  const client = connectToAtlas(startedAt + createTimeoutMs);
  let placement: Placement | undefined;
  const ref = await locateService(client, id);
  if (ref) {
    try {
      const service: EndpointService = await client.getEndpointService(ref);
      placement = { service, adopted: olds.adopted === true };
      reportProgress(`${describeService(ref)}: resuming the wait for AVAILABLE (status ${observeService(service).label})`);
    } catch (error) {
      if (!isAtlasNotFound(error)) throw error;
    }
  }
  if (!placement) {
    reportProgress(`endpoint service for ${inputs.cloudProvider} ${inputs.region}: not in Atlas; creating it again`);
    placement = await placeService(client, inputs);
  }
  const serviceRef = { groupId: inputs.groupId, cloudProvider: inputs.cloudProvider, endpointServiceId: placement.service.id ?? "" };
  if (formatServiceId(serviceRef) !== id) {
    // The engine keeps the id it recorded; Atlas's id for the service is in endpointServiceId.
    reportProgress(`${describeService(serviceRef)}: recorded under ${id} until the next refresh`);
  }
  const { outs } = await settleService(client, {
    id,
    ref: serviceRef,
    inputs,
    declaredRegion,
    provider: news[PROVIDER_KEY],
    placement,
    timeoutMs: createTimeoutMs,
    startedAt,
  });
  return { outs };
}
