package query

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"lms/shared/errs"
)

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

// BrowseCatalogueInput lists the published courses every signed-in user may browse.
type BrowseCatalogueInput struct {
	// Search matches the start of a code or any part of a title, ignoring case.
	Search    string
	PageSize  int
	PageToken string
}

// BrowseCatalogue handles Catalogue. Pages follow the course code, so a course
// published while a student pages through appears in order, never twice.
type BrowseCatalogue struct {
	read ReadModel
}

// NewBrowseCatalogue returns the BrowseCatalogue use case.
func NewBrowseCatalogue(read ReadModel) *BrowseCatalogue {
	return &BrowseCatalogue{read: read}
}

// Handle answers the query.
func (h *BrowseCatalogue) Handle(ctx context.Context, in BrowseCatalogueInput) (CataloguePage, error) {
	if in.PageSize == 0 {
		in.PageSize = DefaultPageSize
	}
	if in.PageSize < 1 || in.PageSize > MaxPageSize {
		return CataloguePage{}, ErrPageSize
	}
	after, err := base64.RawURLEncoding.DecodeString(in.PageToken)
	if err != nil {
		return CataloguePage{}, ErrPageToken
	}
	search := strings.TrimSpace(in.Search)
	if len(search) > 200 || strings.ContainsRune(search, 0) || !utf8.ValidString(search) {
		return CataloguePage{}, errs.Invalid("q", "the search is at most 200 characters of valid UTF-8 without NUL characters")
	}
	// One more than a page tells whether another page follows.
	courses, err := h.read.Catalogue(ctx, search, string(after), in.PageSize+1)
	if err != nil {
		return CataloguePage{}, fmt.Errorf("catalogue: %w", err)
	}
	page := CataloguePage{Courses: courses}
	if len(courses) > in.PageSize {
		page.Courses = courses[:in.PageSize]
		page.NextPageToken = base64.RawURLEncoding.EncodeToString([]byte(page.Courses[in.PageSize-1].Code))
	}
	return page, nil
}
