package seed_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"go.uber.org/fx"

	"bazaar/platform/seed"
	"bazaar/platform/testkit"
)

func TestSeedersRunInNameOrderOnStart(t *testing.T) {
	var order []string
	mk := func(name string) fx.Option {
		return seed.AsSeeder(func() seed.Seeder {
			return seed.Seeder{Name: name, Seed: func(context.Context) error { order = append(order, name); return nil }}
		})
	}
	testkit.Start(t, testkit.Backends(t)[0], mk("orders"), mk("catalog"), seed.OnStart())
	if strings.Join(order, ",") != "catalog,orders" {
		t.Fatalf("order %v", order)
	}
}

func TestFailingSeederNamesItself(t *testing.T) {
	_, err := seed.Run(context.Background(), seed.Params{
		Log:     testkit.Logger(),
		Seeders: []seed.Seeder{{Name: "catalog", Seed: func(context.Context) error { return errors.New("disk full") }}},
	})
	if err == nil || err.Error() != "seed catalog: disk full" {
		t.Fatalf("err = %v", err)
	}
}
