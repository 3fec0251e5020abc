// Command pulumi-language-python is the Pulumi language host for Python programs that scripts/install-pulumi.sh
// builds next to the Pulumi CLI, with upstream's `pulumi-language-python-exec` beside it.
//
// Why it exists: like the Node.js host (scripts/pulumi-language-nodejs), the upstream host is its own Go module
// (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3) that the Go module proxy this project's
// machines reach refuses, while it serves sdk/v3 and pkg/v3. This host implements the engine's LanguageRuntime
// contract on sdk/v3 and runs programs the way upstream does: the program's Python (the venv that Pulumi.yaml's
// `virtualenv` option names, or python3 on PATH) runs `pulumi-language-python-exec`, upstream's own runner script,
// copied by install-pulumi.sh from sdk/v3 at the CLI's release; it configures the installed `pulumi` package's
// runtime (monitor, engine, project, stack, dry run, parallelism, config) and runs the program with runpy. So
// everything inside the program is the real `pulumi` package. Virtual environments, pip/poetry/uv and the
// dependency listing are sdk/v3's python/toolchain, the package upstream's host uses; the code `pulumi import`
// prints is pkg/v3's Python program generator.
//
// Not supported, because nothing in this project needs them: type checkers before the run (the `typechecker`
// option is refused with a message), running Python plugins from source (RunPlugin), SDK generation and packing
// (scripts/gen-sdk and scripts/python-sdk.ts make and build the SDK), and debugging attach.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"

	"pulumi-atlas-private-endpoint/pulumi-cli/langhost"
)

const name = "pulumi-language-python"

// execScript is upstream's program runner, which install-pulumi.sh puts next to this host, as the released CLI
// ships it next to upstream's.
const execScript = "pulumi-language-python-exec"

const usage = `usage: pulumi-language-python [--tracing URL] [-v=N] [--logtostderr] ENGINE_ADDRESS

Serves the Pulumi LanguageRuntime gRPC interface for Python programs and prints its port on stdout.
The Pulumi CLI starts it; running it by hand is only useful for debugging.
`

func main() {
	langhost.Main(name, usage, func(args langhost.Args, programs *langhost.Programs) langhost.Host {
		return &languageHost{engineAddress: args.EngineAddress, tracing: args.Tracing, programs: programs}
	})
}

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	engineAddress string
	tracing       string
	programs      *langhost.Programs
}

// runtimeOptions are the `runtime.options` of Pulumi.yaml that say which Python runs the program.
type runtimeOptions struct {
	virtualenv  string
	toolchain   string
	typechecker string
}

func parseRuntimeOptions(options *structpb.Struct) runtimeOptions {
	var parsed runtimeOptions
	for key, value := range options.GetFields() {
		switch key {
		case "virtualenv":
			parsed.virtualenv = value.GetStringValue()
		case "toolchain":
			parsed.toolchain = value.GetStringValue()
		case "typechecker":
			parsed.typechecker = value.GetStringValue()
		}
	}
	return parsed
}

// toolchainFor is the Python (pip with a venv or without, poetry, uv) that runs the program of info.
func toolchainFor(info *pulumirpc.ProgramInfo, fallbackDir string) (toolchain.Toolchain, error) {
	options := parseRuntimeOptions(info.GetOptions())
	if options.typechecker != "" {
		return nil, fmt.Errorf("runtime option typechecker: %q is not run by this project's Python language host "+
			"(scripts/pulumi-language-python); remove the option, or run the checker yourself", options.typechecker)
	}
	var kind = toolchain.Auto
	switch options.toolchain {
	case "":
	case "pip":
		kind = toolchain.Pip
	case "poetry":
		kind = toolchain.Poetry
	case "uv":
		kind = toolchain.Uv
	default:
		return nil, fmt.Errorf("runtime option toolchain: %q is not one of pip, poetry, uv", options.toolchain)
	}
	programDir := langhost.ProgramDirectory(info, fallbackDir)
	root := info.GetRootDirectory()
	if root == "" {
		root = programDir
	}
	return toolchain.ResolveToolchain(toolchain.PythonOptions{
		Root:       root,
		ProgramDir: programDir,
		Virtualenv: options.virtualenv,
		Toolchain:  kind,
	})
}

// pythonCommand is `python args...` in the program's toolchain, with its environment (a venv's PATH and
// VIRTUAL_ENV) made explicit so callers can add to it.
func pythonCommand(ctx context.Context, tc toolchain.Toolchain, args ...string) (*exec.Cmd, error) {
	cmd, err := tc.Command(ctx, args...)
	if err != nil {
		return nil, err
	}
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	return cmd, nil
}

func (h *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: langhost.Version()}, nil
}

func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	pwd := req.GetPwd()
	if pwd == "" {
		pwd = langhost.ProgramDirectory(info, ".")
	}
	tc, err := toolchainFor(info, pwd)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runner, err := execScriptPath()
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	entryPoint := info.GetEntryPoint()
	if entryPoint == "" {
		entryPoint = req.GetProgram() //nolint:staticcheck // older engines only set this field
	}
	if entryPoint == "" {
		entryPoint = "." // the runner runs the folder's __main__.py
	}

	// The runner's flags (argparse: underscores, and --parallel always, since it converts it with int()).
	args := []string{"-u", runner}
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name+"="+value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", h.engineAddress)
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("stack", req.GetStack())
	flag("pwd", pwd)
	flag("root_directory", info.GetRootDirectory())
	flag("parallel", strconv.Itoa(int(req.GetParallel())))
	flag("dry_run", strconv.FormatBool(req.GetDryRun()))
	flag("tracing", h.tracing)
	args = append(args, entryPoint)
	args = append(args, req.GetArgs()...)

	configEnv, err := langhost.ConfigEnv(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return nil, err
	}
	// The program outlives this RPC's context only if the engine lets it; Cancel and the engine watch stop it.
	cmd, err := pythonCommand(context.WithoutCancel(ctx), tc, args...)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	cmd.Env = append(append(cmd.Env, configEnv...), "PYTHONUNBUFFERED=1")
	cmd.Dir = pwd
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	return h.programs.Run(cmd, "python"), nil
}

func execScriptPath() (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("could not find this host's own path: %w", err)
	}
	self, err = filepath.EvalSymlinks(self)
	if err != nil {
		return "", fmt.Errorf("could not find this host's own path: %w", err)
	}
	path := filepath.Join(filepath.Dir(self), execScript)
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("%s is missing next to %s: run scripts/install-pulumi.sh", execScript, self)
	}
	return path, nil
}

// Cancel passes the engine's cancellation on to running programs as SIGINT (KeyboardInterrupt in Python).
func (h *languageHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.programs.Interrupt()
	return &emptypb.Empty{}, nil
}

// listPluginsScript prints, as JSON, every installed distribution that ships a Pulumi plugin manifest at the top of
// one of its packages (`<package>/pulumi-plugin.json`, as the SDK generators write it; `pulumiplugin.json` is the
// older name), with the distribution's name and version for manifests that leave those out.
const listPluginsScript = `
import importlib.metadata, json, sys
found = []
for dist in importlib.metadata.distributions():
    for file in dist.files or ():
        if len(file.parts) == 2 and file.name in ("pulumi-plugin.json", "pulumiplugin.json"):
            found.append({"distribution": dist.metadata["Name"], "version": dist.version,
                          "manifest": json.loads(file.read_text(encoding="utf-8"))})
json.dump(found, sys.stdout)
`

type installedPlugin struct {
	Distribution string                  `json:"distribution"`
	Version      string                  `json:"version"`
	Manifest     plugin.PulumiPluginJSON `json:"manifest"`
}

// pulumiPackages lists the resource plugins that the Python packages installed for the program declare.
func pulumiPackages(ctx context.Context, info *pulumirpc.ProgramInfo, fallbackDir string) ([]*pulumirpc.PackageDependency, error) {
	tc, err := toolchainFor(info, fallbackDir)
	if err != nil {
		return nil, err
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return nil, err
	}
	cmd, err := pythonCommand(ctx, tc, "-c", listPluginsScript)
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("listing the installed Pulumi packages with %s: %w\n%s", cmd.Path, err, stderr.String())
	}
	var installed []installedPlugin
	if err := json.Unmarshal(out, &installed); err != nil {
		return nil, fmt.Errorf("reading the installed Pulumi packages: %w", err)
	}
	packages := []*pulumirpc.PackageDependency{}
	for _, p := range installed {
		if !p.Manifest.Resource {
			continue // the package says it has no plugin
		}
		dependency := &pulumirpc.PackageDependency{
			Name:    p.Manifest.Name,
			Kind:    "resource",
			Version: strings.TrimPrefix(p.Manifest.Version, "v"),
			Server:  p.Manifest.Server,
		}
		if dependency.Name == "" {
			dependency.Name = strings.TrimPrefix(strings.ReplaceAll(strings.ToLower(p.Distribution), "_", "-"), "pulumi-")
		}
		if dependency.Version == "" {
			dependency.Version = p.Version
		}
		if param := p.Manifest.Parameterization; param != nil {
			dependency.Parameterization = &pulumirpc.PackageParameterization{
				Name: param.Name, Version: param.Version, Value: param.Value,
			}
		}
		packages = append(packages, dependency)
	}
	sort.Slice(packages, func(i, j int) bool { return packages[i].Name < packages[j].Name })
	return packages, nil
}

func (h *languageHost) GetRequiredPackages(
	ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	packages, err := pulumiPackages(ctx, req.GetInfo(), ".")
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

func (h *languageHost) GetRequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	packages, err := pulumiPackages(ctx, req.GetInfo(), req.GetPwd()) //nolint:staticcheck
	if err != nil {
		return nil, err
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(packages))
	for _, p := range packages {
		plugins = append(plugins, &pulumirpc.PluginDependency{Name: p.Name, Kind: p.Kind, Version: p.Version, Server: p.Server})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// InstallDependencies is `pulumi install` (and the CLI's first run of a new project): the toolchain makes the venv
// if the program names one and installs requirements.txt (pip) or the lock file (poetry, uv) into it.
func (h *languageHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	dir := langhost.ProgramDirectory(req.GetInfo(), req.GetDirectory()) //nolint:staticcheck
	tc, err := toolchainFor(req.GetInfo(), dir)
	if err != nil {
		return err
	}
	return tc.InstallDependencies(server.Context(), dir, req.GetUseLanguageVersionTools(), true, stdout, stderr)
}

func (h *languageHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

func (h *languageHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	tc, err := toolchainFor(req.GetInfo(), ".")
	if err != nil {
		return nil, err
	}
	about, err := tc.About(ctx)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{Executable: about.PythonExecutable, Version: about.PythonVersion.String()}, nil
}

func (h *languageHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	tc, err := toolchainFor(req.GetInfo(), req.GetPwd()) //nolint:staticcheck
	if err != nil {
		return nil, err
	}
	dependencies, err := tc.ListPackages(ctx, req.GetTransitiveDependencies())
	if err != nil {
		return nil, err
	}
	result := make([]*pulumirpc.DependencyInfo, 0, len(dependencies))
	for _, d := range dependencies {
		result = append(result, &pulumirpc.DependencyInfo{Name: d.Name, Version: d.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: result}, nil
}

// GenerateProgram turns PCL into a Python program: `pulumi import` asks for it to print the code of what it
// imported, and `pulumi convert` to translate a program.
func (h *languageHost) GenerateProgram(
	ctx context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()

	parser := syntax.NewParser()
	for path, contents := range req.GetSource() {
		if err := parser.ParseFile(strings.NewReader(contents), path); err != nil {
			return nil, err
		}
		if parser.Diagnostics.HasErrors() {
			return &pulumirpc.GenerateProgramResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(parser.Diagnostics)}, nil
		}
	}
	options := []pcl.BindOption{pcl.PreferOutputVersionedInvokes}
	if !req.GetStrict() {
		options = append(options, pcl.NonStrictBindOptions()...)
	}
	program, diags, err := pcl.BindProgram(parser.Files, schema.NewCachedLoader(loader), options...)
	if err != nil {
		return nil, err
	}
	diagnostics := plugin.HclDiagnosticsToRPCDiagnostics(diags)
	if diags.HasErrors() || program == nil {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: diagnostics}, nil
	}
	files, diags, err := pythongen.GenerateProgram(program)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GenerateProgramResponse{
		Source:      files,
		Diagnostics: append(diagnostics, plugin.HclDiagnosticsToRPCDiagnostics(diags)...),
	}, nil
}
