/**
 * Tags the Go SDK for the module proxy (the release workflow's go-sdk job, then `git push origin <tag>`):
 *
 *   npm run tag-go-sdk -- <folder holding the SDK's go.mod>      (npm run release writes it to <out>/go/sdk/go)
 *
 * Commits the folder as sdk/go onto HEAD, on no branch, and tags that commit sdk/go/v<package.json version>;
 * prints the tag. The working tree and branches are left as they were (scripts/lib/release-artifacts.ts, tagGoSdk).
 */
import { resolve } from "node:path";
import { repoRoot } from "./lib/pulumi-workspace";
import { tagGoSdk } from "./lib/release-artifacts";

const tree = process.argv[2];
if (!tree) {
  process.stderr.write("usage: npm run tag-go-sdk -- <folder holding the SDK's go.mod>\n");
  process.exit(2);
}
tagGoSdk(repoRoot, resolve(tree))
  .then((tag) => process.stdout.write(`${tag}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
