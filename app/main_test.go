package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.uber.org/fx"

	"bazaar/modules/accounts"
	"bazaar/platform/database"
	"bazaar/platform/seed"
	"bazaar/platform/testkit"
)

// The graph of every role must build: a missing provider fails here, not
// at 3 a.m. in production.
func TestGraphsValidate(t *testing.T) {
	for _, b := range testkit.Backends(t) {
		cfg := testkit.Config(t, b)
		for name, role := range map[string][]fx.Option{"all": roleAll, "serve": roleServe, "worker": roleWorker} {
			if err := fx.ValidateApp(options(cfg, role...)...); err != nil {
				t.Errorf("%s on %s: %v", name, b.Name, err)
			}
		}
	}
}

func TestAllRoleServesAndDocumentsEveryRoute(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		app := testkit.Start(t, b, modules...)
		missing, err := app.UndocumentedRoutes()
		if err != nil || len(missing) > 0 {
			t.Fatalf("routes missing from the OpenAPI document: %v (%v)", missing, err)
		}
		if r := app.Client().Get("/readyz"); r.Status != 200 {
			t.Fatalf("readyz %d", r.Status)
		}
	})
}

func run(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	var out bytes.Buffer
	cmd := rootCmd()
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

func TestMigrateUpAndStatus(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		cfg := testkit.Config(t, b)
		env := map[string]string{"DATA_DIR": cfg.DataDir, "DATABASE_URL": cfg.DatabaseURL, "LOG_LEVEL": "warn"}
		out, err := run(t, env, "migrate", "status")
		if err != nil || !strings.Contains(out, "platform") || !strings.Contains(out, "pending") {
			t.Fatalf("status before: %v\n%s", err, out)
		}
		if out, err := run(t, env, "migrate", "up"); err != nil {
			t.Fatalf("up: %v\n%s", err, out)
		}
		out, err = run(t, env, "migrate", "status")
		if err != nil || strings.Contains(out, "pending") || !strings.Contains(out, "applied") {
			t.Fatalf("status after: %v\n%s", err, out)
		}
		if _, err := run(t, env, "migrate", "sideways"); err == nil {
			t.Fatal("unknown migrate action accepted")
		}
	})
}

func TestBadConfigFailsWithOneLine(t *testing.T) {
	_, err := run(t, map[string]string{"LOG_FORMAT": "xml"}, "serve")
	if err == nil || !strings.Contains(oneLine(err), "LOG_FORMAT") {
		t.Fatalf("err = %v", err)
	}
}

func TestOneLineDropsFxWrapping(t *testing.T) {
	err := fmt.Errorf("OnStart hook added by bazaar/platform/web.Serve failed: HTTP_ADDR :1: listen tcp :1:\n\tbind: permission denied")
	if got := oneLine(err); got != "HTTP_ADDR :1: listen tcp :1: bind: permission denied" {
		t.Fatalf("oneLine = %q", got)
	}
}

// The real binary: starts embedded with no configuration, becomes ready,
// serves the API, and on SIGTERM shuts down cleanly with exit status 0.
func TestBinaryStartsEmbeddedAndStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "bazaar")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	addr := freeAddr(t)
	dir := t.TempDir()
	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HTTP_ADDR="+addr, "DATA_DIR="+filepath.Join(dir, "var"), "DATABASE_URL=", "REDIS_URL=")
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	testkit.Eventually(t, 30*time.Second, "the binary to be ready", func() bool {
		res, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == 200
	})
	res, err := http.Get("http://" + addr + "/api/openapi.json")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("openapi: %v %v", res, err)
	}
	res.Body.Close()
	if _, err := os.Stat(filepath.Join(dir, "var", "bazaar.db")); err != nil {
		t.Fatalf("embedded database not created under DATA_DIR: %v", err)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(40 * time.Second):
		t.Fatalf("still running 40s after SIGTERM\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "shutting down") {
		t.Fatalf("no shutdown notice in logs:\n%s", logs.String())
	}
	sc := bufio.NewScanner(&logs)
	for sc.Scan() {
		if strings.Contains(sc.Text(), `"level":"ERROR"`) {
			t.Errorf("error logged during a clean run: %s", sc.Text())
		}
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// A fresh install gets its first admin from the shell, who can then sign in.
func TestUsersCreateAdmin(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		cfg := testkit.Config(t, b)
		env := map[string]string{"DATA_DIR": cfg.DataDir, "DATABASE_URL": cfg.DatabaseURL, "REDIS_URL": cfg.RedisURL, "LOG_LEVEL": "warn"}
		out, err := run(t, env, "users", "create", "--email", "Root@Example.com", "--password", "correct-horse-battery", "--role", "admin")
		if err != nil || !strings.Contains(out, "<root@example.com> with roles customer,admin") {
			t.Fatalf("create: %v\n%s", err, out)
		}
		if _, err := run(t, env, "users", "create", "--email", "root@example.com", "--password", "correct-horse-battery"); err == nil {
			t.Fatal("a second user with the same email was created")
		}
		if _, err := run(t, env, "users", "create", "--email", "x@example.com", "--password", "correct-horse-battery", "--role", "root"); err == nil {
			t.Fatal("unknown role accepted")
		}
		_, err = run(t, env, "users", "create", "--email", "y@example.com", "--password", "short")
		if err == nil || !strings.Contains(err.Error(), "password must be at least 10 characters") {
			t.Fatalf("weak password: %v", err)
		}
		app := testkit.StartWith(t, cfg, modules...)
		c := app.Client()
		r := c.Post("/api/auth/login", map[string]string{"email": "root@example.com", "password": "correct-horse-battery"})
		if r.Status != 200 {
			t.Fatalf("login: %d %s", r.Status, r.Body)
		}
		if r := c.Get("/api/admin/users"); r.Status != 200 {
			t.Fatalf("admin list: %d", r.Status)
		}
	})
}

// Every /api/admin route of every module: anonymous callers get 401,
// customers 403; staff reach the catalog back office but not user admin;
// admins reach everything.
func TestAdminAuthorisationMatrix(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var prov accounts.Provisioner
		app := testkit.Start(t, b, append(modules, fx.Populate(&prov))...)
		ctx := context.Background()
		clients := map[string]*testkit.Client{"anonymous": app.Client()}
		for _, role := range []string{"customer", "staff", "admin"} {
			email := role + "@example.com"
			roles := []string{"customer"}
			if role != "customer" {
				roles = append(roles, role)
			}
			if _, err := prov.CreateUser(ctx, email, "correct-horse-battery", role, roles); err != nil {
				t.Fatal(err)
			}
			c := app.Client()
			if r := c.Post("/api/auth/login", map[string]string{"email": email, "password": "correct-horse-battery"}); r.Status != 200 {
				t.Fatalf("%s login: %d", role, r.Status)
			}
			clients[role] = c
		}
		routes := app.Routes("/api/admin/")
		if len(routes) < 10 {
			t.Fatalf("only %d admin routes: %v", len(routes), routes)
		}
		for _, route := range routes {
			method, path, _ := strings.Cut(route, " ")
			path = regexp.MustCompile(`\{[^}]+\}`).ReplaceAllString(path, "00000000-0000-7000-8000-000000000000")
			usersAdmin := strings.HasPrefix(path, "/api/admin/users")
			for who, c := range clients {
				status := c.Do(method, path, `{}`).Status
				switch {
				case who == "anonymous" && status != 401,
					who == "customer" && status != 403,
					who == "staff" && usersAdmin && status != 403,
					(who == "admin" || who == "staff" && !usersAdmin) && (status == 401 || status == 403):
					t.Errorf("%s %s as %s: %d", method, path, who, status)
				}
			}
		}
	})
}

func TestSeedProducts(t *testing.T) {
	b := testkit.Backends(t)[0]
	cfg := testkit.Config(t, b)
	env := map[string]string{"DATA_DIR": cfg.DataDir, "DATABASE_URL": "", "REDIS_URL": "", "LOG_LEVEL": "warn"}
	count := func() int64 {
		var n int64
		db, err := database.Open(cfg, testkit.Logger())
		if err != nil {
			t.Fatal(err)
		}
		defer func() { s, _ := db.DB(); s.Close() }()
		db.Table("catalog_products").Count(&n)
		return n
	}
	for _, step := range []struct {
		args []string
		want int64
	}{
		{[]string{"seed", "--products", "25"}, 25},
		{[]string{"seed", "--products", "5"}, 30},
		{[]string{"seed"}, 30}, // not empty: nothing added
	} {
		if out, err := run(t, env, step.args...); err != nil || !strings.Contains(out, "seeded") {
			t.Fatalf("%v: %v %s", step.args, err, out)
		}
		if n := count(); n != step.want {
			t.Fatalf("after %v: %d products, want %d", step.args, n, step.want)
		}
	}
	if _, err := run(t, env, "seed", "--products", "-1"); err == nil {
		t.Fatal("negative count accepted")
	}
}

// A guest's cart follows them when they sign in, and the merge is reported.
func TestGuestCartMergesOnSignIn(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var prov accounts.Provisioner
		app := testkit.Start(t, b, append(modules, fx.Populate(&prov), seed.OnStart())...)
		if _, err := prov.CreateUser(context.Background(), "ada@example.com", "correct-horse-battery", "Ada", []string{"customer"}); err != nil {
			t.Fatal(err)
		}
		var listing struct {
			Items []struct{ Slug string } `json:"items"`
		}
		c := app.Client()
		c.Get("/api/products?in_stock=true&limit=2").JSON(t, &listing)
		var variants []string
		for _, it := range listing.Items {
			var p struct {
				Variants []struct {
					ID        string `json:"id"`
					Available int    `json:"stock_available"`
				} `json:"variants"`
			}
			c.Get("/api/products/"+it.Slug).JSON(t, &p)
			for _, v := range p.Variants {
				if v.Available > 0 {
					variants = append(variants, v.ID)
					break
				}
			}
		}
		if len(variants) != 2 {
			t.Fatalf("variants %v", variants)
		}
		for _, v := range variants {
			if r := c.Post("/api/cart/items", map[string]any{"variant_id": v, "quantity": 1}); r.Status != 200 {
				t.Fatalf("add: %d %s", r.Status, r.Body)
			}
		}
		if r := c.Post("/api/auth/login", map[string]string{"email": "ada@example.com", "password": "correct-horse-battery"}); r.Status != 200 {
			t.Fatalf("login: %d", r.Status)
		}
		var after struct {
			ItemCount int `json:"item_count"`
		}
		c.Get("/api/cart").JSON(t, &after)
		if after.ItemCount != 2 {
			t.Fatalf("after sign-in the cart has %d items", after.ItemCount)
		}
		// The cart is now the account's: another browser signing in sees it.
		other := app.Client()
		other.Post("/api/auth/login", map[string]string{"email": "ada@example.com", "password": "correct-horse-battery"})
		other.Get("/api/cart").JSON(t, &after)
		if after.ItemCount != 2 {
			t.Fatalf("the account's cart on another browser has %d items", after.ItemCount)
		}
	})
}
