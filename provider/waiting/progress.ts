import { reportProgress } from "../host/stderr";
import { formatDuration } from "../vocabulary/time";
import type { Observation } from "./status-table";

/** Says what a wait sees: the first status, then each change with the time it took. */
export function progressReporter(what: string, waitingFor: string, target: Observation["phase"]) {
  return ({ from, to, phase, elapsedMs }: { from: string | undefined; to: string; phase: Observation["phase"]; elapsedMs: number }) => {
    if (from === undefined) reportProgress(phase === target ? `${what}: ${to}` : `${what}: ${to}, waiting for ${waitingFor}`);
    else reportProgress(`${what}: ${from} -> ${to} after ${formatDuration(elapsedMs)}`);
  };
}

/** Says once per status that Atlas sent one this version does not know, and that it is waited through. */
export function unknownStatusReporter<T>(what: string, unknownOf: (answer: T) => string | undefined) {
  const told = new Set<string>();
  return (answer: T): T => {
    const unknown = unknownOf(answer);
    if (unknown !== undefined && !told.has(unknown)) {
      told.add(unknown);
      reportProgress(
        `${what}: Atlas reports status ${unknown}, which this provider version does not know; treating it as still in progress until the deadline`,
      );
    }
    return answer;
  };
}
