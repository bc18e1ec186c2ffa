package jsontext

import (
	"encoding/json"
	"errors"
	"strings"
)

// Field names the field a decoding error of encoding/json is about, or ""
// when it names none: the field whose value has the wrong type, or an
// unknown field (refused by DisallowUnknownFields).
func Field(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return typeErr.Field
	}
	// encoding/json has no type for an unknown field; its message is
	// `json: unknown field "name"`.
	if _, name, ok := strings.Cut(err.Error(), `json: unknown field "`); ok {
		return strings.TrimSuffix(name, `"`)
	}
	return ""
}
