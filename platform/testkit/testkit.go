// Package testkit boots the whole app in-process for tests: on SQLite with
// the embedded Redis always, and on PostgreSQL with real Redis when
// TEST_DATABASE_URL and TEST_REDIS_URL are set. Under CI=true both must be
// set: a missing service fails the run instead of skipping it.
package testkit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	goredis "github.com/redis/go-redis/v9"
	"go.uber.org/dig"
	"go.uber.org/fx"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"bazaar/migrations"
	"bazaar/platform"
	"bazaar/platform/config"
	"bazaar/platform/database"
	"bazaar/platform/migrate"
	"bazaar/platform/web"
)

// Backend is one storage setup the suite runs on.
type Backend struct {
	Name        string // "sqlite" or "postgres"
	DatabaseURL string // empty: embedded SQLite
	RedisURL    string // empty: embedded Redis
}

// Backends lists SQLite always and PostgreSQL when configured.
func Backends(t testing.TB) []Backend {
	t.Helper()
	out := []Backend{{Name: "sqlite"}}
	pg, rd := os.Getenv("TEST_DATABASE_URL"), os.Getenv("TEST_REDIS_URL")
	if pg == "" || rd == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true needs TEST_DATABASE_URL and TEST_REDIS_URL (run .ci/run, which starts PostgreSQL and Redis)")
		}
		return out
	}
	return append(out, Backend{Name: "postgres", DatabaseURL: pg, RedisURL: rd})
}

// Each runs f as a subtest per backend.
func Each(t *testing.T, f func(t *testing.T, b Backend)) {
	for _, b := range Backends(t) {
		t.Run(b.Name, func(t *testing.T) { f(t, b) })
	}
}

// Config is what Start boots with: isolated storage for this test (a fresh
// SQLite file, or a fresh PostgreSQL schema and Redis database), a random
// loopback port and short intervals so asynchronous work shows up quickly.
func Config(t testing.TB, b Backend) config.Config {
	t.Helper()
	vars := map[string]string{
		"HTTP_ADDR":        "127.0.0.1:0",
		"DATA_DIR":         t.TempDir(),
		"LOG_LEVEL":        "warn",
		"OUTBOX_INTERVAL":  "50ms",
		"JOB_RETRY_BASE":   "100ms",
		"SHUTDOWN_TIMEOUT": "5s",
	}
	if b.DatabaseURL != "" {
		vars["DATABASE_URL"] = isolatedSchema(t, b.DatabaseURL)
	}
	if b.RedisURL != "" {
		vars["REDIS_URL"] = isolatedRedisDB(t, b.RedisURL)
	}
	cfg, err := config.FromEnv(vars)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// App is a running app.
type App struct {
	URL      string
	Config   config.Config
	fx       *fx.App
	fiber    *fiber.App
	t        testing.TB
	contract contract
	mu       sync.Mutex
	clients  []*http.Client
}

// Start boots platform plus opts (modules, fx.Populate targets) like
// `bazaar all`: migrations, HTTP, worker and relay. It stops with the test.
func Start(t testing.TB, b Backend, opts ...fx.Option) *App {
	t.Helper()
	return StartWith(t, Config(t, b), opts...)
}

// StartWith boots with a prepared config.
func StartWith(t testing.TB, cfg config.Config, opts ...fx.Option) *App {
	t.Helper()
	var srv *web.Server
	var fiberApp *fiber.App
	all := append([]fx.Option{platform.Module(cfg), platform.Migrate(), platform.Serve(), platform.Work(),
		fx.Populate(&srv, &fiberApp), fx.StartTimeout(60 * time.Second), fx.StopTimeout(30 * time.Second)}, opts...)
	app := fx.New(all...)
	if err := app.Err(); err != nil {
		t.Fatalf("testkit: build app: %v", dig.RootCause(err))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := app.Start(ctx); err != nil {
		t.Fatalf("testkit: start app: %v", err)
	}
	a := &App{URL: "http://" + srv.Addr(), Config: cfg, fx: app, t: t, fiber: fiberApp}
	t.Cleanup(a.Stop)
	return a
}

// Stop shuts the app down (again is a no-op).
func (a *App) Stop() {
	if a.fx == nil {
		return
	}
	// Idle keep-alive connections would hold the server's graceful shutdown.
	a.mu.Lock()
	for _, c := range a.clients {
		c.CloseIdleConnections()
	}
	a.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := a.fx.Stop(ctx); err != nil {
		a.t.Errorf("testkit: stop app: %v", err)
	}
	a.fx = nil
}

// Routes lists the registered routes whose path starts with prefix, as
// "METHOD /path/{param}", without HEAD and catch-alls.
func (a *App) Routes(prefix string) []string {
	var out []string
	for _, r := range a.fiber.GetRoutes(true) {
		if r.Method == fiber.MethodHead || strings.HasSuffix(r.Path, "*") || !strings.HasPrefix(r.Path, prefix) {
			continue
		}
		out = append(out, r.Method+" "+fiberParam.ReplaceAllString(r.Path, "{$1}"))
	}
	return out
}

// UndocumentedRoutes lists every registered API, health and metrics route
// ("GET /api/x/{id}") that the OpenAPI document does not describe.
func (a *App) UndocumentedRoutes() ([]string, error) {
	doc, err := a.OpenAPI()
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, r := range a.fiber.GetRoutes(true) {
		p := r.Path
		if r.Method == fiber.MethodHead || strings.HasSuffix(p, "*") ||
			!(strings.HasPrefix(p, "/api/") || p == "/healthz" || p == "/readyz" || p == "/metrics") {
			continue
		}
		p = fiberParam.ReplaceAllString(p, "{$1}")
		item := doc.Paths.Find(p)
		if item == nil || item.GetOperation(r.Method) == nil {
			missing = append(missing, r.Method+" "+p)
		}
	}
	return missing, nil
}

var fiberParam = regexp.MustCompile(`:([A-Za-z0-9_]+)\??`)

// Eventually polls cond until it holds or the timeout passes.
func Eventually(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func randomName(prefix string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// isolatedSchema creates a schema for this test and returns a URL whose
// search_path points at it; the schema is dropped afterwards.
func isolatedSchema(t testing.TB, base string) string {
	t.Helper()
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{})
	if err != nil {
		t.Fatalf("testkit: TEST_DATABASE_URL: %v", err)
	}
	// Extensions live in public, visible through the search path below, so
	// a migration's CREATE EXTENSION IF NOT EXISTS finds them in every test
	// schema. Two test binaries may race to create one: the loser's error is
	// harmless when the extension exists afterwards.
	for _, ext := range []string{"pg_trgm"} {
		if err := admin.Exec("CREATE EXTENSION IF NOT EXISTS " + ext + " SCHEMA public").Error; err != nil {
			var n int64
			admin.Raw("SELECT count(*) FROM pg_extension WHERE extname = ?", ext).Scan(&n)
			if n == 0 {
				t.Fatalf("testkit: create extension %s: %v", ext, err)
			}
		}
	}
	schema := randomName("t_")
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("testkit: create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		if db, err := admin.DB(); err == nil {
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String()
}

// isolatedRedisDB leases one of Redis's numbered databases (1-15) for this
// test, so test binaries running in parallel never see each other's keys.
// Database 0 holds the leases.
func isolatedRedisDB(t testing.TB, base string) string {
	t.Helper()
	opts, err := goredis.ParseURL(base)
	if err != nil {
		t.Fatalf("testkit: TEST_REDIS_URL: %v", err)
	}
	opts.DB = 0
	ctl := goredis.NewClient(opts)
	ctx := context.Background()
	owner := randomName("")
	deadline := time.Now().Add(2 * time.Minute)
	for {
		for db := 1; db < 16; db++ {
			key := fmt.Sprintf("testkit:lease:%d", db)
			ok, err := ctl.SetNX(ctx, key, owner, 10*time.Minute).Result()
			if err != nil {
				t.Fatalf("testkit: redis: %v", err)
			}
			if !ok {
				continue
			}
			o := *opts
			o.DB = db
			data := goredis.NewClient(&o)
			if err := data.FlushDB(ctx).Err(); err != nil {
				t.Fatalf("testkit: redis flush: %v", err)
			}
			data.Close()
			t.Cleanup(func() {
				if v, _ := ctl.Get(ctx, key).Result(); v == owner {
					ctl.Del(ctx, key)
				}
				ctl.Close()
			})
			u, _ := url.Parse(base)
			u.Path = fmt.Sprintf("/%d", db)
			return u.String()
		}
		if time.Now().After(deadline) {
			t.Fatal("testkit: no free Redis database for 2 minutes")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// IsProblem reports whether a content type is problem+json.
func IsProblem(contentType string) bool {
	return strings.HasPrefix(contentType, web.ProblemContentType)
}

// Logger discards everything, for code under test that wants a logger.
func Logger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// DB opens a fresh, migrated database on the backend, closed after the
// test: for store tests that need no HTTP.
func DB(t testing.TB, b Backend) *gorm.DB {
	t.Helper()
	db, err := database.Open(Config(t, b), Logger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := db.DB(); err == nil {
			s.Close()
		}
	})
	if err := migrate.Up(context.Background(), db, migrations.FS, Logger()); err != nil {
		t.Fatal(err)
	}
	return db
}
