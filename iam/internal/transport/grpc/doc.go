// Package grpc serves the iam.v1 gRPC API (lms/shared/gen/iam/v1) over the app
// layer: it reads callers' bearer tokens from metadata, converts messages, and
// maps errors to gRPC status codes once, in an interceptor.
package grpc
