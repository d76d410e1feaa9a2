package archcheck

import "strings"

// tableRef is an application table named in SQL text, at byte offset Offset of that text.
type tableRef struct {
	Name   string // unquoted, without schema qualifier
	Offset int
}

// lexeme is an identifier (bare or quoted) or a single byte of punctuation.
// Comments and '...' string literals are dropped, so "-- +goose Up" or
// 'from x' never look like SQL.
type lexeme struct {
	text   string
	off    int
	ident  bool
	quoted bool
}

// is reports whether l is one of the bare (unquoted) keywords kws.
func (l lexeme) is(kws ...string) bool {
	if !l.ident || l.quoted {
		return false
	}
	for _, kw := range kws {
		if strings.EqualFold(l.text, kw) {
			return true
		}
	}
	return false
}

func (l lexeme) punct(s string) bool { return !l.ident && l.text == s }

func tokenize(sql string) []lexeme {
	var out []lexeme
	skipTo := func(i int, end string) int { // index just past end, or len(sql)
		if j := strings.Index(sql[i:], end); j >= 0 {
			return i + j + len(end)
		}
		return len(sql)
	}
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case strings.HasPrefix(sql[i:], "--"):
			i = skipTo(i, "\n")
		case strings.HasPrefix(sql[i:], "/*"):
			i = skipTo(i+2, "*/")
		case c == '\'': // 'it''s' lexes as two adjacent literals, both dropped
			i = skipTo(i+1, "'")
		case c == '"' || c == '`':
			end := skipTo(i+1, string(c))
			out = append(out, lexeme{text: strings.TrimSuffix(sql[i+1:end], string(c)), off: i, ident: true, quoted: true})
			i = end
		case isIdentByte(c) && c != '$' && !('0' <= c && c <= '9'):
			j := i + 1
			for j < len(sql) && isIdentByte(sql[j]) {
				j++
			}
			out = append(out, lexeme{text: sql[i:j], off: i, ident: true})
			i = j
		default: // punctuation, digits, placeholders ($1, ?, %s) are never names
			out = append(out, lexeme{text: sql[i : i+1], off: i})
			i++
		}
	}
	return out
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9'
}

// sqlTables returns the tables that sql creates, alters, reads or writes: the
// names after FROM, JOIN, INTO, UPDATE, TABLE, REFERENCES and CREATE INDEX ... ON.
// It is a scanner, not a parser; it leaves out what is not a table: subqueries,
// table functions, CTE names, system catalogs, FROM inside EXTRACT(...) and
// similar, SELECT ... INTO variable, and UPDATE in row locks (FOR UPDATE),
// upserts (DO UPDATE SET), FK actions (ON UPDATE) and trigger events.
func sqlTables(sql string) []tableRef {
	toks := tokenize(sql)
	at := func(i int) lexeme {
		if i >= 0 && i < len(toks) {
			return toks[i]
		}
		return lexeme{}
	}
	ctes := cteNames(toks)
	inExpr := exprParens(toks)

	var refs []tableRef
	for i, t := range toks {
		var ok, list bool
		switch {
		case t.is("FROM"):
			ok = !inExpr[i] && !at(i-1).is("DISTINCT") // EXTRACT(YEAR FROM x), a IS DISTINCT FROM b
			list = true                                // FROM a x, b y
		case t.is("TABLE"):
			ok = !at(i-1).is("NEW", "OLD") // a trigger's REFERENCING NEW TABLE AS x names a transition table
		case t.is("JOIN", "REFERENCES"):
			ok = true
		case t.is("INTO"):
			ok = at(i-1).is("INSERT", "REPLACE", "MERGE", "IGNORE", "ABORT", "FAIL", "ROLLBACK")
		case t.is("UPDATE"):
			ok = !at(i-1).is("FOR", "KEY", "DO", "ON", "OR", "OF", "BEFORE", "AFTER")
		case t.is("ON"):
			ok = onIndex(toks, i)
		}
		for j := i + 1; ok; {
			name, schema, off, next, found := tableAt(toks, j)
			if !found || t.is("FROM", "JOIN") && at(next).punct("(") { // generate_series(...) is a function
				break
			}
			if !ctes[strings.ToLower(name)] && !systemTable(schema, name) {
				refs = append(refs, tableRef{Name: name, Offset: off})
			}
			if at(next).is("AS") { // skip the alias, then look for ", next_table"
				next += 2
			} else if at(next).ident {
				next++
			}
			ok = list && at(next).punct(",")
			j = next + 1
		}
	}
	return refs
}

// tableAt reads a possibly schema-qualified name at toks[i], after optional
// IF [NOT] EXISTS / ONLY / LATERAL; next is the index just after the name.
func tableAt(toks []lexeme, i int) (name, schema string, off, next int, ok bool) {
	for i < len(toks) && toks[i].is("IF", "NOT", "EXISTS", "ONLY", "LATERAL") {
		i++
	}
	if i >= len(toks) || !toks[i].ident || toks[i].is("SET", "ON", "OF", "SELECT", "VALUES") {
		return "", "", 0, i, false
	}
	name, off, i = toks[i].text, toks[i].off, i+1
	for i+1 < len(toks) && toks[i].punct(".") && toks[i+1].ident {
		schema, name, off, i = name, toks[i+1].text, toks[i+1].off, i+2
	}
	return name, schema, off, i, true
}

func systemTable(schema, name string) bool {
	schema, name = strings.ToLower(schema), strings.ToLower(name)
	return schema == "pg_catalog" || schema == "information_schema" ||
		strings.HasPrefix(name, "sqlite_") || strings.HasPrefix(name, "pg_")
}

// cteNames collects the names declared by WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (...), ...
func cteNames(toks []lexeme) map[string]bool {
	names := map[string]bool{}
	at := func(i int) lexeme {
		if i < len(toks) {
			return toks[i]
		}
		return lexeme{}
	}
	for i, t := range toks {
		if !t.is("WITH") {
			continue
		}
		j := i + 1
		if at(j).is("RECURSIVE") {
			j++
		}
		for at(j).ident {
			name := at(j).text
			if j++; at(j).punct("(") {
				j = skipParens(toks, j)
			}
			if !at(j).is("AS") {
				break // e.g. TIMESTAMP WITH TIME ZONE
			}
			for j++; at(j).is("NOT", "MATERIALIZED"); j++ {
			}
			if !at(j).punct("(") {
				break
			}
			names[strings.ToLower(name)] = true
			if j = skipParens(toks, j); !at(j).punct(",") {
				break
			}
			j++
		}
	}
	return names
}

// skipParens returns the index just past the parenthesis group opening at toks[i].
func skipParens(toks []lexeme, i int) int {
	depth := 0
	for ; i < len(toks); i++ {
		switch {
		case toks[i].punct("("):
			depth++
		case toks[i].punct(")"):
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return i
}

// exprParens marks tokens whose innermost enclosing parentheses are not a
// subquery, so FROM there belongs to EXTRACT(YEAR FROM x), SUBSTRING(s FROM 2)...
func exprParens(toks []lexeme) []bool {
	in := make([]bool, len(toks))
	var stack []bool // per open paren: true unless it opens a subquery
	for i, t := range toks {
		if len(stack) > 0 {
			in[i] = stack[len(stack)-1]
		}
		switch {
		case t.punct("("):
			sub := i+1 < len(toks) && toks[i+1].is("SELECT", "WITH", "VALUES")
			stack = append(stack, !sub)
		case t.punct(")") && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	return in
}

// onIndex reports whether the ON at toks[i] closes
// CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name]: only words lie between.
func onIndex(toks []lexeme, i int) bool {
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if toks[j].is("INDEX") {
			return true
		}
		if !toks[j].ident && !toks[j].punct(".") {
			return false
		}
	}
	return false
}
