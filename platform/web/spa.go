package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
)

// spa serves the built web app from memory: hashed files under /assets/ are
// immutable for a year, everything else is revalidated, and any path that is
// not a file gets index.html so deep links work. Text files go gzipped at
// gzip's best level to clients that accept it, compressed once, on their
// first request: the first visit's bundle is what First Contentful Paint
// waits for, and brotli at its fastest, per request, left it 19 % larger.
type spa struct {
	files map[string]file
	index *file
}

type file struct {
	body        []byte
	contentType string
	etag        string
	gzipped     func() []byte // nil: not worth compressing
}

const notBuilt = `<!doctype html><title>Bazaar</title><p>The web app is not built into this binary. Run <code>go tool task build</code>.</p>`

func newSPA(assets Assets) (*spa, error) {
	s := &spa{files: map[string]file{}}
	if assets == nil {
		return s, nil
	}
	err := fs.WalkDir(assets, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		body, err := fs.ReadFile(assets, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "application/octet-stream"
		}
		f := file{body: body, contentType: ct, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		if len(body) >= minCompressSize && compressible(ct) {
			f.gzipped = sync.OnceValue(func() []byte { return gzipBest(body) })
		}
		s.files["/"+p] = f
		return nil
	})
	if err != nil {
		return nil, err
	}
	if idx, ok := s.files["/index.html"]; ok {
		s.index = &idx
	}
	return s, nil
}

func (s *spa) serve(c *fiber.Ctx) error {
	f, ok := s.files[c.Path()]
	switch {
	case ok && strings.HasPrefix(c.Path(), "/assets/"):
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	case ok && c.Path() != "/index.html":
		c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	case strings.HasPrefix(c.Path(), "/assets/"):
		// A stale hashed file from an older deploy: index.html would be
		// parsed as a script and fail in a confusing way.
		return c.Status(fiber.StatusNotFound).SendString("not found")
	case s.index != nil:
		f = *s.index
		c.Set(fiber.HeaderCacheControl, "no-cache")
	default:
		c.Set(fiber.HeaderCacheControl, "no-cache")
		c.Type("html")
		return c.Status(fiber.StatusServiceUnavailable).SendString(notBuilt)
	}
	body, etag, encoding := f.body, f.etag, ""
	if f.gzipped != nil {
		c.Vary(fiber.HeaderAcceptEncoding)
		if gz := f.gzipped(); gz != nil && acceptsGzip(c.Get(fiber.HeaderAcceptEncoding)) {
			// A strong ETag names one representation: the gzipped one has its own.
			body, etag, encoding = gz, strings.TrimSuffix(f.etag, `"`)+`-gzip"`, "gzip"
		}
	}
	c.Set(fiber.HeaderETag, etag)
	if c.Get(fiber.HeaderIfNoneMatch) == etag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	if encoding != "" {
		c.Set(fiber.HeaderContentEncoding, encoding)
	}
	c.Set(fiber.HeaderContentType, f.contentType)
	return c.Send(body)
}
