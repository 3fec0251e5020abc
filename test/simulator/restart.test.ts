import { startSimulator, type RunningSimulator } from "../../simulator";
import { AtlasTestClient } from "./helpers/atlas-client";
import { vpceId } from "./helpers/ids";
import { FAST, expectRecordedExchangesMatchSpec } from "./helpers/simulator-harness";

/** A pooled keep-alive socket to the old process is dead; any client must retry an idempotent request once. */
async function retryOnceOnReset<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    // fetch rejects with a TypeError from its own realm, so match by name.
    if ((error as Error).name !== "TypeError") throw error;
    return send();
  }
}

describe("restarting on the same port with the same seed values", () => {
  let sim: RunningSimulator | undefined;
  afterAll(async () => {
    await sim?.close();
    expectRecordedExchangesMatchSpec();
  });

  it("keeps ids and credentials, answers the old nonce with stale=true, and starts with no endpoints", async () => {
    sim = await startSimulator({ ...FAST, port: 0 });
    const { baseUrl, ...seedValues } = sim.seed;
    const client = new AtlasTestClient(baseUrl, { kind: "digest", ...sim.seed.apiKey });
    const path = `/api/atlas/v2/groups/${seedValues.groupId}/privateEndpoint/AWS/endpointService/${seedValues.endpointServices.AWS}/endpoint`;
    const id = vpceId();
    expect((await client.post(path, { id })).status).toBe(200);
    await sim.close();

    const port = Number(new URL(baseUrl).port);
    sim = await startSimulator({ ...FAST, port, seedValues });
    expect(sim.seed).toEqual({ baseUrl, ...seedValues });

    // The client still holds a nonce from the first process; the new one answers stale=true and the client retries.
    const response = await retryOnceOnReset(() => client.get(`${path}/${id}`));
    expect(response.status).toBe(404);
    const log = (await (await fetch(`${baseUrl}/__simulator/requests`)).json()) as any;
    expect(log.requests.map((r: any) => [r.status, r.auth])).toEqual([
      [401, "challenge"],
      [404, "digest"],
    ]);
    expect((await client.post(path, { id })).status).toBe(200);
  });
});
