// Package errs classifies errors once, where they arise, into a small closed set
// of kinds with stable slugs. Inbound adapters map the kind to an HTTP problem
// (package problem) or a gRPC status (package grpcstatus); nothing else inspects
// error text.
package errs

import (
	"errors"
	"fmt"
)

// Kind is the class of an error, which decides how every edge reports it.
type Kind uint8

// The kinds. Unknown errors count as Internal.
const (
	Internal Kind = iota
	InvalidArgument
	NotFound
	AlreadyExists
	FailedPrecondition
	PermissionDenied
	Unauthenticated
	Unavailable
	ResourceExhausted
	DeadlineExceeded
)

var kindNames = [...]string{
	Internal:           "internal",
	InvalidArgument:    "invalid_argument",
	NotFound:           "not_found",
	AlreadyExists:      "already_exists",
	FailedPrecondition: "failed_precondition",
	PermissionDenied:   "permission_denied",
	Unauthenticated:    "unauthenticated",
	Unavailable:        "unavailable",
	ResourceExhausted:  "resource_exhausted",
	DeadlineExceeded:   "deadline_exceeded",
}

// String returns the kind's snake_case name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Error is a classified error: a kind, a stable slug such as "course-full" that
// clients may rely on, a message safe to show to the caller, optional fields
// (for example which argument was invalid) and an optional cause that is logged
// but never shown.
type Error struct {
	Kind    Kind
	Slug    string
	Message string
	Fields  map[string]string
	Cause   error
}

// Error returns the message, followed by the cause when there is one.
func (e *Error) Error() string {
	if e.Cause != nil {
		return e.Message + ": " + e.Cause.Error()
	}
	return e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Cause }

// Is reports whether target is a classified error with the same slug, so that
// sentinel values declared with New compare equal to copies carrying fields.
func (e *Error) Is(target error) bool {
	var t *Error
	if !errors.As(target, &t) {
		return false
	}
	return t.Slug != "" && t.Slug == e.Slug && t.Kind == e.Kind
}

// ErrForbidden is the one refusal of a caller who may not do what she asked,
// in every service ("forbidden", 403). Packages that speak of it under their
// own name (access.ErrForbidden, caller.ErrForbidden) point here.
var ErrForbidden = New(PermissionDenied, "forbidden", "you are not allowed to do this")

// New returns a classified error; declare domain errors with it as package
// variables (var ErrCourseFull = errs.New(errs.FailedPrecondition, "course-full", "the course is full")).
func New(kind Kind, slug, message string) *Error {
	return &Error{Kind: kind, Slug: slug, Message: message}
}

// With returns a copy of e that carries the given field.
func (e *Error) With(key, value string) *Error {
	c := *e
	c.Fields = make(map[string]string, len(e.Fields)+1)
	for k, v := range e.Fields {
		c.Fields[k] = v
	}
	c.Fields[key] = value
	return &c
}

// Wrap returns a copy of e whose cause is err; the cause is logged, never shown.
func (e *Error) Wrap(err error) *Error {
	c := *e
	c.Cause = err
	return &c
}

// Invalid returns an InvalidArgument error naming the offending field.
func Invalid(field, message string) *Error {
	return New(InvalidArgument, "invalid-argument", message).With("field", field)
}

// Internalf returns an Internal error whose cause is built like fmt.Errorf;
// callers see only a generic message.
func Internalf(format string, args ...any) *Error {
	return &Error{Kind: Internal, Slug: "internal", Message: "internal error", Cause: fmt.Errorf(format, args...)}
}

// As returns the first classified error in err's chain.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// KindOf returns the kind of the first classified error in err's chain, or
// Internal when there is none.
func KindOf(err error) Kind {
	if e, ok := As(err); ok {
		return e.Kind
	}
	return Internal
}
