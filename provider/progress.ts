/**
 * Where progress lines go. The dynamic provider host has no engine logger, so lines go to
 * stderr, which the engine shows as diagnostics of the `pulumi up` run. One function, so the
 * sink is easy to change.
 */
export function reportProgress(line: string): void {
  console.error(`[PrivateEndpoint] ${line}`);
}
