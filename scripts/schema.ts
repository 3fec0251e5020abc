/**
 * Writes schema.json (the provider plugin's package schema, as provider/plugin/schema.ts builds it from the
 * vocabulary) at the repo root. `npm run schema` after changing a property; test/provider/plugin/schema.test.ts
 * fails while the committed file is stale.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { schemaText } from "../provider/plugin/schema";
import { packageVersion } from "./lib/plugin-package";
import { repoRoot } from "./lib/pulumi-workspace";

writeFileSync(join(repoRoot, "schema.json"), schemaText(packageVersion()));
process.stdout.write(`wrote ${join(repoRoot, "schema.json")}\n`);
