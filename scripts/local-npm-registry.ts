/**
 * A local npm registry (Verdaccio) in a folder of its own, for trying a release before it is published:
 *
 *   npm run registry -- DIR [UPLINK_URL]
 *
 * Listens on 127.0.0.1 on a free port and prints one JSON line, {"url": "http://127.0.0.1:<port>/"}; storage and
 * users live in DIR. This package and the Node.js SDK (schema.json's nodejs packageName) are served only from what
 * was published here; every other package comes through from UPLINK_URL (default: npm's configured registry), so a
 * program installs its other dependencies as usual. Publishing needs a user: PUT /-/user/org.couchdb.user:<name>
 * (what `npm adduser` sends) makes one and answers its token. Stops on SIGTERM or SIGINT.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { runServer } from "verdaccio";
import { repoRoot } from "./lib/pulumi-workspace";

function ownNames(): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { name: string };
  const schema = JSON.parse(readFileSync(join(repoRoot, "schema.json"), "utf8")) as { language: { nodejs: { packageName: string } } };
  return [manifest.name, schema.language.nodejs.packageName];
}

async function main(): Promise<void> {
  const [dirArg, uplinkArg] = process.argv.slice(2);
  if (!dirArg) {
    process.stderr.write("usage: npm run registry -- DIR [UPLINK_URL]\n");
    process.exit(2);
  }
  const dir = resolve(dirArg);
  mkdirSync(join(dir, "storage"), { recursive: true });
  const uplink = uplinkArg ?? execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim();
  const own = { access: "$all", publish: "$authenticated", unpublish: "$authenticated" };
  const app = await runServer({
    self_path: join(dir, "config.yaml"),
    storage: join(dir, "storage"),
    auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: 100 } },
    uplinks: { upstream: { url: uplink } },
    // Our packages never proxy: an install of them can only be what this registry received.
    packages: { ...Object.fromEntries(ownNames().map((name) => [name, own])), "**": { ...own, proxy: "upstream" } },
    web: { enable: false },
    log: { type: "stdout", format: "json", level: "error" },
  } as never);
  const server = app.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/` })}\n`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
