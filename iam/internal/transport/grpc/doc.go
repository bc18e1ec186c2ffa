// Package grpc serves the iam.v1 gRPC API over the app layer and maps its errors to gRPC status codes.
package grpc
