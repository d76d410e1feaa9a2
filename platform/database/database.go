// Package database opens the shop's gorm handle: PostgreSQL (with optional
// read replicas) when DATABASE_URL is set, an embedded SQLite file otherwise.
// Dialect differences live here and nowhere else.
package database

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"go.uber.org/fx"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
	"gorm.io/plugin/dbresolver"

	"bazaar/platform/config"
	"bazaar/platform/observe"
)

// Module provides *gorm.DB, closes it on stop, exports pool metrics and
// contributes the "database" readiness check.
var Module = fx.Module("database",
	fx.Provide(Provide),
	observe.AsCheck(func(db *gorm.DB) observe.Check {
		return observe.Check{Name: "database", Probe: func(ctx context.Context) error { return Ping(ctx, db) }}
	}),
)

// Dialect names, as gorm reports them.
const (
	Postgres = "postgres"
	SQLite   = "sqlite"
)

// SQLiteDSN enables WAL, waits on locks instead of failing, enforces foreign
// keys and starts every transaction IMMEDIATE: a deferred transaction that
// reads and then writes fails with SQLITE_BUSY when another writer got there
// first, which would turn concurrent checkouts into errors.
func SQLiteDSN(path string) string {
	return path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate"
}

// Open connects according to cfg.
func Open(cfg config.Config, log *slog.Logger) (*gorm.DB, error) {
	gcfg := &gorm.Config{
		Logger: logger.New(printf{log.With("component", "gorm")}, logger.Config{
			SlowThreshold:             200 * time.Millisecond,
			LogLevel:                  logger.Warn,
			IgnoreRecordNotFoundError: true,
		}),
		TranslateError:         true,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	}
	if cfg.Embedded() {
		if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
			return nil, fmt.Errorf("DATA_DIR %s: %w", cfg.DataDir, err)
		}
		db, err := gorm.Open(sqlite.Open(SQLiteDSN(cfg.SQLitePath())), gcfg)
		if err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", cfg.SQLitePath(), err)
		}
		return db, nil
	}
	db, err := gorm.Open(postgres.Open(withDefaults(cfg.DatabaseURL)), gcfg)
	if err != nil {
		return nil, fmt.Errorf("open DATABASE_URL: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(cfg.DBMaxConns)
	sqlDB.SetMaxIdleConns(cfg.DBMaxConns)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	if len(cfg.DatabaseReplicaURLs) > 0 {
		replicas := make([]gorm.Dialector, len(cfg.DatabaseReplicaURLs))
		for i, u := range cfg.DatabaseReplicaURLs {
			replicas[i] = postgres.Open(withDefaults(u))
		}
		// Reads go to replicas, writes and transactions to the primary;
		// db.Clauses(dbresolver.Write) pins a read that must see its own write.
		resolver := dbresolver.Register(dbresolver.Config{Replicas: replicas, Policy: dbresolver.RandomPolicy{}}).
			SetMaxOpenConns(cfg.DBMaxConns).SetMaxIdleConns(cfg.DBMaxConns)
		if err := db.Use(resolver); err != nil {
			return nil, fmt.Errorf("DATABASE_REPLICA_URLS: %w", err)
		}
	}
	return db, nil
}

// printf lets gorm's logger, which formats its own lines, write to slog.
type printf struct{ log *slog.Logger }

func (p printf) Printf(format string, args ...any) {
	p.log.Warn(strings.Join(strings.Fields(fmt.Sprintf(format, args...)), " "))
}

// withDefaults bounds every statement (a runaway query must not hold a
// connection after its request is gone), turns off JIT, whose compile
// time costs more than it saves on the shop's short queries, and makes a
// sequential scan start at the table's first page (a scan that stops at a
// LIMIT then yields the same rows whichever plan finds them: a capped
// search sample stays stable from page to page). Settings given in the
// URL win.
func withDefaults(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	for k, v := range map[string]string{"statement_timeout": "15000", "jit": "off", "synchronize_seqscans": "off"} {
		if q.Get(k) == "" {
			q.Set(k, v)
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Params are Provide's dependencies.
type Params struct {
	fx.In
	Lifecycle  fx.Lifecycle
	Config     config.Config
	Log        *slog.Logger
	Registerer prometheus.Registerer
}

// Provide opens the database for the fx graph.
func Provide(p Params) (*gorm.DB, error) {
	db, err := Open(p.Config, p.Log)
	if err != nil {
		return nil, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	if err := p.Registerer.Register(collectors.NewDBStatsCollector(sqlDB, "bazaar")); err != nil {
		return nil, err
	}
	p.Lifecycle.Append(fx.StopHook(sqlDB.Close))
	return db, nil
}

// Ping checks the primary answers.
func Ping(ctx context.Context, db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Dialect is Postgres or SQLite.
func Dialect(db *gorm.DB) string { return db.Dialector.Name() }

// likeEscaper escapes LIKE's wildcards; use with ESCAPE '\'.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// Contains is a LIKE pattern matching s anywhere, lower-cased, with s's own
// % and _ taken literally: compare it with lower(column) LIKE ? ESCAPE '\'.
func Contains(s string) string { return "%" + likeEscaper.Replace(strings.ToLower(s)) + "%" }

// Take loads the one row q selects; found is false when there is none, so
// each store can answer with its own not-found error.
func Take[T any](q *gorm.DB) (row T, found bool, err error) {
	err = q.Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return row, false, nil
	}
	return row, err == nil, err
}
