// Package config loads a service's Config struct from the environment
// (github.com/caarlos0/env tags) and validates it, so a bad setting stops the
// process at start-up with a message that names the variable.
package config

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/caarlos0/env/v11"
)

// Validator is implemented by configs with rules beyond their tags. Validate
// returns an error naming the offending environment variable.
type Validator interface {
	Validate() error
}

// Load fills a T from the environment and validates it.
func Load[T any]() (T, error) {
	return LoadFrom[T](nil)
}

// LoadFrom is Load over an explicit environment (nil means the process's).
func LoadFrom[T any](environ map[string]string) (T, error) {
	var cfg T
	opts := env.Options{Environment: environ}
	if err := env.ParseWithOptions(&cfg, opts); err != nil {
		return cfg, fmt.Errorf("config: %s", describe(err, keysByField(reflect.TypeFor[T](), "")))
	}
	if v, ok := any(&cfg).(Validator); ok {
		if err := v.Validate(); err != nil {
			return cfg, fmt.Errorf("config: %w", err)
		}
	}
	return cfg, nil
}

// describe turns env's aggregate error into one message per bad variable; env
// names a field that failed to parse by its Go name, so keys maps it back to
// the variable.
func describe(err error, keys map[string]string) string {
	var agg env.AggregateError
	if !errors.As(err, &agg) {
		return err.Error()
	}
	msgs := make([]string, 0, len(agg.Errors))
	for _, e := range agg.Errors {
		var pe env.ParseError
		if errors.As(e, &pe) && keys[pe.Name] != "" {
			msgs = append(msgs, fmt.Sprintf("environment variable %s: %v", keys[pe.Name], pe.Err))
			continue
		}
		msgs = append(msgs, e.Error())
	}
	return strings.Join(msgs, "; ")
}

// keysByField maps struct field names to their environment variables,
// following nested structs and their envPrefix tags.
func keysByField(t reflect.Type, prefix string) map[string]string {
	keys := map[string]string{}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return keys
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if key, _, _ := strings.Cut(f.Tag.Get("env"), ","); key != "" {
			keys[f.Name] = prefix + key
		}
		if ft := f.Type; ft.Kind() == reflect.Struct || (ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct) {
			for name, key := range keysByField(ft, prefix+f.Tag.Get("envPrefix")) {
				keys[name] = key
			}
		}
	}
	return keys
}

// Invalid returns a validation error naming the variable and why it is wrong.
func Invalid(variable, reason string) error {
	return fmt.Errorf("environment variable %s: %s", variable, reason)
}
