package web

import (
	"net"
	"net/http"

	"github.com/gofiber/fiber/v2"
	"github.com/realclientip/realclientip-go"
)

type clientIPKey struct{}

// ClientIP is the address of the client that sent c's request, for
// throttling and logs: the TCP peer's, or, when the peer is a trusted proxy
// (TRUSTED_PROXIES), the one its X-Forwarded-For names.
func ClientIP(c *fiber.Ctx) string {
	if ip, ok := c.Locals(clientIPKey{}).(string); ok {
		return ip
	}
	return c.IP()
}

// clientIPs resolves ClientIP behind proxies whose addresses are in trusted.
// Only a request whose peer is one of them may name another client, and the
// client is the rightmost X-Forwarded-For address outside trusted: the
// addresses left of it were written by the client itself, so a client that
// sends its own X-Forwarded-For cannot pick its address (fiber's ProxyHeader
// takes the leftmost one). When the header names no such valid address, the
// peer is the client.
func clientIPs(trusted []net.IPNet) (fiber.Handler, error) {
	strategy, err := realclientip.NewRightmostTrustedRangeStrategy(fiber.HeaderXForwardedFor, trusted)
	if err != nil {
		return nil, err
	}
	return func(c *fiber.Ctx) error {
		peer := c.Context().RemoteIP()
		ip := peer.String()
		if contains(trusted, peer) {
			var forwarded []string
			for _, v := range c.Request().Header.PeekAll(fiber.HeaderXForwardedFor) {
				forwarded = append(forwarded, string(v))
			}
			if named := strategy.ClientIP(http.Header{fiber.HeaderXForwardedFor: forwarded}, ""); named != "" {
				ip = named
			}
		}
		c.Locals(clientIPKey{}, ip)
		return c.Next()
	}, nil
}

func contains(nets []net.IPNet, ip net.IP) bool {
	for _, n := range nets {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}
