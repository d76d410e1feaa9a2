// Package config reads Bazaar's settings from environment variables.
//
// Every setting has a default that runs the shop on a laptop with embedded
// storage; production sets DATABASE_URL and REDIS_URL. A bad value fails
// Load with one line naming the variable.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
	"github.com/realclientip/realclientip-go"
)

// Config is the whole runtime configuration.
type Config struct {
	HTTPAddr            string        `env:"HTTP_ADDR" envDefault:":8080"`
	DataDir             string        `env:"DATA_DIR" envDefault:"./var"`
	DatabaseURL         string        `env:"DATABASE_URL"`
	DatabaseReplicaURLs []string      `env:"DATABASE_REPLICA_URLS" envSeparator:","`
	DBMaxConns          int           `env:"DB_MAX_CONNS" envDefault:"20"`
	RedisURL            string        `env:"REDIS_URL"`
	SMTPURL             string        `env:"SMTP_URL"`
	MailFrom            string        `env:"MAIL_FROM" envDefault:"Bazaar <shop@localhost>"`
	PublicURL           string        `env:"PUBLIC_URL" envDefault:"http://localhost:8080"`
	LogLevel            slog.Level    `env:"LOG_LEVEL" envDefault:"info"`
	LogFormat           string        `env:"LOG_FORMAT" envDefault:"json"`
	CORSOrigins         []string      `env:"CORS_ORIGINS" envSeparator:","`
	SecureCookies       bool          `env:"SECURE_COOKIES" envDefault:"false"`
	TrustedProxies      []string      `env:"TRUSTED_PROXIES" envSeparator:","`
	ShutdownTimeout     time.Duration `env:"SHUTDOWN_TIMEOUT" envDefault:"20s"`
	OutboxInterval      time.Duration `env:"OUTBOX_INTERVAL" envDefault:"500ms"`
	JobConcurrency      int           `env:"JOB_CONCURRENCY" envDefault:"10"`
	JobRetryBase        time.Duration `env:"JOB_RETRY_BASE" envDefault:"5s"`
	PprofAddr           string        `env:"PPROF_ADDR"`
}

// Embedded reports whether the shop runs on SQLite instead of PostgreSQL.
func (c Config) Embedded() bool { return c.DatabaseURL == "" }

// TrustedProxyNets are the ranges of TRUSTED_PROXIES.
func (c Config) TrustedProxyNets() ([]net.IPNet, error) {
	return realclientip.AddressesAndRangesToIPNets(c.TrustedProxies...)
}

// SQLitePath is the database file used when DATABASE_URL is unset.
func (c Config) SQLitePath() string { return filepath.Join(c.DataDir, "bazaar.db") }

// Load reads the process environment.
func Load() (Config, error) { return FromEnv(env.ToMap(os.Environ())) }

// FromEnv reads the given variables, for tests and embedding.
func FromEnv(vars map[string]string) (Config, error) {
	var c Config
	if err := env.ParseWithOptions(&c, env.Options{Environment: vars}); err != nil {
		return c, explain(err)
	}
	return c, c.validate()
}

func (c Config) validate() error {
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		return invalid("HTTP_ADDR", c.HTTPAddr, "want host:port, e.g. :8080")
	}
	if _, _, err := net.SplitHostPort(c.PprofAddr); c.PprofAddr != "" && err != nil {
		return invalid("PPROF_ADDR", c.PprofAddr, "want host:port, e.g. 127.0.0.1:6060")
	}
	if c.DatabaseURL != "" {
		if err := checkURL(c.DatabaseURL, "postgres", "postgresql"); err != nil {
			return invalid("DATABASE_URL", redact(c.DatabaseURL), err.Error())
		}
	}
	for _, r := range c.DatabaseReplicaURLs {
		if err := checkURL(r, "postgres", "postgresql"); err != nil {
			return invalid("DATABASE_REPLICA_URLS", redact(r), err.Error())
		}
	}
	if len(c.DatabaseReplicaURLs) > 0 && c.DatabaseURL == "" {
		return invalid("DATABASE_REPLICA_URLS", strings.Join(c.DatabaseReplicaURLs, ","), "needs DATABASE_URL")
	}
	if c.DBMaxConns < 1 {
		return invalid("DB_MAX_CONNS", fmt.Sprint(c.DBMaxConns), "must be at least 1")
	}
	if c.RedisURL != "" {
		if err := checkURL(c.RedisURL, "redis", "rediss"); err != nil {
			return invalid("REDIS_URL", redact(c.RedisURL), err.Error())
		}
	}
	if c.SMTPURL != "" {
		if err := checkURL(c.SMTPURL, "smtp", "smtps"); err != nil {
			return invalid("SMTP_URL", redact(c.SMTPURL), err.Error())
		}
	}
	if _, err := mail.ParseAddress(c.MailFrom); err != nil {
		return invalid("MAIL_FROM", c.MailFrom, "want an address such as Shop <shop@example.com>")
	}
	if err := checkURL(c.PublicURL, "http", "https"); err != nil {
		return invalid("PUBLIC_URL", c.PublicURL, err.Error())
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		return invalid("LOG_FORMAT", c.LogFormat, "want json or text")
	}
	for _, o := range c.CORSOrigins {
		if err := checkURL(o, "http", "https"); err != nil {
			return invalid("CORS_ORIGINS", o, err.Error())
		}
	}
	if _, err := c.TrustedProxyNets(); err != nil {
		return invalid("TRUSTED_PROXIES", strings.Join(c.TrustedProxies, ","), "want IP addresses or CIDR ranges, e.g. 10.0.0.0/8")
	}
	if c.ShutdownTimeout <= 0 {
		return invalid("SHUTDOWN_TIMEOUT", c.ShutdownTimeout.String(), "must be positive")
	}
	if c.JobConcurrency < 1 {
		return invalid("JOB_CONCURRENCY", fmt.Sprint(c.JobConcurrency), "must be at least 1")
	}
	if c.JobRetryBase <= 0 {
		return invalid("JOB_RETRY_BASE", c.JobRetryBase.String(), "must be positive")
	}
	if c.OutboxInterval <= 0 {
		return invalid("OUTBOX_INTERVAL", c.OutboxInterval.String(), "must be positive")
	}
	return nil
}

func checkURL(raw string, schemes ...string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return errors.New("not a URL with a host")
	}
	for _, s := range schemes {
		if u.Scheme == s {
			return nil
		}
	}
	return fmt.Errorf("scheme must be %s", strings.Join(schemes, " or "))
}

// redact hides a password so a failed start never prints it.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable)"
	}
	return u.Redacted()
}

func invalid(name, value, why string) error {
	return fmt.Errorf("invalid %s=%q: %s", name, value, why)
}

// explain turns the env library's field-named error into one naming the variable.
func explain(err error) error {
	var pe env.ParseError
	if errors.As(err, &pe) {
		if f, ok := reflect.TypeOf(Config{}).FieldByName(pe.Name); ok {
			return fmt.Errorf("invalid %s: %v", f.Tag.Get("env"), pe.Err)
		}
	}
	return err
}
