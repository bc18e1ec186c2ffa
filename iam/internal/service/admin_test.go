package service_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"lms/shared/events"
	iamv1 "lms/shared/gen/iam/v1"
	"lms/shared/kafka"
)

func TestAdmin_ListUsersPagesAndFilters(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	admin := s.adminCtx(t)
	for i := range 5 {
		s.register(t, fmt.Sprintf("student%d@example.com", i), "student-password")
	}
	s.register(t, "Teacher@Example.com", "teacher-password")

	var all []string
	token := ""
	for {
		page, err := s.client.ListUsers(admin, &iamv1.ListUsersRequest{PageSize: 2, PageToken: token})
		require.NoError(t, err)
		require.LessOrEqual(t, len(page.GetUsers()), 2)
		for _, u := range page.GetUsers() {
			all = append(all, u.GetEmail())
		}
		if token = page.GetNextPageToken(); token == "" {
			break
		}
	}
	require.Equal(t, []string{adminEmail, "student0@example.com", "student1@example.com", "student2@example.com",
		"student3@example.com", "student4@example.com", "teacher@example.com"}, all, "every user once, in creation order")

	byPrefix, err := s.client.ListUsers(admin, &iamv1.ListUsersRequest{EmailPrefix: "TEACH"})
	require.NoError(t, err)
	require.Len(t, byPrefix.GetUsers(), 1)
	byRole, err := s.client.ListUsers(admin, &iamv1.ListUsersRequest{Role: iamv1.Role_ROLE_ADMIN})
	require.NoError(t, err)
	require.Len(t, byRole.GetUsers(), 1)
	require.Equal(t, adminEmail, byRole.GetUsers()[0].GetEmail())

	_, err = s.client.ListUsers(admin, &iamv1.ListUsersRequest{PageToken: "bogus"})
	requireStatus(t, err, codes.InvalidArgument, "invalid-page-token")
	_, err = s.client.ListUsers(admin, &iamv1.ListUsersRequest{PageSize: 101})
	requireStatus(t, err, codes.InvalidArgument, "")
}

func TestAdmin_SetRolesDisableEnablePublishEvents(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	admin := s.adminCtx(t)
	s.register(t, "ann@example.com", "ann-password-123")
	ann := s.login(t, "ann@example.com", "ann-password-123")
	id := ann.GetUser().GetId()

	set, err := s.client.SetRoles(admin, &iamv1.SetRolesRequest{UserId: id, Roles: []iamv1.Role{iamv1.Role_ROLE_TEACHER}})
	require.NoError(t, err)
	require.Equal(t, []iamv1.Role{iamv1.Role_ROLE_STUDENT, iamv1.Role_ROLE_TEACHER}, set.GetUser().GetRoles())
	relogin := s.login(t, "ann@example.com", "ann-password-123")
	require.Contains(t, relogin.GetUser().GetRoles(), iamv1.Role_ROLE_TEACHER, "new tokens carry the new role")

	disabled, err := s.client.DisableUser(admin, &iamv1.DisableUserRequest{UserId: id})
	require.NoError(t, err)
	require.Equal(t, iamv1.UserStatus_USER_STATUS_DISABLED, disabled.GetUser().GetStatus())
	_, err = s.client.Login(t.Context(), &iamv1.LoginRequest{Email: "ann@example.com", Password: "ann-password-123"})
	requireStatus(t, err, codes.Unauthenticated, "account-disabled")
	for _, tok := range []string{ann.GetRefreshToken(), relogin.GetRefreshToken()} {
		_, err = s.client.Refresh(t.Context(), &iamv1.RefreshRequest{RefreshToken: tok})
		requireStatus(t, err, codes.Unauthenticated, "invalid-refresh-token")
	}
	_, err = s.client.GetUser(bearer(t.Context(), relogin.GetAccessToken()), &iamv1.GetUserRequest{UserId: id})
	requireStatus(t, err, codes.Unauthenticated, "invalid-token")

	_, err = s.client.EnableUser(admin, &iamv1.EnableUserRequest{UserId: id})
	require.NoError(t, err)
	s.login(t, "ann@example.com", "ann-password-123")
	_, err = s.client.Refresh(t.Context(), &iamv1.RefreshRequest{RefreshToken: relogin.GetRefreshToken()})
	requireStatus(t, err, codes.Unauthenticated, "invalid-refresh-token")

	// The changes reach Kafka through the outbox, in order, keyed by user.
	got := make(chan events.Event, 16)
	consumer, err := kafka.NewConsumer(s.cfg.Kafka, kafka.ConsumerOptions{
		Group: s.kafka.Group("check"), Topics: []string{s.kafka.Prefix + "." + events.TopicIAM},
	}, func(_ context.Context, ev events.Event) error {
		if ev.Key == id {
			got <- ev
		}
		return nil
	}, s.log)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go func() { _ = consumer.Run(ctx) }()
	var types []string
	require.Eventually(t, func() bool {
		for {
			select {
			case ev := <-got:
				types = append(types, ev.Type)
			default:
				return len(types) >= 4
			}
		}
	}, 30*time.Second, 50*time.Millisecond)
	require.Equal(t, []string{events.TypeUserRegistered, events.TypeUserRolesChanged, events.TypeUserDisabled, events.TypeUserEnabled}, types)
}

func TestAdmin_GuardsItsOwnAccount(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	login := s.login(t, adminEmail, adminPassword)
	admin := bearer(t.Context(), login.GetAccessToken())
	id := login.GetUser().GetId()
	_, err := s.client.DisableUser(admin, &iamv1.DisableUserRequest{UserId: id})
	requireStatus(t, err, codes.FailedPrecondition, "self-disable")
	_, err = s.client.SetRoles(admin, &iamv1.SetRolesRequest{UserId: id, Roles: []iamv1.Role{iamv1.Role_ROLE_TEACHER}})
	requireStatus(t, err, codes.FailedPrecondition, "self-demotion")
	_, err = s.client.SetRoles(admin, &iamv1.SetRolesRequest{UserId: id, Roles: []iamv1.Role{iamv1.Role(42)}})
	requireStatus(t, err, codes.InvalidArgument, "unknown-role")
	_, err = s.client.DisableUser(admin, &iamv1.DisableUserRequest{UserId: "0195f3a0-0000-7000-8000-000000000001"})
	requireStatus(t, err, codes.NotFound, "user-not-found")
}
