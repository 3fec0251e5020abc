// Package langhost is what this project's language hosts (scripts/pulumi-language-nodejs and
// scripts/pulumi-language-python) share: the engine's command line, the gRPC server and port handshake, the
// programs they run, and the rule that a host and its programs do not outlive the `pulumi` that started them.
// scripts/install-pulumi.sh copies it into the wrapper module next to the hosts, as
// pulumi-atlas-private-endpoint/pulumi-cli/langhost.
package langhost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"google.golang.org/grpc"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// ExitAfterUserActionableMessage is the exit code both SDKs' program runners (@pulumi/pulumi's cmd/run,
// pulumi-language-python-exec) use when they have already shown the user what went wrong; the engine is then told
// to bail without printing a second, generic error.
const ExitAfterUserActionableMessage = 32

const (
	parentPollInterval   = 500 * time.Millisecond
	engineHealthInterval = 5 * time.Second
)

// Args is what the engine passes a language plugin.
type Args struct {
	EngineAddress string
	Tracing       string
}

// Host is a language host under Main: the LanguageRuntime it serves, made once the engine's arguments are known.
type Host interface {
	pulumirpc.LanguageRuntimeServer
}

// Main runs a language host named name: it parses the engine's arguments, serves the LanguageRuntime that newHost
// makes on a free port (printed as the first line of stdout, which the engine reads), and exits once the engine
// is gone, stopping every program started through programs.
func Main(name, usage string, newHost func(args Args, programs *Programs) Host) {
	args, err := parseArgs(os.Args[1:])
	switch {
	case errors.Is(err, errHelp):
		fmt.Print(usage)
		return
	case errors.Is(err, errVersion):
		fmt.Println(Version())
		return
	case err != nil:
		fmt.Fprintf(os.Stderr, "%s: %v\n\n%s", name, err, usage)
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
	watchParent(ctx, name, os.Getppid(), parentPollInterval, cancel)
	if err := rpcutil.Healthcheck(ctx, args.EngineAddress, engineHealthInterval, cancel); err != nil {
		Fatalf(name, "could not watch the engine at %s: %v", args.EngineAddress, err)
	}

	programs := &Programs{running: map[*exec.Cmd]struct{}{}}
	host := newHost(args, programs)
	stop := make(chan bool)
	go func() {
		<-ctx.Done()
		// The programs talk to the same (gone) engine: stop them too rather than leave them to time out.
		programs.signalAll(os.Kill)
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
		Fatalf(name, "could not start the language host gRPC server: %v", err)
	}

	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		Fatalf(name, "language host stopped: %v", err)
	}
}

// watchParent calls cancel once the process that started us has exited (getppid changes on reparenting).
func watchParent(ctx context.Context, name string, parent int, every time.Duration, cancel context.CancelFunc) {
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
					fmt.Fprintf(os.Stderr, "%s: the pulumi process (pid %d) is gone; exiting\n", name, parent)
					return
				}
			}
		}
	}()
}

// Version is the sdk/v3 release the host was built against, which install-pulumi.sh stamps with -ldflags.
func Version() string {
	if version.Version == "" {
		return "v0.0.0-dev"
	}
	return version.Version
}

// Fatalf prints a host's last words and exits.
func Fatalf(name, format string, a ...any) {
	fmt.Fprintf(os.Stderr, name+": "+format+"\n", a...)
	os.Exit(1)
}

var (
	errHelp    = errors.New("help requested")
	errVersion = errors.New("version requested")
)

// parseArgs accepts what the engine passes to language plugins (logging flags, --tracing and the engine
// address last) and ignores other flags, so a newer engine adding one does not break the host.
func parseArgs(argv []string) (Args, error) {
	var parsed Args
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
			parsed.Tracing = value
		}
	}
	if len(positional) != 1 {
		return parsed, fmt.Errorf("expected exactly one engine address argument, got %d", len(positional))
	}
	parsed.EngineAddress = positional[0]
	return parsed, nil
}

// Programs are the programs a host is running; Main kills them when the engine is gone.
type Programs struct {
	mu      sync.Mutex
	running map[*exec.Cmd]struct{}
}

// Run starts cmd, waits for it, and says what the engine should hear about how it ended (the RunResponse of a
// LanguageRuntime.Run): nothing when it succeeded, bail when its runner already told the user, else the exit code.
func (p *Programs) Run(cmd *exec.Cmd, what string) *pulumirpc.RunResponse {
	if err := p.Start(cmd); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not start %s: %v", what, err)}
	}
	err := cmd.Wait()
	p.Forget(cmd)

	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}
	case errors.As(err, &exitErr) && exitErr.ExitCode() == ExitAfterUserActionableMessage:
		return &pulumirpc.RunResponse{Bail: true}
	case errors.As(err, &exitErr) && exitErr.ExitCode() > 0:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program ended abnormally: %v", err)}
	}
}

// Start starts cmd as one of the host's programs (a plugin a host runs is one too): interrupted with them, killed
// with them when the engine is gone.
func (p *Programs) Start(cmd *exec.Cmd) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := cmd.Start(); err != nil {
		return err
	}
	p.running[cmd] = struct{}{}
	return nil
}

// Forget is called once a started program has been waited for.
func (p *Programs) Forget(cmd *exec.Cmd) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.running, cmd)
}

// Interrupt passes the engine's cancellation on to running programs as SIGINT; both SDKs handle it by
// finishing their outstanding registrations.
func (p *Programs) Interrupt() {
	p.signalAll(syscall.SIGINT)
}

func (p *Programs) signalAll(sig os.Signal) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for cmd := range p.running {
		_ = cmd.Process.Signal(sig)
	}
}

// ConfigEnv is the stack's config for a program, as both SDKs read it: PULUMI_CONFIG (a JSON object) and
// PULUMI_CONFIG_SECRET_KEYS (a JSON array). A stack without any config sends no map; the SDKs need an object
// (Node.js threw a TypeError on `null` instead of Pulumi's "Missing required configuration variable"), so that
// is `{}`, as the upstream hosts send.
func ConfigEnv(config map[string]string, secretKeys []string) ([]string, error) {
	if config == nil {
		config = map[string]string{}
	}
	if secretKeys == nil {
		secretKeys = []string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, fmt.Errorf("encoding config: %w", err)
	}
	keysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("encoding secret config keys: %w", err)
	}
	return []string{"PULUMI_CONFIG=" + string(configJSON), "PULUMI_CONFIG_SECRET_KEYS=" + string(keysJSON)}, nil
}

// ProgramDirectory is the program's folder from the engine's ProgramInfo, or fallback from older engines.
func ProgramDirectory(info *pulumirpc.ProgramInfo, fallback string) string {
	if dir := info.GetProgramDirectory(); dir != "" {
		return dir
	}
	return fallback
}
