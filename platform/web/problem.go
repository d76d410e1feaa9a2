package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5/pgconn"
)

// ProblemContentType is the media type of every error response (RFC 9457).
const ProblemContentType = "application/problem+json"

// Problem is an RFC 9457 error body. Handlers return it as an error.
type Problem struct {
	Type   string            `json:"type"`
	Title  string            `json:"title"`
	Status int               `json:"status"`
	Detail string            `json:"detail,omitempty"`
	Errors map[string]string `json:"errors,omitempty"`
}

func (p *Problem) Error() string { return p.Title + ": " + p.Detail }

// NewProblem builds a problem whose title is the status text.
func NewProblem(status int, detail string) *Problem {
	return &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail}
}

// Invalid is a 422 carrying one message per offending field.
func Invalid(fields map[string]string) *Problem {
	p := NewProblem(fiber.StatusUnprocessableEntity, "the request has invalid fields")
	p.Errors = fields
	return p
}

// BadParam is a 400 naming the query or path parameter at fault.
func BadParam(name, why string) *Problem {
	p := NewProblem(fiber.StatusBadRequest, name+": "+why)
	p.Errors = map[string]string{name: why}
	return p
}

// WriteProblem sends p as problem+json.
func WriteProblem(c *fiber.Ctx, p *Problem) error {
	c.Status(p.Status)
	if err := c.JSON(p); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, ProblemContentType)
	return nil
}

// errorHandler renders every error as problem+json. Anything that is not a
// Problem or a fiber.Error is a bug: it is logged and hidden behind a 500.
func errorHandler(log *slog.Logger) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		var p *Problem
		var fe *fiber.Error
		switch {
		case errors.As(err, &p):
		case errors.As(err, &fe):
			p = NewProblem(fe.Code, fe.Message)
			if fe.Message == http.StatusText(fe.Code) {
				p.Detail = ""
			}
		case timedOut(err):
			log.WarnContext(c.UserContext(), "request timed out", "error", err, "request_id", RequestID(c),
				"method", c.Method(), "path", c.Path())
			p = NewProblem(fiber.StatusServiceUnavailable, "the request took too long; try again in a moment")
			c.Set(fiber.HeaderRetryAfter, "5")
		default:
			log.ErrorContext(c.UserContext(), "request failed", "error", err, "request_id", RequestID(c),
				"method", c.Method(), "path", c.Path())
			p = NewProblem(fiber.StatusInternalServerError, "an unexpected error occurred; it has been logged")
		}
		return WriteProblem(c, p)
	}
}

// timedOut tells whether err is a statement that ran out of time:
// PostgreSQL's statement_timeout (SQLSTATE 57014, query_canceled) or a
// deadline. Neither the client's fault nor a bug: a 503 the client may retry.
func timedOut(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "57014" || errors.Is(err, context.DeadlineExceeded)
}
