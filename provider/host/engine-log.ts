/**
 * The engine's log: every provider host process (the provider plugin, the dynamic provider host) is
 * started by the engine with the engine's address as its first argument, and may send diagnostics
 * there (pulumirpc.Engine/Log): `pulumi up` and `pulumi preview` show them under the resource they
 * name, or under the stack when they name none, and count warnings as warnings. The provider plugin
 * sends each operation's progress lines here for its resource; the dynamic provider host, whose
 * progress lines go to stderr (stderr.ts), sends its warnings here.
 */
import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as engineProto from "@pulumi/pulumi/proto/engine_pb";

// The grpc-js and generated stubs @pulumi/pulumi itself loads: one grpc-js instance in the process,
// found through @pulumi/pulumi (whose dependency it is) rather than this package's own tree.
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));
const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcTypes;
const { EngineClient } = fromPulumi("./proto/engine_grpc_pb") as typeof engineRpc;
const { LogRequest, LogSeverity } = fromPulumi("./proto/engine_pb") as typeof engineProto;

export type Severity = "info" | "warning";

/** Sends one line for `urn` ("" for none); what it returns is awaited (engineLog's resolves once the engine has it). */
export type EngineLog = (urn: string, line: string, severity?: Severity) => unknown;

/** A log into the engine at `address`; lines it cannot deliver go to stderr (never lost, never fatal). */
export function engineLog(address: string): (urn: string, line: string, severity?: Severity) => Promise<void> {
  const client = new EngineClient(address, grpc.credentials.createInsecure());
  return (urn, line, severity = "info") =>
    new Promise<void>((resolve) => {
      const request = new LogRequest();
      request.setSeverity(severity === "warning" ? LogSeverity.WARNING : LogSeverity.INFO);
      request.setMessage(line);
      request.setUrn(urn);
      client.log(request, (error) => {
        if (error) console.error(`${severity === "warning" ? "warning: " : ""}${line} (the engine log refused it: ${error.message})`);
        resolve();
      });
    });
}

/** Where lines go when the plugin was started without an engine address (by hand, in a test). */
export const stderrLog: EngineLog = (_urn, line, severity) => console.error(severity === "warning" ? `warning: ${line}` : line);

/** The engine's address among a provider host's arguments: the first that is not a flag (as the SDK's own parseArgs reads it). */
export function engineAddress(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--tracing") i += 1;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

let hostLog: EngineLog | undefined | null = null;

/**
 * The log of the engine that started this process, when its arguments name one (`host:port`): the
 * dynamic provider host's. Undefined in any other process (a test, a tool).
 */
export function hostEngineLog(): EngineLog | undefined {
  if (hostLog === null) {
    const address = engineAddress(process.argv.slice(2));
    hostLog = address !== undefined && /^[^\s/]+:\d+$/.test(address) ? engineLog(address) : undefined;
  }
  return hostLog;
}
