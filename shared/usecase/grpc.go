package usecase

import (
	"context"
	"strings"
	"unicode"

	"google.golang.org/grpc"
)

// UnaryServerInterceptor observes every unary call as the use case its
// method names (/lms.iam.v1.IAMService/ChangePassword is change_password):
// for a service whose gRPC methods are its use cases one to one, this is
// Observe applied to all of them at once. Put it innermost, so it sees the
// use case's own error before the edge maps it to a status.
func (o *Observer) UnaryServerInterceptor() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		return Observe(o, MethodName(info.FullMethod), HandlerFunc[any, any](handler)).Handle(ctx, req)
	}
}

// MethodName turns a gRPC full method into a use-case name in snake_case.
func MethodName(fullMethod string) string {
	m := fullMethod[strings.LastIndexByte(fullMethod, '/')+1:]
	var b strings.Builder
	for i, r := range m {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
