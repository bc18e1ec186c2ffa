package service_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	iamv1 "lms/shared/gen/iam/v1"
)

// TestContract_NoMessageCarriesAPasswordHash walks every message of iam.v1:
// no field may be named like a hash or credential store, and only the
// requests that take a password from a person have a password field.
func TestContract_NoMessageCarriesAPasswordHash(t *testing.T) {
	t.Parallel()
	file := iamv1.File_iam_v1_iam_proto
	var passwordFields []string
	msgs := file.Messages()
	for i := range msgs.Len() {
		m := msgs.Get(i)
		fields := m.Fields()
		for j := range fields.Len() {
			name := strings.ToLower(string(fields.Get(j).Name()))
			require.NotContains(t, name, "hash", "%s.%s", m.Name(), name)
			require.NotContains(t, name, "salt", "%s.%s", m.Name(), name)
			if strings.Contains(name, "password") {
				passwordFields = append(passwordFields, string(m.Name())+"."+name)
			}
		}
	}
	require.ElementsMatch(t, []string{"RegisterRequest.password", "LoginRequest.password",
		"ChangePasswordRequest.current_password", "ChangePasswordRequest.new_password", "CreateUserRequest.password"}, passwordFields)
	require.Positive(t, msgs.Len())
}

// TestContract_ResponsesHoldNoHash checks real answers byte for byte.
func TestContract_ResponsesHoldNoHash(t *testing.T) {
	t.Parallel()
	s := startIAM(t)
	s.register(t, "ann@example.com", "ann-password-123")
	login := s.login(t, "ann@example.com", "ann-password-123")
	admin := s.adminCtx(t)
	list, err := s.client.ListUsers(admin, &iamv1.ListUsersRequest{})
	require.NoError(t, err)
	got, err := s.client.GetUser(admin, &iamv1.GetUserRequest{UserId: login.GetUser().GetId()})
	require.NoError(t, err)
	for _, m := range []proto.Message{login, list, got} {
		b, err := proto.Marshal(m)
		require.NoError(t, err)
		require.NotContains(t, string(b), "argon2")
		require.NotContains(t, string(b), "ann-password-123")
		requireNoBytesField(t, m.ProtoReflect())
	}
}

// requireNoBytesField fails on any bytes field in a user-bearing answer, the
// shape a leaked hash would take.
func requireNoBytesField(t *testing.T, m protoreflect.Message) {
	t.Helper()
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		require.NotEqual(t, protoreflect.BytesKind, fd.Kind(), "%s", fd.FullName())
		if fd.Kind() == protoreflect.MessageKind && !fd.IsList() {
			requireNoBytesField(t, v.Message())
		}
		if fd.Kind() == protoreflect.MessageKind && fd.IsList() {
			for i := range v.List().Len() {
				requireNoBytesField(t, v.List().Get(i).Message())
			}
		}
		return true
	})
}
