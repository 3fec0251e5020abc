/**
 * The engine's log, per resource: the provider plugin sends each operation's progress lines there
 * (pulumirpc.Engine/Log with the resource's URN), so `pulumi up` shows them under the resource they
 * belong to, as it does for any provider. The dynamic provider host has no such channel and writes
 * to stderr instead (host/stderr.ts).
 */
import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import type { Severity } from "../host/stderr";

// The grpc-js and generated stubs @pulumi/pulumi itself loads: one grpc-js instance in the process,
// found through @pulumi/pulumi (whose dependency it is) rather than this package's own tree.
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));
const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcTypes;
const { EngineClient } = fromPulumi("./proto/engine_grpc_pb") as typeof engineRpc;
const { LogRequest, LogSeverity } = fromPulumi("./proto/engine_pb") as typeof engineProto;

export type EngineLog = (urn: string, line: string, severity?: Severity) => void;

/** A log into the engine at `address`; lines it cannot deliver go to stderr (never lost, never fatal). */
export function engineLog(address: string): EngineLog {
  const client = new EngineClient(address, grpc.credentials.createInsecure());
  return (urn, line, severity = "info") => {
    const request = new LogRequest();
    request.setSeverity(severity === "warning" ? LogSeverity.WARNING : LogSeverity.INFO);
    request.setMessage(line);
    request.setUrn(urn);
    client.log(request, (error) => {
      if (error) console.error(`${line} (the engine log refused it: ${error.message})`);
    });
  };
}

/** Where lines go when the plugin was started without an engine address (by hand, in a test). */
export const stderrLog: EngineLog = (_urn, line, severity) => console.error(severity === "warning" ? `warning: ${line}` : line);
