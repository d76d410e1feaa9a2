package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/fx"
	"gorm.io/gorm"

	"bazaar/modules/accounts"
	"bazaar/modules/accounts/module"
	"bazaar/platform/outbox"
	"bazaar/platform/session"
	"bazaar/platform/testkit"
)

type shop struct {
	*testkit.App
	inbox  *testkit.Inbox
	db     *gorm.DB
	events *recorder
	prov   accounts.Provisioner
}

// recorder subscribes to UserRegistered like another module would.
type recorder struct {
	mu  sync.Mutex
	got []accounts.UserRegistered
}

func (r *recorder) all() []accounts.UserRegistered {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]accounts.UserRegistered(nil), r.got...)
}

func start(t *testing.T, b testkit.Backend) *shop {
	t.Helper()
	s := &shop{inbox: testkit.NewInbox(t), events: &recorder{}}
	cfg := testkit.Config(t, b)
	cfg.SMTPURL = s.inbox.URL
	cfg.PublicURL = "https://shop.example"
	s.App = testkit.StartWith(t, cfg, module.Module, fx.Populate(&s.db, &s.prov),
		outbox.AsSubscriber(func() outbox.Subscriber {
			return outbox.Subscriber{Topic: accounts.TopicUserRegistered, Name: "test", Handle: func(_ context.Context, m outbox.Message) error {
				var ev accounts.UserRegistered
				if err := json.Unmarshal(m.Payload, &ev); err != nil {
					return err
				}
				s.events.mu.Lock()
				s.events.got = append(s.events.got, ev)
				s.events.mu.Unlock()
				return nil
			}}
		}))
	return s
}

type user struct {
	ID        string   `json:"id"`
	Email     string   `json:"email"`
	Name      string   `json:"name"`
	Roles     []string `json:"roles"`
	CreatedAt string   `json:"created_at"`
}

func register(t *testing.T, c *testkit.Client, email, password, name string) user {
	t.Helper()
	r := c.Post("/api/auth/register", map[string]string{"email": email, "password": password, "name": name})
	if r.Status != 201 {
		t.Fatalf("register %s: %d %s", email, r.Status, r.Body)
	}
	var env struct{ User user }
	r.JSON(t, &env)
	return env.User
}

func login(c *testkit.Client, email, password string) *testkit.Response {
	return c.Post("/api/auth/login", map[string]string{"email": email, "password": password})
}

func me(t *testing.T, c *testkit.Client) (user, int) {
	t.Helper()
	r := c.Get("/api/me")
	var u user
	if r.Status == 200 {
		r.JSON(t, &u)
	}
	return u, r.Status
}

const pw = "correct-horse-battery"

func TestRegister(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		c := s.Client()
		u := register(t, c, "  Ada@Example.COM ", pw, " Ada Lovelace ")
		if u.Email != "ada@example.com" || u.Name != "Ada Lovelace" || len(u.Roles) != 1 || u.Roles[0] != "customer" || u.ID == "" {
			t.Fatalf("user %+v", u)
		}
		if got, status := me(t, c); status != 200 || got.ID != u.ID {
			t.Fatalf("not signed in after register: %d %+v", status, got)
		}
		testkit.Eventually(t, 10*time.Second, "UserRegistered", func() bool { return len(s.events.all()) == 1 })
		if ev := s.events.all()[0]; ev.UserID != u.ID || ev.Email != u.Email || ev.Name != u.Name {
			t.Fatalf("event %+v", ev)
		}

		other := s.Client()
		r := other.Post("/api/auth/register", map[string]string{"email": "ADA@example.com", "password": pw, "name": "Imposter"})
		if r.Status != 409 || r.Problem(t).Errors["email"] == "" {
			t.Fatalf("duplicate: %d %s", r.Status, r.Body)
		}
		for _, tc := range []struct {
			body  map[string]string
			field string
		}{
			{map[string]string{"email": "bob@example.com", "password": "short", "name": "Bob"}, "password"},
			{map[string]string{"email": "bob@example.com", "password": "Bob@Example.com", "name": "Bob"}, "password"},
			{map[string]string{"email": "bob", "password": pw, "name": "Bob"}, "email"},
			{map[string]string{"email": "bob@example.com", "password": pw, "name": "  "}, "name"},
			{map[string]string{"email": "bob@example.com", "password": pw}, "name"},
		} {
			r := other.Post("/api/auth/register", tc.body)
			if r.Status != 422 || r.Problem(t).Errors[tc.field] == "" {
				t.Errorf("%v: %d %s", tc.body, r.Status, r.Body)
			}
		}
		if r := other.Post("/api/auth/register", `{"email":`); r.Status != 400 {
			t.Errorf("malformed JSON: %d", r.Status)
		}
		if _, status := me(t, other); status != 401 {
			t.Fatal("a failed registration must not sign in")
		}
		var n int64
		s.db.Table("accounts_users").Count(&n)
		if n != 1 {
			t.Fatalf("%d users after one good registration", n)
		}
	})
}

func TestLoginAndLogout(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		c := s.Client()
		u := register(t, c, "ada@example.com", pw, "Ada")
		before := c.Cookie(session.CookieName)

		wrongPassword := login(s.Client(), "ada@example.com", "wrong-password!")
		unknownEmail := login(s.Client(), "nobody@example.com", pw)
		if wrongPassword.Status != 401 || unknownEmail.Status != 401 ||
			wrongPassword.Problem(t).Detail != unknownEmail.Problem(t).Detail {
			t.Fatalf("wrong password %d %s / unknown email %d %s", wrongPassword.Status, wrongPassword.Body, unknownEmail.Status, unknownEmail.Body)
		}

		r := login(c, " ADA@example.com", pw)
		var env struct{ User user }
		r.JSON(t, &env)
		if r.Status != 200 || env.User.ID != u.ID {
			t.Fatalf("login: %d %s", r.Status, r.Body)
		}
		after := c.Cookie(session.CookieName)
		if after == "" || after == before {
			t.Fatal("login must rotate the session ID")
		}
		if r := c.Post("/api/auth/logout", nil); r.Status != 204 {
			t.Fatalf("logout %d", r.Status)
		}
		if _, status := me(t, c); status != 401 {
			t.Fatal("still signed in after logout")
		}
		replay := s.Client()
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/me", nil)
		req.AddCookie(&http.Cookie{Name: session.CookieName, Value: after})
		if r := replay.Raw(req); r.Status != 401 {
			t.Fatal("a logged-out session ID still works")
		}
		if r := login(c, "ada@example.com", ""); r.Status != 422 {
			t.Fatalf("empty password: %d", r.Status)
		}
	})
}

func TestLoginThrottledPerIP(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		register(t, s.Client(), "ada@example.com", pw, "Ada")
		c := s.Client()
		// Ten failures from this IP, each for another email.
		for i := range 10 {
			if r := login(c, "nobody"+string(rune('a'+i))+"@example.com", pw); r.Status != 401 {
				t.Fatalf("failure %d: %d", i+1, r.Status)
			}
		}
		// The eleventh attempt is refused, even with the right password.
		r := login(c, "ada@example.com", pw)
		if r.Status != 429 || r.Problem(t).Status != 429 {
			t.Fatalf("11th attempt: %d %s", r.Status, r.Body)
		}
		ra := r.Header.Get("Retry-After")
		if ra == "" || ra == "0" {
			t.Fatalf("Retry-After %q", ra)
		}
	})
}

// Behind a trusted proxy the throttle counts each client the proxy names,
// not the proxy: one client's failures do not lock out another, and a
// client cannot escape its count by writing its own X-Forwarded-For.
func TestLoginThrottledPerClientBehindProxy(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := &shop{inbox: testkit.NewInbox(t), events: &recorder{}}
		cfg := testkit.Config(t, b)
		cfg.SMTPURL = s.inbox.URL
		cfg.TrustedProxies = []string{"127.0.0.1"} // the test's connections come through "the proxy"
		s.App = testkit.StartWith(t, cfg, module.Module, fx.Populate(&s.db, &s.prov))
		register(t, s.Client(), "ada@example.com", pw, "Ada")
		via := func(forwarded string) *testkit.Client {
			c := s.Client()
			c.Header.Set("X-Forwarded-For", forwarded)
			return c
		}
		attacker := via("203.0.113.66")
		for i := range 10 {
			if r := login(attacker, "nobody"+string(rune('a'+i))+"@example.com", pw); r.Status != 401 {
				t.Fatalf("failure %d: %d", i+1, r.Status)
			}
		}
		if r := login(via("198.51.100.1, 203.0.113.66"), "ada@example.com", pw); r.Status != 429 {
			t.Fatalf("the attacker naming another address to its left: %d, want 429", r.Status)
		}
		if r := login(via("203.0.113.10"), "ada@example.com", pw); r.Status != 200 {
			t.Fatalf("another client behind the same proxy: %d %s", r.Status, r.Body)
		}
	})
}

func TestMeAndPassword(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		if _, status := me(t, s.Client()); status != 401 {
			t.Fatalf("anonymous /api/me: %d", status)
		}
		laptop := s.Client()
		register(t, laptop, "ada@example.com", pw, "Ada")
		phone := s.Client()
		if r := login(phone, "ada@example.com", pw); r.Status != 200 {
			t.Fatal("phone login")
		}

		var u user
		r := laptop.Patch("/api/me", map[string]string{"name": "Ada King"})
		r.JSON(t, &u)
		if r.Status != 200 || u.Name != "Ada King" {
			t.Fatalf("patch: %d %s", r.Status, r.Body)
		}
		if r := laptop.Patch("/api/me", map[string]string{"name": ""}); r.Status != 422 {
			t.Fatalf("empty name: %d", r.Status)
		}
		if r := laptop.Patch("/api/me", map[string]int{"name": 5}); r.Status != 422 {
			t.Fatalf("numeric name: %d", r.Status)
		}

		if r := laptop.Post("/api/me/password", map[string]string{"current_password": "nope-nope-nope", "new_password": "new-password-123"}); r.Status != 422 || r.Problem(t).Errors["current_password"] == "" {
			t.Fatalf("wrong current: %d %s", r.Status, r.Body)
		}
		if r := laptop.Post("/api/me/password", map[string]string{"current_password": pw, "new_password": "short"}); r.Status != 422 || r.Problem(t).Errors["new_password"] == "" {
			t.Fatalf("weak new: %d %s", r.Status, r.Body)
		}
		old := laptop.Cookie(session.CookieName)
		if r := laptop.Post("/api/me/password", map[string]string{"current_password": pw, "new_password": "new-password-123"}); r.Status != 204 {
			t.Fatalf("change: %d %s", r.Status, r.Body)
		}
		if _, status := me(t, laptop); status != 200 || laptop.Cookie(session.CookieName) == old {
			t.Fatal("this session should continue, under a new ID")
		}
		if _, status := me(t, phone); status != 401 {
			t.Fatal("the other session should have ended")
		}
		if login(s.Client(), "ada@example.com", pw).Status != 401 || login(s.Client(), "ada@example.com", "new-password-123").Status != 200 {
			t.Fatal("only the new password should work")
		}
	})
}

var resetLink = regexp.MustCompile(`https://shop\.example/reset-password\?token=([A-Za-z0-9%]+)`)

func TestPasswordReset(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		laptop := s.Client()
		register(t, laptop, "ada@example.com", pw, "Ada")

		anon := s.Client()
		for _, email := range []string{"nobody@example.com", "ADA@example.com "} {
			r := anon.Post("/api/auth/password-reset", map[string]string{"email": email})
			if r.Status != 202 {
				t.Fatalf("reset %s: %d %s", email, r.Status, r.Body)
			}
		}
		var token string
		testkit.Eventually(t, 10*time.Second, "the reset mail", func() bool { return len(s.inbox.Messages()) > 0 })
		time.Sleep(300 * time.Millisecond) // a mail for the unknown address would have arrived by now too
		msgs := s.inbox.Messages()
		if len(msgs) != 1 || msgs[0].To != "ada@example.com" {
			t.Fatalf("mails %+v", msgs)
		}
		m := resetLink.FindStringSubmatch(msgs[0].Body)
		if m == nil {
			t.Fatalf("no link in %q", msgs[0].Body)
		}
		token, _ = url.QueryUnescape(m[1])

		if r := anon.Post("/api/auth/password-reset/confirm", map[string]string{"token": token, "password": "short"}); r.Status != 422 || r.Problem(t).Errors["password"] == "" {
			t.Fatalf("weak: %d %s", r.Status, r.Body)
		}
		if r := anon.Post("/api/auth/password-reset/confirm", map[string]string{"token": "forged", "password": "brand-new-password"}); r.Status != 422 || r.Problem(t).Errors["token"] == "" {
			t.Fatalf("forged: %d %s", r.Status, r.Body)
		}
		if r := anon.Post("/api/auth/password-reset/confirm", map[string]string{"token": token, "password": "brand-new-password"}); r.Status != 204 {
			t.Fatalf("confirm: %d %s", r.Status, r.Body)
		}
		if _, status := me(t, laptop); status != 401 {
			t.Fatal("every session must end after a reset")
		}
		if r := anon.Post("/api/auth/password-reset/confirm", map[string]string{"token": token, "password": "another-new-password"}); r.Status != 422 {
			t.Fatalf("reuse: %d", r.Status)
		}
		if login(s.Client(), "ada@example.com", "brand-new-password").Status != 200 {
			t.Fatal("new password does not work")
		}

		// A token past its hour is refused.
		anon.Post("/api/auth/password-reset", map[string]string{"email": "ada@example.com"})
		testkit.Eventually(t, 10*time.Second, "the second mail", func() bool { return len(s.inbox.Messages()) == 2 })
		m = resetLink.FindStringSubmatch(s.inbox.Messages()[1].Body)
		token, _ = url.QueryUnescape(m[1])
		s.db.Exec("UPDATE accounts_password_resets SET expires_at = ? WHERE used_at IS NULL", time.Now().UTC().Add(-time.Minute))
		if r := anon.Post("/api/auth/password-reset/confirm", map[string]string{"token": token, "password": "brand-new-password-2"}); r.Status != 422 {
			t.Fatalf("expired: %d", r.Status)
		}
	})
}

type address struct {
	ID                string `json:"id"`
	City              string `json:"city"`
	Country           string `json:"country"`
	IsDefaultShipping bool   `json:"is_default_shipping"`
}

func TestAddresses(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		c := s.Client()
		register(t, c, "ada@example.com", pw, "Ada")
		home := map[string]any{"name": "Ada", "line1": "1 Main St", "city": "Berlin", "postal_code": "10115", "country": "de"}
		var a1, a2 address
		r := c.Post("/api/me/addresses", home)
		r.JSON(t, &a1)
		if r.Status != 201 || !a1.IsDefaultShipping || a1.Country != "DE" {
			t.Fatalf("first address: %d %s", r.Status, r.Body)
		}
		work := map[string]any{"name": "Ada", "line1": "2 Side St", "city": "Paris", "postal_code": "75001", "country": "FR", "is_default_shipping": true}
		c.Post("/api/me/addresses", work).JSON(t, &a2)
		var list struct{ Items []address }
		c.Get("/api/me/addresses").JSON(t, &list)
		if len(list.Items) != 2 || list.Items[0].ID != a2.ID || !list.Items[0].IsDefaultShipping || list.Items[1].IsDefaultShipping {
			t.Fatalf("after second default: %+v", list.Items)
		}
		r = c.Patch("/api/me/addresses/"+a1.ID, map[string]any{"city": "Hamburg"})
		r.JSON(t, &a1)
		if r.Status != 200 || a1.City != "Hamburg" {
			t.Fatalf("patch: %d %s", r.Status, r.Body)
		}
		for body, field := range map[string]string{`{"country":"Germany"}`: "country", `{"line1":""}`: "line1", `{"postal_code":"` + strings.Repeat("9", 21) + `"}`: "postal_code"} {
			if r := c.Patch("/api/me/addresses/"+a1.ID, body); r.Status != 422 || r.Problem(t).Errors[field] == "" {
				t.Errorf("%s: %d %s", body, r.Status, r.Body)
			}
		}
		if r := c.Post("/api/me/addresses", map[string]any{"name": "x"}); r.Status != 422 || len(r.Problem(t).Errors) < 3 {
			t.Fatalf("incomplete: %d %s", r.Status, r.Body)
		}

		// Another user cannot see, change or delete them.
		mallory := s.Client()
		register(t, mallory, "mallory@example.com", pw, "Mallory")
		if r := mallory.Patch("/api/me/addresses/"+a1.ID, map[string]any{"city": "Nowhere"}); r.Status != 404 {
			t.Fatalf("foreign patch: %d", r.Status)
		}
		if r := mallory.Delete("/api/me/addresses/" + a1.ID); r.Status != 404 {
			t.Fatalf("foreign delete: %d", r.Status)
		}
		mallory.Get("/api/me/addresses").JSON(t, &list)
		if len(list.Items) != 0 {
			t.Fatal("foreign addresses listed")
		}

		// Deleting the default moves it to the remaining address.
		if r := c.Delete("/api/me/addresses/" + a2.ID); r.Status != 204 {
			t.Fatalf("delete: %d", r.Status)
		}
		c.Get("/api/me/addresses").JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].ID != a1.ID || !list.Items[0].IsDefaultShipping || list.Items[0].City != "Hamburg" {
			t.Fatalf("after delete: %+v", list.Items)
		}
		if r := c.Delete("/api/me/addresses/" + a2.ID); r.Status != 404 {
			t.Fatalf("second delete: %d", r.Status)
		}
		if r := s.Client().Get("/api/me/addresses"); r.Status != 401 {
			t.Fatalf("anonymous: %d", r.Status)
		}
	})
}

// Concurrent "make this the default" requests leave exactly one default.
func TestDefaultAddressUnderConcurrency(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		c := s.Client()
		register(t, c, "ada@example.com", pw, "Ada")
		var ids []string
		for i := range 5 {
			var a address
			c.Post("/api/me/addresses", map[string]any{"name": "A", "line1": "x", "city": "c", "postal_code": "1", "country": "DE", "line2": strings.Repeat("x", i)}).JSON(t, &a)
			ids = append(ids, a.ID)
		}
		var wg sync.WaitGroup
		statuses := make(chan int, len(ids))
		for _, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses <- c.Patch("/api/me/addresses/"+id, map[string]any{"is_default_shipping": true}).Status
			}()
		}
		wg.Wait()
		close(statuses)
		for st := range statuses {
			if st != 200 {
				t.Fatalf("concurrent default: %d", st)
			}
		}
		var n int64
		s.db.Table("accounts_addresses").Where("is_default_shipping").Count(&n)
		if n != 1 {
			t.Fatalf("%d default addresses", n)
		}
	})
}

func TestAPITokens(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		c := s.Client()
		u := register(t, c, "ada@example.com", pw, "Ada")
		var tok struct {
			ID    string `json:"id"`
			Name  string `json:"name"`
			Token string `json:"token"`
		}
		r := c.Post("/api/auth/tokens", map[string]string{"name": "CI"})
		r.JSON(t, &tok)
		if r.Status != 201 || tok.Token == "" || tok.Name != "CI" {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		if r := c.Post("/api/auth/tokens", map[string]string{"name": ""}); r.Status != 422 {
			t.Fatalf("empty name: %d", r.Status)
		}

		bot := s.Client()
		bot.Header.Set("Authorization", "Bearer "+tok.Token)
		if got, status := me(t, bot); status != 200 || got.ID != u.ID {
			t.Fatalf("bearer /api/me: %d", status)
		}
		// No cookies, no CSRF token, and still allowed to write.
		req, _ := http.NewRequest(http.MethodPatch, s.URL+"/api/me", strings.NewReader(`{"name":"Ada via API"}`))
		req.Header.Set("Authorization", "Bearer "+tok.Token)
		req.Header.Set("Content-Type", "application/json")
		if r := bot.Raw(req); r.Status != 200 {
			t.Fatalf("bearer PATCH: %d %s", r.Status, r.Body)
		}

		var list struct {
			Items []map[string]any `json:"items"`
		}
		c.Get("/api/auth/tokens").JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0]["token"] != nil || list.Items[0]["last_used_at"] == nil {
			t.Fatalf("list: %+v", list.Items)
		}
		var stored string
		s.db.Table("accounts_api_tokens").Select("token_hash").Scan(&stored)
		if stored == "" || strings.Contains(stored, tok.Token) {
			t.Fatal("the token must be stored hashed")
		}

		mallory := s.Client()
		register(t, mallory, "mallory@example.com", pw, "Mallory")
		if r := mallory.Delete("/api/auth/tokens/" + tok.ID); r.Status != 404 {
			t.Fatalf("foreign revoke: %d", r.Status)
		}
		if r := c.Delete("/api/auth/tokens/" + tok.ID); r.Status != 204 {
			t.Fatalf("revoke: %d", r.Status)
		}
		if _, status := me(t, bot); status != 401 {
			t.Fatalf("revoked token still works: %d", status)
		}
	})
}

// Every /api/admin route: anonymous 401, customer and staff 403.
func TestAdminAuthorisationMatrix(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		routes := s.Routes("/api/admin/")
		if len(routes) < 2 {
			t.Fatalf("admin routes %v", routes)
		}
		customer := s.Client()
		register(t, customer, "cus@example.com", pw, "Cus")
		if _, err := s.prov.CreateUser(context.Background(), "staff@example.com", pw, "Staff", []string{"customer", "staff"}); err != nil {
			t.Fatal(err)
		}
		staff := s.Client()
		if login(staff, "staff@example.com", pw).Status != 200 {
			t.Fatal("staff login")
		}
		for _, route := range routes {
			method, path, _ := strings.Cut(route, " ")
			path = strings.ReplaceAll(strings.ReplaceAll(path, "{id}", "00000000-0000-7000-8000-000000000000"), "{", "x")
			for who, c := range map[string]*testkit.Client{"anonymous": s.Client(), "customer": customer, "staff": staff} {
				want := 403
				if who == "anonymous" {
					want = 401
				}
				if r := c.Do(method, path, `{}`); r.Status != want {
					t.Errorf("%s %s as %s: %d, want %d", method, path, who, r.Status, want)
				}
			}
		}
	})
}

func TestAdminUsers(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		ctx := context.Background()
		admin, err := s.prov.CreateUser(ctx, "root@example.com", pw, "Root", []string{"customer", "admin"})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"alice", "bob", "carol", "dave", "erin"} {
			if _, err := s.prov.CreateUser(ctx, n+"@example.com", pw, strings.ToUpper(n[:1])+n[1:]+" Smith", []string{"customer"}); err != nil {
				t.Fatal(err)
			}
		}
		c := s.Client()
		if login(c, "root@example.com", pw).Status != 200 {
			t.Fatal("admin login")
		}
		// Walking every page returns each user once, newest first.
		seen := map[string]bool{}
		var order []string
		cursor := ""
		for pages := 0; ; pages++ {
			var page struct {
				Items      []user  `json:"items"`
				NextCursor *string `json:"next_cursor"`
			}
			c.Get("/api/admin/users?limit=2&cursor="+url.QueryEscape(cursor)).JSON(t, &page)
			for _, u := range page.Items {
				if seen[u.ID] {
					t.Fatalf("%s twice", u.Email)
				}
				seen[u.ID] = true
				order = append(order, u.Email)
			}
			if page.NextCursor == nil {
				break
			}
			cursor = *page.NextCursor
			if pages > 10 {
				t.Fatal("pagination does not end")
			}
		}
		if len(seen) != 6 || order[0] != "erin@example.com" || order[5] != "root@example.com" {
			t.Fatalf("users %v", order)
		}
		var found struct{ Items []user }
		c.Get("/api/admin/users?q=CAROL").JSON(t, &found)
		if len(found.Items) != 1 || found.Items[0].Email != "carol@example.com" {
			t.Fatalf("search: %+v", found.Items)
		}
		c.Get("/api/admin/users?q=smith").JSON(t, &found)
		if len(found.Items) != 5 {
			t.Fatalf("search by name: %d", len(found.Items))
		}
		c.Get("/api/admin/users?q="+url.QueryEscape("%")).JSON(t, &found)
		if len(found.Items) != 0 {
			t.Fatalf("%% must match literally, got %d", len(found.Items))
		}
		for _, q := range []string{"limit=0", "limit=1000", "limit=abc", "cursor=!!!"} {
			if r := c.Get("/api/admin/users?" + q); r.Status != 400 || r.Problem(t).Status != 400 {
				t.Errorf("%s: %d", q, r.Status)
			}
		}

		// Changing roles applies at once: the user's sessions end.
		bob := s.Client()
		login(bob, "bob@example.com", pw)
		var bobID string
		c.Get("/api/admin/users?q=bob").JSON(t, &found)
		bobID = found.Items[0].ID
		var updated user
		r := c.Patch("/api/admin/users/"+bobID, map[string]any{"roles": []string{"staff", "customer"}})
		r.JSON(t, &updated)
		if r.Status != 200 || strings.Join(updated.Roles, ",") != "customer,staff" {
			t.Fatalf("set roles: %d %s", r.Status, r.Body)
		}
		if _, status := me(t, bob); status != 401 {
			t.Fatal("bob's session should have ended")
		}
		for body, status := range map[string]int{
			`{"roles":["wizard"]}`: 422, `{"roles":[]}`: 422, `{}`: 422, `{"roles":"admin"}`: 422,
		} {
			if r := c.Patch("/api/admin/users/"+bobID, body); r.Status != status {
				t.Errorf("%s: %d", body, r.Status)
			}
		}
		if r := c.Patch("/api/admin/users/"+admin.ID, map[string]any{"roles": []string{"customer"}}); r.Status != 422 {
			t.Fatalf("self-demotion: %d", r.Status)
		}
		if r := c.Patch("/api/admin/users/00000000-0000-7000-8000-000000000000", map[string]any{"roles": []string{"customer"}}); r.Status != 404 {
			t.Fatalf("unknown user: %d", r.Status)
		}
		if _, status := me(t, c); status != 200 {
			t.Fatal("the admin stays signed in")
		}
	})
}

// Users exported from a Django shop sign in unchanged; weaker hashes are
// upgraded on that sign-in.
func TestDjangoUserSignsIn(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		const django = "pbkdf2_sha256$260000$pepperpepper12345678$" // Django 3.2, 260000 iterations
		hash := django + djangoDigest
		now := time.Now().UTC()
		if err := s.db.Exec(`INSERT INTO accounts_users (id, email, name, password_hash, roles, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, "00000000-0000-7000-8000-0000000000aa", "old@example.com", "Old Timer", hash, "customer", now, now).Error; err != nil {
			t.Fatal(err)
		}
		if r := login(s.Client(), "old@example.com", "correct horse battery"); r.Status != 200 {
			t.Fatalf("django login: %d %s", r.Status, r.Body)
		}
		var stored string
		s.db.Table("accounts_users").Where("email = ?", "old@example.com").Select("password_hash").Scan(&stored)
		if !strings.HasPrefix(stored, "pbkdf2_sha256$600000$") {
			t.Fatalf("hash not upgraded: %s", stored)
		}
		if login(s.Client(), "old@example.com", "correct horse battery").Status != 200 {
			t.Fatal("upgraded hash does not verify")
		}
	})
}

// djangoDigest: base64(pbkdf2_hmac("sha256", "correct horse battery",
// "pepperpepper12345678", 260000)), as Django stores it.
const djangoDigest = "H1SD4/btTxpEKEtJdSPRYr+RHvcp2ndYnRiZX0J974Q="
