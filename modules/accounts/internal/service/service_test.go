package service_test

import (
	"context"
	"errors"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"
	"go.uber.org/fx"
	"gorm.io/gorm"

	"bazaar/modules/accounts/internal/service"
	"bazaar/modules/accounts/internal/store"
	"bazaar/modules/accounts/module"
	"bazaar/platform/outbox"
	"bazaar/platform/ratelimit"
	"bazaar/platform/testkit"
)

func newService(t *testing.T, b testkit.Backend) *service.Service {
	var db *gorm.DB
	var ob *outbox.Outbox
	var rdb goredis.UniversalClient
	testkit.Start(t, b, module.Module, fx.Populate(&db, &ob, &rdb))
	return service.New(store.New(db), ob, ratelimit.Failures{Redis: rdb, Prefix: "t:", Limit: service.LoginFailureLimit,
		Window: service.LoginFailureWindow})
}

// Failures for one email block it from every IP; a success resets the
// email's count but not the IP's.
func TestThrottlePerEmail(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		svc, ctx := newService(t, b), context.Background()
		if _, err := svc.Register(ctx, "ada@example.com", "correct-horse-battery", "Ada"); err != nil {
			t.Fatal(err)
		}
		for i := range 9 {
			ip := "10.0.0." + string(rune('1'+i))
			if _, err := svc.Authenticate(ctx, "ada@example.com", "wrong-password", ip); !errors.Is(err, service.ErrInvalidCredentials) {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		// A success after nine failures resets the email's count...
		if _, err := svc.Authenticate(ctx, "ada@example.com", "correct-horse-battery", "10.0.1.1"); err != nil {
			t.Fatal(err)
		}
		for i := range 10 {
			svc.Authenticate(ctx, "ADA@example.com", "wrong-password", "10.0.2."+string(rune('0'+i)))
		}
		// ...and ten more from ten IPs block the email everywhere.
		_, err := svc.Authenticate(ctx, "ada@example.com", "correct-horse-battery", "192.0.2.1")
		var tooMany service.TooManyAttempts
		if !errors.As(err, &tooMany) || tooMany.RetryAfter <= 0 || tooMany.RetryAfter > service.LoginFailureWindow {
			t.Fatalf("11th: %v", err)
		}
		// Another email from a fresh IP is unaffected.
		if _, err := svc.Authenticate(ctx, "bob@example.com", "x-x-x-x-x-x", "192.0.2.2"); !errors.Is(err, service.ErrInvalidCredentials) {
			t.Fatalf("other email: %v", err)
		}
	})
}

// A wrong password for a known email and any password for an unknown one
// cost about the same: both run one PBKDF2 check.
func TestUnknownEmailCostsAPasswordCheck(t *testing.T) {
	svc, ctx := newService(t, testkit.Backends(t)[0]), context.Background()
	svc.Register(ctx, "ada@example.com", "correct-horse-battery", "Ada")
	timed := func(email string) time.Duration {
		start := time.Now()
		svc.Authenticate(ctx, email, "wrong-password", "203.0.113."+email[:1])
		return time.Since(start)
	}
	timed("warm@example.com") // builds the dummy hash once
	known, unknown := timed("ada@example.com"), timed("nobody@example.com")
	// Not a performance assertion: an unknown email that skipped hashing
	// would answer in well under a tenth of the known one's time.
	if unknown < known/4 {
		t.Fatalf("unknown email %v vs known %v: timing reveals registration", unknown, known)
	}
}
