package usecase_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"lms/shared/errs"
	"lms/shared/logging"
	"lms/shared/usecase"
	"lms/shared/usecase/usecasetest"
)

type login struct{ err error }

func (l login) Handle(_ context.Context, email string) (string, error) {
	if l.err != nil {
		return "", l.err
	}
	return "token for " + email, nil
}

func TestObserve_LogsTimesAndTracesEachCallByOutcome(t *testing.T) {
	spans := tracetest.NewSpanRecorder()
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans)))
	var logs bytes.Buffer
	reg := prometheus.NewRegistry()
	o, err := usecase.NewObserver("iam", reg, logging.New(&logs, "iam", logging.Config{Level: "info", Format: "json"}))
	require.NoError(t, err)

	out, err := usecase.Observe(o, "login", usecase.Handler[string, string](login{})).Handle(t.Context(), "ada@example.org")
	require.NoError(t, err)
	require.Equal(t, "token for ada@example.org", out, "the decorator hands back the use case's answer")
	refused := errs.New(errs.Unauthenticated, "invalid-credentials", "wrong email or password")
	_, err = usecase.Observe(o, "login", usecase.Handler[string, string](login{err: refused})).Handle(t.Context(), "ada@example.org")
	require.ErrorIs(t, err, refused, "and its error, unchanged")
	_, err = usecase.Observe(o, "login", usecase.Handler[string, string](login{err: errors.New("connection reset")})).Handle(t.Context(), "x")
	require.Error(t, err)

	require.Equal(t, 3, testutil.CollectAndCount(reg, "iam_usecase_duration_seconds"), "one series per outcome")
	for _, outcome := range []string{"ok", "unauthenticated", "internal"} {
		require.Equal(t, uint64(1), usecasetest.Calls(t, reg)["login "+outcome], outcome)
	}

	ended := spans.Ended()
	require.Len(t, ended, 3)
	require.Equal(t, "iam.login", ended[0].Name())
	require.Contains(t, ended[1].Attributes(), attr("lms.usecase.outcome", "unauthenticated"))

	var lines []map[string]any
	dec := json.NewDecoder(&logs)
	for dec.More() {
		var l map[string]any
		require.NoError(t, dec.Decode(&l))
		lines = append(lines, l)
	}
	require.Len(t, lines, 3, "one line per call")
	require.Equal(t, "use case", lines[0]["msg"])
	require.Equal(t, "login", lines[0]["usecase"])
	require.Equal(t, "ok", lines[0]["outcome"])
	require.Equal(t, ended[0].SpanContext().TraceID().String(), lines[0]["trace_id"], "a log line names its trace")
	require.Equal(t, ended[0].SpanContext().SpanID().String(), lines[0]["span_id"])
	require.Equal(t, "INFO", lines[1]["level"], "a refusal is no failure of the service")
	require.Equal(t, "ERROR", lines[2]["level"])
	require.NotContains(t, logs.String(), "ada@example.org", "inputs are never logged")
}

func TestMethodName(t *testing.T) {
	t.Parallel()
	require.Equal(t, "change_password", usecase.MethodName("/lms.iam.v1.IAMService/ChangePassword"))
	require.Equal(t, "login", usecase.MethodName("/lms.iam.v1.IAMService/Login"))
}

type dropCourse struct{ err error }

func (d dropCourse) Handle(context.Context, string) error { return d.err }

func TestObserveCommand_ObservesACommandAsAHandler(t *testing.T) {
	spans := tracetest.NewSpanRecorder()
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans)))
	var logs bytes.Buffer
	reg := prometheus.NewRegistry()
	o, err := usecase.NewObserver("course", reg, logging.New(&logs, "course", logging.Config{Level: "info", Format: "json"}))
	require.NoError(t, err)

	require.NoError(t, usecase.ObserveCommand(o, "drop_course", usecase.Command[string](dropCourse{})).Handle(t.Context(), "c1"))
	notFound := errs.New(errs.NotFound, "course-not-found", "no such course")
	require.ErrorIs(t, usecase.ObserveCommand(o, "drop_course", usecase.Command[string](dropCourse{err: notFound})).Handle(t.Context(), "c2"), notFound,
		"the decorator hands back the command's error unchanged")

	require.Equal(t, uint64(1), usecasetest.Calls(t, reg)["drop_course ok"])
	require.Equal(t, uint64(1), usecasetest.Calls(t, reg)["drop_course not_found"])
	ended := spans.Ended()
	require.Len(t, ended, 2)
	require.Equal(t, "course.drop_course", ended[1].Name())
	require.Contains(t, ended[1].Attributes(), attr("lms.usecase.outcome", "not_found"))
	require.Equal(t, 2, bytes.Count(logs.Bytes(), []byte(`"msg":"use case"`)), "one line per call")
}
