import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageSchema, publishedNames, publishingOf } from "../../../provider/plugin/schema";
import { packageVersion } from "../../../scripts/lib/plugin-package";
import { repoRoot } from "../../../scripts/lib/pulumi-workspace";

const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { repository: { url: string } };

test("every published name comes from package.json's repository: publisher, download URL, npm scope, Go module", () => {
  const schema = packageSchema(packageVersion());
  const { owner, repo } = publishingOf(manifest.repository.url);
  expect(repo).toBe("pulumi-atlas-private-endpoint");
  expect(schema.publisher).toBe(owner);
  expect(schema.repository).toBe(`https://github.com/${owner}/${repo}`);
  expect(schema.pluginDownloadURL).toBe(`github://api.github.com/${owner}`);
  expect(schema.language.nodejs.packageName).toBe(`@${owner}/sdk`);
  expect(schema.language.go.importBasePath).toBe(`github.com/${owner}/${repo}/sdk/go/atlasprivateendpoint`);
  // Existing stacks, imports and other helpers' builds name these: they never follow the repository.
  expect(schema.name).toBe("atlas-private-endpoint");
  expect(schema.language.python.packageName).toBe("pulumi_atlas_private_endpoint");
  expect(Object.keys(schema.resources).sort()).toEqual([
    "atlas-private-endpoint:index:DataFederationEndpoint",
    "atlas-private-endpoint:index:EndpointService",
    "atlas-private-endpoint:index:PrivateEndpoint",
    "atlas-private-endpoint:index:RegionalMode",
    "atlas-private-endpoint:index:StreamPrivateLink",
  ]);
});

test("a fork changes the repository URL alone and every name follows it", () => {
  const schema = packageSchema("1.2.3", "git+https://github.com/acme-infra/pulumi-atlas-private-endpoint.git");
  expect(schema).toMatchObject({
    publisher: "acme-infra",
    pluginDownloadURL: "github://api.github.com/acme-infra",
    language: {
      nodejs: { packageName: "@acme-infra/sdk" },
      go: { importBasePath: "github.com/acme-infra/pulumi-atlas-private-endpoint/sdk/go/atlasprivateendpoint" },
    },
  });
});

test("a repository under another name is named in the download URL, since the CLI would look for pulumi-<plugin name>", () => {
  expect(publishedNames(publishingOf("https://github.com/acme/atlas-pe")).pluginDownloadURL).toBe("github://api.github.com/acme/atlas-pe");
});

test("a repository that is not on GitHub is refused, naming the setting", () => {
  expect(() => publishingOf("https://gitlab.com/acme/pulumi-atlas-private-endpoint")).toThrow(
    /package\.json repository .* is not https:\/\/github\.com\/<owner>\/<repo>/,
  );
});
