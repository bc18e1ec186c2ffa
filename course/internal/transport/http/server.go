// Package http is the course service's REST API under /api/v1/courses (the
// gateway forwards that prefix unchanged): gin handlers that verify the
// caller's access token, call the app layer and answer errors as problem
// details.
package http

import (
	"log/slog"
	"net/http"

	"lms/course/internal/app"
	"lms/shared/auth"
	"lms/shared/ginauth"
	"lms/shared/ginproblem"
	"lms/shared/reqmetrics"
)

// Prefix is where every route of the service lives.
const Prefix = "/api/v1/courses"

type server struct {
	app          app.Application
	log          *slog.Logger
	publicOrigin string
	metrics      *reqmetrics.HTTP
}

// WithMetrics records every request in m (rate, errors, latency by route).
func WithMetrics(m *reqmetrics.HTTP) Option {
	return func(s *server) { s.metrics = m }
}

// NewHandler returns the API. Every route under Prefix needs a bearer token
// that verifier accepts; what the caller may do is decided by the app layer.
// The verification of a certificate (under CertificatesPrefix) is public.
func NewHandler(a app.Application, verifier auth.TokenVerifier, log *slog.Logger, opts ...Option) http.Handler {
	r := ginproblem.NewEngine(log)
	s := &server{app: a, log: log}
	for _, o := range opts {
		o(s)
	}
	if s.metrics != nil {
		r.Use(s.metrics.Gin())
	}
	r.GET(CertificatesPrefix+"/:id", plainParams(log), s.verifyCertificate)
	g := r.Group(Prefix, ginauth.Authenticate(verifier, log), plainParams(log))

	g.GET("", s.catalogue)
	g.POST("", s.createCourse)
	g.GET("/teaching", s.teaching)
	g.GET("/enrollment-requests", s.escalatedRequests)
	g.GET("/my", s.myCourses)
	g.GET("/my/grades", s.myGrades)
	g.GET("/:id", s.getCourse)
	g.PUT("/:id", s.editCourse)
	g.DELETE("/:id", s.deleteCourse)
	g.POST("/:id/publish", s.publishCourse)
	g.POST("/:id/archive", s.archiveCourse)

	g.GET("/:id/lessons", s.lessons)
	g.POST("/:id/lessons", s.addLesson)
	g.PUT("/:id/lesson-order", s.reorderLessons)
	g.GET("/:id/lessons/:lesson", s.lesson)
	g.PUT("/:id/lessons/:lesson", s.editLesson)
	g.POST("/:id/lessons/:lesson/publish", s.publishLesson)
	g.POST("/:id/lessons/:lesson/unpublish", s.unpublishLesson)
	g.POST("/:id/lessons/:lesson/complete", s.completeLesson)

	g.POST("/:id/enrollment", s.enroll)
	g.GET("/:id/enrollment", s.myEnrollment)
	g.DELETE("/:id/enrollment", s.drop)
	g.GET("/:id/certificate", s.myCertificate)

	g.GET("/:id/staff", s.staff)
	g.POST("/:id/staff", s.addStaff)
	g.PUT("/:id/staff/:user", s.changeStaffRole)
	g.DELETE("/:id/staff/:user", s.removeStaff)

	g.PUT("/:id/enrollment-policy", s.setEnrollmentPolicy)
	g.GET("/:id/enrollment-requests", s.pendingRequests)
	g.POST("/:id/enrollment-requests/:enrollment/approve", s.approveRequest)
	g.POST("/:id/enrollment-requests/:enrollment/refuse", s.refuseRequest)

	g.GET("/:id/roster", s.roster)
	g.GET("/:id/gradebook", s.gradebook)
	g.GET("/:id/gradebook.csv", s.gradebookCSV)
	s.gradebookRoutes(g)

	s.notificationRoutes(r, verifier)
	s.webhookRoutes(r, verifier)
	return r
}
