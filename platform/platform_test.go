package platform_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"context"

	"github.com/gofiber/fiber/v2"
	"go.uber.org/fx"
	"gorm.io/gorm"

	"bazaar/platform/session"
	"bazaar/platform/testkit"
	"bazaar/platform/web"
)

// probe is a tiny API used to exercise sessions, CSRF and errors.
var probeSpec = []byte(`
paths:
  /api/probe/sign-in:
    post:
      operationId: probeSignIn
      responses:
        "204": {description: signed in}
  /api/probe/sign-out:
    post:
      operationId: probeSignOut
      responses:
        "204": {description: signed out}
  /api/probe/me:
    get:
      operationId: probeMe
      responses:
        "200":
          description: the principal
          content:
            application/json:
              schema:
                type: object
                required: [user_id, roles]
                properties:
                  user_id: {type: string}
                  roles: {type: array, items: {type: string}}
  /api/probe/end-others:
    post:
      operationId: probeEndOthers
      responses:
        "204": {description: other sessions ended}
  /api/probe/slow:
    get:
      operationId: probeSlow
      responses:
        "200": {description: done after a while}
  /api/probe/panic:
    get:
      operationId: probePanic
      responses:
        "200": {description: never}
  /api/probe/fail:
    get:
      operationId: probeFail
      responses:
        "200": {description: never}
`)

func probe(m *session.Manager) web.Routes {
	return web.RoutesFunc(func(r fiber.Router) {
		r.Post("/api/probe/sign-in", func(c *fiber.Ctx) error {
			if err := m.SignIn(c, session.Principal{UserID: "u1", Roles: []string{"customer", "staff"}}); err != nil {
				return err
			}
			return c.SendStatus(fiber.StatusNoContent)
		})
		r.Post("/api/probe/sign-out", func(c *fiber.Ctx) error {
			if err := m.SignOut(c); err != nil {
				return err
			}
			return c.SendStatus(fiber.StatusNoContent)
		})
		r.Get("/api/probe/me", func(c *fiber.Ctx) error {
			p := session.From(c)
			roles := p.Roles
			if roles == nil {
				roles = []string{}
			}
			return c.JSON(fiber.Map{"user_id": p.UserID, "roles": roles})
		})
		r.Post("/api/probe/end-others", func(c *fiber.Ctx) error {
			if err := m.EndUserSessions(c.UserContext(), session.From(c).UserID, m.CurrentID(c)); err != nil {
				return err
			}
			return c.SendStatus(fiber.StatusNoContent)
		})
		r.Get("/api/probe/slow", func(c *fiber.Ctx) error {
			slowStarted <- struct{}{}
			time.Sleep(700 * time.Millisecond)
			return c.SendString("done")
		})
		r.Get("/api/probe/panic", func(c *fiber.Ctx) error { panic("boom") })
		r.Get("/api/probe/fail", func(c *fiber.Ctx) error { return http.ErrHandlerTimeout })
	})
}

// slowStarted tells a test that /api/probe/slow is running.
var slowStarted = make(chan struct{}, 1)

var withProbe = fx.Options(web.AsRoutes(probe), web.AsSpec("probe", probeSpec))

func TestHealthAndReadiness(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var db *gorm.DB
		app := testkit.Start(t, b, fx.Populate(&db))
		c := app.Client()
		if r := c.Get("/healthz"); r.Status != 200 {
			t.Fatalf("healthz = %d", r.Status)
		}
		if r := c.Get("/readyz"); r.Status != 200 {
			t.Fatalf("readyz = %d %s", r.Status, r.Body)
		}
		// With the database gone, the process is alive but not ready.
		sqlDB, _ := db.DB()
		sqlDB.Close()
		if r := c.Get("/healthz"); r.Status != 200 {
			t.Fatalf("healthz without db = %d", r.Status)
		}
		r := c.Get("/readyz")
		if r.Status != 503 {
			t.Fatalf("readyz without db = %d", r.Status)
		}
		if p := r.Problem(t); p.Errors["database"] == "" || p.Errors["redis"] != "" {
			t.Fatalf("readyz should name only the database: %+v", p)
		}
	})
}

func TestErrorsAreProblems(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		c := testkit.Start(t, b, withProbe).Client()
		for path, status := range map[string]int{
			"/api/no/such/thing": 404,
			"/api/probe/panic":   500,
			"/api/probe/fail":    500,
		} {
			r := c.Get(path)
			p := r.Problem(t)
			if r.Status != status || p.Status != status || p.Title == "" {
				t.Errorf("%s: %d %+v", path, r.Status, p)
			}
			if strings.Contains(string(r.Body), "boom") || strings.Contains(string(r.Body), "timeout") {
				t.Errorf("%s leaks internals: %s", path, r.Body)
			}
		}
		if r := c.Post("/api/no/such/thing", map[string]int{"a": 1}); r.Status != 404 || !testkit.IsProblem(r.Header.Get("Content-Type")) {
			t.Errorf("unknown POST: %d %s", r.Status, r.Body)
		}
	})
}

func TestMiddlewareHeaders(t *testing.T) {
	c := testkit.Start(t, testkit.Backends(t)[0]).Client()
	r := c.Get("/healthz/") // trailing slash accepted
	if r.Status != 200 {
		t.Fatalf("/healthz/ = %d", r.Status)
	}
	for _, h := range []string{"X-Request-Id", "X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy", "Cross-Origin-Opener-Policy"} {
		if r.Header.Get(h) == "" {
			t.Errorf("missing header %s", h)
		}
	}
	// The API's answers carry the headers that matter for JSON, and not
	// those that govern documents.
	api := c.Get("/api/openapi.json")
	for h, want := range map[string]string{
		"X-Content-Type-Options":       "nosniff",
		"X-Frame-Options":              "DENY",
		"Content-Security-Policy":      "default-src 'none'; frame-ancestors 'none'",
		"Cross-Origin-Resource-Policy": "same-origin",
		"Referrer-Policy":              "no-referrer",
		"Cross-Origin-Opener-Policy":   "",
		"X-Xss-Protection":             "",
		"Origin-Agent-Cluster":         "",
	} {
		if got := api.Header.Get(h); got != want {
			t.Errorf("/api/openapi.json: %s = %q, want %q", h, got, want)
		}
	}
	if api.Header.Get("X-Request-Id") == "" {
		t.Error("/api/openapi.json: no X-Request-Id")
	}
}

// get sends GET path with an Accept-Encoding of its own (Go's client adds
// and undoes gzip otherwise); testkit decompresses what comes gzipped.
func get(c *testkit.Client, path, acceptEncoding string, header ...string) *testkit.Response {
	req, _ := http.NewRequest(http.MethodGet, c.URL()+path, nil)
	req.Header.Set("Accept-Encoding", acceptEncoding)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.Raw(req)
}

// Answers are gzipped for clients that accept gzip and only for them,
// whatever else they accept; small answers go as they are.
func TestCompression(t *testing.T) {
	c := testkit.Start(t, testkit.Backends(t)[0]).Client()
	plain := get(c, "/api/openapi.json", "identity")
	if plain.Status != 200 || len(plain.Body) < 1024 || plain.Header.Get("Content-Encoding") != "" {
		t.Fatalf("identity: %d, %d bytes, %v", plain.Status, len(plain.Body), plain.Header)
	}
	for _, tc := range []struct {
		accept  string
		gzipped bool
	}{
		{"gzip", true}, {"gzip, deflate, br, zstd", true}, {"br;q=1.0, gzip;q=0.8", true}, {"*", true}, {"GZIP", true},
		{"identity", false}, {"br, zstd", false}, {"gzip;q=0", false}, {"*;q=0", false}, {"gzip;q=0, *", false},
	} {
		r := get(c, "/api/openapi.json", tc.accept)
		if got := r.Header.Get("Content-Encoding") == "gzip"; got != tc.gzipped {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q", tc.accept, r.Header.Get("Content-Encoding"))
		}
		if !bytes.Equal(r.Body, plain.Body) {
			t.Errorf("Accept-Encoding %q: the body differs from the plain one", tc.accept)
		}
		if !strings.Contains(r.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("Accept-Encoding %q: Vary %q", tc.accept, r.Header.Get("Vary"))
		}
	}
	if r := get(c, "/healthz", "gzip"); r.Status != 200 || len(r.Body) >= 512 || r.Header.Get("Content-Encoding") != "" {
		t.Errorf("a small answer: %d, %d bytes, Content-Encoding %q", r.Status, len(r.Body), r.Header.Get("Content-Encoding"))
	}
}

func TestCORSFromConfig(t *testing.T) {
	b := testkit.Backends(t)[0]
	cfg := testkit.Config(t, b)
	cfg.CORSOrigins = []string{"https://shop.example"}
	c := testkit.StartWith(t, cfg).Client()
	for origin, want := range map[string]string{"https://shop.example": "https://shop.example", "https://evil.example": ""} {
		req, _ := http.NewRequest(http.MethodOptions, c.URL()+"/api/auth/csrf", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		r := c.Raw(req)
		if got := r.Header.Get("Access-Control-Allow-Origin"); got != want {
			t.Errorf("origin %s: allow-origin %q, want %q", origin, got, want)
		}
	}
}

func TestSessionsAndCSRF(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		app := testkit.Start(t, b, withProbe)
		c := app.Client()

		// Without a session, or without the header, or with a wrong one, an
		// unsafe request is refused, and makes no session.
		post := func(token string) *testkit.Response {
			req, _ := http.NewRequest(http.MethodPost, app.URL+"/api/probe/sign-in", nil)
			if token != "" {
				req.Header.Set(session.CSRFHeader, token)
			}
			return c.Raw(req)
		}
		if r := post("forged"); r.Status != 403 || r.Problem(t).Status != 403 {
			t.Fatalf("no session: %d %s", r.Status, r.Body)
		}
		if c.Get("/api/probe/me").Status != 200 || c.Cookie(session.CookieName) != "" {
			t.Fatal("a refused request must not create a session")
		}

		// The token is issued with a session, in the body and the cookie.
		var tok struct {
			CSRFToken string `json:"csrf_token"`
		}
		c.Get("/api/auth/csrf").JSON(t, &tok)
		if tok.CSRFToken == "" || tok.CSRFToken != c.Cookie(session.CSRFCookieName) || c.Cookie(session.CookieName) == "" {
			t.Fatalf("token %q, cookie %q, session %q", tok.CSRFToken, c.Cookie(session.CSRFCookieName), c.Cookie(session.CookieName))
		}
		if r := post(""); r.Status != 403 {
			t.Fatalf("missing token: %d %s", r.Status, r.Body)
		}
		if r := post(tok.CSRFToken[1:]); r.Status != 403 {
			t.Fatalf("wrong token: %d", r.Status)
		}
		// A token is good for its own session only.
		other := app.Client()
		var theirs struct {
			CSRFToken string `json:"csrf_token"`
		}
		other.Get("/api/auth/csrf").JSON(t, &theirs)
		if r := post(theirs.CSRFToken); r.Status != 403 {
			t.Fatalf("another session's token: %d", r.Status)
		}

		// A guest session exists first; signing in must rotate its ID.
		anon := c.Get("/api/probe/me")
		var me struct {
			UserID string   `json:"user_id"`
			Roles  []string `json:"roles"`
		}
		anon.JSON(t, &me)
		if me.UserID != "" {
			t.Fatalf("anonymous principal %+v", me)
		}
		if r := c.Post("/api/probe/sign-in", nil); r.Status != 204 {
			t.Fatalf("sign-in: %d %s", r.Status, r.Body)
		}
		first := c.Cookie(session.CookieName)
		if first == "" {
			t.Fatal("no session cookie after sign-in")
		}
		c.Get("/api/probe/me").JSON(t, &me)
		if me.UserID != "u1" || len(me.Roles) != 2 || me.Roles[1] != "staff" {
			t.Fatalf("principal %+v", me)
		}
		if r := c.Post("/api/probe/sign-in", nil); r.Status != 204 || c.Cookie(session.CookieName) == first {
			t.Fatal("signing in again must rotate the session ID")
		}

		// A stolen old session ID is worthless after rotation.
		thief := app.Client()
		req, _ := http.NewRequest(http.MethodGet, app.URL+"/api/probe/me", nil)
		req.AddCookie(&http.Cookie{Name: session.CookieName, Value: first})
		thief.Raw(req).JSON(t, &me)
		if me.UserID != "" {
			t.Fatal("old session ID still signed in")
		}

		if r := c.Post("/api/probe/sign-out", nil); r.Status != 204 {
			t.Fatalf("sign-out: %d", r.Status)
		}
		c.Get("/api/probe/me").JSON(t, &me)
		if me.UserID != "" {
			t.Fatalf("still signed in after sign-out: %+v", me)
		}
		// The token outlived both sign-ins and the sign-out: the browser's
		// cookie still works, under yet another session ID.
		if got := c.Cookie(session.CSRFCookieName); got != tok.CSRFToken {
			t.Fatalf("csrftoken cookie %q, issued %q", got, tok.CSRFToken)
		}
		if r := post(tok.CSRFToken); r.Status != 204 {
			t.Fatalf("the token after sign-out: %d %s", r.Status, r.Body)
		}
		if c.Cookie(session.CookieName) == first {
			t.Fatal("the session ID survived sign-out")
		}
	})
}

// Sessions live in Redis, so a second replica sees a sign-in made on the first.
func TestSessionsAcrossReplicas(t *testing.T) {
	for _, b := range testkit.Backends(t) {
		if b.RedisURL == "" {
			continue // the embedded Redis belongs to one process
		}
		cfg := testkit.Config(t, b)
		one := testkit.StartWith(t, cfg, withProbe)
		two := testkit.StartWith(t, cfg, withProbe)
		c := one.Client()
		if r := c.Post("/api/probe/sign-in", nil); r.Status != 204 {
			t.Fatalf("sign-in: %d", r.Status)
		}
		req, _ := http.NewRequest(http.MethodGet, two.URL+"/api/probe/me", nil)
		req.AddCookie(&http.Cookie{Name: session.CookieName, Value: c.Cookie(session.CookieName)})
		var me struct {
			UserID string `json:"user_id"`
		}
		two.Client().Raw(req).JSON(t, &me)
		if me.UserID != "u1" {
			t.Fatalf("replica two sees %+v", me)
		}
	}
}

func TestSinglePageApp(t *testing.T) {
	assets := fstest.MapFS{
		"index.html":           {Data: []byte(`<!doctype html><div id="root"></div>`)},
		"assets/index-abc1.js": {Data: []byte(`console.log(1)`)},
		"favicon.svg":          {Data: []byte(`<svg/>`)},
		"assets/app-abc2.js":   {Data: []byte(strings.Repeat("console.log('a line of the bundle');\n", 100))},
		".gitkeep":             {Data: nil},
	}
	app := testkit.Start(t, testkit.Backends(t)[0], fx.Supply(fx.Annotate(assets, fx.As(new(web.Assets)))))
	c := app.Client()
	cases := []struct{ path, body, cache, ctype string }{
		{"/", `<div id="root">`, "no-cache", "text/html"},
		{"/products/some-shirt", `<div id="root">`, "no-cache", "text/html"},
		{"/admin/users", `<div id="root">`, "no-cache", "text/html"},
		{"/assets/index-abc1.js", `console.log`, "public, max-age=31536000, immutable", "javascript"},
		{"/favicon.svg", `<svg/>`, "public, max-age=3600", "image/svg+xml"},
	}
	for _, tc := range cases {
		r := c.Get(tc.path)
		if r.Status != 200 || !strings.Contains(string(r.Body), tc.body) ||
			r.Header.Get("Cache-Control") != tc.cache || !strings.Contains(r.Header.Get("Content-Type"), tc.ctype) {
			t.Errorf("%s: %d %q %q %s", tc.path, r.Status, r.Header.Get("Cache-Control"), r.Header.Get("Content-Type"), r.Body)
		}
	}
	if r := c.Get("/assets/index-old.js"); r.Status != 404 {
		t.Errorf("missing hashed asset: %d", r.Status)
	}
	if r := c.Get("/.gitkeep"); !strings.Contains(string(r.Body), `id="root"`) {
		t.Error("dotfiles must not be served")
	}
	// Revalidation of index.html answers 304.
	req, _ := http.NewRequest(http.MethodGet, app.URL+"/", nil)
	etag := c.Get("/").Header.Get("ETag")
	req.Header.Set("If-None-Match", etag)
	if r := c.Raw(req); etag == "" || r.Status != 304 {
		t.Errorf("If-None-Match: %d (etag %q)", r.Status, etag)
	}

	// Text files go gzipped to clients that accept it, under an ETag of
	// their own, and revalidate under it.
	js := assets["assets/app-abc2.js"].Data
	plain, gzipped := get(c, "/assets/app-abc2.js", "identity"), get(c, "/assets/app-abc2.js", "gzip, br")
	if !bytes.Equal(plain.Body, js) || plain.Header.Get("Content-Encoding") != "" ||
		!bytes.Equal(gzipped.Body, js) || gzipped.Header.Get("Content-Encoding") != "gzip" ||
		gzipped.Header.Get("ETag") == plain.Header.Get("ETag") || gzipped.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("bundle: plain %v, gzipped %v", plain.Header, gzipped.Header)
	}
	for _, r := range []*testkit.Response{
		get(c, "/assets/app-abc2.js", "gzip", "If-None-Match", gzipped.Header.Get("ETag")),
		get(c, "/assets/app-abc2.js", "identity", "If-None-Match", plain.Header.Get("ETag")),
	} {
		if r.Status != 304 {
			t.Errorf("bundle revalidated: %d", r.Status)
		}
	}
	if r := get(c, "/assets/app-abc2.js", "identity", "If-None-Match", gzipped.Header.Get("ETag")); r.Status != 200 {
		t.Errorf("the gzipped ETag matched the plain file: %d", r.Status)
	}
}

func TestAppWithoutWebBuild(t *testing.T) {
	r := testkit.Start(t, testkit.Backends(t)[0]).Client().Get("/")
	if r.Status != 503 || !strings.Contains(string(r.Body), "go tool task build") {
		t.Fatalf("unbuilt SPA: %d %s", r.Status, r.Body)
	}
}

// Every route a package registers must be in the OpenAPI document.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	app := testkit.Start(t, testkit.Backends(t)[0], withProbe)
	missing, err := app.UndocumentedRoutes()
	if err != nil || len(missing) > 0 {
		t.Fatalf("undocumented routes %v (%v)", missing, err)
	}
	// The check itself must notice a route without documentation.
	rogue := web.AsRoutes(func() web.Routes {
		return web.RoutesFunc(func(r fiber.Router) { r.Put("/api/rogue/:id", func(c *fiber.Ctx) error { return nil }) })
	})
	missing, err = testkit.Start(t, testkit.Backends(t)[0], rogue).UndocumentedRoutes()
	if err != nil || len(missing) != 1 || missing[0] != "PUT /api/rogue/{id}" {
		t.Fatalf("rogue route not caught: %v (%v)", missing, err)
	}
}

func TestMetrics(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		c := testkit.Start(t, b).Client()
		c.Get("/healthz")
		c.Get("/api/nope")
		// Other methods and routes on the same connections, after the first
		// requests: labels must not share the buffers fasthttp reuses for the
		// next request, or a series changes its labels after it was made and
		// the scrape fails as a duplicate.
		for range 3 {
			c.Delete("/api/nope")
			c.Patch("/api/nope", map[string]any{})
			c.Get("/readyz")
		}
		res := c.Get("/metrics")
		if res.Status != 200 {
			t.Fatalf("GET /metrics: %d %.300s", res.Status, res.Body)
		}
		body := string(res.Body)
		for _, want := range []string{
			`bazaar_http_requests_total{method="GET",route="/healthz",status="200"} 1`,
			`bazaar_http_requests_total{method="GET",route="/api/*",status="404"} 1`,
			`bazaar_http_requests_total{method="DELETE",route="/api/*",status="404"} 3`,
			`bazaar_http_requests_total{method="PATCH",route="/api/*",status="404"} 3`,
			`bazaar_http_requests_total{method="GET",route="/readyz",status="200"} 3`,
			`bazaar_http_request_duration_seconds_bucket{method="GET",route="/healthz",le="0.005"}`,
			`go_sql_open_connections{db_name="bazaar"}`,
			`go_goroutines`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("metrics lack %s in\n%s", want, grepLines(body, "bazaar_http_requests_total"))
			}
		}
	})
}

// tokens is a stand-in for the accounts module's TokenResolver.
type tokens struct{}

func (tokens) ResolveToken(_ context.Context, token string) (session.Principal, error) {
	if token == "good" {
		return session.Principal{UserID: "bot", Roles: []string{"staff"}}, nil
	}
	return session.Principal{}, session.ErrInvalidToken
}

// Bearer tokens authenticate without cookies and need no CSRF token.
func TestBearerTokens(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		app := testkit.Start(t, b, withProbe, fx.Supply(fx.Annotate(tokens{}, fx.As(new(session.TokenResolver)))))
		c := app.Client()
		c.Header.Set("Authorization", "Bearer good")
		var me struct {
			UserID string `json:"user_id"`
		}
		c.Get("/api/probe/me").JSON(t, &me)
		if me.UserID != "bot" {
			t.Fatalf("principal %+v", me)
		}
		req, _ := http.NewRequest(http.MethodPost, app.URL+"/api/probe/sign-out", nil)
		req.Header.Set("Authorization", "Bearer good")
		if r := c.Raw(req); r.Status != 204 {
			t.Fatalf("bearer POST without CSRF: %d %s", r.Status, r.Body)
		}
		for _, auth := range []string{"Bearer bad", "Basic Zm9vOmJhcg==", "Bearer "} {
			c.Header.Set("Authorization", auth)
			if r := c.Get("/api/probe/me"); r.Status != 401 || r.Problem(t).Status != 401 {
				t.Errorf("%q: %d", auth, r.Status)
			}
		}
	})
}

// Shutdown waits for a request in flight and refuses new connections.
func TestShutdownDrainsInFlightRequests(t *testing.T) {
	app := testkit.Start(t, testkit.Backends(t)[0], withProbe)
	type result struct {
		status int
		body   string
		err    error
	}
	got := make(chan result, 1)
	go func() {
		res, err := http.Get(app.URL + "/api/probe/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer res.Body.Close()
		var sb strings.Builder
		_, err = io.Copy(&sb, res.Body)
		got <- result{res.StatusCode, sb.String(), err}
	}()
	<-slowStarted
	app.Stop()
	r := <-got
	if r.err != nil || r.status != 200 || r.body != "done" {
		t.Fatalf("in-flight request: %d %q %v", r.status, r.body, r.err)
	}
	if _, err := http.Get(app.URL + "/healthz"); err == nil {
		t.Fatal("server still accepts after shutdown")
	}
}

// Ending a user's other sessions signs out every other device, not this one.
func TestEndUserSessions(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		app := testkit.Start(t, b, withProbe)
		laptop, phone, tablet := app.Client(), app.Client(), app.Client()
		for _, c := range []*testkit.Client{laptop, phone, tablet} {
			if r := c.Post("/api/probe/sign-in", nil); r.Status != 204 {
				t.Fatalf("sign-in %d", r.Status)
			}
		}
		if r := laptop.Post("/api/probe/end-others", nil); r.Status != 204 {
			t.Fatalf("end-others %d %s", r.Status, r.Body)
		}
		for name, c := range map[string]*testkit.Client{"laptop": laptop, "phone": phone, "tablet": tablet} {
			var me struct {
				UserID string `json:"user_id"`
			}
			c.Get("/api/probe/me").JSON(t, &me)
			if signedIn := me.UserID == "u1"; signedIn != (name == "laptop") {
				t.Errorf("%s signed in = %v", name, signedIn)
			}
		}
	})
}

func grepLines(s, sub string) string {
	var out []string
	for l := range strings.Lines(s) {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "")
}
