package web

import (
	"errors"
	"log/slog"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
)

type httpMetrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newHTTPMetrics(reg prometheus.Registerer) (*httpMetrics, error) {
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bazaar_http_requests_total", Help: "HTTP requests by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "bazaar_http_request_duration_seconds",
			Help:    "HTTP request latency by method and route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .2, .5, 1, 2.5, 5},
		}, []string{"method", "route"}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.latency} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// accessLog records one log line and the metrics of every request. The route
// label is the matched pattern, so its cardinality stays bounded.
func accessLog(log *slog.Logger, m *httpMetrics) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		err := c.Next()
		status := c.Response().StatusCode()
		if err != nil {
			// The error handler has not run yet; predict the status it will write.
			status = fiber.StatusInternalServerError
			var p *Problem
			var fe *fiber.Error
			if errors.As(err, &p) {
				status = p.Status
			} else if errors.As(err, &fe) {
				status = fe.Code
			}
		}
		elapsed := time.Since(start)
		route := c.Route().Path
		m.requests.WithLabelValues(c.Method(), route, strconv.Itoa(status)).Inc()
		m.latency.WithLabelValues(c.Method(), route).Observe(elapsed.Seconds())
		log.LogAttrs(c.UserContext(), slog.LevelInfo, "http",
			slog.String("request_id", RequestID(c)),
			slog.String("method", c.Method()),
			slog.String("path", c.Path()),
			slog.String("route", route),
			slog.Int("status", status),
			slog.Float64("duration_ms", float64(elapsed.Microseconds())/1000),
			slog.String("ip", ClientIP(c)),
		)
		return err
	}
}
