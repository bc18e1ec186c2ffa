package events

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// typeConstants parses the package's sources and returns every Type* constant
// with its value, so a type added without registering it fails the test.
func typeConstants(t *testing.T) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	consts := map[string]string{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, 0)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			for i, name := range vs.Names {
				if !strings.HasPrefix(name.Name, "Type") || i >= len(vs.Values) {
					continue
				}
				lit, ok := vs.Values[i].(*ast.BasicLit)
				require.True(t, ok, "%s must be a string literal", name.Name)
				v, err := strconv.Unquote(lit.Value)
				require.NoError(t, err)
				consts[name.Name] = v
			}
			return true
		})
	}
	return consts
}

func TestSpecs_RegisterEveryTypeConstantOnce(t *testing.T) {
	t.Parallel()
	consts := typeConstants(t)
	require.NotEmpty(t, consts)

	seen := map[string]int{}
	for _, s := range specs {
		seen[s.typ]++
	}
	for name, typ := range consts {
		require.Equal(t, 1, seen[typ], "%s (%s) must be registered exactly once", name, typ)
		s, ok := Lookup(typ)
		require.True(t, ok)
		// The data type is named after its constant, so readers find one from the other.
		require.Equal(t, strings.TrimPrefix(name, "Type"), s.data.Name(), "data type of %s", name)
		require.True(t, strings.HasPrefix(typ, "lms."+strings.TrimPrefix(s.Source, "lms/")+"."), "%s must start with its source's context", typ)
		require.True(t, strings.HasSuffix(typ, ".v1"), "%s must carry its version", typ)
		require.Equal(t, s.data.Kind(), reflect.Struct)
	}
	require.Len(t, specs, len(consts), "every registered type must have its constant")
}

func TestNewOf_TakesTypeTopicAndSourceFromTheContract(t *testing.T) {
	t.Parallel()
	at := time.Date(2025, 3, 14, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	ev, err := NewOf("c1", "enrollment/e1", &EnrollmentActivated{EnrollmentID: "e1", CourseID: "c1", StudentID: "s1", ActivatedAt: at}, at)
	require.NoError(t, err)
	require.Equal(t, TypeEnrollmentActivated, ev.Type)
	require.Equal(t, TopicCourse, ev.Topic)
	require.Equal(t, SourceCourse, ev.Source)
	require.Equal(t, time.UTC, ev.Time.Location())
	require.NotEmpty(t, ev.ID)

	got, err := DataAs[EnrollmentActivated](ev)
	require.NoError(t, err)
	require.Equal(t, "s1", got.StudentID)
	_, err = DataAs[EnrollmentDropped](ev)
	require.Error(t, err, "decoding into the wrong data type must fail")

	_, err = NewOf("k", "s", struct{ X int }{1}, at)
	require.Error(t, err)
}
