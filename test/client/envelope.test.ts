import { readAnswer } from "../../provider/client/answer";

const response = (status: number, body: unknown) => ({ status, headers: {}, bodyText: body === undefined ? "" : JSON.stringify(body) });

describe("readAnswer with envelope", () => {
  it("uses the envelope's status and content as the real answer", () => {
    const answer = readAnswer(response(200, { status: 409, content: { errorCode: "DUPLICATE" } }), true);
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ ok: true, value: { errorCode: "DUPLICATE" } });
  });

  it("reads an envelope without content (a 204) as an empty body", () => {
    expect(readAnswer(response(200, { status: 204 }), true)).toMatchObject({ status: 204, body: { ok: true, value: undefined } });
  });

  it("passes through answers that are not envelopes: challenges, gateway errors, non-200", () => {
    expect(readAnswer(response(401, { status: 200, content: {} }), true).status).toBe(401);
    expect(readAnswer({ status: 502, headers: {}, bodyText: "<html>bad gateway</html>" }, true)).toMatchObject({
      status: 502,
      body: { ok: false },
    });
    expect(readAnswer(response(200, { cloudProvider: "AWS", status: "AVAILABLE" }), true).status).toBe(200);
  });

  it("does not unwrap when envelope is off, even for an envelope-like body", () => {
    expect(readAnswer(response(200, { status: 409, content: {} }), false)).toMatchObject({
      status: 200,
      body: { ok: true, value: { status: 409, content: {} } },
    });
  });
});
