package k8s_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"
)

// setting is one environment variable a process's Config reads, as declared
// by its caarlos0/env struct tag.
type setting struct {
	name       string
	required   bool
	hasDefault bool
}

// processConfigs maps each command of the workspace (the folder name under
// <module>/cmd/, which is also its Deployment's name) to the settings of the
// Config type its main passes to config.Load. Reading them from the Go types
// keeps the manifests' checks true as the configs grow.
var processConfigs = sync.OnceValues(loadProcessConfigs)

func settingsOf(t *testing.T) map[string][]setting {
	t.Helper()
	cfgs, err := processConfigs()
	require.NoError(t, err)
	return cfgs
}

func loadProcessConfigs() (map[string][]setting, error) {
	root, err := workspaceRoot()
	if err != nil {
		return nil, err
	}
	mains, err := filepath.Glob(filepath.Join(root, "*", "cmd", "*", "main.go"))
	if err != nil || len(mains) == 0 {
		return nil, fmt.Errorf("no */cmd/*/main.go under %s", root)
	}
	patterns := make([]string, 0, len(mains))
	for _, m := range mains {
		rel, err := filepath.Rel(root, filepath.Dir(m))
		if err != nil {
			return nil, err
		}
		patterns = append(patterns, "./"+filepath.ToSlash(rel))
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Dir:  root,
	}, patterns...)
	if err != nil {
		return nil, err
	}
	out := map[string][]setting{}
	for _, pkg := range pkgs {
		if len(pkg.Errors) > 0 {
			return nil, fmt.Errorf("load %s: %v", pkg.PkgPath, pkg.Errors)
		}
		cfg, err := loadedConfig(pkg)
		if err != nil {
			return nil, err
		}
		var settings []setting
		collect(cfg, "", &settings)
		out[filepath.Base(pkg.PkgPath)] = settings
	}
	return out, nil
}

// loadedConfig finds the type argument of the config.Load[T] call in a main
// package: the Config the process really reads.
func loadedConfig(pkg *packages.Package) (types.Type, error) {
	var found types.Type
	for _, file := range pkg.Syntax {
		ast.Inspect(file, func(n ast.Node) bool {
			idx, ok := n.(*ast.IndexExpr)
			if !ok {
				return true
			}
			sel, ok := idx.X.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Load" {
				return true
			}
			if fn, ok := pkg.TypesInfo.Uses[sel.Sel].(*types.Func); ok && fn.Pkg().Path() == "lms/shared/config" {
				found = pkg.TypesInfo.Types[idx.Index].Type
			}
			return true
		})
	}
	if found == nil {
		return nil, fmt.Errorf("%s: no config.Load[Config]() call in its main package", pkg.PkgPath)
	}
	return found, nil
}

// collect walks a Config struct the way caarlos0/env does: a field with an env
// name is a setting; a struct field without one is descended into, its
// envPrefix prepended.
func collect(t types.Type, prefix string, out *[]setting) {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if !f.Exported() {
			continue
		}
		tag := reflect.StructTag(st.Tag(i))
		name, opts, _ := strings.Cut(tag.Get("env"), ",")
		if name != "" {
			flags := strings.Split(opts, ",")
			_, hasDefault := tag.Lookup("envDefault")
			*out = append(*out, setting{
				name:       prefix + name,
				required:   slices.Contains(flags, "required") || slices.Contains(flags, "notEmpty"),
				hasDefault: hasDefault,
			})
			continue
		}
		collect(f.Type(), prefix+tag.Get("envPrefix"), out)
	}
}

func workspaceRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.work above the test's folder")
		}
		dir = parent
	}
}

// TestConfigsAreRead guards the derivation itself: every process has settings,
// and the ones every process shares are found, prefixes and nesting included.
func TestConfigsAreRead(t *testing.T) {
	t.Parallel()
	cfgs := settingsOf(t)
	for _, name := range []string{"iam", "gateway", "course", "assessment", "worker"} {
		require.Contains(t, cfgs, name)
	}
	for name, settings := range cfgs {
		names := make([]string, 0, len(settings))
		for _, s := range settings {
			names = append(names, s.name)
		}
		require.Contains(t, names, "HTTP_ADDR", name)
		require.Contains(t, names, "LOG_LEVEL", name, "nested logging.Config must be followed")
	}
	require.Contains(t, cfgs["course"], setting{name: "POSTGRES_URL", required: true})
}
