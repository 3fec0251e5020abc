import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { azureId, vpceId } from "./helpers/ids";
import { record } from "./helpers/recorder";
import { FAST, useSimulator } from "./helpers/simulator-harness";

const run = promisify(execFile);
// curl starts a process per request, slow on a loaded core: deletion lasts an hour (360,000,000 ms
// x 0.01), so the GET after the DELETE sees DELETING however long curl takes to start.
const h = useSimulator({ ...FAST, delays: { ...FAST.delays, deletingMs: 360_000_000 } });
const ACCEPT = "Accept: application/vnd.atlas.2023-01-01+json";
const MARK = "\n--curl-meta--";

type CurlResult = { status: number; contentType: string; text: string; body: any };

/** Runs /usr/bin/curl, a client nobody here wrote, and records the answer for the contract check. */
async function curl(method: string, target: string, auth: string[], data?: unknown): Promise<CurlResult> {
  const args = ["-s", "-X", method, ...auth, "-H", ACCEPT, "-w", `${MARK}%{http_code} %{content_type}`];
  if (data !== undefined) args.push("-H", "Content-Type: application/vnd.atlas.2023-01-01+json", "--data-binary", JSON.stringify(data));
  args.push(h.sim.baseUrl + target);
  const { stdout } = await run("/usr/bin/curl", args);
  const at = stdout.lastIndexOf(MARK);
  const text = stdout.slice(0, at);
  const [code, contentType = ""] = stdout.slice(at + MARK.length).split(" ");
  const status = Number(code);
  record({ method, target, status, contentType: contentType || null, text, requestBody: data });
  return { status, contentType, text, body: text ? JSON.parse(text) : undefined };
}

const digest = () => ["--digest", "-u", `${h.sim.seed.apiKey.publicKey}:${h.sim.seed.apiKey.privateKey}`];

describe("driven by curl --digest", () => {
  it("creates, reads, reads in an envelope, refuses a duplicate with 409, and deletes an AWS endpoint", async () => {
    const id = vpceId();
    const path = h.endpointPath("AWS");
    const created = await curl("POST", path, digest(), { id });
    expect(created.status).toBe(200);
    expect(created.contentType).toBe("application/vnd.atlas.2023-01-01+json;charset=utf-8");
    expect(created.body).toMatchObject({ interfaceEndpointId: id, connectionStatus: "PENDING_ACCEPTANCE" });

    const read = await curl("GET", `${path}/${id}`, digest());
    expect(read.status).toBe(200);
    expect(read.body.interfaceEndpointId).toBe(id);

    const enveloped = await curl("GET", `${path}/${id}?envelope=true&pretty=true`, digest());
    expect(enveloped.status).toBe(200);
    expect(enveloped.body).toEqual({ status: 200, content: expect.objectContaining({ interfaceEndpointId: id }) });

    const duplicate = await curl("POST", path, digest(), { id });
    expect(duplicate.status).toBe(409);
    expect(duplicate.contentType).toBe("application/json");
    expect(duplicate.body.errorCode).toBe("PRIVATE_ENDPOINT_ALREADY_EXISTS");

    const deleted = await curl("DELETE", `${path}/${id}`, digest());
    expect(deleted.status).toBe(204);
    const after = await curl("GET", `${path}/${id}`, digest());
    expect(after.body).toMatchObject({ deleteRequested: true, connectionStatus: "DELETING" });

    const { requests } = await h.control("GET", "requests");
    const curlAuths = requests.filter((r: any) => r.path === path).map((r: any) => r.auth);
    expect(curlAuths).toEqual(["challenge", "digest", "challenge", "digest"]);
  });

  it("passes an Azure id encoded once through curl unchanged", async () => {
    const id = azureId();
    expect((await curl("POST", h.endpointPath("AZURE"), digest(), { id, privateEndpointIPAddress: "10.0.0.9" })).status).toBe(200);
    const read = await curl("GET", `${h.endpointPath("AZURE")}/${encodeURIComponent(id)}`, digest());
    expect(read.status).toBe(200);
    expect(read.body.privateEndpointResourceId).toBe(id);
  });

  it("gets a Bearer token from the token endpoint with curl and uses it on Atlas routes", async () => {
    const { clientId, clientSecret } = h.sim.seed.serviceAccount;
    const { stdout } = await run("/usr/bin/curl", [
      "-s",
      "-u",
      `${clientId}:${clientSecret}`,
      "-d",
      "grant_type=client_credentials",
      `${h.sim.baseUrl}/api/oauth/token`,
    ]);
    const token = JSON.parse(stdout);
    expect(token).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    const bearer = ["-H", `Authorization: Bearer ${token.access_token}`];
    const id = vpceId();
    expect((await curl("POST", h.endpointPath("AWS"), bearer, { id })).status).toBe(200);
    expect((await curl("GET", `${h.endpointPath("AWS")}/${id}`, bearer)).status).toBe(200);
    expect((await curl("DELETE", `${h.endpointPath("AWS")}/${id}`, bearer)).status).toBe(204);
  });

  it("answers curl with a wrong key 401, errorCode UNEXPECTED_ERROR as recorded", async () => {
    const response = await curl("GET", `${h.groupPath}/AWS/endpointService`, ["--digest", "-u", `${h.sim.seed.apiKey.publicKey}:wrong`]);
    expect(response.status).toBe(401);
    expect(response.body.errorCode).toBe("UNEXPECTED_ERROR");
  });
});
