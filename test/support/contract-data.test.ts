import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { contractDataPresent } from "./contract-data";

const empty = mkdtempSync(join(tmpdir(), "no-contract-data-"));

describe("the contract data", () => {
  it("present, is used under CI and off it", () => {
    const dir = mkdtempSync(join(tmpdir(), "contract-data-"));
    mkdirSync(join(dir, "atlas-openapi"));
    writeFileSync(join(dir, "atlas-openapi", "clusters.openapi.json"), "{}");
    expect(contractDataPresent("atlas-openapi/clusters.openapi.json", "cluster", dir, { CI: "true" })).toBe(true);
    expect(contractDataPresent("atlas-openapi/clusters.openapi.json", "cluster", dir, {})).toBe(true);
  });

  it("missing under CI fails, naming the path and how CI gets the data", () => {
    expect(() => contractDataPresent("atlas-recordings", "conformance", empty, { CI: "true" })).toThrow(
      new RegExp(`conformance: ${empty}/atlas-recordings not found\\. .*scripts/fetch-contract-data\\.sh.*ATLAS_CONTRACT_DIR`),
    );
  });

  it("missing on a developer's machine skips, said once", () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(contractDataPresent("atlas-openapi/clusters.openapi.json", "cluster", empty, {})).toBe(false);
      expect(contractDataPresent("atlas-openapi/clusters.openapi.json", "cluster", empty, { CI: "false" })).toBe(false);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/skipping those checks/);
    } finally {
      warn.mockRestore();
    }
  });
});
