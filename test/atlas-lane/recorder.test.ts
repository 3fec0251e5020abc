/**
 * The recorder's masking, unit by unit: what it must never write, and that the lane's scan would
 * catch it if it did (so the scan is shown to fire, not only to pass).
 */
import { MASKED_GROUP_ID, Masker, fileStem } from "../../scripts/atlas-lane/recorder";
import { scanRecording } from "../../scripts/atlas-lane/lane";

const groupId = "5f0e1d2c3b4a596877665544";
const masker = new Masker({ groupId, secrets: ["abcdefgh", "11111111-2222-3333-4444-555555555555"], realIds: ["vpce-0123456789abcdef0"] });

test("the project id becomes the shared recordings' placeholder and other Atlas ids stable placeholders", () => {
  const serviceId = "6a793f68c0eb9e7a17715835";
  const text = masker.text(`/api/atlas/v2/groups/${groupId}/privateEndpoint/AWS/endpointService/${serviceId} ${serviceId}`);
  expect(text).toBe(
    `/api/atlas/v2/groups/${MASKED_GROUP_ID}/privateEndpoint/AWS/endpointService/aaaaaaaaaaaaaaaaaaaaaaa2 aaaaaaaaaaaaaaaaaaaaaaa2`,
  );
});

test("credentials, tokens, digest values, real endpoint ids and cluster host names are masked", () => {
  const text = masker.text(
    [
      'Www-Authenticate: Digest realm="MMS Public API", domain="", nonce="669gyxpgL6MGDuSZvQ80Spv3k+Jc99ed", algorithm=MD5, qop="auth", stale=false',
      '{"access_token":"eyJhbGciOi.secret.token","expires_in":3600}',
      "key abcdefgh and 11111111-2222-3333-4444-555555555555",
      '{"interfaceEndpointId":"vpce-0123456789abcdef0","path":"endpoint/vpce-0123456789abcdef0"}',
      "mongodb+srv://orders-pl-0.ab1cd.mongodb.net",
    ].join("\n"),
  );
  expect(text).toBe(
    [
      'Www-Authenticate: Digest realm="MMS Public API", domain="", nonce="<masked>", algorithm=MD5, qop="auth", stale=false',
      '{"access_token":"<masked>","expires_in":3600}',
      "key <masked> and <masked>",
      '{"interfaceEndpointId":"vpce-ffffffffffffffff1","path":"endpoint/vpce-ffffffffffffffff1"}',
      "mongodb+srv://orders-pl-0.xxxxx.mongodb.net",
    ].join("\n"),
  );
});

test("file names follow the shared recordings: METHOD_path with underscores, no query", () => {
  expect(fileStem("GET", "/api/atlas/v2/groups/x/clusters?pageNum=1")).toBe("GET_api_atlas_v2_groups_x_clusters");
});

test("the lane's scan flags an unmasked challenge, a credential or the project id in a recording, and passes a masked one", () => {
  const secrets = [
    { label: "private key", value: "11111111-2222-3333-4444-555555555555" },
    { label: "project id", value: groupId },
  ];
  const raw = 'HTTP/2.0 401 Unauthorized\nWww-Authenticate: Digest realm="MMS Public API", nonce="669gyxpg"\n\n{}';
  expect(scanRecording("a", raw, secrets)).toEqual(["an unmasked digest challenge value in recording a"]);
  expect(scanRecording("b", `{"groupId":"${groupId}"}`, secrets)).toEqual(["project id in recording b"]);
  expect(scanRecording("c", masker.text(`${raw}\n{"groupId":"${groupId}","k":"11111111-2222-3333-4444-555555555555"}`), secrets)).toEqual(
    [],
  );
});
