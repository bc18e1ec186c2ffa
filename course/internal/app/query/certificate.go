package query

import (
	"context"
	"errors"
	"fmt"
	"time"

	"lms/course/internal/domain/course"
	"lms/shared/errs"
)

// ErrCertificateNotFound answers a certificate id nobody holds, and a
// student who holds no certificate of the course.
var ErrCertificateNotFound = errs.New(errs.NotFound, "certificate-not-found", "no such certificate")

// Certificate is a completed enrollment's certificate: who earned it, for
// which course and when.
type Certificate struct {
	ID          string
	CourseID    string
	CourseCode  string
	CourseTitle string
	HolderID    string
	// HolderName is empty while the holder's name has not reached the
	// service.
	HolderName string
	IssuedAt   time.Time
}

// CertificateReader finds certificates; both answer ErrCertificateNotFound
// when there is none.
type CertificateReader interface {
	// CertificateByID returns the certificate with id.
	CertificateByID(ctx context.Context, id string) (Certificate, error)
	// CertificateOf returns the student's certificate of the course.
	CertificateOf(ctx context.Context, courseID, studentID string) (Certificate, error)
}

// WithCertificates returns the handlers reading certificates from r.
func (h Handlers) WithCertificates(r CertificateReader) Handlers {
	h.certificates = r
	return h
}

// MyCertificate returns the acting student's certificate of a course: only
// its holder may download it.
func (h Handlers) MyCertificate(ctx context.Context, a course.Caller, courseID string) (Certificate, error) {
	if err := requireStudent(a); err != nil {
		return Certificate{}, err
	}
	c, err := h.certificates.CertificateOf(ctx, courseID, a.UserID)
	if err != nil && !errors.Is(err, ErrCertificateNotFound) {
		return Certificate{}, fmt.Errorf("certificate of %s in %s: %w", a.UserID, courseID, err)
	}
	return c, err
}

// VerifyCertificate answers anyone, signed in or not, whether id is a
// certificate the service issued.
func (h Handlers) VerifyCertificate(ctx context.Context, id string) (Certificate, error) {
	c, err := h.certificates.CertificateByID(ctx, id)
	if err != nil && !errors.Is(err, ErrCertificateNotFound) {
		return Certificate{}, fmt.Errorf("certificate %s: %w", id, err)
	}
	return c, err
}
