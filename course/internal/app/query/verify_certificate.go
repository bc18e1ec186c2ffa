package query

import (
	"context"
	"errors"
	"fmt"
	"time"

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

// VerifyCertificateInput is what VerifyCertificate is asked.
type VerifyCertificateInput struct {
	ID string
}

// VerifyCertificate answers anyone, signed in or not, whether id is a
// certificate the service issued.
type VerifyCertificate struct {
	certificates CertificateReader
}

// NewVerifyCertificate returns the VerifyCertificate use case.
func NewVerifyCertificate(certificates CertificateReader) *VerifyCertificate {
	return &VerifyCertificate{certificates: certificates}
}

// Handle answers the query.
func (h *VerifyCertificate) Handle(ctx context.Context, in VerifyCertificateInput) (Certificate, error) {
	c, err := h.certificates.CertificateByID(ctx, in.ID)
	if err != nil && !errors.Is(err, ErrCertificateNotFound) {
		return Certificate{}, fmt.Errorf("certificate %s: %w", in.ID, err)
	}
	return c, err
}
