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
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// exitAfterUserActionableMessage is the exit code @pulumi/pulumi's cmd/run uses when it has already shown
// the user what went wrong; the engine is then told to bail without printing a second, generic error.
const exitAfterUserActionableMessage = 32

const usage = `usage: pulumi-language-nodejs [--tracing URL] [-v=N] [--logtostderr] ENGINE_ADDRESS

Serves the Pulumi LanguageRuntime gRPC interface for Node.js programs and prints its port on stdout.
The Pulumi CLI starts it; running it by hand is only useful for debugging.
`

func main() {
	args, err := parseArgs(os.Args[1:])
	switch {
	case errors.Is(err, errHelp):
		fmt.Print(usage)
		return
	case errors.Is(err, errVersion):
		fmt.Println(hostVersion())
		return
	case err != nil:
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n\n%s", err, usage)
		os.Exit(2)
	}

	// Once the CLI is gone our stdout/stderr pipes are broken, and Go's default for a write to a broken fd 1 or 2
	// is to die of SIGPIPE on the spot: the first line about the CLI being gone killed the host before it could
	// stop its program, which then ran on, orphaned (seen in about 1 of 3 runs of the SIGKILL test). Ignored, such
	// a write only fails with EPIPE.
	signal.Ignore(syscall.SIGPIPE)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Exit when the engine that started us is gone, so no host outlives an interrupted CLI. A SIGKILLed
	// `pulumi` closes nothing we would notice, so two watches: our parent process changing (the CLI is our
	// parent; when it dies we are reparented) and, as a backstop for other launchers, the engine's health
	// check every few seconds (upstream's 5 minutes left hosts and their programs running that long).
	watchParent(ctx, os.Getppid(), parentPollInterval, cancel)
	if err := rpcutil.Healthcheck(ctx, args.engineAddress, engineHealthInterval, cancel); err != nil {
		fatalf("could not watch the engine at %s: %v", args.engineAddress, err)
	}

	host := &languageHost{engineAddress: args.engineAddress, tracing: args.tracing, running: map[*exec.Cmd]struct{}{}}
	stop := make(chan bool)
	go func() {
		<-ctx.Done()
		// The program talks to the same (gone) engine: stop it too rather than leave it to time out.
		host.killRunning()
		close(stop)
	}()

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
		Options: rpcutil.OpenTracingServerInterceptorOptions(nil),
	})
	if err != nil {
		fatalf("could not start the language host gRPC server: %v", err)
	}

	// The engine reads the port from our first line of stdout.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		fatalf("language host stopped: %v", err)
	}
}

const (
	parentPollInterval   = 500 * time.Millisecond
	engineHealthInterval = 5 * time.Second
)

// watchParent calls cancel once the process that started us has exited (getppid changes on reparenting).
func watchParent(ctx context.Context, parent int, every time.Duration, cancel context.CancelFunc) {
	if parent <= 1 {
		return // started by init or a container's pid 1: nothing to watch
	}
	go func() {
		ticker := time.NewTicker(every)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				if os.Getppid() != parent {
					cancel() // first: nobody may be reading the line below
					fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: the pulumi process (pid %d) is gone; exiting\n", parent)
					return
				}
			}
		}
	}()
}

// hostVersion is the sdk/v3 release it was built against, which install-pulumi.sh stamps with -ldflags.
func hostVersion() string {
	if version.Version == "" {
		return "v0.0.0-dev"
	}
	return version.Version
}

func fatalf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: "+format+"\n", a...)
	os.Exit(1)
}

var (
	errHelp    = errors.New("help requested")
	errVersion = errors.New("version requested")
)

type hostArgs struct {
	engineAddress string
	tracing       string
}

// parseArgs accepts what the engine passes to language plugins (logging flags, --tracing and the engine
// address last) and ignores other flags, so a newer engine adding one does not break the host.
func parseArgs(argv []string) (hostArgs, error) {
	var parsed hostArgs
	var positional []string
	for i := 0; i < len(argv); i++ {
		arg := argv[i]
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			positional = append(positional, arg)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		switch name {
		case "h", "help":
			return parsed, errHelp
		case "version":
			return parsed, errVersion
		case "tracing":
			if !hasValue {
				if i+1 >= len(argv) {
					return parsed, errors.New("--tracing needs a URL")
				}
				i++
				value = argv[i]
			}
			parsed.tracing = value
		}
	}
	if len(positional) != 1 {
		return parsed, fmt.Errorf("expected exactly one engine address argument, got %d", len(positional))
	}
	parsed.engineAddress = positional[0]
	return parsed, nil
}

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	engineAddress string
	tracing       string

	mu      sync.Mutex
	running map[*exec.Cmd]struct{}
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

func programDirectory(info *pulumirpc.ProgramInfo, fallback string) string {
	if dir := info.GetProgramDirectory(); dir != "" {
		return dir
	}
	return fallback
}

func (h *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: hostVersion()}, nil
}

func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	options := parseRuntimeOptions(info.GetOptions())
	pwd := req.GetPwd()
	if pwd == "" {
		pwd = programDirectory(info, ".")
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

	config, err := configJSON(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("encoding secret config keys: %w", err)
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+config,
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
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
	if err := h.start(cmd); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not start node: %v", err)}, nil
	}
	err = cmd.Wait()
	h.forget(cmd)

	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() == exitAfterUserActionableMessage:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() > 0:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program ended abnormally: %v", err)}, nil
	}
}

// configJSON is PULUMI_CONFIG for the program. A stack without any config sends no map; the SDK's
// parseConfig needs an object (`null` made it throw a TypeError instead of Pulumi's "Missing required
// configuration variable"), so that is `{}`, as the upstream host sends.
func configJSON(config map[string]string) (string, error) {
	if config == nil {
		config = map[string]string{}
	}
	encoded, err := json.Marshal(config)
	if err != nil {
		return "", fmt.Errorf("encoding config: %w", err)
	}
	return string(encoded), nil
}

// killRunning stops every program still running; used when the engine is gone.
func (h *languageHost) killRunning() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for cmd := range h.running {
		_ = cmd.Process.Kill()
	}
}

func (h *languageHost) start(cmd *exec.Cmd) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := cmd.Start(); err != nil {
		return err
	}
	h.running[cmd] = struct{}{}
	return nil
}

func (h *languageHost) forget(cmd *exec.Cmd) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.running, cmd)
}

// Cancel passes the engine's cancellation on to running programs as SIGINT, which the Node.js SDK handles by
// finishing its outstanding registrations.
func (h *languageHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for cmd := range h.running {
		_ = cmd.Process.Signal(syscall.SIGINT)
	}
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
	packages, err := pulumiPackages(programDirectory(req.GetInfo(), "."))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

func (h *languageHost) GetRequiredPlugins(
	_ context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	packages, err := pulumiPackages(programDirectory(req.GetInfo(), req.GetPwd())) //nolint:staticcheck
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
	dir := programDirectory(req.GetInfo(), req.GetDirectory()) //nolint:staticcheck
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
	if err := h.start(cmd); err != nil {
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
	h.forget(cmd)
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
	dir := programDirectory(req.GetInfo(), req.GetPwd()) //nolint:staticcheck
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
