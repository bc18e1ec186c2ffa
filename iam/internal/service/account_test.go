package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"

	"lms/shared/events"
	iamv1 "lms/shared/gen/iam/v1"
	"lms/shared/kafka"
)

// Passwords of the account tests, kept out of request literals.
var (
	annPassword = "ann-password-123"
	annNext     = "ann-new-passphrase"
	wrongGuess  = "a guess at it"
)

// requireField asserts err is InvalidArgument with reason, naming field in
// its ErrorInfo metadata.
func requireField(t *testing.T, err error, reason, field string) {
	t.Helper()
	st := requireStatus(t, err, codes.InvalidArgument, reason)
	for _, d := range st.Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok {
			require.Equal(t, field, info.GetMetadata()["field"])
			return
		}
	}
	require.Fail(t, "no ErrorInfo detail", "%v", err)
}

// iamEvents collects the types of the events keyed by key on the test's topic.
func (s *iam) iamEvents(t *testing.T, key string) func() []string {
	t.Helper()
	got := make(chan string, 64)
	consumer, err := kafka.NewConsumer(s.cfg.Kafka, kafka.ConsumerOptions{
		Group: s.kafka.Group("account"), Topics: []string{s.kafka.Prefix + "." + events.TopicIAM},
	}, func(_ context.Context, ev events.Event) error {
		if ev.Key == key {
			got <- ev.Type
		}
		return nil
	}, s.log)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	go func() { _ = consumer.Run(ctx) }()
	var types []string
	return func() []string {
		for {
			select {
			case typ := <-got:
				types = append(types, typ)
			default:
				return types
			}
		}
	}
}

func TestRegister_RefusesTextNoFieldMayHoldAndStoresNothing(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	for _, tc := range []struct {
		req   *iamv1.RegisterRequest
		field string
	}{
		{&iamv1.RegisterRequest{Email: "nul@example.com", DisplayName: "Nul\x00Name", Password: "nul-password-123"}, "display_name"},
		{&iamv1.RegisterRequest{Email: "nul\x00@example.com", DisplayName: "Nul", Password: "nul-password-123"}, "email"},
		{&iamv1.RegisterRequest{Email: "nul@example.com", DisplayName: "Nul", Password: "nul-password\x00123"}, "password"},
	} {
		_, err := s.client.Register(t.Context(), tc.req)
		requireField(t, err, "invalid-text", tc.field)
	}
	page, err := s.client.ListUsers(s.adminCtx(t), &iamv1.ListUsersRequest{EmailPrefix: "nul"})
	require.NoError(t, err)
	require.Empty(t, page.GetUsers(), "nothing was stored")
	_, err = s.client.ListUsers(s.adminCtx(t), &iamv1.ListUsersRequest{EmailPrefix: "nul\x00"})
	requireField(t, err, "invalid-text", "email_prefix")
}

func TestAdmin_RefusesUserIDsThatAreNotUUIDs(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	admin := s.adminCtx(t)
	_, err := s.client.GetUser(admin, &iamv1.GetUserRequest{UserId: "abc"})
	requireField(t, err, "invalid-user-id", "user_id")
	_, err = s.client.SetRoles(admin, &iamv1.SetRolesRequest{UserId: "abc", Roles: []iamv1.Role{iamv1.Role_ROLE_TEACHER}})
	requireField(t, err, "invalid-user-id", "user_id")
	_, err = s.client.DisableUser(admin, &iamv1.DisableUserRequest{UserId: "abc\x00"})
	requireField(t, err, "invalid-user-id", "user_id")
	_, err = s.client.EnableUser(admin, &iamv1.EnableUserRequest{UserId: "'; drop table users; --"})
	requireField(t, err, "invalid-user-id", "user_id")
}

func TestChangePassword_RevokesEverySessionAndOpensANewOne(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	s.register(t, "ann@example.com", "ann-password-123")
	phone := s.login(t, "ann@example.com", "ann-password-123")
	laptop := s.login(t, "ann@example.com", "ann-password-123")
	id := phone.GetUser().GetId()
	seen := s.iamEvents(t, id)

	_, err := s.client.ChangePassword(bearer(t.Context(), laptop.GetAccessToken()), &iamv1.ChangePasswordRequest{
		CurrentPassword: "ann-password-123", NewPassword: "short",
	})
	requireField(t, err, "weak-password", "new_password")
	_, err = s.client.ChangePassword(bearer(t.Context(), laptop.GetAccessToken()), &iamv1.ChangePasswordRequest{
		CurrentPassword: wrongGuess, NewPassword: annNext,
	})
	requireField(t, err, "wrong-password", "current_password")

	fresh, err := s.client.ChangePassword(bearer(t.Context(), laptop.GetAccessToken()), &iamv1.ChangePasswordRequest{
		CurrentPassword: annPassword, NewPassword: annNext,
	})
	require.NoError(t, err)
	require.NotEmpty(t, fresh.GetAccessToken())
	for _, old := range []string{phone.GetRefreshToken(), laptop.GetRefreshToken()} {
		_, err = s.client.Refresh(t.Context(), &iamv1.RefreshRequest{RefreshToken: old})
		requireStatus(t, err, codes.Unauthenticated, "invalid-refresh-token")
	}
	_, err = s.client.Refresh(t.Context(), &iamv1.RefreshRequest{RefreshToken: fresh.GetRefreshToken()})
	require.NoError(t, err)
	_, err = s.client.Login(t.Context(), &iamv1.LoginRequest{Email: "ann@example.com", Password: "ann-password-123"})
	requireStatus(t, err, codes.Unauthenticated, "invalid-credentials")
	s.login(t, "ann@example.com", "ann-new-passphrase")

	require.Eventually(t, func() bool { return len(seen()) >= 2 }, 30*time.Second, 50*time.Millisecond)
	require.Equal(t, []string{events.TypeUserRegistered, events.TypeUserPasswordChanged}, seen())
}

func TestChangePassword_WrongGuessesAreThrottledWithoutLockingSignIn(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	s.register(t, "ann@example.com", "ann-password-123")
	ann := bearer(t.Context(), s.login(t, "ann@example.com", "ann-password-123").GetAccessToken())
	for range s.cfg.Identity.LoginMaxFailuresPerAccount {
		_, err := s.client.ChangePassword(ann, &iamv1.ChangePasswordRequest{CurrentPassword: wrongGuess, NewPassword: annNext})
		requireField(t, err, "wrong-password", "current_password")
	}
	_, err := s.client.ChangePassword(ann, &iamv1.ChangePasswordRequest{CurrentPassword: annPassword, NewPassword: annNext})
	requireStatus(t, err, codes.ResourceExhausted, "login-throttled")
	s.login(t, "ann@example.com", "ann-password-123")
}

func TestCreateUser_MakesAnAccountWithRolesThatSignsIn(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	admin := s.adminCtx(t)
	created, err := s.client.CreateUser(admin, &iamv1.CreateUserRequest{
		Email: "Tess@Example.com", DisplayName: "Tess Teacher", Password: "tess-first-password", Roles: []iamv1.Role{iamv1.Role_ROLE_TEACHER},
	})
	require.NoError(t, err)
	u := created.GetUser()
	require.Equal(t, "tess@example.com", u.GetEmail())
	require.Equal(t, []iamv1.Role{iamv1.Role_ROLE_STUDENT, iamv1.Role_ROLE_TEACHER}, u.GetRoles())
	seen := s.iamEvents(t, u.GetId())
	signed := s.login(t, "tess@example.com", "tess-first-password")
	require.Contains(t, signed.GetUser().GetRoles(), iamv1.Role_ROLE_TEACHER)

	_, err = s.client.CreateUser(admin, &iamv1.CreateUserRequest{Email: "TESS@example.com", DisplayName: "Other", Password: "other-first-password"})
	requireStatus(t, err, codes.AlreadyExists, "email-taken")
	_, err = s.client.CreateUser(admin, &iamv1.CreateUserRequest{Email: "x@example.com", DisplayName: "X\x00", Password: "x-first-password"})
	requireField(t, err, "invalid-text", "display_name")
	_, err = s.client.CreateUser(bearer(t.Context(), signed.GetAccessToken()), &iamv1.CreateUserRequest{
		Email: "y@example.com", DisplayName: "Y", Password: "y-first-password",
	})
	requireStatus(t, err, codes.PermissionDenied, "forbidden")

	require.Eventually(t, func() bool { return len(seen()) >= 1 }, 30*time.Second, 50*time.Millisecond)
	require.Equal(t, []string{events.TypeUserRegistered}, seen())
}
