package web

import (
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/realclientip/realclientip-go"
)

// The client address behind trusted proxies is the rightmost forwarded one
// that is not a proxy's; an untrusted peer names nobody but itself.
func TestClientIPBehindProxies(t *testing.T) {
	cases := []struct {
		name      string
		trusted   []string // none: no resolver, the peer
		forwarded []string // X-Forwarded-For header lines
		want      string
	}{
		{"no proxies configured", nil, []string{"203.0.113.7"}, "127.0.0.1"},
		{"trusted peer", []string{"127.0.0.1"}, []string{"203.0.113.7"}, "203.0.113.7"},
		{"client-written addresses are left of the proxy's", []string{"127.0.0.1"}, []string{"198.51.100.9, 203.0.113.7"}, "203.0.113.7"},
		{"inner proxies are skipped", []string{"127.0.0.0/8", "10.0.0.0/8"}, []string{"198.51.100.9, 203.0.113.7, 10.1.2.3"}, "203.0.113.7"},
		{"header lines are one list", []string{"127.0.0.1"}, []string{"198.51.100.9", "203.0.113.7"}, "203.0.113.7"},
		{"untrusted peer", []string{"10.0.0.0/8"}, []string{"203.0.113.7"}, "127.0.0.1"},
		{"no header", []string{"127.0.0.1"}, nil, "127.0.0.1"},
		{"garbage", []string{"127.0.0.1"}, []string{"198.51.100.9, not-an-ip"}, "127.0.0.1"},
		{"only proxies", []string{"127.0.0.1", "10.0.0.0/8"}, []string{"10.1.2.3"}, "127.0.0.1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := fiber.New(fiber.Config{DisableStartupMessage: true})
			if tc.trusted != nil {
				nets, err := realclientip.AddressesAndRangesToIPNets(tc.trusted...)
				if err != nil {
					t.Fatal(err)
				}
				resolve, err := clientIPs(nets)
				if err != nil {
					t.Fatal(err)
				}
				app.Use(resolve)
			}
			app.Get("/", func(c *fiber.Ctx) error { return c.SendString(ClientIP(c)) })
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			go func() { _ = app.Listener(ln) }()
			t.Cleanup(func() { _ = app.Shutdown() })

			req, _ := http.NewRequest(http.MethodGet, "http://"+ln.Addr().String()+"/", nil)
			for _, v := range tc.forwarded {
				req.Header.Add("X-Forwarded-For", v)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if string(body) != tc.want {
				t.Errorf("client %q, want %q", body, tc.want)
			}
		})
	}
}
