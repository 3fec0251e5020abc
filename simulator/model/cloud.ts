/** The clouds Atlas private endpoints exist on, as they appear in paths and bodies. */
export const CLOUD_PROVIDERS = ["AWS", "AZURE", "GCP"] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

export function isCloudProvider(value: string): value is CloudProvider {
  return (CLOUD_PROVIDERS as readonly string[]).includes(value);
}
