/**
 * Atlas holds the endpoint but it is not ready (deadline, FAILED/REJECTED, an error while
 * waiting). The dynamic provider host turns an error with `id` and `properties` into Pulumi's
 * "created with initialization errors": the engine records the resource, so nothing is orphaned,
 * and the next `pulumi up` calls update, which resumes waiting.
 */
export class ResourceInitError extends Error {
  override readonly name = "ResourceInitError";
  readonly id: string;
  /** The outputs to record, including `__provider` so later operations can load the provider. */
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(id: string, properties: Record<string, unknown>, message: string) {
    super(message);
    this.id = id;
    this.properties = properties;
    this.reasons = [message];
  }
}
