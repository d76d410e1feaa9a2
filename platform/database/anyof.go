package database

import (
	"encoding/json"

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
	values = append([]string{}, values...) // no values: an empty list, not NULL
	if Dialect(db) == Postgres {
		// A pointer is one parameter to gorm (it spreads a slice into a
		// list), and pgx encodes the []string behind it as a binary text[].
		// A driver.Valuer would be worse: pgx would parse the array text it
		// returns before encoding it (~6 % of the cart's CPU under load).
		return clause.Expr{SQL: column + " = ANY(?)", Vars: []any{&values}}
	}
	raw, _ := json.Marshal(values)
	return clause.Expr{SQL: column + " IN (SELECT value FROM json_each(?))", Vars: []any{string(raw)}}
}
