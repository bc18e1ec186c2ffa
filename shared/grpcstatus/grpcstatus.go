// Package grpcstatus maps classified errors (package errs) to gRPC status codes
// and back, so a domain error raised in iam reaches a REST client through the
// gateway with the same kind and slug.
package grpcstatus

import (
	"context"
	"errors"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"lms/shared/errs"
)

// errorDomain names the LMS in ErrorInfo details.
const errorDomain = "lms"

var codeByKind = map[errs.Kind]codes.Code{
	errs.Internal:           codes.Internal,
	errs.InvalidArgument:    codes.InvalidArgument,
	errs.NotFound:           codes.NotFound,
	errs.AlreadyExists:      codes.AlreadyExists,
	errs.FailedPrecondition: codes.FailedPrecondition,
	errs.PermissionDenied:   codes.PermissionDenied,
	errs.Unauthenticated:    codes.Unauthenticated,
	errs.Unavailable:        codes.Unavailable,
	errs.ResourceExhausted:  codes.ResourceExhausted,
	errs.DeadlineExceeded:   codes.DeadlineExceeded,
}

var kindByCode = func() map[codes.Code]errs.Kind {
	m := make(map[codes.Code]errs.Kind, len(codeByKind))
	for k, c := range codeByKind {
		m[c] = k
	}
	m[codes.Canceled] = errs.Unavailable
	return m
}()

// Code returns the gRPC code for an error kind.
func Code(k errs.Kind) codes.Code {
	if c, ok := codeByKind[k]; ok {
		return c
	}
	return codes.Internal
}

// FromError converts err into a gRPC status error. The slug and fields travel
// in an ErrorInfo detail; internal errors carry a generic message only.
func FromError(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	e, ok := errs.As(err)
	if (!ok || e.Kind == errs.Internal) && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		// The caller left or ran out of time: say so, rather than report
		// an internal error nobody will read.
		return status.FromContextError(err).Err()
	}
	if !ok || e.Kind == errs.Internal {
		return status.Error(codes.Internal, "internal error")
	}
	st := status.New(Code(e.Kind), e.Message)
	withInfo, derr := st.WithDetails(&errdetails.ErrorInfo{Reason: e.Slug, Domain: errorDomain, Metadata: e.Fields})
	if derr != nil {
		return st.Err()
	}
	return withInfo.Err()
}

// ToError converts a gRPC status error received from a peer back into a
// classified error, restoring its slug and fields when the peer sent them.
func ToError(err error) error {
	if err == nil {
		return nil
	}
	st, ok := status.FromError(err)
	if !ok {
		return errs.Internalf("rpc: %w", err)
	}
	kind, ok := kindByCode[st.Code()]
	if !ok || kind == errs.Internal {
		return errs.Internalf("rpc: %w", err)
	}
	e := &errs.Error{Kind: kind, Slug: slugFor(kind), Message: st.Message(), Cause: err}
	for _, d := range st.Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok && info.GetDomain() == errorDomain {
			e.Slug = info.GetReason()
			e.Fields = info.GetMetadata()
		}
	}
	return e
}

func slugFor(k errs.Kind) string {
	switch k {
	case errs.Unavailable:
		return "upstream-unavailable"
	case errs.DeadlineExceeded:
		return "upstream-timeout"
	default:
		return k.String()
	}
}
