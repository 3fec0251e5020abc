import {
  describeIssues,
  endpointServiceSchemas,
  privateEndpointSchema,
  privateEndpointSchemas,
  readApiErrorBody,
  withoutNulls,
} from "../../provider/client/schemas";

describe("privateEndpointSchemas", () => {
  it("parses an AWS endpoint and keeps fields Atlas adds later", () => {
    const parsed = privateEndpointSchemas.AWS.parse({
      cloudProvider: "AWS",
      connectionStatus: "PENDING_ACCEPTANCE",
      interfaceEndpointId: "vpce-0123456789abcdef0",
      deleteRequested: false,
      someFutureField: { x: 1 },
    });
    expect(parsed).toEqual({
      cloudProvider: "AWS",
      connectionStatus: "PENDING_ACCEPTANCE",
      interfaceEndpointId: "vpce-0123456789abcdef0",
      deleteRequested: false,
      someFutureField: { x: 1 },
    });
  });

  it("reads null as absent, at any depth", () => {
    const parsed = privateEndpointSchemas.GCP.parse({
      cloudProvider: "GCP",
      status: "VERIFIED",
      errorMessage: null,
      endpointGroupName: "group-1",
      endpoints: [{ endpointName: "rule-1", ipAddress: null, status: "AVAILABLE" }],
    });
    expect(parsed).toEqual({
      cloudProvider: "GCP",
      status: "VERIFIED",
      endpointGroupName: "group-1",
      endpoints: [{ endpointName: "rule-1", status: "AVAILABLE" }],
    });
    expect("errorMessage" in parsed).toBe(false);
  });

  it("parses an Azure endpoint with its connection name and IP", () => {
    const body = {
      cloudProvider: "AZURE",
      status: "INITIATING",
      privateEndpointConnectionName: "cba6d9c6-1d3f-3c11-03cb-c705d895e636%2Frg%2Fpe",
      privateEndpointIPAddress: "10.0.0.4",
      privateEndpointResourceId: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe",
    };
    expect(privateEndpointSchemas.AZURE.parse(body)).toEqual(body);
  });

  it("keeps a status outside the 2023-01-01 enum verbatim: Atlas adds statuses over time", () => {
    expect(privateEndpointSchemas.AWS.parse({ cloudProvider: "AWS", connectionStatus: "PENDING_REVIEW" })).toEqual({
      cloudProvider: "AWS",
      connectionStatus: "PENDING_REVIEW",
    });
    expect(
      privateEndpointSchemas.GCP.parse({ cloudProvider: "GCP", status: "QUEUED", endpoints: [{ endpointName: "r", status: "WARMING" }] }),
    ).toMatchObject({
      status: "QUEUED",
      endpoints: [{ endpointName: "r", status: "WARMING" }],
    });
  });

  it("reads an answer without a status, or without cloudProvider, as the cloud asked about", () => {
    expect(privateEndpointSchemas.AZURE.parse({ cloudProvider: "AZURE", status: null, brandNewField: { nested: 1 } })).toEqual({
      cloudProvider: "AZURE",
      brandNewField: { nested: 1 },
    });
    expect(privateEndpointSchemas.AWS.parse({ interfaceEndpointId: "vpce-1" })).toEqual({
      cloudProvider: "AWS",
      interfaceEndpointId: "vpce-1",
    });
  });

  it("still rejects a known field of the wrong type, naming it", () => {
    const result = privateEndpointSchemas.AWS.safeParse({ cloudProvider: "AWS", connectionStatus: 7 });
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toMatch(/^connectionStatus: /);
  });

  it("rejects a body of another cloud than the one asked for", () => {
    const result = privateEndpointSchemas.AWS.safeParse({ cloudProvider: "GCP", status: "AVAILABLE" });
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toContain("cloudProvider");
  });

  it("discriminates by cloudProvider in the union schema", () => {
    expect(privateEndpointSchema.parse({ cloudProvider: "AZURE", status: "FAILED", errorMessage: "boom" })).toMatchObject({
      cloudProvider: "AZURE",
      status: "FAILED",
    });
    expect(privateEndpointSchema.safeParse({ cloudProvider: "ORACLE", status: "AVAILABLE" }).success).toBe(false);
  });

  it("accepts GCP's DELETED group status, which the spec lists", () => {
    expect(privateEndpointSchemas.GCP.parse({ cloudProvider: "GCP", status: "DELETED" }).status).toBe("DELETED");
  });
});

describe("endpointServiceSchemas", () => {
  it("reads an AWS service without interfaceEndpoints or with a status it does not know", () => {
    expect(endpointServiceSchemas.AWS.parse({ cloudProvider: "AWS", id: "a".repeat(24), status: "MIGRATING" })).toEqual({
      cloudProvider: "AWS",
      id: "a".repeat(24),
      status: "MIGRATING",
    });
    expect(
      endpointServiceSchemas.AWS.parse({ cloudProvider: "AWS", id: "a".repeat(24), status: "AVAILABLE", interfaceEndpoints: [] })
        .interfaceEndpoints,
    ).toEqual([]);
  });

  it("parses a GCP service with port mapping", () => {
    expect(
      endpointServiceSchemas.GCP.parse({ cloudProvider: "GCP", status: "AVAILABLE", portMappingEnabled: true, endpointGroupNames: null }),
    ).toEqual({
      cloudProvider: "GCP",
      status: "AVAILABLE",
      portMappingEnabled: true,
    });
  });
});

describe("readApiErrorBody", () => {
  it("reads the ApiError fields it finds and ignores the rest", () => {
    expect(readApiErrorBody({ error: 404, errorCode: "X", detail: "d", reason: "Not Found", parameters: ["a"], extra: 1 })).toEqual({
      error: 404,
      errorCode: "X",
      detail: "d",
      reason: "Not Found",
      parameters: ["a"],
    });
    expect(readApiErrorBody({ errorCode: 5, detail: null })).toEqual({});
    expect(readApiErrorBody("<html>")).toEqual({});
    expect(readApiErrorBody(undefined)).toEqual({});
  });
});

describe("withoutNulls", () => {
  it("keeps nulls inside arrays for the schema to judge", () => {
    expect(withoutNulls({ a: null, b: [null, { c: null }] })).toEqual({ b: [null, {}] });
  });
});
