package grpc

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"

	"lms/shared/errs"
	"lms/shared/grpcstatus"
)

// ServerOptions returns the interceptors every iam gRPC server runs, outermost
// first: access log, error mapping, panic recovery.
func ServerOptions(log *slog.Logger) []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.ChainUnaryInterceptor(
			accessLog(log),
			mapErrors(log),
			recovery.UnaryServerInterceptor(recovery.WithRecoveryHandlerContext(func(ctx context.Context, p any) error {
				log.ErrorContext(ctx, "panic in gRPC handler", "panic", fmt.Sprint(p))
				return status.Error(codes.Internal, "internal error")
			})),
		),
	}
}

// accessLog logs one line per call: method, code, duration and peer. Requests
// and responses are never logged; they carry passwords and tokens.
func accessLog(log *slog.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		start := time.Now()
		resp, err := handler(ctx, req)
		code := status.Code(err)
		level := slog.LevelInfo
		if code == codes.Internal || code == codes.Unknown || code == codes.DataLoss {
			level = slog.LevelError
		}
		attrs := []any{"method", info.FullMethod, "code", code.String(), "duration_ms", float64(time.Since(start).Microseconds()) / 1000}
		if p, ok := peer.FromContext(ctx); ok {
			attrs = append(attrs, "peer", p.Addr.String())
		}
		log.Log(ctx, level, "grpc call", attrs...)
		return resp, err
	}
}

// mapErrors turns classified errors into gRPC statuses (lms/shared/grpcstatus)
// and logs what the caller is not shown: the cause of internal errors, and
// why a token was refused.
func mapErrors(log *slog.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		resp, err := handler(ctx, req)
		if err == nil {
			return resp, nil
		}
		e, classified := errs.As(err)
		_, isStatus := status.FromError(err)
		switch {
		case classified && e.Kind == errs.Internal, !classified && !isStatus:
			log.ErrorContext(ctx, "request failed", "method", info.FullMethod, "error", err.Error())
		case classified && e.Cause != nil:
			log.InfoContext(ctx, "request refused", "method", info.FullMethod, "slug", e.Slug, "reason", e.Cause.Error())
		}
		return nil, grpcstatus.FromError(err)
	}
}
