/**
 * A resource's whole lifecycle, from its record: what each resource folder's lifecycle.ts exports,
 * and what the stable require paths (provider/lifecycle.ts ...) hand to the serialized dynamic
 * providers and the plugin. Every operation runs as its resource, so its progress lines name it.
 */
import type { CheckResult, DiffResult } from "@pulumi/pulumi/dynamic";
import { configure as configureCredentials, type ConfigReader } from "../host/connection";
import { asResource, exitWhenEngineIsGone, reportWarning } from "../host/stderr";
import type { Timeouts } from "../vocabulary/time";
import { validateWith } from "../vocabulary/validation";
import { createWith } from "./create";
import { removeWith } from "./delete";
import { diffWith } from "./diff";
import type { AtlasResource, Props } from "./kind";
import { readWith, type Refreshed } from "./read";
import { updateWith } from "./update";

export interface Lifecycle<Outputs> {
  /** Stack config arrives once per provider process; only credentials and base URL are kept. */
  configure(request: { config: ConfigReader }): void;
  /**
   * No Atlas request, no credentials, so previews work without Atlas access. Valid inputs may be
   * warned of (its vocabulary's `warnings`) through the engine's log.
   */
  check(olds: Props, news: Props): Promise<CheckResult>;
  /** Pure: replace, delete-before-replace or update from inputs and recorded outputs. */
  diff(id: string, olds: Props, news: Props): DiffResult;
  create(props: Props): Promise<{ id: string; outs: Outputs }>;
  read(id: string, props: Props): Promise<Refreshed<Outputs>>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Outputs }>;
  remove(id: string, props: Props): Promise<void>;
}

/** Stack config arrives once per provider process, whichever resource it serves first. */
export function configure(request: { config: ConfigReader }): void {
  // configure runs once per provider host process, and only there.
  exitWhenEngineIsGone();
  configureCredentials(request.config);
}

export function lifecycleOf<Inputs extends { timeouts?: Timeouts }, Ref, Answer, Outputs>(
  resource: AtlasResource<Inputs, Ref, Answer, Outputs>,
): Lifecycle<Outputs> {
  const as = <T>(operation: () => T) => asResource(resource.name, operation);
  return {
    configure,
    check: (olds, news) =>
      as(async () => {
        const checked = validateWith(resource.inputs.vocabulary, news);
        const warnings = checked.failures.length === 0 ? (resource.inputs.vocabulary.warnings?.(checked.inputs, olds) ?? []) : [];
        for (const line of warnings) await reportWarning(line);
        return checked;
      }),
    diff: (id, olds, news) => diffWith(resource.diff.rules, id, olds, news),
    create: (props) => as(() => createWith(resource, props)),
    read: (id, props) => as(() => readWith(resource, id, props)),
    update: (id, olds, news) => as(() => updateWith(resource, id, olds, news)),
    remove: (id, props) => as(() => removeWith(resource, id, props)),
  };
}
