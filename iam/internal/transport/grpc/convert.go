package grpc

import (
	"context"
	"strings"
	"time"

	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/types/known/timestamppb"

	"lms/iam/internal/app/caller"
	"lms/iam/internal/domain/user"
	iamv1 "lms/shared/gen/iam/v1"
)

var (
	toProto = map[user.Role]iamv1.Role{
		user.RoleStudent: iamv1.Role_ROLE_STUDENT,
		user.RoleTeacher: iamv1.Role_ROLE_TEACHER,
		user.RoleAdmin:   iamv1.Role_ROLE_ADMIN,
	}
	fromProto = map[iamv1.Role]user.Role{
		iamv1.Role_ROLE_STUDENT: user.RoleStudent,
		iamv1.Role_ROLE_TEACHER: user.RoleTeacher,
		iamv1.Role_ROLE_ADMIN:   user.RoleAdmin,
	}
)

// toProtoUser converts a user; the password hash is left behind by design.
func toProtoUser(u *user.User) *iamv1.User {
	if u == nil {
		return nil
	}
	roles := make([]iamv1.Role, 0, len(u.Roles()))
	for _, r := range u.Roles() {
		roles = append(roles, toProto[r])
	}
	status := iamv1.UserStatus_USER_STATUS_ACTIVE
	if !u.Active() {
		status = iamv1.UserStatus_USER_STATUS_DISABLED
	}
	return &iamv1.User{
		Id: string(u.ID()), Email: u.Email().String(), DisplayName: u.DisplayName(), Roles: roles, Status: status,
		CreatedAt: timestamp(u.CreatedAt()), UpdatedAt: timestamp(u.UpdatedAt()),
	}
}

// fromProtoRole converts a role; unspecified is "" where allowUnset says it
// means "any", and an error elsewhere.
func fromProtoRole(r iamv1.Role, allowUnset bool) (user.Role, error) {
	if r == iamv1.Role_ROLE_UNSPECIFIED && allowUnset {
		return "", nil
	}
	role, ok := fromProto[r]
	if !ok {
		return "", user.ErrUnknownRole.With("role", r.String())
	}
	return role, nil
}

// fromProtoRoles converts a list of roles; unspecified is an error.
func fromProtoRoles(rs []iamv1.Role) ([]user.Role, error) {
	out := make([]user.Role, 0, len(rs))
	for _, r := range rs {
		role, err := fromProtoRole(r, false)
		if err != nil {
			return nil, err
		}
		out = append(out, role)
	}
	return out, nil
}

// timestamp converts t, leaving the zero time unset.
func timestamp(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

// caller authenticates the bearer token in the "authorization" metadata.
func (s *Server) caller(ctx context.Context) (caller.Caller, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	var token string
	if v := md.Get("authorization"); len(v) == 1 {
		scheme, rest, ok := strings.Cut(v[0], " ")
		if ok && strings.EqualFold(scheme, "Bearer") {
			token = strings.TrimSpace(rest)
		}
	}
	return s.app.Auth.Authenticate(ctx, token)
}
