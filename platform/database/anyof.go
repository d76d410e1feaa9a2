package database

import (
	"database/sql/driver"
	"encoding/json"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// AnyOf is "column IN values" with one statement text whatever the number
// of values. gorm writes an IN list as a placeholder per value, so each
// length is a new statement: pgx prepares it (a round trip) and PostgreSQL
// parses and plans it, which for the cart's batches of adds was about a
// third of PostgreSQL's time. PostgreSQL: column = ANY(?) with one text[]
// parameter; SQLite: column IN (SELECT value FROM json_each(?)). No values
// match no row.
func AnyOf(db *gorm.DB, column string, values []string) clause.Expr {
	if Dialect(db) == Postgres {
		return clause.Expr{SQL: column + " = ANY(?)", Vars: []any{textArray(values)}}
	}
	raw, _ := json.Marshal(append([]string{}, values...)) // [] rather than null for none
	return clause.Expr{SQL: column + " IN (SELECT value FROM json_each(?))", Vars: []any{string(raw)}}
}

// textArray is a text[] parameter in PostgreSQL's array syntax. As a
// driver.Valuer it is one parameter: gorm spreads a plain slice into a list.
type textArray []string

var arrayEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

func (a textArray) Value() (driver.Value, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, s := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(arrayEscaper.Replace(s))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String(), nil
}
