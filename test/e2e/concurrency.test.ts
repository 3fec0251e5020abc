import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import { fixturesDir, output, RunningSimulator, simulatorEndpoints, stackFor, startSimulator } from "./harness";

jest.setTimeout(600_000);

let simulator: RunningSimulator;
beforeAll(async () => {
    // About 5 s from create to AVAILABLE at time scale 1, as the issue asks; deletion is quick.
    simulator = await startSimulator({
        port: 0,
        timeScale: 1,
        delays: { awsPendingAcceptanceMs: 1000, awsPendingMs: 4000, deletingMs: 500 },
    });
});
afterAll(async () => {
    await simulator?.close();
});

async function timedUp(count: number): Promise<{ wallMs: number; stack: PulumiStack }> {
    const stack = stackFor(simulator, join(fixturesDir, "many"), { PULUMI_ATLAS_PE_TIME_SCALE: "1" });
    await stack.init({
        groupId: simulator.seed.groupId,
        endpointServiceId: simulator.seed.endpointServices.AWS,
        count: String(count),
        idPrefix: randomBytes(6).toString("hex"),
    });
    const up = await stack.up();
    if (up.code !== 0) throw new Error(output(up));
    return { wallMs: up.wallMs, stack };
}

test("twenty endpoints that each take 5 s to become AVAILABLE are waited for in parallel", async () => {
    const one = await timedUp(1);
    expect((await simulatorEndpoints(simulator)).filter((e) => e.status === "AVAILABLE")).toHaveLength(1);
    const destroyOne = await one.stack.destroy();
    if (destroyOne.code !== 0) throw new Error(output(destroyOne));

    const twenty = await timedUp(20);
    const endpoints = await simulatorEndpoints(simulator);
    expect(endpoints.filter((e) => e.status === "AVAILABLE")).toHaveLength(20);
    const ratio = twenty.wallMs / one.wallMs;
    process.stderr.write(
        `[e2e] pulumi up wall time: 1 endpoint ${one.wallMs} ms, 20 endpoints ${twenty.wallMs} ms (ratio ${ratio.toFixed(2)})\n`,
    );
    // Serialized waits would take 20 x 5 s on top of the one-endpoint run.
    expect(twenty.wallMs).toBeLessThan(one.wallMs + 20_000);

    const destroy = await twenty.stack.destroy();
    if (destroy.code !== 0) throw new Error(output(destroy));
    expect(await simulatorEndpoints(simulator)).toEqual([]);
});
