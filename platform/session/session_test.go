package session_test

import (
	"bytes"
	"context"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	goredis "github.com/redis/go-redis/v9"
	"go.uber.org/fx"

	"bazaar/platform/session"
	"bazaar/platform/testkit"
	"bazaar/platform/web"
)

var pingSpec = []byte(`
paths:
  /api/ping:
    post:
      operationId: ping
      responses:
        "204": {description: accepted}
`)

var withPing = fx.Options(
	web.AsRoutes(func() web.Routes {
		return web.RoutesFunc(func(r fiber.Router) {
			r.Post("/api/ping", func(c *fiber.Ctx) error { return c.SendStatus(fiber.StatusNoContent) })
		})
	}),
	web.AsSpec("ping", pingSpec),
)

// keyCommands records the Redis commands sent, alone or in pipelines, as
// "name key", but for connection handshakes.
type keyCommands struct {
	mu  sync.Mutex
	got []string
}

func (k *keyCommands) DialHook(next goredis.DialHook) goredis.DialHook { return next }
func (k *keyCommands) ProcessPipelineHook(next goredis.ProcessPipelineHook) goredis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []goredis.Cmder) error {
		for _, cmd := range cmds {
			k.record(cmd)
		}
		return next(ctx, cmds)
	}
}
func (k *keyCommands) ProcessHook(next goredis.ProcessHook) goredis.ProcessHook {
	return func(ctx context.Context, cmd goredis.Cmder) error {
		k.record(cmd)
		return next(ctx, cmd)
	}
}

func (k *keyCommands) record(cmd goredis.Cmder) {
	switch cmd.Name() {
	case "hello", "client", "select", "auth": // a new connection's handshake
		return
	}
	if args := cmd.Args(); len(args) > 1 {
		k.mu.Lock()
		k.got = append(k.got, fmt.Sprint(cmd.Name(), " ", args[1]))
		k.mu.Unlock()
	}
}

func (k *keyCommands) take() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	out := k.got
	k.got = nil
	return out
}

// A guest's session is stored nowhere: the CSRF token derives from the
// secret in the guest's cookie, so neither issuing nor checking it costs a
// Redis call, and asking again returns the same token. A cookie whose secret
// was changed, or that is older than the session lifetime, or malformed, is
// a new guest's, whose token this is not.
func TestGuestSessionsAreNotStored(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var rdb goredis.UniversalClient
		app := testkit.Start(t, b, withPing, fx.Populate(&rdb))
		cmds := &keyCommands{}
		rdb.AddHook(cmds)
		c := app.Client()
		var tok struct {
			CSRFToken string `json:"csrf_token"`
		}
		r := c.Get("/api/auth/csrf")
		r.JSON(t, &tok)
		id := c.Cookie(session.CookieName)
		secret, issued, ok := parseGuest(id)
		if !ok || time.Since(issued) > time.Minute {
			t.Fatalf("a guest's session cookie is g.<secret>.<issued>, got %q", id)
		}
		if age := sessionCookie(r).MaxAge; age != int(session.Lifetime.Seconds()) {
			t.Fatalf("the guest's cookie lives %d s", age)
		}
		for i := range 2 {
			if r := c.Post("/api/ping", nil); r.Status != 204 {
				t.Fatalf("POST %d with the token: %d %s", i, r.Status, r.Body)
			}
		}
		var again struct {
			CSRFToken string `json:"csrf_token"`
		}
		c.Get("/api/auth/csrf").JSON(t, &again)
		if again.CSRFToken != tok.CSRFToken {
			t.Fatalf("token changed from %q to %q", tok.CSRFToken, again.CSRFToken)
		}
		if got := cmds.take(); len(got) > 0 {
			t.Fatalf("a guest's requests sent Redis commands %v", got)
		}

		other := []rune(secret)
		other[3] = map[bool]rune{true: 'B', false: 'A'}[other[3] == 'A']
		for name, cookie := range map[string]string{
			"another secret": guestCookie(string(other), issued),
			"expired":        guestCookie(secret, time.Now().Add(-session.Lifetime-time.Hour)),
			"malformed":      "g." + secret,
			"short secret":   guestCookie(secret[1:], issued),
		} {
			req, _ := http.NewRequest(http.MethodPost, app.URL+"/api/ping", nil)
			req.AddCookie(&http.Cookie{Name: session.CookieName, Value: cookie})
			req.Header.Set(session.CSRFHeader, tok.CSRFToken)
			if r := app.Client().Raw(req); r.Status != 403 {
				t.Fatalf("%s: the token with cookie %q: %d", name, cookie, r.Status)
			}
		}
	})
}

// A guest session that must hold more than it derives is stored under a
// new ID, keeping its token; from then on each request reads it once.
func TestGuestSessionsStoredWhenTheyHoldMore(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var rdb goredis.UniversalClient
		app := testkit.Start(t, b, withPing, withWhoami, fx.Populate(&rdb))
		ctx := context.Background()
		c := app.Client()
		var tok struct {
			CSRFToken string `json:"csrf_token"`
		}
		c.Get("/api/auth/csrf").JSON(t, &tok)
		guest := c.Cookie(session.CookieName)
		c.Get("/api/whoami?note=kept")
		id := c.Cookie(session.CookieName)
		if id == guest || strings.HasPrefix(id, "g.") {
			t.Fatalf("session cookie %q after storing a note (guest %q)", id, guest)
		}
		if ttl := rdb.TTL(ctx, id).Val(); ttl < session.Lifetime-time.Minute {
			t.Fatalf("the stored session's TTL is %s", ttl)
		}
		cmds := &keyCommands{}
		rdb.AddHook(cmds)
		for i := range 2 {
			cmds.take()
			if r := c.Post("/api/ping", nil); r.Status != 204 {
				t.Fatalf("POST %d with the guest's token: %d %s", i, r.Status, r.Body)
			}
			if got := cmds.take(); !slices.Equal(got, []string{"get " + id}) {
				t.Fatalf("POST %d: Redis commands %v, want the session's one get", i, got)
			}
		}
		var note struct {
			Note string `json:"note"`
		}
		c.Get("/api/whoami").JSON(t, &note)
		if note.Note != "kept" {
			t.Fatalf("note %q", note.Note)
		}
		rdb.Del(ctx, id)
		if r := c.Post("/api/ping", nil); r.Status != 403 {
			t.Fatalf("POST with the token of a session Redis no longer has: %d", r.Status)
		}
	})
}

// guestCookie is a guest session's cookie: g.<secret>.<issued, Unix
// seconds in base 36>.
func guestCookie(secret string, issued time.Time) string {
	return "g." + secret + "." + strconv.FormatInt(issued.Unix(), 36)
}

func parseGuest(id string) (secret string, issued time.Time, ok bool) {
	rest, ok := strings.CutPrefix(id, "g.")
	secret, at, found := strings.Cut(rest, ".")
	sec, err := strconv.ParseInt(at, 36, 64)
	return secret, time.Unix(sec, 0), ok && found && err == nil && len(secret) == 26
}

// sessionCookie is the session cookie an answer sets, or a zero one.
func sessionCookie(r *testkit.Response) http.Cookie {
	for _, ck := range (&http.Response{Header: r.Header}).Cookies() {
		if ck.Name == session.CookieName {
			return *ck
		}
	}
	return http.Cookie{}
}

var whoamiSpec = []byte(`
paths:
  /api/whoami:
    get:
      operationId: whoami
      parameters:
        - {name: note, in: query, schema: {type: string}}
      responses:
        "200":
          description: the principal and the session's note
          content:
            application/json:
              schema:
                type: object
                properties:
                  user_id: {type: string}
                  roles: {type: array, items: {type: string}}
                  note: {type: string}
`)

// GET /api/whoami reports the principal and the session's "note"; with
// ?note= it stores a new note first.
var withWhoami = fx.Options(
	web.AsRoutes(func(m *session.Manager) web.Routes {
		return web.RoutesFunc(func(r fiber.Router) {
			r.Get("/api/whoami", func(c *fiber.Ctx) error {
				sess, err := m.Get(c)
				if err != nil {
					return err
				}
				if note := c.Query("note"); note != "" {
					sess.Set("note", note)
					if err := m.Save(c, sess); err != nil {
						return err
					}
				}
				p := session.From(c)
				return c.JSON(fiber.Map{"user_id": p.UserID, "roles": append([]string{}, p.Roles...), "note": sess.Get("note")})
			})
		})
	}),
	web.AsSpec("whoami", whoamiSpec),
)

// Sessions written by fiber's session middleware (gob) before the switch
// to JSON are still read, and rewritten as JSON when next saved: nobody is
// signed out and no guest loses their cart on upgrade.
func TestLegacyGobSessionsAreRead(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var rdb goredis.UniversalClient
		app := testkit.Start(t, b, withWhoami, fx.Populate(&rdb))
		ctx := context.Background()
		var raw bytes.Buffer
		legacy := map[string]any{"uid": "u-1", "roles": "customer,staff", "note": "kept"}
		if err := gob.NewEncoder(&raw).Encode(&legacy); err != nil { // as fiber's Session.Save did
			t.Fatal(err)
		}
		const id = "0b6f4a1c-legacy-session"
		rdb.Set(ctx, id, raw.Bytes(), time.Hour)

		type whoami struct {
			UserID string   `json:"user_id"`
			Roles  []string `json:"roles"`
			Note   string   `json:"note"`
		}
		ask := func(query string) whoami {
			req, _ := http.NewRequest(http.MethodGet, app.URL+"/api/whoami"+query, nil)
			req.AddCookie(&http.Cookie{Name: session.CookieName, Value: id})
			var got whoami
			app.Client().Raw(req).JSON(t, &got)
			return got
		}
		want := whoami{UserID: "u-1", Roles: []string{"customer", "staff"}, Note: "kept"}
		if got := ask(""); !reflect.DeepEqual(got, want) {
			t.Fatalf("legacy session read as %+v, want %+v", got, want)
		}
		want.Note = "new"
		if got := ask("?note=new"); !reflect.DeepEqual(got, want) {
			t.Fatalf("after saving: %+v, want %+v", got, want)
		}
		stored, _ := rdb.Get(ctx, id).Bytes()
		if !json.Valid(stored) {
			t.Fatalf("a saved session is stored as JSON, got %q", stored)
		}
		if got := ask(""); !reflect.DeepEqual(got, want) {
			t.Fatalf("rewritten session read as %+v, want %+v", got, want)
		}
	})
}

// A session in use is stored again (a new TTL and cookie) once a day, on a
// successful unsafe request, so it lives 30 days from its last use; other
// requests leave it alone.
func TestSessionsSlideOnceADay(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var rdb goredis.UniversalClient
		app := testkit.Start(t, b, withPing, withWhoami, fx.Populate(&rdb))
		ctx := context.Background()
		c := app.Client()
		const id, token = "sliding-session", "sliding-session-csrf-token"
		store := func(saved time.Time) {
			raw, _ := json.Marshal(map[string]any{"data": map[string]string{"note": "kept", "csrf": token}, "saved": saved.Unix()})
			rdb.Set(ctx, id, raw, time.Hour)
		}
		send := func(method, path string) (slid bool) {
			req, _ := http.NewRequest(method, app.URL+path, nil)
			req.AddCookie(&http.Cookie{Name: session.CookieName, Value: id})
			req.Header.Set(session.CSRFHeader, token)
			r := c.Raw(req)
			if r.Status >= 400 {
				t.Fatalf("%s %s: %d %s", method, path, r.Status, r.Body)
			}
			for _, ck := range (&http.Response{Header: r.Header}).Cookies() {
				if ck.Name == session.CookieName && ck.Value == id && ck.MaxAge == int(session.Lifetime.Seconds()) {
					slid = true
				}
			}
			ttl := rdb.TTL(ctx, id).Val()
			if slid != (ttl > session.Lifetime-time.Minute) {
				t.Fatalf("%s %s: cookie sent %v, but the stored session's TTL is %s", method, path, slid, ttl)
			}
			return slid
		}

		store(time.Now().Add(-session.SlideEvery - time.Minute))
		if send(http.MethodGet, "/api/whoami") {
			t.Fatal("a GET slid the session")
		}
		if !send(http.MethodPost, "/api/ping") {
			t.Fatal("a POST on a day-old session did not slide it")
		}
		var got struct {
			Note string `json:"note"`
		}
		c.Raw(func() *http.Request {
			req, _ := http.NewRequest(http.MethodGet, app.URL+"/api/whoami", nil)
			req.AddCookie(&http.Cookie{Name: session.CookieName, Value: id})
			return req
		}()).JSON(t, &got)
		if got.Note != "kept" {
			t.Fatalf("the slid session lost its data: note %q", got.Note)
		}

		store(time.Now().Add(-session.SlideEvery + time.Hour))
		if send(http.MethodPost, "/api/ping") {
			t.Fatal("a session stored within the day was stored again")
		}
	})
}

// A guest's cookie slides the same way: a successful unsafe request issues
// it anew, with the same secret, once it is a day old.
func TestGuestSessionsSlideOnceADay(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		app := testkit.Start(t, b, withPing, withWhoami)
		const secret = "GUESTSECRET234567ABCDEFGHI"
		send := func(method, path string, issued time.Time) (reissued bool) {
			req, _ := http.NewRequest(method, app.URL+path, nil)
			cookie := guestCookie(secret, issued)
			req.AddCookie(&http.Cookie{Name: session.CookieName, Value: cookie})
			var tok struct {
				CSRFToken string `json:"csrf_token"`
			}
			tr, _ := http.NewRequest(http.MethodGet, app.URL+"/api/auth/csrf", nil)
			tr.AddCookie(&http.Cookie{Name: session.CookieName, Value: cookie})
			app.Client().Raw(tr).JSON(t, &tok)
			req.Header.Set(session.CSRFHeader, tok.CSRFToken)
			r := app.Client().Raw(req)
			if r.Status >= 400 {
				t.Fatalf("%s %s: %d %s", method, path, r.Status, r.Body)
			}
			ck := sessionCookie(r)
			if ck.Name == "" {
				return false
			}
			got, at, ok := parseGuest(ck.Value)
			if !ok || got != secret || time.Since(at) > time.Minute || ck.MaxAge != int(session.Lifetime.Seconds()) {
				t.Fatalf("%s %s: cookie %q (max-age %d), want the same secret issued now", method, path, ck.Value, ck.MaxAge)
			}
			return true
		}
		dayOld := time.Now().Add(-session.SlideEvery - time.Minute)
		if send(http.MethodGet, "/api/whoami", dayOld) {
			t.Fatal("a GET issued the guest's cookie anew")
		}
		if !send(http.MethodPost, "/api/ping", dayOld) {
			t.Fatal("a POST with a day-old guest cookie did not issue it anew")
		}
		if send(http.MethodPost, "/api/ping", time.Now().Add(-session.SlideEvery+time.Hour)) {
			t.Fatal("a guest cookie issued within the day was issued again")
		}
	})
}
