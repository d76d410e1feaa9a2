package web

import (
	"fmt"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5/pgconn"
)

// A statement that ran out of time is a 503 the client may retry, not a
// 500; any other unexpected error stays a 500.
func TestTimeoutIsServiceUnavailable(t *testing.T) {
	app := fiber.New(fiber.Config{ErrorHandler: errorHandler(slog.Default())})
	app.Get("/slow", func(*fiber.Ctx) error {
		return fmt.Errorf("catalog: list: %w", &pgconn.PgError{Code: "57014", Message: "canceling statement due to statement timeout"})
	})
	app.Get("/broken", func(*fiber.Ctx) error { return fmt.Errorf("catalog: list: %w", &pgconn.PgError{Code: "42P01"}) })
	for path, want := range map[string]int{"/slow": 503, "/broken": 500} {
		res, err := app.Test(httptest.NewRequest("GET", path, nil))
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != want || res.Header.Get("Content-Type") != ProblemContentType {
			t.Errorf("%s: %d %q, want %d problem+json", path, res.StatusCode, res.Header.Get("Content-Type"), want)
		}
		if retry := res.Header.Get("Retry-After"); (want == 503) != (retry != "") {
			t.Errorf("%s: Retry-After %q", path, retry)
		}
	}
}
