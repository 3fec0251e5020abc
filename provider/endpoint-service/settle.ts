/** EndpointService's part of settling (the rest is operations/settle.ts): what to do after it failed. */
import type { Observation } from "../waiting/status-table";

export function failedAdvice(_observation: Observation): string {
  return (
    "It is recorded in the stack: `pulumi refresh` drops it if Atlas removed it, `pulumi destroy` removes it, " +
    "and `pulumi up --replace <urn>` creates it again."
  );
}

/** How a message says Atlas holds it. */
export const held = "exists in Atlas";
