import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AtlasClient } from "../../provider/client";
import { LEGACY_PRIVATE_ENDPOINT_TYPE, PRIVATE_ENDPOINT_TYPE } from "../../provider/private-endpoint";
import { mustSucceed } from "../../scripts/lib/pulumi-workspace";
import { fixturesDir, output, RunningSimulator, simulatorEndpoints, stackFor, startSimulator, withoutCredentials } from "./harness";

jest.setTimeout(300_000);

// A stack as release 0.1.0 left it: made by `pulumi up` with that release's packed tarball (make-state.ts).
const fixture = join(fixturesDir, "legacy-type");
const ids = JSON.parse(readFileSync(join(fixture, "legacy-ids.json"), "utf8")) as {
    groupId: string;
    endpointServices: { AWS: string; AZURE: string; GCP: string; GCP_PORT_MAPPED: string };
    vpcEndpointId: string;
};
const endpointPulumiId = `${ids.groupId}:AWS:${ids.endpointServices.AWS}:${ids.vpcEndpointId}`;

interface PreviewStep {
    op: string;
    urn: string;
}

let simulator: RunningSimulator;
beforeAll(async () => {
    simulator = await startSimulator({ port: 0, timeScale: 0.02, seedValues: { groupId: ids.groupId, endpointServices: { ...ids.endpointServices } } });
    // Atlas has the endpoint that the old state records.
    const client = new AtlasClient({
        baseUrl: simulator.baseUrl,
        credentials: { kind: "apiKey", publicKey: simulator.seed.apiKey.publicKey, privateKey: simulator.seed.apiKey.privateKey },
    });
    const service = { groupId: ids.groupId, cloudProvider: "AWS" as const, endpointServiceId: ids.endpointServices.AWS };
    await client.createPrivateEndpoint(service, { cloudProvider: "AWS", id: ids.vpcEndpointId });
    for (let i = 0; i < 400 && (await simulatorEndpoints(simulator))[0]?.status !== "AVAILABLE"; i++) await new Promise((r) => setTimeout(r, 25));
});
afterAll(async () => {
    await simulator?.close();
});

async function requestsSince(): Promise<{ method: string; path: string }[]> {
    const body = (await (await fetch(`${simulator.baseUrl}/__simulator/requests`)).json()) as { requests: { method: string; path: string }[] };
    return body.requests;
}

test("a stack created by release 0.1.0 (pulumi-nodejs:dynamic:Resource) upgrades in place to the named type: no replacement, no call to Atlas", async () => {
    const stack = stackFor(simulator, fixture);
    await stack.init({ groupId: ids.groupId, endpointServiceId: ids.endpointServices.AWS, vpcEndpointId: ids.vpcEndpointId });
    await mustSucceed(stack.run(["stack", "import", "--file", join(fixture, "state-0.1.0.json"), "--stack", stack.stack]), "pulumi stack import");
    const before = (await stack.exportState()).deployment.deployment.resources ?? [];
    expect(before.filter((r) => r.type === LEGACY_PRIVATE_ENDPOINT_TYPE).map((r) => r.id)).toEqual([endpointPulumiId]);

    await fetch(`${simulator.baseUrl}/__simulator/requests`, { method: "DELETE" });
    // No credentials; the base URL (not a credential) points at the simulator so any request would be logged.
    const noCredentials = { ...withoutCredentials(), MONGODB_ATLAS_BASE_URL: simulator.baseUrl };
    const preview = await stack.preview(["--json"], { env: noCredentials });
    if (preview.code !== 0) throw new Error(output(preview));
    // Without the alias this is {create: 1, delete: 1, same: 1}: a new endpoint and the old one deleted.
    const plan = JSON.parse(preview.stdout) as { steps: PreviewStep[]; changeSummary: Record<string, number> };
    expect(plan.changeSummary).toEqual({ same: 2 });
    expect(plan.steps.filter((s) => s.op !== "same")).toEqual([]);

    const up = await stack.up([], { env: noCredentials });
    if (up.code !== 0) throw new Error(output(up));
    expect(up.stdout).not.toMatch(/replace|created|deleted/i);
    expect(await requestsSince()).toEqual([]);

    const after = (await stack.exportState()).deployment.deployment.resources ?? [];
    expect(after.filter((r) => r.type === LEGACY_PRIVATE_ENDPOINT_TYPE)).toEqual([]);
    const upgraded = after.filter((r) => r.type === PRIVATE_ENDPOINT_TYPE);
    expect(upgraded.map((r) => [r.id, r.outputs?.connectionStatus])).toEqual([[endpointPulumiId, "AVAILABLE"]]);
    expect(await simulatorEndpoints(simulator)).toEqual([expect.objectContaining({ endpointId: ids.vpcEndpointId, status: "AVAILABLE" })]);

    // The upgraded resource keeps its whole lifecycle: nothing to change, refresh reads it, destroy removes it.
    const again = await stack.up(["--expect-no-changes"]);
    if (again.code !== 0) throw new Error(output(again));
    const refresh = await stack.refresh(["--expect-no-changes"]);
    if (refresh.code !== 0) throw new Error(output(refresh));
    const destroy = await stack.destroy();
    if (destroy.code !== 0) throw new Error(output(destroy));
    expect(await simulatorEndpoints(simulator)).toEqual([]);
});
