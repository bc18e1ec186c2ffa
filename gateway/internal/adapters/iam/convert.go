package iam

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	"lms/gateway/internal/domain/session"
	iamv1 "lms/shared/gen/iam/v1"
)

var roleNames = map[iamv1.Role]string{
	iamv1.Role_ROLE_STUDENT: session.RoleStudent,
	iamv1.Role_ROLE_TEACHER: session.RoleTeacher,
	iamv1.Role_ROLE_ADMIN:   session.RoleAdmin,
}

func toRole(name string) iamv1.Role {
	for r, n := range roleNames {
		if n == name {
			return r
		}
	}
	return iamv1.Role_ROLE_UNSPECIFIED
}

func toUser(u *iamv1.User) session.User {
	out := session.User{
		ID: u.GetId(), Email: u.GetEmail(), DisplayName: u.GetDisplayName(),
		Roles: make([]string, 0, len(u.GetRoles())), Status: session.StatusActive,
		CreatedAt: toTime(u.GetCreatedAt()), UpdatedAt: toTime(u.GetUpdatedAt()),
	}
	for _, r := range u.GetRoles() {
		if n, ok := roleNames[r]; ok {
			out.Roles = append(out.Roles, n)
		}
	}
	if u.GetStatus() == iamv1.UserStatus_USER_STATUS_DISABLED {
		out.Status = session.StatusDisabled
	}
	return out
}

// tokenPair is what Login and Refresh responses have in common.
type tokenPair interface {
	GetAccessToken() string
	GetAccessExpiresAt() *timestamppb.Timestamp
	GetRefreshToken() string
	GetRefreshExpiresAt() *timestamppb.Timestamp
	GetUser() *iamv1.User
}

func toSession(p tokenPair) session.Session {
	return session.Session{
		AccessToken: p.GetAccessToken(), AccessExpiresAt: toTime(p.GetAccessExpiresAt()),
		RefreshToken: p.GetRefreshToken(), RefreshExpiresAt: toTime(p.GetRefreshExpiresAt()),
		User: toUser(p.GetUser()),
	}
}

func toTime(ts *timestamppb.Timestamp) time.Time {
	if ts == nil {
		return time.Time{}
	}
	return ts.AsTime().UTC()
}
