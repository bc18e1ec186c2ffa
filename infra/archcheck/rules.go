// Package archcheck holds the dependency rule of the LMS as a check: in
// each service, domain imports only the standard library, lms/shared/errs,
// lms/shared/role, lms/shared/caller and its own service's domain; app
// imports no adapter, transport or SDK; adapters and transport do not
// import each other; and no service imports
// another service's packages. `./task lint` (and `./task test`) run it over
// the whole workspace.
package archcheck

import (
	"fmt"
	"slices"
	"strings"
)

// Package is one package and the packages it imports directly.
type Package struct {
	Path    string
	Imports []string
}

// services are the modules with the hexagonal shape.
var services = []string{"iam", "gateway", "course", "assessment"}

// domainShared are the shared packages a domain may import: classified
// errors, the role names and the caller, all free of any dependency.
var domainShared = []string{"lms/shared/errs", "lms/shared/role", "lms/shared/caller"}

// sdks are the libraries app code reaches only through ports.
var sdks = []string{
	"github.com/uptrace/bun", "github.com/gin-gonic/gin", "github.com/confluentinc/confluent-kafka-go",
	"go.temporal.io/", "go.mongodb.org/", "google.golang.org/grpc", "database/sql", "net/http",
}

// layer names where a package of a service sits: its service and its layer
// (domain, app, adapters, transport, or "" for the rest).
func layer(path string) (service, name string) {
	parts := strings.Split(path, "/")
	if len(parts) < 2 || parts[0] != "lms" || !slices.Contains(services, parts[1]) {
		return "", ""
	}
	if len(parts) >= 4 && parts[2] == "internal" {
		return parts[1], parts[3]
	}
	return parts[1], ""
}

func std(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".") && first != "lms"
}

// Violations lists every import that breaks the rule, one line each.
func Violations(pkgs []Package) []string {
	var out []string
	for _, p := range pkgs {
		svc, l := layer(p.Path)
		if svc == "" {
			continue
		}
		for _, imp := range p.Imports {
			if why := broken(svc, l, imp); why != "" {
				out = append(out, fmt.Sprintf("%s imports %s: %s", p.Path, imp, why))
			}
		}
	}
	slices.Sort(out)
	return out
}

func broken(svc, l, imp string) string {
	isvc, il := layer(imp)
	switch {
	case isvc != "" && isvc != svc:
		return "a service never imports another service's packages"
	case l == "domain" && !std(imp) && !slices.Contains(domainShared, imp) && (isvc != svc || il != "domain"):
		return "domain imports only the standard library, lms/shared/errs, lms/shared/role, lms/shared/caller and its own domain"
	case l == "app" && (il == "adapters" || il == "transport" || il == "service"):
		return "app never imports adapters, transport or the wiring"
	case l == "app" && slices.ContainsFunc(sdks, func(s string) bool { return strings.HasPrefix(imp, s) }):
		return "app reaches SDKs only through its ports"
	case l == "adapters" && il == "transport", l == "transport" && il == "adapters":
		return "adapters and transport never import each other"
	}
	return ""
}
