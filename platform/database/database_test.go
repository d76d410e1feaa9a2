package database_test

import (
	"context"
	"sync"
	"testing"

	"gorm.io/gorm"

	"bazaar/platform/config"
	"bazaar/platform/database"
	"bazaar/platform/testkit"
)

func open(t *testing.T, cfg config.Config) *gorm.DB {
	t.Helper()
	db, err := database.Open(cfg, testkit.Logger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := db.DB(); err == nil {
			s.Close()
		}
	})
	return db
}

func TestSQLitePragmas(t *testing.T) {
	db := open(t, testkit.Config(t, testkit.Backends(t)[0]))
	if database.Dialect(db) != database.SQLite {
		t.Fatalf("dialect %s", database.Dialect(db))
	}
	for pragma, want := range map[string]string{"journal_mode": "wal", "busy_timeout": "10000", "foreign_keys": "1", "synchronous": "1"} {
		var got string
		if err := db.Raw("PRAGMA " + pragma).Row().Scan(&got); err != nil || got != want {
			t.Errorf("PRAGMA %s = %q (%v), want %q", pragma, got, err, want)
		}
	}
}

// Concurrent read-then-write transactions must all succeed and lose no
// update: on SQLite because transactions start IMMEDIATE (a deferred one
// would fail with SQLITE_BUSY), on PostgreSQL because the read locks the row.
func TestConcurrentReadThenWrite(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		db := open(t, testkit.Config(t, b))
		if err := db.Exec("CREATE TABLE test_counter (id INTEGER NOT NULL PRIMARY KEY, n INTEGER NOT NULL)").Error; err != nil {
			t.Fatal(err)
		}
		db.Exec("INSERT INTO test_counter (id, n) VALUES (1, 0)")
		lock := ""
		if database.Dialect(db) == database.Postgres {
			lock = " FOR UPDATE"
		}
		const workers = 30
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- db.WithContext(context.Background()).Transaction(func(tx *gorm.DB) error {
					var n int
					if err := tx.Raw("SELECT n FROM test_counter WHERE id = 1" + lock).Row().Scan(&n); err != nil {
						return err
					}
					return tx.Exec("UPDATE test_counter SET n = ? WHERE id = 1", n+1).Error
				})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("transaction failed: %v", err)
			}
		}
		var n int
		db.Raw("SELECT n FROM test_counter WHERE id = 1").Row().Scan(&n)
		if n != workers {
			t.Fatalf("counter = %d, want %d (lost updates)", n, workers)
		}
	})
}

// With DATABASE_REPLICA_URLS, plain reads go to a replica and writes and
// transactions to the primary. The "replica" here is another schema, so
// the test can tell which one answered.
func TestReadReplicas(t *testing.T) {
	for _, b := range testkit.Backends(t) {
		if b.DatabaseURL == "" {
			continue
		}
		primaryCfg := testkit.Config(t, b)
		replicaURL := testkit.Config(t, b).DatabaseURL
		for u, who := range map[string]string{primaryCfg.DatabaseURL: "primary", replicaURL: "replica"} {
			raw := open(t, config.Config{DatabaseURL: u, DBMaxConns: 2})
			raw.Exec("CREATE TABLE test_who (who TEXT NOT NULL)")
			raw.Exec("INSERT INTO test_who (who) VALUES (?)", who)
		}
		cfg := primaryCfg
		cfg.DatabaseReplicaURLs = []string{replicaURL}
		db := open(t, cfg)
		var who string
		db.Table("test_who").Select("who").Scan(&who)
		if who != "replica" {
			t.Fatalf("read went to %q", who)
		}
		db.Transaction(func(tx *gorm.DB) error {
			return tx.Table("test_who").Select("who").Scan(&who).Error
		})
		if who != "primary" {
			t.Fatalf("read in a transaction went to %q", who)
		}
		if err := db.Exec("INSERT INTO test_who (who) VALUES ('written')").Error; err != nil {
			t.Fatal(err)
		}
		var n int64
		open(t, config.Config{DatabaseURL: primaryCfg.DatabaseURL, DBMaxConns: 2}).Table("test_who").Where("who = 'written'").Count(&n)
		if n != 1 {
			t.Fatal("write did not reach the primary")
		}
	}
}

func TestPostgresSessionDefaults(t *testing.T) {
	for _, b := range testkit.Backends(t) {
		if b.DatabaseURL == "" {
			continue
		}
		db := open(t, testkit.Config(t, b))
		var timeout, jit, syncScans string
		db.Raw("SHOW statement_timeout").Scan(&timeout)
		db.Raw("SHOW jit").Scan(&jit)
		db.Raw("SHOW synchronize_seqscans").Scan(&syncScans)
		if timeout != "15s" || jit != "off" || syncScans != "off" {
			t.Fatalf("statement_timeout %q, jit %q, synchronize_seqscans %q", timeout, jit, syncScans)
		}
	}
}
