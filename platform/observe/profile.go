package observe

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"go.uber.org/fx"

	"bazaar/platform/config"
)

// Profile serves Go's profiles (net/http/pprof) on PPROF_ADDR while the app
// runs, when it is set: for diagnosing a live process, and for the profile
// the binary is built with (app/default.pgo, tools/bench/pgo.sh). The
// profiles show the process's internals and cost CPU while they record, so
// the address belongs on loopback or a private network, never behind the
// shop's ingress.
func Profile(lc fx.Lifecycle, cfg config.Config, log *slog.Logger) {
	if cfg.PprofAddr == "" {
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	lc.Append(fx.Hook{
		OnStart: func(context.Context) error {
			ln, err := net.Listen("tcp", cfg.PprofAddr)
			if err != nil {
				return fmt.Errorf("PPROF_ADDR %s: %w", cfg.PprofAddr, err)
			}
			log.Info("profiles served", "addr", ln.Addr().String())
			go func() {
				if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
					log.Error("profile server stopped", "error", err)
				}
			}()
			return nil
		},
		OnStop: func(context.Context) error { return srv.Close() },
	})
}
