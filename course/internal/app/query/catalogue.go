package query

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"lms/shared/errs"
)

// Catalogue lists the published courses every signed-in user may browse.
type Catalogue struct {
	// Search matches the start of a code or any part of a title, ignoring case.
	Search    string
	PageSize  int
	PageToken string
}

// CataloguePage is one page of the catalogue.
type CataloguePage struct {
	Courses []CourseSummary
	// NextPageToken fetches the next page; empty on the last.
	NextPageToken string
}

// Page sizes of the catalogue.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// ErrPageSize and ErrPageToken refuse a malformed page request.
var (
	ErrPageSize  = errs.New(errs.InvalidArgument, "invalid-page-size", "page_size must be between 1 and 100").With("field", "page_size")
	ErrPageToken = errs.New(errs.InvalidArgument, "invalid-page-token", "page_token is not one this service issued").With("field", "page_token")
)

// Catalogue handles Catalogue. Pages follow the course code, so a course
// published while a student pages through appears in order, never twice.
func (h Handlers) Catalogue(ctx context.Context, q Catalogue) (CataloguePage, error) {
	if q.PageSize == 0 {
		q.PageSize = DefaultPageSize
	}
	if q.PageSize < 1 || q.PageSize > MaxPageSize {
		return CataloguePage{}, ErrPageSize
	}
	after, err := base64.RawURLEncoding.DecodeString(q.PageToken)
	if err != nil {
		return CataloguePage{}, ErrPageToken
	}
	search := strings.TrimSpace(q.Search)
	if len(search) > 200 || strings.ContainsRune(search, 0) || !utf8.ValidString(search) {
		return CataloguePage{}, errs.Invalid("q", "the search is at most 200 characters of valid UTF-8 without NUL characters")
	}
	// One more than a page tells whether another page follows.
	courses, err := h.read.Catalogue(ctx, search, string(after), q.PageSize+1)
	if err != nil {
		return CataloguePage{}, fmt.Errorf("catalogue: %w", err)
	}
	page := CataloguePage{Courses: courses}
	if len(courses) > q.PageSize {
		page.Courses = courses[:q.PageSize]
		page.NextPageToken = base64.RawURLEncoding.EncodeToString([]byte(page.Courses[q.PageSize-1].Code))
	}
	return page, nil
}
