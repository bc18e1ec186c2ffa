package telemetry

import (
	"fmt"

	temporalotel "go.temporal.io/sdk/contrib/opentelemetry"
	"go.temporal.io/sdk/interceptor"
)

// TemporalInterceptors returns the client interceptors that carry the trace
// through Temporal: a workflow start is a span whose context travels in the
// workflow's headers, and the workers created from the client (it acts as a
// worker interceptor too) continue it in the workflow and its activities.
// The SDK's interceptor keeps workflow code deterministic: it creates spans
// only outside replay. None with tracing off.
func TemporalInterceptors() ([]interceptor.ClientInterceptor, error) {
	if !Enabled() {
		return nil, nil
	}
	i, err := temporalotel.NewTracingInterceptor(temporalotel.TracerOptions{})
	if err != nil {
		return nil, fmt.Errorf("telemetry: temporal interceptor: %w", err)
	}
	return []interceptor.ClientInterceptor{i}, nil
}
