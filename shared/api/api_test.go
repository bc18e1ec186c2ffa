package api_test

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"

	"lms/shared/api"
)

// TestContract_IsAValidOpenAPIDocument loads the contract with a real OpenAPI
// loader and validates it: every $ref resolves, every schema is well formed.
func TestContract_IsAValidOpenAPIDocument(t *testing.T) {
	t.Parallel()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.YAML())
	require.NoError(t, err)
	require.NoError(t, doc.Validate(t.Context()))
	require.Equal(t, "3.1.0", doc.OpenAPI)
}

func TestContract_EveryOperationDocumentsItsErrors(t *testing.T) {
	t.Parallel()
	doc, err := api.Parse()
	require.NoError(t, err)
	loader := openapi3.NewLoader()
	full, err := loader.LoadFromData(api.YAML())
	require.NoError(t, err)
	for path := range doc.Paths {
		item := full.Paths.Find(path)
		require.NotNil(t, item, path)
		for method, op := range item.Operations() {
			require.NotNilf(t, op.Responses, "%s %s", method, path)
			require.NotEmptyf(t, op.Responses.Map(), "%s %s has no responses", method, path)
		}
	}
}
