package web

import (
	"bytes"
	"strconv"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/klauspost/compress/gzip"
	"github.com/valyala/bytebufferpool"
)

// minCompressSize is the smallest body worth compressing: below it the
// answer, headers included, fits in one packet either way.
const minCompressSize = 512

// gzipWriters keeps level-1 writers: each allocates ~500 KB of tables and
// buffers, too much to make per answer.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // a valid level cannot fail
	return w
}}

// compress gzips compressible answers for clients that accept gzip, at
// level 1, on the request's goroutine. It replaces fiber's compress
// middleware (fasthttp's), which compressed on a separate pool of
// goroutines, handing each answer over and back (15 µs against 10.5 for a
// 4.8 KB cart in a micro-benchmark; within noise under load), and chose
// brotli at its fastest level whenever offered: slower than gzip level 1
// at the size of API answers, and larger. Files of the web app are
// compressed once, at their best (spa.go), and left alone here since they
// carry their Content-Encoding.
//
// ETags are left as they are: handlers compare If-None-Match with the
// ETags they set, and a weakened one would never match again.
func compress(c *fiber.Ctx) error {
	if err := c.Next(); err != nil {
		return err
	}
	res := c.Response()
	if len(res.Header.ContentEncoding()) > 0 || res.IsBodyStream() || len(res.Body()) < minCompressSize ||
		!compressible(string(res.Header.ContentType())) {
		return nil
	}
	c.Vary(fiber.HeaderAcceptEncoding)
	if !acceptsGzip(c.Get(fiber.HeaderAcceptEncoding)) {
		return nil
	}
	buf := bytebufferpool.Get()
	defer bytebufferpool.Put(buf)
	w := gzipWriters.Get().(*gzip.Writer)
	w.Reset(buf)
	_, _ = w.Write(res.Body()) // into a buffer: cannot fail
	_ = w.Close()
	gzipWriters.Put(w)
	res.SetBody(buf.B)
	res.Header.SetContentEncoding("gzip")
	return nil
}

// compressible is true for text: text/*, JSON, XML, JavaScript and SVG.
func compressible(contentType string) bool {
	mediaType, _, _ := strings.Cut(contentType, ";")
	mediaType = strings.ToLower(strings.TrimSpace(mediaType))
	return strings.HasPrefix(mediaType, "text/") || strings.HasSuffix(mediaType, "json") ||
		strings.HasSuffix(mediaType, "xml") || strings.HasSuffix(mediaType, "javascript") ||
		mediaType == "image/svg+xml"
}

// acceptsGzip reads an Accept-Encoding header: gzip, or else *, listed
// with a quality above zero.
func acceptsGzip(header string) bool {
	gzipQ, anyQ := -1.0, -1.0
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			var err error
			if q, err = strconv.ParseFloat(strings.TrimSpace(v), 64); err != nil {
				q = 0
			}
		}
		switch coding = strings.TrimSpace(coding); {
		case strings.EqualFold(coding, "gzip"):
			gzipQ = q
		case coding == "*":
			anyQ = q
		}
	}
	if gzipQ >= 0 {
		return gzipQ > 0
	}
	return anyQ > 0
}

// gzipBest compresses body at gzip's best level, or returns nil when that
// does not make it smaller.
func gzipBest(body []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = w.Write(body)
	_ = w.Close()
	if buf.Len() >= len(body) {
		return nil
	}
	return buf.Bytes()
}
