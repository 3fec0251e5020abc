/**
 * The extraction GitHub CI runs (scripts/fetch-contract-data.sh) must cut exactly the extracts ../shared holds. The
 * upstream spec cannot be downloaded here, so this holds the selection to the files themselves: a spec made of the
 * union of every extract (paths, components and tags, each section in an order every extract agrees with) has
 * everything each selection reaches, so cutting each selection out of it must give that extract back byte for byte.
 * A wrong operation list, tag or output name fails here, not only on GitHub; the sha256 checks stay the final word.
 */
import { readFileSync } from "node:fs";
import { contractDataPresent, contractPath } from "../support/contract-data";
import { SELECTIONS, extract, serialize } from "../../scripts/extract-openapi-subset";

type Json = any;

const files = SELECTIONS.map((selection) => `atlas-openapi/${selection.file}`);
const present = files.every((file) => contractDataPresent(file, "extraction checks against the OpenAPI extracts"));

/** The keys of several objects in one order that keeps each object's own order (a topological merge). */
function mergedOrder(objects: Json[]): string[] {
  const after = new Map<string, Set<string>>();
  const keys: string[] = [];
  for (const object of objects) {
    const own = Object.keys(object);
    own.forEach((key, index) => {
      if (!after.has(key)) {
        after.set(key, new Set());
        keys.push(key);
      }
      if (index > 0) after.get(key)!.add(own[index - 1]!);
    });
  }
  const placed: string[] = [];
  const visiting = new Set<string>();
  const visit = (key: string) => {
    if (placed.includes(key)) return;
    if (visiting.has(key)) throw new Error(`the extracts disagree on the order around ${key}`);
    visiting.add(key);
    for (const before of after.get(key)!) visit(before);
    visiting.delete(key);
    placed.push(key);
  };
  for (const key of keys) visit(key);
  return placed;
}

function merged(objects: Json[]): Json {
  return Object.fromEntries(mergedOrder(objects).map((key) => [key, objects.find((object) => key in object)![key]]));
}

function unionSpec(extracts: Json[]): Json {
  const first = extracts[0];
  const spec: Json = {};
  for (const key of Object.keys(first)) {
    if (key === "paths") spec.paths = merged(extracts.map((e) => e.paths));
    else if (key === "tags")
      spec.tags = Object.values(merged(extracts.map((e) => Object.fromEntries(e.tags.map((t: Json) => [t.name, t])))));
    else if (key === "components") {
      const sections = mergedOrder(extracts.map((e) => e.components));
      spec.components = Object.fromEntries(sections.map((section) => [section, merged(extracts.map((e) => e.components[section] ?? {}))]));
    } else spec[key] = first[key];
  }
  return spec;
}

(present ? describe : describe.skip)("the OpenAPI extraction's selection", () => {
  const texts = files.map((file) => readFileSync(contractPath(file), "utf8"));
  const spec = unionSpec(texts.map((text) => JSON.parse(text)));

  it.each(SELECTIONS.map((selection, index) => [selection.file, index]))("cuts %s back byte for byte", (_file, index) => {
    expect(serialize(extract(spec, SELECTIONS[index as number]!))).toBe(texts[index as number]);
  });

  it("fails on a selection that names an operation the spec lacks", () => {
    const selection = { ...SELECTIONS[0]!, operations: [["get", "/api/atlas/v2/groups/{groupId}/nowhere"] as [string, string]] };
    expect(() => extract(spec, selection)).toThrow(/lacks get \/api\/atlas\/v2\/groups\/\{groupId\}\/nowhere/);
  });

  it("covers every extract the contract manifest pins", () => {
    const pinned = readFileSync(`${__dirname}/../../scripts/contract-data.sha256`, "utf8")
      .split("\n")
      .map((line) => /^[0-9a-f]{64} {2}(atlas-openapi\/\S+)$/.exec(line)?.[1])
      .filter((path): path is string => path !== undefined);
    expect(files.sort()).toEqual(pinned.sort());
  });
});
