/**
 * The provider plugin's `@pulumi/pulumi/provider` Provider: each call finds the resource kind from the
 * URN's type token and runs that kind's lifecycle, the very functions its dynamic resource runs. Only
 * the shapes differ between the two packagings, and they are mapped here:
 * - `__provider` is the dynamic provider's serialized self; nothing here needs it and nothing recorded
 *   here carries it.
 * - a ResourceInitError (Atlas holds the resource but it is not ready) keeps its id, properties and
 *   reasons, which the SDK's server turns into the engine's "created with initialization errors".
 * - read's "gone" (an empty id) gets empty properties, which the protocol needs.
 * - progress lines and warnings go to the engine's log for the resource being worked on.
 */
import type * as provider from "@pulumi/pulumi/provider";
import { withProgressSink } from "../host/stderr";
import { ResourceInitError } from "../operations/resource-init-error";
import { PROVIDER_KEY } from "../vocabulary/state";
import { type EngineLog, stderrLog } from "../host/engine-log";
import type { Lookup } from "../operations/lookup";
import { LOOKUPS, RESOURCE_KINDS, type ResourceKind } from "./kinds";
import { tokenOf } from "./schema";

type Props = Record<string, unknown>;

/** The type token of a URN (`urn:pulumi:<stack>::<project>::<parent types$>type::<name>`). */
export function typeOfUrn(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  return qualifiedType.split("$").pop() ?? qualifiedType;
}

export function kindOf(urn: string, kinds: readonly ResourceKind[] = RESOURCE_KINDS): ResourceKind {
  const type = typeOfUrn(urn);
  const kind = kinds.find((candidate) => tokenOf(candidate.typeName) === type);
  if (!kind) {
    throw new Error(`This plugin does not serve type value="${type}"; it serves ${kinds.map((k) => tokenOf(k.typeName)).join(", ")}`);
  }
  return kind;
}

/** Plain JSON without the dynamic provider's key: what the plugin records. */
function recorded<T>(props: T): T {
  if (props === undefined || props === null || typeof props !== "object") return props;
  const { [PROVIDER_KEY]: _dynamicProvider, ...rest } = props as Props;
  return JSON.parse(JSON.stringify(rest)) as T;
}

function recordedError(error: unknown): unknown {
  if (!(error instanceof ResourceInitError)) return error;
  const mapped = new ResourceInitError(error.id, recorded(error.properties), error.message);
  mapped.reasons.splice(0, mapped.reasons.length, ...error.reasons);
  return mapped;
}

export interface PluginOptions {
  version: string;
  schema: string;
  /** Where progress lines go, per resource URN. */
  log?: () => EngineLog;
  kinds?: readonly ResourceKind[];
  lookups?: readonly Lookup[];
}

export function pluginProvider(options: PluginOptions): provider.Provider {
  const kinds = options.kinds ?? RESOURCE_KINDS;
  const lookups = options.lookups ?? LOOKUPS;
  const find = (urn: string) => kindOf(urn, kinds);
  /** Runs an operation that may reach Atlas: its lines go to the engine under `urn`, its errors keep what they recorded. */
  const operate = async <T>(urn: string, operation: (kind: ResourceKind) => Promise<T>): Promise<T> => {
    const kind = find(urn);
    const log = options.log?.() ?? stderrLog;
    try {
      return await withProgressSink(
        (line, severity) => log(urn, line, severity),
        () => operation(kind),
      );
    } catch (error) {
      throw recordedError(error);
    }
  };
  return {
    version: options.version,
    schema: options.schema,
    async check(urn, olds, news) {
      // Check asks Atlas nothing; it warns (a setting that changes clusters, a kind of service Atlas is retiring) under the resource, at WARNING.
      return operate(urn, (kind) => kind.lifecycle.check(olds as Props, recorded(news as Props)));
    },
    async diff(id, urn, olds, news) {
      const { changes, replaces, deleteBeforeReplace } = find(urn).lifecycle.diff(id, recorded(olds as Props), recorded(news as Props));
      return { changes, replaces, deleteBeforeReplace };
    },
    async create(urn, inputs) {
      return operate(urn, async (kind) => {
        const { id, outs } = await kind.lifecycle.create(recorded(inputs as Props));
        return { id, outs: recorded(outs) };
      });
    },
    async read(id, urn, props) {
      return operate(urn, async (kind) => {
        const result = await kind.lifecycle.read(id, recorded((props ?? {}) as Props));
        if (!result.id) return { id: "", props: {} };
        return { id: result.id, props: recorded(result.props), inputs: recorded(result.inputs) };
      });
    },
    async update(id, urn, olds, news) {
      return operate(urn, async (kind) => {
        const { outs } = await kind.lifecycle.update(id, recorded(olds as Props), recorded(news as Props));
        return { outs: recorded(outs) };
      });
    },
    async delete(id, urn, props) {
      await operate(urn, (kind) => kind.lifecycle.remove(id, recorded(props as Props)));
    },
    async invoke(token, inputs) {
      const lookup = lookups.find((candidate) => tokenOf(candidate.name) === token);
      if (!lookup) {
        throw new Error(`This plugin has no function value="${token}"; it has ${lookups.map((l) => tokenOf(l.name)).join(", ")}`);
      }
      const log = options.log?.() ?? stderrLog;
      // A function belongs to no resource: its lines go to the engine's log for the stack.
      const outputs = await withProgressSink(
        (line, severity) => log("", line, severity),
        () => lookup.run(recorded((inputs ?? {}) as Props)),
      );
      return { outputs: recorded(outputs) };
    },
  };
}
