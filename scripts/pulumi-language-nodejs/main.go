// Command pulumi-language-nodejs is the Pulumi language host for Node.js programs that
// scripts/install-pulumi.sh builds next to the Pulumi CLI.
//
// Why it exists: the upstream host lives in its own untagged Go module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3), and the Go module proxy that this
// project's machines reach refuses every version of it (its version list, and pseudo-versions that other
// public modules require), while it serves pkg/v3 and sdk/v3 releases. This host
// implements the engine's LanguageRuntime contract on top of sdk/v3 and runs programs through the installed
// @pulumi/pulumi's own `cmd/run` entry point, the same one the upstream host launches, so everything that
// talks to the engine from inside the program is the real SDK.
//
// RunPlugin runs a Node.js plugin from its folder (a PulumiPlugin.yaml with `runtime: nodejs`), as upstream's
// host does, so `pulumi package add <folder>` and a Pulumi.yaml `packages:` entry naming a folder work.
//
// Not supported, because nothing in this project needs them: synchronous invokes (the `--sync` pipes),
// code generation and packing (a YAML program's `pulumi package add` asks the YAML host for those, and the
// project generates its SDKs with scripts/gen-sdk).
package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"pulumi-atlas-private-endpoint/pulumi-cli/langhost"
)

const usage = `usage: pulumi-language-nodejs [--tracing URL] [-v=N] [--logtostderr] ENGINE_ADDRESS

Serves the Pulumi LanguageRuntime gRPC interface for Node.js programs and prints its port on stdout.
The Pulumi CLI starts it; running it by hand is only useful for debugging.
`

func main() {
	langhost.Main("pulumi-language-nodejs", usage, func(args langhost.Args, programs *langhost.Programs) langhost.Host {
		return &languageHost{engineAddress: args.EngineAddress, tracing: args.Tracing, programs: programs}
	})
}

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	engineAddress string
	tracing       string

	programs *langhost.Programs
}

// runtimeOptions are the `runtime.options` of Pulumi.yaml that change how a Node.js program is run.
type runtimeOptions struct {
	typescript     bool
	tsconfig       string
	nodeArgs       []string
	packageManager npm.PackageManagerType
}

func parseRuntimeOptions(options *structpb.Struct) runtimeOptions {
	parsed := runtimeOptions{typescript: true, packageManager: npm.AutoPackageManager}
	for key, value := range options.GetFields() {
		switch key {
		case "typescript":
			if b, ok := value.GetKind().(*structpb.Value_BoolValue); ok {
				parsed.typescript = b.BoolValue
			}
		case "tsconfig":
			parsed.tsconfig = value.GetStringValue()
		case "nodeargs":
			parsed.nodeArgs = strings.Fields(value.GetStringValue())
		case "packagemanager":
			if pm := value.GetStringValue(); pm != "" {
				parsed.packageManager = npm.PackageManagerType(pm)
			}
		}
	}
	return parsed
}

func (h *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: langhost.Version()}, nil
}

func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	options := parseRuntimeOptions(info.GetOptions())
	pwd := req.GetPwd()
	if pwd == "" {
		pwd = langhost.ProgramDirectory(info, ".")
	}

	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find `node` on PATH: install Node.js to run this program"}, nil
	}
	runScript, err := resolveFrom(ctx, node, pwd, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"could not find @pulumi/pulumi from %s (%v): install the program's dependencies (npm install) first",
			pwd, err)}, nil
	}

	entryPoint := info.GetEntryPoint()
	if entryPoint == "" {
		entryPoint = req.GetProgram() //nolint:staticcheck // older engines only set this field
	}
	if entryPoint == "" {
		entryPoint = "."
	}

	args := append(append([]string{}, options.nodeArgs...), runScript)
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
	flag("root-directory", info.GetRootDirectory())
	flag("parallel", strconv.Itoa(int(req.GetParallel())))
	flag("tracing", h.tracing)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args = append(args, entryPoint)
	args = append(args, req.GetArgs()...)

	configEnv, err := langhost.ConfigEnv(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return nil, err
	}
	env := append(append(os.Environ(), configEnv...),
		"PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(options.typescript),
	)
	if options.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+options.tsconfig)
	}

	cmd := exec.Command(node, args...)
	cmd.Dir = pwd
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	return h.programs.Run(cmd, "node"), nil
}

// Cancel passes the engine's cancellation on to running programs as SIGINT, which the Node.js SDK handles by
// finishing its outstanding registrations.
func (h *languageHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.programs.Interrupt()
	return &emptypb.Empty{}, nil
}

// resolveFrom asks node where `request` resolves from dir, so hoisted and workspace layouts work exactly as
// they do for the program itself.
func resolveFrom(ctx context.Context, node, dir, request string) (string, error) {
	script := "process.stdout.write(require.resolve(process.argv[1]))"
	cmd := exec.CommandContext(ctx, node, "-e", script, request)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if line, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n"); line != "" {
			return "", errors.New(line)
		}
		return "", err
	}
	return string(out), nil
}

func (h *languageHost) GetRequiredPackages(
	_ context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	packages, err := pulumiPackages(langhost.ProgramDirectory(req.GetInfo(), "."))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

func (h *languageHost) GetRequiredPlugins(
	_ context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	packages, err := pulumiPackages(langhost.ProgramDirectory(req.GetInfo(), req.GetPwd())) //nolint:staticcheck
	if err != nil {
		return nil, err
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(packages))
	for _, p := range packages {
		plugins = append(plugins, &pulumirpc.PluginDependency{Name: p.Name, Kind: p.Kind, Version: p.Version, Server: p.Server})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// packageJSON is the part of a package.json that declares a Pulumi resource plugin.
type packageJSON struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Pulumi  *struct {
		Resource         bool   `json:"resource"`
		Name             string `json:"name"`
		Version          string `json:"version"`
		Server           string `json:"server"`
		Parameterization *struct {
			Name    string `json:"name"`
			Version string `json:"version"`
			Value   string `json:"value"`
		} `json:"parameterization"`
	} `json:"pulumi"`
}

// pulumiPackages lists the resource plugins that installed npm packages declare in their package.json
// `pulumi` section, looking in the node_modules that Node.js would resolve from dir.
func pulumiPackages(dir string) ([]*pulumirpc.PackageDependency, error) {
	nodeModules := nearestNodeModules(dir)
	if nodeModules == "" {
		return nil, nil
	}
	found := map[string]*pulumirpc.PackageDependency{}
	visited := map[string]bool{}
	if err := collectPulumiPackages(nodeModules, found, visited); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(found))
	for key := range found {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	packages := make([]*pulumirpc.PackageDependency, 0, len(keys))
	for _, key := range keys {
		packages = append(packages, found[key])
	}
	return packages, nil
}

func nearestNodeModules(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		candidate := filepath.Join(abs, "node_modules")
		if stat, err := os.Stat(candidate); err == nil && stat.IsDir() {
			return candidate
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}

func collectPulumiPackages(nodeModules string, found map[string]*pulumirpc.PackageDependency, visited map[string]bool) error {
	real, err := filepath.EvalSymlinks(nodeModules)
	if err != nil || visited[real] {
		return nil
	}
	visited[real] = true

	entries, err := os.ReadDir(nodeModules)
	if err != nil {
		return nil
	}
	var packageDirs []string
	for _, entry := range entries {
		name := entry.Name()
		switch {
		case strings.HasPrefix(name, "."):
		case strings.HasPrefix(name, "@"):
			scoped, err := os.ReadDir(filepath.Join(nodeModules, name))
			if err != nil {
				continue
			}
			for _, s := range scoped {
				packageDirs = append(packageDirs, filepath.Join(nodeModules, name, s.Name()))
			}
		default:
			packageDirs = append(packageDirs, filepath.Join(nodeModules, name))
		}
	}

	for _, packageDir := range packageDirs {
		dependency, err := pulumiPackageIn(packageDir)
		if err != nil {
			return err
		}
		if dependency != nil {
			key := dependency.Name + "@" + dependency.Version
			if p := dependency.Parameterization; p != nil {
				key += "/" + p.Name + "@" + p.Version
			}
			found[key] = dependency
		}
		if err := collectPulumiPackages(filepath.Join(packageDir, "node_modules"), found, visited); err != nil {
			return err
		}
	}
	return nil
}

func pulumiPackageIn(packageDir string) (*pulumirpc.PackageDependency, error) {
	content, err := os.ReadFile(filepath.Join(packageDir, "package.json"))
	if err != nil {
		return nil, nil // not a package (or a dangling link): nothing to declare
	}
	var manifest packageJSON
	if err := json.Unmarshal(content, &manifest); err != nil {
		return nil, fmt.Errorf("reading %s: %w", filepath.Join(packageDir, "package.json"), err)
	}
	if manifest.Pulumi == nil || !manifest.Pulumi.Resource {
		return nil, nil
	}
	name := manifest.Pulumi.Name
	if name == "" {
		name = strings.TrimPrefix(manifest.Name, "@pulumi/")
	}
	pluginVersion := manifest.Pulumi.Version
	if pluginVersion == "" {
		pluginVersion = manifest.Version
	}
	dependency := &pulumirpc.PackageDependency{
		Name:    name,
		Kind:    "resource",
		Version: strings.TrimPrefix(pluginVersion, "v"),
		Server:  manifest.Pulumi.Server,
	}
	if p := manifest.Pulumi.Parameterization; p != nil {
		value, err := base64.StdEncoding.DecodeString(p.Value)
		if err != nil {
			return nil, fmt.Errorf("%s: pulumi.parameterization.value is not base64: %w", packageDir, err)
		}
		dependency.Parameterization = &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: value}
	}
	return dependency, nil
}

func (h *languageHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	dir := langhost.ProgramDirectory(req.GetInfo(), req.GetDirectory()) //nolint:staticcheck
	options := parseRuntimeOptions(req.GetInfo().GetOptions())
	_, err = npm.Install(server.Context(), options.packageManager, dir, false, stdout, stderr)
	return err
}

// RunPlugin starts `node @pulumi/pulumi/cmd/run-plugin <plugin folder> ARGS...` (the entry point upstream's host
// launches; it requires the folder, so its package.json `main` serves the plugin) and streams the plugin's
// stdout, where the engine reads its port, and stderr back to the engine until the plugin exits.
func (h *languageHost) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	info := req.GetInfo()
	dir := info.GetProgramDirectory()
	if dir == "" {
		return errors.New("RunPlugin: the engine sent no plugin folder")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return errors.New("could not find `node` on PATH: install Node.js to run this plugin")
	}
	runScript, err := resolveFrom(server.Context(), node, dir, "@pulumi/pulumi/cmd/run-plugin")
	if err != nil {
		return fmt.Errorf("could not find @pulumi/pulumi from the plugin folder %s (%v): install its dependencies (npm install) first", dir, err)
	}
	options := parseRuntimeOptions(info.GetOptions())
	args := append(append(append([]string{}, options.nodeArgs...), runScript, dir), req.GetArgs()...)
	env := append(append([]string{}, req.GetEnv()...), "PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(options.typescript))
	if options.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+options.tsconfig)
	}

	cmd := exec.Command(node, args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	// Wrapped so exec copies through its own goroutines: Node may set the pipes non-blocking (see upstream's runWithOutput).
	cmd.Stdout, cmd.Stderr = struct{ io.Writer }{stdout}, struct{ io.Writer }{stderr}
	if err := h.programs.Start(cmd); err != nil {
		return fmt.Errorf("could not start node: %w", err)
	}
	// The engine cancels the stream when it kills the plugin: kill node with it rather than leave it serving.
	stopped := make(chan struct{})
	go func() {
		select {
		case <-server.Context().Done():
			_ = cmd.Process.Kill()
		case <-stopped:
		}
	}()
	err = cmd.Wait()
	close(stopped)
	h.programs.Forget(cmd)
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return closer.Close()
	case errors.As(err, &exitErr):
		return fmt.Errorf("plugin exited with non-zero exit code: %d", exitErr.ExitCode())
	default:
		return fmt.Errorf("plugin ended abnormally: %w", err)
	}
}

func (h *languageHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

func (h *languageHost) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, errors.New("could not find `node` on PATH")
	}
	out, err := exec.CommandContext(ctx, node, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running %s --version: %w", node, err)
	}
	return &pulumirpc.AboutResponse{
		Executable: node,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
	}, nil
}

func (h *languageHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := langhost.ProgramDirectory(req.GetInfo(), req.GetPwd()) //nolint:staticcheck
	options := parseRuntimeOptions(req.GetInfo().GetOptions())
	manager, err := npm.ResolvePackageManager(options.packageManager, dir)
	if err != nil {
		return nil, err
	}
	dependencies, err := manager.ListPackages(ctx, dir, req.GetTransitiveDependencies())
	if err != nil {
		return nil, err
	}
	result := make([]*pulumirpc.DependencyInfo, 0, len(dependencies))
	for _, d := range dependencies {
		result = append(result, &pulumirpc.DependencyInfo{Name: d.Name, Version: d.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: result}, nil
}
