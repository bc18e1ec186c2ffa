// Package iam is the gateway's gRPC client of the iam service and its
// signing-key cache.
package iam
