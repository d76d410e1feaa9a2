// Package archcheck enforces the module boundaries of ARCHITECTURE.md that the
// compiler cannot: modules meet only at their root packages, platform knows no
// module, and every module's tables carry its prefix.
package archcheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Violation is one broken rule, with the file and line that breaks it.
type Violation struct {
	File   string // slash-separated, relative to the repository root
	Line   int
	Rule   string
	Detail string
}

func (v Violation) String() string {
	return fmt.Sprintf("%s:%d: [%s] %s", v.File, v.Line, v.Rule, v.Detail)
}

const (
	ruleModuleImport   = "module-import"   // modules/<m> reaches modules/<n> only via its root (in tests also <n>test, or module to boot the real thing)
	rulePlatformImport = "platform-import" // platform/ imports no module and no app
	ruleTablePrefix    = "table-prefix"    // module <m> names its tables <m>_*
)

// Check walks the repository rooted at root (the folder holding go.mod) and
// returns every violation, sorted by file and line.
func Check(root string) ([]Violation, error) {
	mod, err := modulePath(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, err
	}
	var out []Violation
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (name == "testdata" || name == "node_modules" || name == "webapp" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		var found []Violation
		switch parts := strings.Split(rel, "/"); {
		case strings.HasSuffix(rel, ".go"):
			found, err = checkGo(path, rel, mod)
		case parts[0] == "migrations" && len(parts) >= 3 && strings.HasSuffix(rel, ".sql"):
			found, err = checkMigration(path, rel, parts[1]) // migrations/<m>/**.sql, "platform" included
		}
		out = append(out, found...)
		return err
	})
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule+a.Detail < b.Rule+b.Detail
	})
	return out, err
}

func modulePath(gomod string) (string, error) {
	data, err := os.ReadFile(gomod)
	if err != nil {
		return "", err
	}
	for line := range strings.Lines(string(data)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`), nil
		}
	}
	return "", fmt.Errorf("%s: no module directive", gomod)
}

// checkGo applies the import rules to Go files under modules/ and platform/,
// and the table-prefix rule to files of a module's store packages (any folder
// named store below modules/<m>/, e.g. internal/store).
func checkGo(path, rel, mod string) ([]Violation, error) {
	parts := strings.Split(rel, "/")
	module := ""
	if parts[0] == "modules" && len(parts) >= 3 {
		module = parts[1]
	}
	if module == "" && parts[0] != "platform" {
		return nil, nil
	}
	store := module != "" && slices.Contains(parts[2:len(parts)-1], "store")
	mode := parser.ImportsOnly
	if store {
		mode = parser.SkipObjectResolution
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, mode)
	if err != nil {
		return nil, err
	}

	var out []Violation
	add := func(line int, rule, format string, args ...any) {
		out = append(out, Violation{File: rel, Line: line, Rule: rule, Detail: fmt.Sprintf(format, args...)})
	}
	isTest := strings.HasSuffix(rel, "_test.go")
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if module == "" { // platform
			if under(p, mod+"/modules") || under(p, mod+"/app") {
				add(fset.Position(imp.Pos()).Line, rulePlatformImport, "imports %q: platform must not depend on modules or app", p)
			}
			continue
		}
		rest, ok := strings.CutPrefix(p, mod+"/modules/")
		if !ok {
			continue
		}
		other, sub, _ := strings.Cut(rest, "/")
		// Tests may also use the neighbour's fake, or boot the real neighbour
		// through its public fx wiring: neither reaches its internals.
		if other == module || sub == "" || isTest && (sub == other+"test" || sub == "module") {
			continue
		}
		add(fset.Position(imp.Pos()).Line, ruleModuleImport, "imports %q: another module is reached only through its root package %q (in _test.go files also its fake %s/%stest or its module package)",
			p, mod+"/modules/"+other, mod+"/modules/"+other, other)
	}
	if store {
		for _, t := range storeTables(fset, f) {
			if !strings.HasPrefix(strings.ToLower(t.name), module+"_") {
				add(t.line, ruleTablePrefix, "%s %q: tables of module %s must be named %s_*", t.how, t.name, module, module)
			}
		}
	}
	return out, nil
}

// under reports whether import path p is pkg or a package below it.
func under(p, pkg string) bool { return p == pkg || strings.HasPrefix(p, pkg+"/") }

type goTable struct {
	name, how string
	line      int
}

// messageMethods take human text, not SQL: "load from cache: %w" names no table.
var messageMethods = map[string]bool{
	"Errorf": true, "Fatal": true, "Fatalf": true, "Log": true, "Logf": true, "Skip": true, "Skipf": true, "Run": true,
	"Print": true, "Printf": true, "Println": true, "Panic": true, "Panicf": true,
	"Debug": true, "Info": true, "Warn": true, "Error": true,
	"DebugContext": true, "InfoContext": true, "WarnContext": true, "ErrorContext": true,
}

// storeTables finds the table names a store file uses: string literals returned
// by TableName methods, the literal argument of .Table(...), and tables named in
// SQL held by any other string literal (or constant "..." + "..." concatenation).
// Struct tags and the text arguments of error, log and test calls are not SQL.
func storeTables(fset *token.FileSet, f *ast.File) []goTable {
	var out []goTable
	notSQL := map[ast.Node]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			if n.Tag != nil {
				notSQL[n.Tag] = true
			}
		case *ast.FuncDecl:
			if n.Recv != nil && n.Name.Name == "TableName" && n.Body != nil {
				ast.Inspect(n.Body, func(m ast.Node) bool {
					if ret, ok := m.(*ast.ReturnStmt); ok {
						for _, r := range ret.Results {
							if s, ok := stringLit(r); ok {
								out = append(out, goTable{s, "TableName() returns", fset.Position(r.Pos()).Line})
							}
						}
					}
					return true
				})
			}
		case *ast.CallExpr:
			sel, isSel := n.Fun.(*ast.SelectorExpr)
			if isMessageCall(n) {
				for _, a := range n.Args {
					notSQL[a] = true
				}
			} else if isSel && sel.Sel.Name == "Table" && len(n.Args) > 0 {
				// Table("catalog_products AS p"); a "(subquery) AS x" is left to the SQL scan.
				if s, ok := stringLit(n.Args[0]); ok {
					if name, schema, _, _, ok := tableAt(tokenize(s), 0); ok && !systemTable(schema, name) {
						out = append(out, goTable{name, "Table() names", fset.Position(n.Args[0].Pos()).Line})
					}
				}
			}
		case *ast.BinaryExpr, *ast.BasicLit:
			lits, ok := stringLeaves(n.(ast.Expr))
			if !ok {
				return true // "... FROM " + table: its literals are scanned one by one
			}
			if !notSQL[n] {
				out = append(out, sqlInLiterals(fset, lits)...)
			}
			return false
		}
		return true
	})
	return out
}

func isMessageCall(c *ast.CallExpr) bool {
	switch fun := c.Fun.(type) {
	case *ast.Ident:
		return fun.Name == "panic"
	case *ast.SelectorExpr:
		if x, ok := fun.X.(*ast.Ident); ok && x.Name == "errors" {
			return true
		}
		return messageMethods[fun.Sel.Name]
	}
	return false
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// stringLeaves returns the literals of a constant string expression "a" + `b`.
func stringLeaves(e ast.Expr) ([]*ast.BasicLit, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		return []*ast.BasicLit{e}, e.Kind == token.STRING
	case *ast.ParenExpr:
		return stringLeaves(e.X)
	case *ast.BinaryExpr:
		x, okx := stringLeaves(e.X)
		y, oky := stringLeaves(e.Y)
		return append(x, y...), e.Op == token.ADD && okx && oky
	}
	return nil, false
}

// sqlInLiterals scans the concatenated literals as one SQL text and maps each
// table back to the source line it sits on (raw strings may span lines).
func sqlInLiterals(fset *token.FileSet, lits []*ast.BasicLit) []goTable {
	var sql strings.Builder
	starts := make([]int, len(lits))
	for i, lit := range lits {
		starts[i] = sql.Len()
		s, _ := stringLit(lit)
		sql.WriteString(s)
	}
	text := sql.String()
	var out []goTable
	for _, ref := range sqlTables(text) {
		i := sort.SearchInts(starts, ref.Offset+1) - 1
		line := fset.Position(lits[i].Pos()).Line
		if strings.HasPrefix(lits[i].Value, "`") { // a "..." literal sits on one line whatever its \n escapes
			line += strings.Count(text[starts[i]:ref.Offset], "\n")
		}
		out = append(out, goTable{ref.Name, "SQL uses table", line})
	}
	return out
}

// checkMigration requires every table in migrations/<m>/**.sql to be named <m>_*.
func checkMigration(path, rel, module string) ([]Violation, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sql := string(data)
	var out []Violation
	for _, ref := range sqlTables(sql) {
		if !strings.HasPrefix(strings.ToLower(ref.Name), module+"_") {
			out = append(out, Violation{
				File: rel, Line: strings.Count(sql[:ref.Offset], "\n") + 1, Rule: ruleTablePrefix,
				Detail: fmt.Sprintf("migration uses table %q: tables of %s must be named %s_*", ref.Name, module, module),
			})
		}
	}
	return out, nil
}
