package web

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

type signup struct {
	Since *time.Time `json:"since"`
	Email string     `json:"email" validate:"required,email"`
	Name  string     `json:"name" validate:"required,max=5"`
	Age   int        `json:"age" validate:"gte=0"`
	Tags  []string   `json:"tags" validate:"max=2"`
}

func TestBind(t *testing.T) {
	app := fiber.New(fiber.Config{ErrorHandler: errorHandler(nil)})
	app.Post("/", func(c *fiber.Ctx) error {
		var s signup
		if err := Bind(c, &s); err != nil {
			return err
		}
		return c.JSON(s)
	})
	cases := []struct {
		body   string
		status int
		fields map[string]string
		detail string
	}{
		{`{"email":"a@b.co","name":"Ada"}`, 200, nil, ""},
		{``, 422, map[string]string{"email": "is required", "name": "is required"}, ""},
		{`{"email":"nope","name":"Adalovelace","tags":["a","b","c"]}`, 422, map[string]string{
			"email": "must be an email address", "name": "must be at most 5 characters", "tags": "must be at most 2 items"}, ""},
		{`{"email":"a@b.co","name":"Ada","age":"old"}`, 422, map[string]string{"age": "must be a whole number"}, ""},
		{`{"email":`, 400, nil, ""},
		{`[1,2]`, 400, nil, "the body must be a JSON object"},
		{`"text"`, 400, nil, "the body must be a JSON object"},
		{`{"email":"a@b.co","name":"Ada","since":"yesterday"}`, 422, nil, `"yesterday" is not a date-time: send RFC 3339, like 2026-12-01T09:00:00Z`},
	}
	for _, tc := range cases {
		res, err := app.Test(httptest.NewRequest("POST", "/", strings.NewReader(tc.body)))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		if res.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d: %s", tc.body, res.StatusCode, tc.status, raw)
			continue
		}
		if tc.status == 200 {
			continue
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, ProblemContentType) {
			t.Errorf("%s: content type %q", tc.body, ct)
		}
		var p Problem
		json.Unmarshal(raw, &p)
		for f, msg := range tc.fields {
			if p.Errors[f] != msg {
				t.Errorf("%s: errors[%s] = %q, want %q", tc.body, f, p.Errors[f], msg)
			}
		}
		if tc.detail != "" && p.Detail != tc.detail {
			t.Errorf("%s: detail %q, want %q", tc.body, p.Detail, tc.detail)
		}
		if tc.fields != nil && len(p.Errors) != len(tc.fields) {
			t.Errorf("%s: errors %v", tc.body, p.Errors)
		}
	}
}
