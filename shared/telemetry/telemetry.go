// Package telemetry sets up OpenTelemetry tracing for an LMS process and
// carries a trace across the LMS's hops: HTTP (servers and the gateway's
// proxy), gRPC, Temporal (workflow starts, workflows, activities) and Kafka
// (through the outbox rows and the CloudEvents traceparent attribute).
//
// Tracing is configured by OpenTelemetry's standard environment variables and
// is off unless an OTLP endpoint is named:
//
//	OTEL_EXPORTER_OTLP_ENDPOINT         http://collector:4318 (the /v1/traces path is added)
//	OTEL_EXPORTER_OTLP_TRACES_ENDPOINT  http://collector:4318/v1/traces (taken as is)
//	OTEL_SERVICE_NAME                   overrides the process's own name
//	OTEL_RESOURCE_ATTRIBUTES            deployment.environment=prod,...
//	OTEL_TRACES_SAMPLER(_ARG)           parentbased_traceidratio, 0.1 (default: parentbased_always_on)
//	OTEL_BSP_SCHEDULE_DELAY             how long spans wait in the batch before export (ms)
//	OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none turn it off again.
//
// Off, the process keeps OpenTelemetry's no-op provider and the helpers of
// this package hand back what they were given: no middleware, no interceptor,
// no cost.
package telemetry

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Requested reports whether the environment turns tracing on: an OTLP
// endpoint is named and the SDK is not disabled.
func Requested(getenv func(string) string) bool {
	if strings.EqualFold(strings.TrimSpace(getenv("OTEL_SDK_DISABLED")), "true") ||
		strings.EqualFold(strings.TrimSpace(getenv("OTEL_TRACES_EXPORTER")), "none") {
		return false
	}
	return getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != ""
}

// shutdownGrace bounds the flush of the last spans when the process ends.
const shutdownGrace = 5 * time.Second

// Setup installs the process's tracer provider (OTLP over HTTP, batched) and
// the W3C trace-context propagator when the environment asks for tracing,
// and does nothing otherwise. service names the process (gateway, course,
// ...) unless OTEL_SERVICE_NAME does. Export failures are logged to log,
// never returned to a request. Call it once in main, before the service is
// built, and call the returned stop when the process ends: it flushes the
// spans still waiting (for a few seconds at most).
func Setup(ctx context.Context, service string, log *slog.Logger) (stop func(), err error) {
	if !Requested(os.Getenv) {
		return func() {}, nil
	}
	exp, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("telemetry: OTLP exporter: %w", err)
	}
	// Later detectors win: OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES
	// override the process's own name.
	res, err := resource.New(ctx,
		resource.WithAttributes(attribute.String("service.name", service)),
		resource.WithTelemetrySDK(), resource.WithProcessPID(), resource.WithHost(),
		resource.WithFromEnv())
	if err != nil {
		return nil, fmt.Errorf("telemetry: resource: %w", err)
	}
	// No sampler option: the SDK reads OTEL_TRACES_SAMPLER and its argument.
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
	otel.SetErrorHandler(otel.ErrorHandlerFunc(func(err error) {
		log.Warn("telemetry export failed", "error", err.Error())
	}))
	log.Info("tracing on", "exporter", "otlp/http")
	return func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
		defer cancel()
		if err := tp.Shutdown(ctx); err != nil {
			log.Warn("telemetry flush failed", "error", err.Error())
		}
	}, nil
}

// Enabled reports whether Setup installed a tracer provider in this process.
func Enabled() bool {
	_, ok := otel.GetTracerProvider().(*sdktrace.TracerProvider)
	return ok
}
