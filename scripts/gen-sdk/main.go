// Command atlas-pe-gen-sdk writes the provider plugin's SDKs from its schema with Pulumi's own code generators
// (github.com/pulumi/pulumi/pkg/v3/codegen/{nodejs,python,go}), the ones `pulumi package gen-sdk` reaches through
// each language host's GeneratePackage. It exists because `pulumi package gen-sdk` needs those hosts, and here
// there are none for Python and Go, and this project's Node.js host (scripts/pulumi-language-nodejs) does not
// generate code. scripts/install-gen-sdk.sh builds it next to the CLI, from the same pkg/v3 release.
//
// Usage: atlas-pe-gen-sdk SCHEMA.json OUT_DIR LANGUAGE... (nodejs, python, go); each goes to OUT_DIR/LANGUAGE.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/blang/semver"
	"golang.org/x/mod/modfile"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "atlas-pe-gen-sdk"

// noOtherPackages is the schema loader: the plugin's schema refers to no other package, so any request to load
// one is an error (naming it) rather than a plugin lookup.
type noOtherPackages struct{}

func refuse(name string) error {
	return fmt.Errorf("the schema refers to package %q; this tool loads no other package", name)
}

func (noOtherPackages) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, refuse(pkg)
}

func (noOtherPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, refuse(d.Name)
}

func (noOtherPackages) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, refuse(pkg)
}

func (noOtherPackages) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, refuse(d.Name)
}

const pulumiSDK = "github.com/pulumi/pulumi/sdk/v3"

// pinPulumiSDK makes the Go SDK's go.mod (written for a schema with meta.supportPack) require the sdk/v3 release
// this tool was built from: the generator's own pin is an older minimum, and the SDK's code is this release's
// generator output, the release the project's CLI runs (so it builds from the same Go build cache, too).
func pinPulumiSDK(files map[string][]byte) error {
	text, ok := files["go.mod"]
	if !ok {
		return errors.New("the Go SDK has no go.mod: the schema needs meta.supportPack")
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return errors.New("no build info to read the sdk/v3 version from")
	}
	version := ""
	for _, dep := range info.Deps {
		if dep.Path == pulumiSDK {
			version = dep.Version
		}
	}
	if version == "" {
		return fmt.Errorf("this tool was not built with %s", pulumiSDK)
	}
	mod, err := modfile.Parse("go.mod", text, nil)
	if err != nil {
		return err
	}
	if err := mod.AddRequire(pulumiSDK, version); err != nil {
		return err
	}
	if files["go.mod"], err = mod.Format(); err != nil {
		return err
	}
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", tool, err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 3 {
		return fmt.Errorf("usage: %s SCHEMA.json OUT_DIR LANGUAGE... (nodejs, python, go)", tool)
	}
	text, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	for _, language := range args[2:] {
		// Each generator imports its language section into the bound package, so bind once per language.
		var spec schema.PackageSpec
		if err := json.Unmarshal(text, &spec); err != nil {
			return fmt.Errorf("%s: %w", args[0], err)
		}
		pkg, diags, err := schema.BindSpec(spec, noOtherPackages{}, schema.ValidationOptions{})
		if err != nil {
			return err
		}
		if diags.HasErrors() {
			return fmt.Errorf("%s does not bind: %v", args[0], diags)
		}
		var files map[string][]byte
		switch language {
		case "nodejs":
			files, err = nodejs.GeneratePackage(tool, pkg, nil, nil, false, noOtherPackages{})
		case "python":
			files, err = python.GeneratePackage(tool, pkg, nil, noOtherPackages{})
		case "go":
			files, err = gogen.GeneratePackage(tool, pkg, nil)
			if err == nil {
				err = pinPulumiSDK(files)
			}
		default:
			return fmt.Errorf("language %q: this tool generates nodejs, python and go", language)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", language, err)
		}
		root := filepath.Join(args[1], language)
		if err := os.RemoveAll(root); err != nil {
			return err
		}
		for path, content := range files {
			target := filepath.Join(root, path)
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(target, content, 0o644); err != nil {
				return err
			}
		}
		fmt.Printf("%s: %d files in %s\n", language, len(files), root)
	}
	return nil
}
