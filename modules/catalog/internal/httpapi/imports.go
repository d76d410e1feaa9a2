package httpapi

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"time"

	"github.com/gofiber/fiber/v2"

	"bazaar/modules/catalog/internal/csvio"
	"bazaar/modules/catalog/internal/service"
	"bazaar/modules/catalog/internal/store"
	"bazaar/platform/web"
)

type importJob struct {
	ID     string            `json:"id"`
	State  string            `json:"state"`
	Done   int               `json:"done"`
	Total  int               `json:"total"`
	Errors []csvio.LineError `json:"errors"`
}

func toJob(im store.Import) importJob {
	j := importJob{ID: im.ID, State: im.State, Done: im.Done, Total: im.Total, Errors: []csvio.LineError{}}
	_ = json.Unmarshal([]byte(im.Errors), &j.Errors)
	return j
}

// importCSV accepts the file as the body (text/csv) or as the multipart field "file".
func (a *API) importCSV(c *fiber.Ctx) error {
	body := c.Body()
	if fh, err := c.FormFile("file"); err == nil {
		f, err := fh.Open()
		if err != nil {
			return err
		}
		defer f.Close()
		if body, err = io.ReadAll(f); err != nil {
			return err
		}
	}
	if len(body) == 0 {
		return web.Invalid(map[string]string{"file": "send the CSV as the body (text/csv) or as the multipart field file"})
	}
	im, err := a.svc.StartImport(c.UserContext(), string(body))
	var bad service.ErrBadCSV
	if errors.As(err, &bad) {
		return web.Invalid(map[string]string{"file": bad.Error()})
	}
	if err != nil {
		return err
	}
	c.Location("/api/admin/jobs/" + im.ID)
	return c.Status(fiber.StatusAccepted).JSON(toJob(im))
}

func (a *API) job(c *fiber.Ctx) error {
	im, err := a.svc.Store().ImportByID(c.UserContext(), c.Params("id"), false)
	if err != nil {
		return adminProblem(err, "job")
	}
	return c.JSON(toJob(im))
}

// exportCSV streams every product, so a large catalog never sits in memory.
func (a *API) exportCSV(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="products-`+time.Now().UTC().Format("20060102-150405")+`.csv"`)
	ctx := c.UserContext()
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		if err := a.svc.Export(ctx, w); err != nil {
			_, _ = w.WriteString("\n# export failed: " + err.Error() + "\n")
		}
		_ = w.Flush()
	})
	return nil
}
