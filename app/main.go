// Command bazaar is the whole shop in one binary: HTTP API and web app,
// background jobs, migrations and demo data.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"regexp"
	"runtime/debug"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"go.uber.org/dig"
	"go.uber.org/fx"

	"bazaar/migrations"
	"bazaar/platform"
	"bazaar/platform/config"
	"bazaar/platform/database"
	"bazaar/platform/migrate"
	"bazaar/platform/observe"
	"bazaar/platform/seed"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// gcPercent is the default GOGC: the shop's live heap is small (~20 MB
// with 256 shoppers adding to carts), so letting it grow 4× between
// collections trades a little memory for ~10% more requests per core
// (tools/bench/README.md). 700 was tried: no faster once the cart
// allocated less, and ~290 MB more resident under 10,000 browsing
// shoppers (modules/cart/README.md). GOGC overrides it.
const gcPercent = 400

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if err := rootCmd().Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "bazaar:", oneLine(err))
		os.Exit(1)
	}
}

func rootCmd() *cobra.Command {
	all := runCmd("all", "Migrate, seed demo data into an empty database, serve HTTP and run jobs (default)", roleAll)
	root := &cobra.Command{
		Use:   "bazaar",
		Short: "Bazaar: an e-commerce shop in one binary",
		Long: "Bazaar serves the shop's REST API and web app, runs its background jobs and migrates its database.\n" +
			"Configuration comes from environment variables (see README.md); with none set it runs embedded:\n" +
			"SQLite under DATA_DIR and an in-process Redis.",
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE:          all.RunE,
	}
	root.AddCommand(all,
		runCmd("serve", "Serve the HTTP API and web app", roleServe),
		runCmd("worker", "Run background jobs, the scheduler and the outbox relay", roleWorker),
		migrateCmd(), seedCmd(), usersCmd(), versionCmd())
	return root
}

// runCmd runs the app in a role until SIGINT or SIGTERM, then shuts down
// gracefully: stop accepting, finish in-flight requests and running jobs
// (bounded by SHUTDOWN_TIMEOUT), close pools.
func runCmd(name, short string, role []fx.Option) *cobra.Command {
	return &cobra.Command{
		Use:   name,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load()
			if err != nil {
				return err
			}
			app := fx.New(append(options(cfg, role...), fx.StartTimeout(5*time.Minute))...)
			if err := app.Err(); err != nil {
				return dig.RootCause(err)
			}
			if err := app.Start(context.Background()); err != nil {
				return err
			}
			sig := <-app.Wait()
			fmt.Fprintf(cmd.ErrOrStderr(), "bazaar: %s received, shutting down\n", sig.Signal)
			ctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout+10*time.Second)
			defer cancel()
			if err := app.Stop(ctx); err != nil {
				return fmt.Errorf("shutdown after %s: %w", sig.Signal, err)
			}
			return nil
		},
	}
}

func migrateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:       "migrate [up|status]",
		Short:     "Apply pending migrations (up, the default) or list each migration's state (status)",
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: []string{"up", "status"},
		RunE: func(cmd *cobra.Command, args []string) error {
			action := "up"
			if len(args) == 1 {
				action = args[0]
			}
			if action != "up" && action != "status" {
				return fmt.Errorf("migrate: unknown action %q (want up or status)", action)
			}
			cfg, err := config.Load()
			if err != nil {
				return err
			}
			log := observe.NewLogger(cfg)
			db, err := database.Open(cfg, log)
			if err != nil {
				return err
			}
			defer func() {
				if s, err := db.DB(); err == nil {
					s.Close()
				}
			}()
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			if action == "up" {
				return migrate.Up(ctx, db, migrations.FS, log)
			}
			states, err := migrate.Status(ctx, db, migrations.FS)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "STREAM\tVERSION\tSTATE\tFILE")
			for _, s := range states {
				state := "pending"
				if s.Applied {
					state = "applied"
				}
				fmt.Fprintf(w, "%s\t%d\t%s\t%s\n", s.Stream, s.Version, state, s.File)
			}
			return w.Flush()
		},
	}
	return cmd
}

func seedCmd() *cobra.Command {
	var products int
	cmd := &cobra.Command{
		Use:   "seed",
		Short: "Migrate, then add each module's demo data where it is missing (--products N adds N products)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if products < 0 {
				return fmt.Errorf("--products must be 0 or more")
			}
			cfg, err := config.Load()
			if err != nil {
				return err
			}
			opts := seed.Options{Products: products}
			if products > 0 {
				bar := progressbar.NewOptions(products, progressbar.OptionSetWriter(cmd.ErrOrStderr()),
					progressbar.OptionSetDescription("products"), progressbar.OptionShowCount(), progressbar.OptionShowIts(),
					progressbar.OptionSetItsString("products"), progressbar.OptionThrottle(200*time.Millisecond),
					progressbar.OptionOnCompletion(func() { fmt.Fprintln(cmd.ErrOrStderr()) }))
				opts.Progress = func(done, _ int) { _ = bar.Set(done) }
			}
			var p seed.Params
			return once(cfg, func(ctx context.Context) error {
				n, err := seed.Run(ctx, p)
				if err == nil {
					fmt.Fprintf(cmd.OutOrStdout(), "seeded %d module(s)\n", n)
				}
				return err
			}, fx.Replace(opts), fx.Populate(&p))
		},
	}
	cmd.Flags().IntVar(&products, "products", 0, "generate this many more demo products (deterministic; 1,000,000 for benchmarks)")
	return cmd
}

// once migrates, starts the app without serving or working, runs fn and
// stops: the shape of every one-shot command that needs the modules.
func once(cfg config.Config, fn func(ctx context.Context) error, extra ...fx.Option) error {
	app := fx.New(options(cfg, append([]fx.Option{platform.Migrate()}, extra...)...)...)
	if err := app.Err(); err != nil {
		return dig.RootCause(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := app.Start(ctx); err != nil {
		return err
	}
	defer app.Stop(context.Background())
	return fn(ctx)
}

func versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and build information",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			rev := "unknown"
			if info, ok := debug.ReadBuildInfo(); ok {
				for _, s := range info.Settings {
					if s.Key == "vcs.revision" {
						rev = s.Value
					}
				}
				fmt.Fprintf(cmd.OutOrStdout(), "bazaar %s (%s, %s)\n", version, rev, info.GoVersion)
				return
			}
			fmt.Fprintf(cmd.OutOrStdout(), "bazaar %s\n", version)
		},
	}
}

// oneLine keeps a failed start to one readable line, without fx's
// "OnStart hook added by ... failed:" wrapping.
func oneLine(err error) string {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	return hookPrefix.ReplaceAllString(msg, "")
}

var hookPrefix = regexp.MustCompile(`On(Start|Stop) hook added by \S+ failed: `)
