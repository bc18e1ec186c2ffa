package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/api"
)

// keyFields are the names that carry an answer key or another user's id.
var keyFields = []string{"correct", "accepted_answers", "pattern", "value", "tolerance", "student_id", "author_id", "graded_by",
	"pairs", "distractors", "correct_order", "case_sensitive", "trim"}

// schemas returns the contract's component schemas as plain JSON values.
func schemas(t *testing.T) map[string]any {
	t.Helper()
	b, err := api.JSON()
	require.NoError(t, err)
	var doc struct {
		Components struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	require.NotEmpty(t, doc.Components.Schemas)
	return doc.Components.Schemas
}

// fieldsOf walks a schema through its $refs, subschemas, items and values and
// reports every property name it can carry, and every object schema that
// accepts properties it does not name.
func fieldsOf(all map[string]any, s any, seen map[string]bool, fields map[string]string, open *[]string, where string) {
	m, ok := s.(map[string]any)
	if !ok {
		return
	}
	if ref, ok := m["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		if !seen[name] {
			seen[name] = true
			fieldsOf(all, all[name], seen, fields, open, name)
		}
	}
	if props, ok := m["properties"].(map[string]any); ok {
		if m["additionalProperties"] != false {
			*open = append(*open, where)
		}
		for name, p := range props {
			fields[name] = where
			fieldsOf(all, p, seen, fields, open, where+"."+name)
		}
	}
	if ap, ok := m["additionalProperties"].(map[string]any); ok {
		fieldsOf(all, ap, seen, fields, open, where+"{}")
	}
	fieldsOf(all, m["items"], seen, fields, open, where+"[]")
	for _, k := range []string{"oneOf", "anyOf", "allOf"} {
		list, _ := m[k].([]any)
		for _, sub := range list {
			fieldsOf(all, sub, seen, fields, open, where)
		}
	}
}

// TestContract_StudentShapesCannotCarryTheKey walks every schema a student
// receives: none names a field of the answer key or another user's id, and
// each is closed (additionalProperties: false), so a field the contract does
// not list cannot appear either.
func TestContract_StudentShapesCannotCarryTheKey(t *testing.T) {
	t.Parallel()
	all := schemas(t)
	students := 0
	for name := range all {
		if !strings.HasPrefix(name, "Student") {
			continue
		}
		students++
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fields, open := map[string]string{}, []string{}
			fieldsOf(all, map[string]any{"$ref": "#/components/schemas/" + name}, map[string]bool{}, fields, &open, name)
			for _, f := range keyFields {
				where, found := fields[f]
				require.Falsef(t, found, "%s can carry %q (in %s)", name, f, where)
			}
			require.Emptyf(t, open, "%s has open objects", name)
		})
	}
	require.GreaterOrEqual(t, students, 4, "the student shapes are named Student*")
}

// TestContract_TeacherShapesCarryTheKey guards the walk above: the teacher's
// shapes, which it must tell apart, do reach the key.
func TestContract_TeacherShapesCarryTheKey(t *testing.T) {
	t.Parallel()
	all := schemas(t)
	for _, name := range []string{"TeacherTest", "TeacherAttempt"} {
		fields, open := map[string]string{}, []string{}
		fieldsOf(all, map[string]any{"$ref": "#/components/schemas/" + name}, map[string]bool{}, fields, &open, name)
		for _, f := range []string{"correct", "accepted_answers", "pattern", "value", "tolerance", "pairs", "distractors", "correct_order"} {
			require.Containsf(t, fields, f, "%s reaches %q", name, f)
		}
	}
}
