import { AsyncLocalStorage } from "node:async_hooks";
import { hostEngineLog, type Severity } from "./engine-log";

/**
 * The provider host's stderr: where progress lines go, and how the host notices the engine is gone.
 *
 * The dynamic provider host is not told which resource an operation is for, so progress lines go to
 * stderr, which the engine shows as diagnostics of the `pulumi up` run. One function, so the sink is
 * easy to change: the provider plugin runs each operation inside `withProgressSink`, which sends that
 * operation's lines (and warnings) to the engine's log for its resource instead (an async context, so
 * concurrent operations in one plugin process each reach their own resource).
 */
export function reportProgress(line: string): void {
  const sink = progressSink.getStore();
  if (sink) void sink(line, "info");
  else console.error(`[${resourceName.getStore() ?? DEFAULT_NAME}] ${line}`);
}

/**
 * A warning for the person running `pulumi preview` or `up` (a change that may cause downtime, a kind
 * of service Atlas is retiring): a diagnostic of warning severity in the engine, for the resource when
 * the sink knows it (the plugin), else for the stack (the dynamic provider host, which is not told the
 * resource: the engine's log at the address it was started with, the line prefixed with the resource's
 * name); stderr, marked `warning:`, when no engine is there to tell. Resolves once it is delivered, so a
 * preview that ends at once still shows it.
 */
export async function reportWarning(line: string): Promise<void> {
  const sink = progressSink.getStore();
  if (sink) {
    await sink(line, "warning");
    return;
  }
  const name = resourceName.getStore() ?? DEFAULT_NAME;
  const log = hostEngineLog();
  if (log) {
    await log("", `[${name}] ${line}`, "warning");
    return;
  }
  console.error(`[${name}] warning: ${line}`);
}

export type { Severity };

/** Where an operation's lines go; what it returns is awaited for warnings. */
export type ProgressSink = (line: string, severity: Severity) => unknown;

const progressSink = new AsyncLocalStorage<ProgressSink>();

/** Lines reported outside any resource's operation (a tool calling the waits directly). */
const DEFAULT_NAME = "atlas-private-endpoint";
const resourceName = new AsyncLocalStorage<string>();

/** Runs `operation` with its stderr progress lines prefixed `[name]`: the resource they are about. */
export function asResource<T>(name: string, operation: () => T): T {
  return resourceName.run(name, operation);
}

/** Runs `operation` with its progress lines and warnings going to `sink` (everything it awaits included). */
export function withProgressSink<T>(sink: ProgressSink, operation: () => Promise<T>): Promise<T> {
  return progressSink.run(sink, operation);
}

/**
 * The dynamic provider host runs in its own process group and never checks that the `pulumi`
 * process that started it is still there. When `pulumi up` or `pulumi destroy` is SIGKILLed (a CI
 * job cancelled, the OOM killer), the host lives on: it keeps polling Atlas for a result nobody
 * will receive, and its next stderr line fails with EPIPE, which @pulumi/pulumi's uncaught-error
 * handler reports on the same broken stderr, forever (a busy loop, checked with strace). A broken
 * stderr means the engine is gone, so the host exits instead; Atlas keeps the endpoint and the next
 * `pulumi up` or `pulumi destroy` picks it up (409 adoption, or delete waiting for 404).
 */
/**
 * Marked on the stream, not in a module variable: a process that loads this module more than once
 * (jest gives each test file its own module registry, over one process.stderr) adds one listener in
 * all, not one per load (which had Node warn of a listener leak, MaxListenersExceededWarning).
 */
const WATCHING = Symbol.for("pulumi-atlas-private-endpoint.exitWhenEngineIsGone");

/** Exit the provider host as soon as its stderr pipe breaks. Idempotent; only the host should call it. */
export function exitWhenEngineIsGone(): void {
  const stderr = process.stderr as NodeJS.WriteStream & { [WATCHING]?: true };
  if (stderr[WATCHING]) return;
  stderr[WATCHING] = true;
  stderr.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(1);
  });
}

/**
 * Lets a stderr failure from the line just written surface (it is reported asynchronously) before
 * an irreversible call, so an orphaned host exits rather than deleting an endpoint that the next
 * `pulumi up` may already have taken over.
 */
export function engineCheckpoint(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
