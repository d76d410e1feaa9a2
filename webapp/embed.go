// Package webapp embeds the built single-page app so the binary serves it.
package webapp

import "embed"

// Dist holds the Vite build output (webapp/dist); `go tool task build` fills it.
//
//go:embed all:dist
var Dist embed.FS
