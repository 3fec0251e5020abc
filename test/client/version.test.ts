import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_VERSION, USER_AGENT } from "../../provider/client/version";

describe("version", () => {
  it("matches package.json, so the User-Agent names the released version", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as { name: string; version: string };
    expect(PACKAGE_VERSION).toBe(pkg.version);
    expect(USER_AGENT).toBe(`${pkg.name}/${pkg.version}`);
  });
});
