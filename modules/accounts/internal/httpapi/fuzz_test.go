package httpapi_test

import (
	"testing"

	"bazaar/modules/accounts/module"
	"bazaar/platform/testkit"
)

// fuzzEndpoint posts arbitrary bodies: whatever arrives, the answer is one
// of the documented statuses, never a 500, and errors are problem+json
// (the client also checks every response against the OpenAPI document).
func fuzzEndpoint(f *testing.F, path string, allowed ...int) {
	app := testkit.Start(f, testkit.Backends(f)[0], module.Module)
	c := app.Client()
	f.Fuzz(func(t *testing.T, body []byte) {
		r := c.For(t).Post(path, body)
		ok := false
		for _, s := range allowed {
			ok = ok || r.Status == s
		}
		if !ok {
			t.Fatalf("%s %q: status %d %s", path, body, r.Status, r.Body)
		}
		if r.Status >= 400 && !testkit.IsProblem(r.Header.Get("Content-Type")) {
			t.Fatalf("%s %q: %d without problem+json", path, body, r.Status)
		}
	})
}

func FuzzRegister(f *testing.F) {
	for _, seed := range []string{
		`{"email":"ada@example.com","password":"correct-horse-battery","name":"Ada"}`,
		`{"email":"","password":"","name":""}`,
		`{"email":"a@b.c","password":"a@b.c","name":"x"}`,
		`{"email":["x"],"password":1,"name":null}`,
		`{"email":"\u0000@example.com","password":"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6","name":"🙂"}`,
		`[]`, `null`, `{`, ``,
	} {
		f.Add([]byte(seed))
	}
	fuzzEndpoint(f, "/api/auth/register", 201, 400, 409, 422)
}

func FuzzLogin(f *testing.F) {
	for _, seed := range []string{
		`{"email":"ada@example.com","password":"correct-horse-battery"}`,
		`{"email":"ADA@EXAMPLE.COM ","password":"x"}`,
		`{"email":1e309,"password":{}}`,
		`{"email":"` + string(make([]byte, 300)) + `","password":"p"}`,
		`"just a string"`, `{}`, `{"email":"a@b.c","password":"` + string(make([]byte, 2000)) + `"}`,
	} {
		f.Add([]byte(seed))
	}
	fuzzEndpoint(f, "/api/auth/login", 401, 400, 422, 429)
}
