package web

import "testing"

func TestCompressible(t *testing.T) {
	for ct, want := range map[string]bool{
		"application/json": true, "application/problem+json; charset=utf-8": true, "text/html; charset=utf-8": true,
		"text/css": true, "application/javascript": true, "text/javascript": true, "image/svg+xml": true,
		"application/xml": true, "image/png": false, "image/webp": false, "application/octet-stream": false, "": false,
	} {
		if got := compressible(ct); got != want {
			t.Errorf("compressible(%q) = %v", ct, got)
		}
	}
}
