// Package http is the assessment service's REST API under /api/v1/tests and
// /api/v1/attempts (the gateway forwards both prefixes unchanged): gin
// handlers that verify the caller's access token, call the app layer and
// answer errors as problem details. Students and teachers get different
// response types: a student's never has a field that could carry the
// answer key.
package http

import (
	"log/slog"
	"net/http"
	"time"

	"lms/assessment/internal/app"
	"lms/shared/auth"
	"lms/shared/ginauth"
	"lms/shared/ginproblem"
	"lms/shared/reqmetrics"
)

// The prefixes every route of the service lives under.
const (
	TestsPrefix    = "/api/v1/tests"
	AttemptsPrefix = "/api/v1/attempts"
)

type server struct {
	app     app.Application
	log     *slog.Logger
	admit   *admission
	metrics *reqmetrics.HTTP
}

// WithMetrics records every request in m (rate, errors, latency by route).
func WithMetrics(m *reqmetrics.HTTP) Option {
	return func(s *server) { s.metrics = m }
}

// Option changes how the API is built.
type Option func(*server)

// WithAdmission paces the starts of attempts through a waiting room (see
// AdmissionOptions); without it every start goes ahead at once.
func WithAdmission(o AdmissionOptions) Option {
	return func(s *server) { s.admit = newAdmission(o, time.Now) }
}

// NewHandler returns the API. Every route needs a bearer token that verifier
// accepts; what the caller may see and do is decided by the app layer.
func NewHandler(a app.Application, verifier auth.TokenVerifier, log *slog.Logger, opts ...Option) http.Handler {
	r := ginproblem.NewEngine(log)
	s := &server{app: a, log: log, admit: newAdmission(AdmissionOptions{}, time.Now)}
	for _, o := range opts {
		o(s)
	}
	if s.metrics != nil {
		r.Use(s.metrics.Gin())
	}
	authn := ginauth.Authenticate(verifier, log)

	tests := r.Group(TestsPrefix, authn)
	tests.GET("", s.listTests)
	tests.POST("", s.createTest)
	tests.GET("/:id", s.getTest)
	tests.PUT("/:id", s.editTest)
	tests.POST("/:id/publish", s.publishTest)
	tests.POST("/:id/unpublish", s.unpublishTest)
	tests.DELETE("/:id", s.deleteTest)
	tests.POST("/:id/release-results", s.releaseResults)
	tests.GET("/:id/attempts", s.listAttempts)
	tests.POST("/:id/attempts", s.startAttempt)
	tests.GET("/:id/statistics", s.statistics)
	tests.GET("/:id/item-analysis", s.itemAnalysis)
	tests.GET("/:id/accommodations", s.listAccommodations)
	tests.PUT("/:id/accommodations/:student", s.grantAccommodation)
	s.regradeRoutes(tests)

	s.bankRoutes(r.Group(BanksPrefix, authn))

	attempts := r.Group(AttemptsPrefix, authn)
	attempts.GET("/:id", s.getAttempt)
	attempts.PUT("/:id/answers/:question", s.saveAnswer)
	attempts.POST("/:id/submit", s.submitAttempt)
	attempts.PUT("/:id/grades", s.gradeAttempt)
	return r
}
