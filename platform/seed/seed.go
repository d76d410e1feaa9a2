// Package seed fills an empty shop with demo data. Modules contribute a
// Seeder each; `bazaar seed` runs them all, `bazaar all` runs them on start.
package seed

import (
	"context"
	"fmt"
	"log/slog"
	"sort"

	"go.uber.org/fx"
)

// Seeder writes one module's demo data. It must do nothing when its data is
// already there, so a restart never duplicates it.
type Seeder struct {
	Name string
	Seed func(ctx context.Context) error
}

// AsSeeder contributes a constructor's Seeder to the "seeders" group.
func AsSeeder(constructor any) fx.Option {
	return fx.Provide(fx.Annotate(constructor, fx.ResultTags(`group:"seeders"`)))
}

// Options size the demo data. The zero value is the default: each seeder
// fills only an empty module. `bazaar seed --products N` adds N products.
type Options struct {
	Products int
	// Progress, if set, hears how far a long seeder has got.
	Progress func(done, total int)
}

// Params are Run's dependencies.
type Params struct {
	fx.In
	Log     *slog.Logger
	Seeders []Seeder `group:"seeders"`
}

// Run runs every seeder by name order and returns how many ran.
func Run(ctx context.Context, p Params) (int, error) {
	seeders := append([]Seeder(nil), p.Seeders...)
	sort.Slice(seeders, func(i, j int) bool { return seeders[i].Name < seeders[j].Name })
	for _, s := range seeders {
		if err := s.Seed(ctx); err != nil {
			return 0, fmt.Errorf("seed %s: %w", s.Name, err)
		}
		p.Log.Info("seeded", "module", s.Name)
	}
	return len(seeders), nil
}

// Module supplies default Options; `bazaar seed` replaces them.
var Module = fx.Module("seed", fx.Supply(Options{}))

// OnStart runs the seeders when the app starts, after migrations.
func OnStart() fx.Option {
	return fx.Invoke(func(lc fx.Lifecycle, p Params) {
		lc.Append(fx.StartHook(func(ctx context.Context) error {
			_, err := Run(ctx, p)
			return err
		}))
	})
}
