/** StreamPrivateLink's part of settling (the rest is operations/settle.ts): what to do after it failed. */
import type { Observation } from "../waiting/status-table";

/** How a message says Atlas holds it. */
export const held = "exists in Atlas";

export function failedAdvice(observation: Observation): string {
  return observation.phase === "gone" || observation.phase === "deleting"
    ? "It is recorded in the stack; `pulumi refresh` drops it once Atlas has removed it, and `pulumi up` creates it again."
    : "It is recorded in the stack with that state and Atlas will not retry it: fix what the message names (the target, its " +
        "endpoint service's allowed principals, the region), then create it again with `pulumi up --replace <urn>` (a changed input " +
        "replaces it too), or remove it with `pulumi destroy`.";
}
