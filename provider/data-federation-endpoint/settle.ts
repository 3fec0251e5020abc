/** DataFederationEndpoint's part of settling (the rest is operations/settle.ts): what to do after it failed. */
import type { Observation } from "../waiting/status-table";

/** How a message says Atlas holds it. */
export const held = "is in the project's Data Federation private endpoints";

export function failedAdvice(observation: Observation): string {
  return observation.phase === "gone" || observation.phase === "deleting"
    ? "It is recorded in the stack; `pulumi refresh` drops it if it is gone, and `pulumi up` adds it again."
    : "It is recorded in the stack with that status and Atlas will not retry it: fix the cloud-side endpoint (for AWS, a VPC endpoint to " +
        "the Data Federation service name of its region), then add it again with `pulumi up --replace <urn>`, or remove it with `pulumi destroy`.";
}
