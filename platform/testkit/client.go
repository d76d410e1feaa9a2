package testkit

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"bazaar/platform/session"
	"bazaar/platform/web"
)

// Client is a browser-like HTTP client: it keeps cookies, sends the CSRF
// header on unsafe methods, and checks every API response against the
// OpenAPI document, failing the test on a mismatch.
type Client struct {
	t      testing.TB
	app    *App
	http   *http.Client
	base   *url.URL
	Header http.Header // sent with every request, e.g. Authorization
}

// Client returns a new client with an empty cookie jar.
func (a *App) Client() *Client {
	jar, _ := cookiejar.New(nil)
	base, _ := url.Parse(a.URL)
	c := &Client{t: a.t, app: a, base: base, Header: http.Header{},
		http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	a.mu.Lock()
	a.clients = append(a.clients, c.http)
	a.mu.Unlock()
	return c
}

// For returns a client reporting to t that shares this one's cookies, for
// use inside subtests and fuzz functions.
func (c *Client) For(t testing.TB) *Client {
	cp := *c
	cp.t = t
	return &cp
}

// URL is the app's base URL.
func (c *Client) URL() string { return c.app.URL }

// Response is a fully read response.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test if it cannot.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Problem decodes a problem+json body, failing the test if it is not one.
func (r *Response) Problem(t testing.TB) web.Problem {
	t.Helper()
	if !IsProblem(r.Header.Get("Content-Type")) {
		t.Fatalf("want problem+json, got %q: %s", r.Header.Get("Content-Type"), r.Body)
	}
	var p web.Problem
	r.JSON(t, &p)
	return p
}

// Get, Post, Patch, Put and Delete send JSON (body may be nil, a string sent
// as is, or a value to marshal).
func (c *Client) Get(path string) *Response { return c.Do(http.MethodGet, path, nil) }
func (c *Client) Post(path string, body any) *Response {
	return c.Do(http.MethodPost, path, body)
}
func (c *Client) Patch(path string, body any) *Response {
	return c.Do(http.MethodPatch, path, body)
}
func (c *Client) Put(path string, body any) *Response { return c.Do(http.MethodPut, path, body) }
func (c *Client) Delete(path string) *Response        { return c.Do(http.MethodDelete, path, nil) }

// Cookie returns the value of the named cookie for the app, or "".
func (c *Client) Cookie(name string) string {
	for _, ck := range c.http.Jar.Cookies(c.base) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// Do sends a request, adding the CSRF header to unsafe methods of a cookie
// session (fetching a token first if the jar has none).
func (c *Client) Do(method, path string, body any) *Response {
	c.t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			c.t.Fatal(err)
		}
	}
	req, err := http.NewRequest(method, c.app.URL+path, bytes.NewReader(raw))
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range c.Header {
		req.Header[k] = v
	}
	if raw != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	unsafe := method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
	if unsafe && req.Header.Get("Authorization") == "" && req.Header.Get(session.CSRFHeader) == "" {
		if c.Cookie(session.CSRFCookieName) == "" {
			c.Get("/api/auth/csrf")
		}
		req.Header.Set(session.CSRFHeader, c.Cookie(session.CSRFCookieName))
	}
	return c.send(req, raw)
}

// Raw sends req exactly as given (no CSRF help), still checking the response.
func (c *Client) Raw(req *http.Request) *Response {
	c.t.Helper()
	return c.send(req, nil)
}

func (c *Client) send(req *http.Request, raw []byte) *Response {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	var body io.Reader = res.Body
	if res.Header.Get("Content-Encoding") == "gzip" {
		if body, err = gzip.NewReader(res.Body); err != nil {
			c.t.Fatal(err)
		}
	}
	out, err := io.ReadAll(body)
	if err != nil {
		c.t.Fatal(err)
	}
	r := &Response{Status: res.StatusCode, Header: res.Header, Body: out}
	if req.Body != nil {
		req.Body = io.NopCloser(bytes.NewReader(raw))
	}
	c.app.checkContract(c.t, req, r)
	return r
}

func init() {
	// Images are opaque bytes to the contract check.
	openapi3filter.RegisterBodyDecoder("image/svg+xml", openapi3filter.FileBodyDecoder)
}

type contract struct {
	once   sync.Once
	doc    *openapi3.T
	router routers.Router
	err    error
}

// OpenAPI is the app's served document.
func (a *App) OpenAPI() (*openapi3.T, error) {
	a.contract.once.Do(func() {
		res, err := http.Get(a.URL + "/api/openapi.json")
		if err != nil {
			a.contract.err = err
			return
		}
		defer res.Body.Close()
		raw, _ := io.ReadAll(res.Body)
		doc, err := openapi3.NewLoader().LoadFromData(raw)
		if err != nil {
			a.contract.err = err
			return
		}
		doc.Servers = nil // match any host:port
		a.contract.doc = doc
		a.contract.router, a.contract.err = gorillamux.NewRouter(doc)
	})
	return a.contract.doc, a.contract.err
}

// checkContract fails the test when an API response does not match the
// document: an undocumented API route, an undeclared success status, or a
// body that breaks its schema. Undeclared errors must still be problem+json.
func (a *App) checkContract(t testing.TB, req *http.Request, r *Response) {
	t.Helper()
	p := req.URL.Path
	if req.Method == http.MethodOptions {
		return // CORS preflight, answered by middleware
	}
	if !strings.HasPrefix(p, "/api/") && p != "/healthz" && p != "/readyz" && p != "/metrics" {
		return
	}
	if _, err := a.OpenAPI(); err != nil {
		t.Errorf("openapi: %v", err)
		return
	}
	route, params, err := a.contract.router.FindRoute(req)
	if err != nil {
		if r.Status < 400 {
			t.Errorf("%s %s answered %d but is not in the OpenAPI document", req.Method, p, r.Status)
		} else if !IsProblem(r.Header.Get("Content-Type")) {
			t.Errorf("%s %s: error %d is not problem+json", req.Method, p, r.Status)
		}
		return
	}
	op := route.Operation
	declared := op.Responses.Status(r.Status) != nil || op.Responses.Default() != nil
	if !declared {
		if r.Status < 400 {
			t.Errorf("%s %s: status %d is not declared in the OpenAPI document", req.Method, p, r.Status)
		} else if !IsProblem(r.Header.Get("Content-Type")) {
			t.Errorf("%s %s: error %d is not problem+json: %s", req.Method, p, r.Status, r.Body)
		}
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 r.Status,
		Header:                 r.Header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	in.SetBodyBytes(r.Body)
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s %s: response %d does not match the OpenAPI document: %v\nbody: %.500s", req.Method, p, r.Status, err, r.Body)
	}
}
