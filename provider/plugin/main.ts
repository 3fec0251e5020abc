/**
 * The provider plugin's process: `pulumi-resource-atlas-private-endpoint` (bin/ in the package) runs
 * this file. It serves pluginProvider through @pulumi/pulumi's own `main()`, with one thing added:
 * `Configure`. The SDK's server (3.276) answers Configure without passing the request on, so stack
 * config (`atlas-private-endpoint:publicKey` ...) would never reach the plugin; the answer it gives
 * also says it takes secrets, after which every secret input would arrive wrapped. So the provider
 * service's `configure` is replaced as main() registers it: config goes to host/connection.ts, as
 * the dynamic provider's stack config does, and the engine is told to send plain values (it keeps
 * marking as secret whatever was secret).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import { main } from "@pulumi/pulumi/provider";
import type * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import type * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import { CONFIG_KEYS } from "../host/connection";
import { engineAddress, engineLog, type EngineLog, stderrLog } from "../host/engine-log";
import { configure as configureHost } from "../operations/lifecycle";
import { pluginProvider } from "./provider";
import { schemaText } from "./schema";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));
const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcTypes;
const { ResourceProviderService } = fromPulumi("./proto/provider_grpc_pb") as typeof providerRpc;
const { ConfigureResponse } = fromPulumi("./proto/provider_pb") as typeof providerProto;

/** This package's version (package.json above the running file, in dist/ or in the source tree). */
export function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "pulumi-atlas-private-endpoint" && pkg.version) return pkg.version;
    } catch {
      // no package.json here: keep looking up
    }
  }
  throw new Error(`pulumi-atlas-private-endpoint's package.json was not found above ${__dirname}`);
}

/** `atlas-private-endpoint:config:publicKey` (or `atlas-private-endpoint:publicKey`) -> the value, by CONFIG_KEYS field. */
export function pluginConfig(variables: Iterable<[string, string]>): Map<string, string> {
  const byField = new Map<string, string>();
  for (const [key, value] of variables) byField.set(key.split(":").pop() ?? key, value);
  const reader = new Map<string, string>();
  for (const [field, stackKey] of Object.entries(CONFIG_KEYS)) {
    const value = byField.get(field);
    if (value !== undefined) reader.set(stackKey, value);
  }
  return reader;
}

type Callback = (error: unknown, response?: unknown) => void;
type ConfigureCall = { request: providerProto.ConfigureRequest };

function configure(call: ConfigureCall, callback: Callback): void {
  try {
    const config = pluginConfig(call.request.getVariablesMap().toArray());
    // One configuration for every kind: credentials and base URL live in the host, not in a resource.
    configureHost({ config: { get: (key: string) => config.get(key) } });
    const response = new ConfigureResponse();
    response.setAcceptsecrets(false);
    response.setSupportspreview(false);
    response.setAcceptresources(false);
    response.setAcceptoutputs(false);
    callback(null, response);
  } catch (error) {
    callback(error);
  }
}

/** Swaps the provider service's configure as main() registers the service (see the file comment). */
function withOwnConfigure(): void {
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service, implementation) {
    if (service === ResourceProviderService) implementation.configure = configure as never;
    return addService.call(this, service, implementation);
  };
}

export async function serve(args: string[]): Promise<void> {
  const address = engineAddress(args);
  let log: EngineLog | undefined;
  const version = packageVersion();
  withOwnConfigure();
  await main(
    pluginProvider({
      version,
      schema: schemaText(version),
      log: () => {
        log ??= address ? engineLog(address) : stderrLog;
        return log;
      },
    }),
    args,
  );
}

if (require.main === module) {
  serve(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
