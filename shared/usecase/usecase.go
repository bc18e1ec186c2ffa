// Package usecase gives a service's use cases one observation each, the
// same everywhere: a structured log line, a Prometheus histogram
//
//	<service>_usecase_duration_seconds{usecase,outcome}
//
// and an OpenTelemetry span, by one decorator over the one handler shape
// every service's use cases have: one type per use case with Handle
// (Handler when it answers a value, Command when only its error). outcome is "ok" or
// the kind of the error (shared/errs: invalid_argument, not_found, ...,
// internal), so the series stay few.
package usecase

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"lms/shared/errs"
)

// Handler is a use case: one input, one output.
type Handler[In, Out any] interface {
	Handle(ctx context.Context, in In) (Out, error)
}

// HandlerFunc is a function that is a Handler.
type HandlerFunc[In, Out any] func(ctx context.Context, in In) (Out, error)

// Handle calls f.
func (f HandlerFunc[In, Out]) Handle(ctx context.Context, in In) (Out, error) { return f(ctx, in) }

// Command is a use case that answers nothing but whether it happened.
type Command[In any] interface {
	Handle(ctx context.Context, in In) error
}

// CommandFunc is a function that is a Command.
type CommandFunc[In any] func(ctx context.Context, in In) error

// Handle calls f.
func (f CommandFunc[In]) Handle(ctx context.Context, in In) error { return f(ctx, in) }

// OutcomeOK is the outcome of a call that returned no error.
const OutcomeOK = "ok"

var prefixPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Observer observes the use cases of one service.
type Observer struct {
	service  string
	log      *slog.Logger
	duration *prometheus.HistogramVec
}

// NewObserver registers service's use-case histogram with reg; log gets
// one line per call.
func NewObserver(service string, reg prometheus.Registerer, log *slog.Logger) (*Observer, error) {
	if !prefixPattern.MatchString(service) {
		return nil, fmt.Errorf("usecase: %q is not a metric prefix", service)
	}
	duration := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    service + "_usecase_duration_seconds",
		Help:    "Time to handle a use case, by use case and outcome (ok or the error's kind).",
		Buckets: prometheus.DefBuckets,
	}, []string{"usecase", "outcome"})
	if err := reg.Register(duration); err != nil {
		return nil, fmt.Errorf("usecase: register metrics: %w", err)
	}
	return &Observer{service: service, log: log, duration: duration}, nil
}

// Observe decorates h, the use case called name (snake_case: "login"), so
// each call is logged, timed and traced. A nil o observes nothing: h comes
// back as it is (unit tests that assemble an application without metrics).
func Observe[In, Out any](o *Observer, name string, h Handler[In, Out]) Handler[In, Out] {
	if o == nil {
		return h
	}
	return HandlerFunc[In, Out](func(ctx context.Context, in In) (Out, error) {
		ctx, done := o.start(ctx, name)
		out, err := h.Handle(ctx, in)
		done(err)
		return out, err
	})
}

// ObserveCommand decorates c, the use case called name, as Observe does a
// Handler.
func ObserveCommand[In any](o *Observer, name string, c Command[In]) Command[In] {
	if o == nil {
		return c
	}
	return CommandFunc[In](func(ctx context.Context, in In) error {
		ctx, done := o.start(ctx, name)
		err := c.Handle(ctx, in)
		done(err)
		return err
	})
}

// start opens the span of one call and returns the function that records
// its end.
func (o *Observer) start(ctx context.Context, name string) (context.Context, func(error)) {
	begin := time.Now()
	ctx, span := otel.Tracer("lms/shared/usecase").Start(ctx, o.service+"."+name,
		trace.WithAttributes(attribute.String("lms.usecase", name)))
	return ctx, func(err error) {
		elapsed := time.Since(begin)
		outcome := Outcome(err)
		o.duration.WithLabelValues(name, outcome).Observe(elapsed.Seconds())
		span.SetAttributes(attribute.String("lms.usecase.outcome", outcome))
		// The LMS logger (shared/logging) adds the span's trace_id and span_id.
		attrs := []any{"usecase", name, "outcome", outcome, "duration_ms", float64(elapsed.Microseconds()) / 1000}
		level := slog.LevelInfo
		if err != nil {
			attrs = append(attrs, "error", err.Error())
			if outcome == errs.Internal.String() {
				level = slog.LevelError
				span.RecordError(err)
				span.SetStatus(codes.Error, outcome)
			}
		}
		o.log.Log(ctx, level, "use case", attrs...)
		span.End()
	}
}

// Outcome is the outcome label of a call's error: "ok", "canceled" when the
// caller went away, or the kind of the error.
func Outcome(err error) string {
	switch {
	case err == nil:
		return OutcomeOK
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	return errs.KindOf(err).String()
}
