// Package problem writes errors as RFC 9457 problem details. The kind of a
// classified error (package errs) chooses the HTTP status; its slug builds the
// stable type URI clients can switch on. Internal errors are shown generically.
package problem

import (
	"encoding/json"
	"net/http"
	"strconv"

	"lms/shared/errs"
)

// ContentType is the media type of a problem details document.
const ContentType = "application/problem+json"

// TypePrefix starts every problem type URI; the slug follows it.
const TypePrefix = "urn:lms:problem:"

// Details is an RFC 9457 problem details document with the LMS's extensions.
type Details struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Fields carries machine-readable context, e.g. the invalid field's name.
	Fields map[string]string `json:"fields,omitempty"`
	// RequestID lets support find the request in the logs.
	RequestID string `json:"request_id,omitempty"`
	// RetryAfter, in seconds, is sent as the Retry-After header when
	// positive: a dependency that is down answers 503 with it.
	RetryAfter int `json:"-"`
}

// UnavailableRetryAfter is the Retry-After, in seconds, of an Unavailable
// error that names no wait of its own in its field retry_after_seconds (a
// resource busy under concurrent writes; a database that is down names a
// longer one).
const UnavailableRetryAfter = 1

var statusByKind = map[errs.Kind]int{
	errs.Internal:           http.StatusInternalServerError,
	errs.InvalidArgument:    http.StatusBadRequest,
	errs.NotFound:           http.StatusNotFound,
	errs.AlreadyExists:      http.StatusConflict,
	errs.FailedPrecondition: http.StatusConflict,
	errs.PermissionDenied:   http.StatusForbidden,
	errs.Unauthenticated:    http.StatusUnauthorized,
	errs.Unavailable:        http.StatusServiceUnavailable,
	errs.ResourceExhausted:  http.StatusTooManyRequests,
	errs.DeadlineExceeded:   http.StatusGatewayTimeout,
}

// Status returns the HTTP status code for an error kind.
func Status(k errs.Kind) int {
	if s, ok := statusByKind[k]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// FromError builds the problem details for err. Unclassified and internal errors
// become a generic 500 whose text reveals nothing of the cause.
func FromError(err error) Details {
	e, ok := errs.As(err)
	if !ok || e.Kind == errs.Internal {
		return Details{
			Type:   TypePrefix + "internal",
			Title:  "Internal error",
			Status: http.StatusInternalServerError,
			Detail: "an unexpected error occurred; it has been logged",
		}
	}
	status := Status(e.Kind)
	d := Details{
		Type:   TypePrefix + e.Slug,
		Title:  http.StatusText(status),
		Status: status,
		Detail: e.Message,
		Fields: e.Fields,
	}
	if e.Kind == errs.Unavailable {
		d.RetryAfter = UnavailableRetryAfter
		if n, err := strconv.Atoi(e.Fields["retry_after_seconds"]); err == nil && n > 0 {
			d.RetryAfter = n
		}
	}
	return d
}

// Write sends d as the response, with the problem media type.
func Write(w http.ResponseWriter, d Details) {
	w.Header().Set("Content-Type", ContentType)
	w.Header().Set("Cache-Control", "no-store")
	if d.RetryAfter > 0 && w.Header().Get("Retry-After") == "" {
		w.Header().Set("Retry-After", strconv.Itoa(d.RetryAfter))
	}
	w.WriteHeader(d.Status)
	_ = json.NewEncoder(w).Encode(d)
}
