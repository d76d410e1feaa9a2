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

// keyCommands records the Redis commands sent, as "name key", but for
// connection handshakes.
type keyCommands struct {
	mu  sync.Mutex
	got []string
}

func (k *keyCommands) DialHook(next goredis.DialHook) goredis.DialHook { return next }
func (k *keyCommands) ProcessPipelineHook(next goredis.ProcessPipelineHook) goredis.ProcessPipelineHook {
	return next
}
func (k *keyCommands) ProcessHook(next goredis.ProcessHook) goredis.ProcessHook {
	return func(ctx context.Context, cmd goredis.Cmder) error {
		switch cmd.Name() {
		case "hello", "client", "select", "auth": // a new connection's handshake
			return next(ctx, cmd)
		}
		if args := cmd.Args(); len(args) > 1 {
			k.mu.Lock()
			k.got = append(k.got, fmt.Sprint(cmd.Name(), " ", args[1]))
			k.mu.Unlock()
		}
		return next(ctx, cmd)
	}
}

func (k *keyCommands) take() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	out := k.got
	k.got = nil
	return out
}

// The CSRF token lives in the session: checking it costs no Redis call of
// its own (the session is read once per request anyway), the session's
// lifetime is the token's, and asking for a token again returns the same
// one without storing anything.
func TestCSRFTokenLivesInTheSession(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var rdb goredis.UniversalClient
		app := testkit.Start(t, b, withPing, fx.Populate(&rdb))
		c := app.Client()
		ctx := context.Background()
		var tok struct {
			CSRFToken string `json:"csrf_token"`
		}
		c.Get("/api/auth/csrf").JSON(t, &tok)
		id := c.Cookie(session.CookieName)
		if ttl := rdb.TTL(ctx, id).Val(); ttl < session.Lifetime-time.Minute {
			t.Fatalf("the token's session is stored for the session lifetime, TTL %s", ttl)
		}

		cmds := &keyCommands{}
		rdb.AddHook(cmds)
		for i := range 2 {
			cmds.take()
			if r := c.Post("/api/ping", nil); r.Status != 204 {
				t.Fatalf("POST %d with the token: %d %s", i, r.Status, r.Body)
			}
			if got := cmds.take(); !slices.Equal(got, []string{"get " + id}) {
				t.Fatalf("POST %d: Redis commands %v, want the session's one get", i, got)
			}
		}
		var again struct {
			CSRFToken string `json:"csrf_token"`
		}
		c.Get("/api/auth/csrf").JSON(t, &again)
		if again.CSRFToken != tok.CSRFToken {
			t.Fatalf("token changed from %q to %q", tok.CSRFToken, again.CSRFToken)
		}
		if got := cmds.take(); !slices.Equal(got, []string{"get " + id}) {
			t.Fatalf("GET csrf again: Redis commands %v, want the session's one get", got)
		}

		rdb.Del(ctx, id)
		if r := c.Post("/api/ping", nil); r.Status != 403 {
			t.Fatalf("POST with the token of a session Redis no longer has: %d", r.Status)
		}
	})
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
