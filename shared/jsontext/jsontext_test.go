package jsontext_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/errs"
	"lms/shared/jsontext"
)

func TestCheck(t *testing.T) {
	t.Parallel()
	refused := []struct {
		name, body, field string
	}{
		{"a NUL escape in a top-level value", `{"title":"a\u0000b"}`, "title"},
		{"a NUL escape in a nested array element", `{"questions":[{"text":"ok"},{"options":[{"text":"x"},{"text":"\u0000"}]}]}`, "questions[1].options[1].text"},
		{"a NUL escape in a key", `{"ti\u0000tle":"x"}`, "ti\x00tle"},
		{"invalid UTF-8 in a value", "{\"a\":1,\"display_name\":\"Ana \xff\"}", "display_name"},
		{"invalid UTF-8 after nested values", "{\"a\":{\"b\":[1,2]},\"c\":[\"ok\",\"\xc3\x28\"]}", "c[1]"},
		{"invalid UTF-8 in a key", "{\"k\xff\":1}", "k\uFFFD"},
		{"a NUL escape in a bare string", `"\u0000"`, "(body)"},
	}
	for _, tc := range refused {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			t.Parallel()
			err := jsontext.Check([]byte(tc.body))
			require.ErrorIs(t, err, jsontext.ErrInvalidText)
			e, ok := errs.As(err)
			require.True(t, ok)
			require.Equal(t, errs.InvalidArgument, e.Kind)
			require.Equal(t, tc.field, e.Fields["field"])
		})
	}
	accepted := []struct{ name, body string }{
		{"plain text", `{"title":"Algebra I","n":[1,2,{"x":null}]}`},
		{"an escaped backslash before u0000", `{"title":"C:\\u0000"}`},
		{"other escapes and non-ASCII", `{"title":"Ünïcødé \u00e9 \t ✓ 😀"}`},
		{"a body that is not JSON (the decoder answers it)", `{"title":`},
	}
	for _, tc := range accepted {
		t.Run("accepts "+tc.name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, jsontext.Check([]byte(tc.body)))
		})
	}
}

func TestField(t *testing.T) {
	t.Parallel()
	type body struct {
		Title    string `json:"title"`
		Settings struct {
			Minutes int `json:"minutes"`
		} `json:"settings"`
	}
	decode := func(s string) error {
		dec := json.NewDecoder(strings.NewReader(s))
		dec.DisallowUnknownFields()
		var b body
		return dec.Decode(&b)
	}
	require.Equal(t, "title", jsontext.Field(decode(`{"title":5}`)))
	require.Equal(t, "settings.minutes", jsontext.Field(decode(`{"settings":{"minutes":"ten"}}`)))
	require.Equal(t, "admin", jsontext.Field(decode(`{"title":"a","admin":true}`)))
	require.Empty(t, jsontext.Field(decode(`{"title":`)), "a syntax error names no field")
}
