package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v2"
)

var validate = func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	return v
}()

// Bind decodes the JSON body into v and checks its `validate` tags. A
// malformed body is a 400; a wrong type or a failed rule a 422 naming each
// field, in the field's JSON name.
func Bind(c *fiber.Ctx, v any) error {
	body := bytes.TrimSpace(c.Body())
	if len(body) == 0 {
		body = []byte("{}")
	}
	if err := json.Unmarshal(body, v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			if typeErr.Field == "" { // the body itself; the message would name our Go type
				return NewProblem(fiber.StatusBadRequest, "the body must be a "+jsonKind(typeErr.Type))
			}
			return Invalid(map[string]string{typeErr.Field: "must be a " + jsonKind(typeErr.Type)})
		}
		var timeErr *time.ParseError // encoding/json does not say which field held it
		if errors.As(err, &timeErr) {
			return NewProblem(fiber.StatusUnprocessableEntity,
				fmt.Sprintf("%q is not a date-time: send RFC 3339, like 2026-12-01T09:00:00Z", timeErr.Value))
		}
		return NewProblem(fiber.StatusBadRequest, "the body is not valid JSON: "+err.Error())
	}
	return Validate(v)
}

// Validate checks v's `validate` tags, answering 422 with one message per field.
func Validate(v any) error {
	err := validate.Struct(v)
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return err
	}
	fields := make(map[string]string, len(verrs))
	for _, fe := range verrs {
		name := fe.Namespace()
		if _, rest, ok := strings.Cut(name, "."); ok {
			name = rest // drop the struct's own name
		}
		fields[name] = message(fe)
	}
	return Invalid(fields)
}

func message(fe validator.FieldError) string {
	unit := ""
	if fe.Kind() == reflect.String {
		unit = " characters"
	} else if fe.Kind() == reflect.Slice {
		unit = " items"
	}
	switch fe.Tag() {
	case "required":
		return "is required"
	case "email":
		return "must be an email address"
	case "min":
		return fmt.Sprintf("must be at least %s%s", fe.Param(), unit)
	case "max":
		return fmt.Sprintf("must be at most %s%s", fe.Param(), unit)
	case "len":
		return fmt.Sprintf("must be exactly %s%s", fe.Param(), unit)
	case "oneof":
		return "must be one of: " + strings.Join(strings.Fields(fe.Param()), ", ")
	case "gte":
		return "must be at least " + fe.Param()
	case "lte":
		return "must be at most " + fe.Param()
	case "alpha":
		return "must contain letters only"
	case "unique":
		return "must not repeat values"
	}
	return "is invalid (" + fe.Tag() + ")"
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8,
		reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "whole number"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "list"
	}
	return "JSON object"
}
