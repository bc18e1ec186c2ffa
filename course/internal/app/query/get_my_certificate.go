package query

import (
	"context"
	"errors"
	"fmt"

	"lms/shared/caller"
)

// GetMyCertificateInput is what GetMyCertificate is asked.
type GetMyCertificateInput struct {
	Caller   caller.Caller
	CourseID string
}

// GetMyCertificate returns the acting student's certificate of a course: only
// its holder may download it.
type GetMyCertificate struct {
	certificates CertificateReader
}

// NewGetMyCertificate returns the GetMyCertificate use case.
func NewGetMyCertificate(certificates CertificateReader) *GetMyCertificate {
	return &GetMyCertificate{certificates: certificates}
}

// Handle answers the query.
func (h *GetMyCertificate) Handle(ctx context.Context, in GetMyCertificateInput) (Certificate, error) {
	if err := requireStudent(in.Caller); err != nil {
		return Certificate{}, err
	}
	c, err := h.certificates.CertificateOf(ctx, in.CourseID, in.Caller.UserID)
	if err != nil && !errors.Is(err, ErrCertificateNotFound) {
		return Certificate{}, fmt.Errorf("certificate of %s in %s: %w", in.Caller.UserID, in.CourseID, err)
	}
	return c, err
}
