package config

import (
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestDefaultsRunEmbedded(t *testing.T) {
	c, err := FromEnv(map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != ":8080" || c.DataDir != "./var" || !c.Embedded() || c.LogLevel != slog.LevelInfo || c.LogFormat != "json" {
		t.Fatalf("unexpected defaults: %+v", c)
	}
	if c.SQLitePath() != "var/bazaar.db" {
		t.Fatalf("SQLitePath = %q", c.SQLitePath())
	}
}

func TestParsesEveryVariable(t *testing.T) {
	c, err := FromEnv(map[string]string{
		"HTTP_ADDR":             "127.0.0.1:9000",
		"DATA_DIR":              "/tmp/shop",
		"DATABASE_URL":          "postgres://u:p@db:5432/shop",
		"DATABASE_REPLICA_URLS": "postgres://u:p@r1/shop,postgres://u:p@r2/shop",
		"REDIS_URL":             "redis://cache:6379/0",
		"LOG_LEVEL":             "debug",
		"LOG_FORMAT":            "text",
		"CORS_ORIGINS":          "https://shop.example,https://admin.example",
		"SECURE_COOKIES":        "true",
		"SHUTDOWN_TIMEOUT":      "5s",
		"TRUSTED_PROXIES":       "10.0.0.0/8,192.0.2.1",
		"PPROF_ADDR":            "127.0.0.1:6060",
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.Embedded() || len(c.DatabaseReplicaURLs) != 2 || c.LogLevel != slog.LevelDebug ||
		len(c.CORSOrigins) != 2 || !c.SecureCookies || c.ShutdownTimeout != 5*time.Second || len(c.TrustedProxies) != 2 || c.PprofAddr != "127.0.0.1:6060" {
		t.Fatalf("unexpected config: %+v", c)
	}
}

// Each bad value must fail with one line that names its variable.
func TestBadValueNamesVariable(t *testing.T) {
	cases := map[string]map[string]string{
		"HTTP_ADDR":             {"HTTP_ADDR": "8080"},
		"PPROF_ADDR":            {"PPROF_ADDR": "6060"},
		"OUTBOX_INTERVAL":       {"OUTBOX_INTERVAL": "-1s"},
		"DATABASE_URL":          {"DATABASE_URL": "mysql://x@y/z"},
		"DATABASE_REPLICA_URLS": {"DATABASE_REPLICA_URLS": "postgres://r/x"},
		"REDIS_URL":             {"REDIS_URL": "localhost:6379"},
		"LOG_LEVEL":             {"LOG_LEVEL": "loud"},
		"LOG_FORMAT":            {"LOG_FORMAT": "xml"},
		"CORS_ORIGINS":          {"CORS_ORIGINS": "*.example"},
		"SECURE_COOKIES":        {"SECURE_COOKIES": "maybe"},
		"SHUTDOWN_TIMEOUT":      {"SHUTDOWN_TIMEOUT": "soon"},
		"SMTP_URL":              {"SMTP_URL": "mail.example:25"},
		"MAIL_FROM":             {"MAIL_FROM": "not an address"},
		"PUBLIC_URL":            {"PUBLIC_URL": "shop.example"},
		"TRUSTED_PROXIES":       {"TRUSTED_PROXIES": "10.0.0.0/8,ingress"},
	}
	for name, vars := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := FromEnv(vars)
			if err == nil {
				t.Fatal("want an error")
			}
			msg := err.Error()
			if !strings.Contains(msg, name) || strings.Contains(msg, "\n") {
				t.Fatalf("error %q should name %s on one line", msg, name)
			}
		})
	}
}

func TestPasswordNeverPrinted(t *testing.T) {
	_, err := FromEnv(map[string]string{"DATABASE_URL": "postgres://u:secret@/x"})
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("error %v must not leak the password", err)
	}
}
