package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// Operation is one method on one path of the contract.
type Operation struct {
	Method string
	// Path is the contract's template, with parameters as {name}.
	Path string
	// Bearer is true when the operation asks for a bearer access token,
	// itself or through the document's default security.
	Bearer bool
	// Statuses are the response codes the operation declares ("200",
	// "401", "default").
	Statuses []string
}

// Key is "METHOD /path", how routes are compared.
func (o Operation) Key() string { return o.Method + " " + o.Path }

// methods are the HTTP methods a path item can hold.
var methods = []string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
	http.MethodPatch, http.MethodDelete, http.MethodOptions, http.MethodTrace,
}

// operation is the part of an operation object OperationsUnder reads.
type operation struct {
	Security  *[]map[string][]string     `json:"security"`
	Responses map[string]json.RawMessage `json:"responses"`
}

// OperationsUnder returns the operations on prefix and on every path below
// it, so a service can hold its routes to the part of the contract it
// serves.
func (d Document) OperationsUnder(prefix string) ([]Operation, error) {
	var out []Operation
	for path, item := range d.Paths {
		if path != prefix && !strings.HasPrefix(path, prefix+"/") {
			continue
		}
		for key, raw := range item {
			method := strings.ToUpper(key)
			if !slices.Contains(methods, method) {
				continue
			}
			var op operation
			if err := json.Unmarshal(raw, &op); err != nil {
				return nil, fmt.Errorf("%s %s: %w", method, path, err)
			}
			security := d.Security
			if op.Security != nil {
				security = *op.Security
			}
			o := Operation{Method: method, Path: path, Bearer: asksFor(security, "bearer")}
			for status := range op.Responses {
				o.Statuses = append(o.Statuses, status)
			}
			slices.Sort(o.Statuses)
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b Operation) int { return strings.Compare(a.Key(), b.Key()) })
	return out, nil
}

// asksFor reports whether every alternative of a security requirement
// includes scheme, so no caller gets in without it.
func asksFor(requirements []map[string][]string, scheme string) bool {
	if len(requirements) == 0 {
		return false
	}
	for _, r := range requirements {
		if _, ok := r[scheme]; !ok {
			return false
		}
	}
	return true
}

// ginParam matches gin's ":name" and "*name" path parameters.
var ginParam = regexp.MustCompile(`[:*]([A-Za-z_][A-Za-z0-9_]*)`)

// TemplatePath writes a gin route path the way the contract does: ":id"
// becomes "{id}".
func TemplatePath(ginPath string) string { return ginParam.ReplaceAllString(ginPath, "{$1}") }
