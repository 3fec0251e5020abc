/** The module of every dynamic resource's type token: previews and policy packs see `pulumi-nodejs:dynamic/atlas:<Name>`. */
export const DYNAMIC_MODULE = "atlas";

export function dynamicTypeToken(typeName: string): string {
  return `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:${typeName}`;
}
