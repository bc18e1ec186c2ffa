// Package api holds the LMS's public REST contract, openapi.yaml (OpenAPI
// 3.1), which the gateway serves at /api/v1/openapi.json and its tests hold
// the routes to.
package api

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"go.yaml.in/yaml/v3"
)

//go:embed openapi.yaml
var spec []byte

// YAML returns the contract as written.
func YAML() []byte { return spec }

// JSON returns the contract as JSON.
func JSON() ([]byte, error) {
	var doc any
	if err := yaml.Unmarshal(spec, &doc); err != nil {
		return nil, fmt.Errorf("openapi.yaml: %w", err)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("openapi.yaml to json: %w", err)
	}
	return b, nil
}

// Document is the part of the contract the route checks read.
type Document struct {
	OpenAPI string                                `json:"openapi"`
	Paths   map[string]map[string]json.RawMessage `json:"paths"`
	// Security is the document's default security requirement.
	Security []map[string][]string `json:"security"`
}

// Parse returns the contract's paths and operations.
func Parse() (Document, error) {
	b, err := JSON()
	if err != nil {
		return Document{}, err
	}
	var d Document
	if err := json.Unmarshal(b, &d); err != nil {
		return Document{}, fmt.Errorf("openapi.json: %w", err)
	}
	return d, nil
}
