package module_test

import (
	"testing"

	"bazaar/modules/accounts/module"
	"bazaar/platform/seed"
	"bazaar/platform/testkit"
)

// Demo accounts exist in embedded mode only, and seeding twice is harmless.
func TestDemoAccounts(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		cfg := testkit.Config(t, b)
		app := testkit.StartWith(t, cfg, module.Module, seed.OnStart())
		app.Stop()
		app = testkit.StartWith(t, cfg, module.Module, seed.OnStart()) // second start: seeds again
		r := app.Client().Post("/api/auth/login", map[string]string{"email": "admin@bazaar.test", "password": "bazaar-demo-admin"})
		want := 200
		if !cfg.Embedded() {
			want = 401
		}
		if r.Status != want {
			t.Fatalf("demo admin login on %s: %d, want %d", b.Name, r.Status, want)
		}
	})
}
