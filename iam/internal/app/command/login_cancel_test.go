package command_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/app/command"
	"lms/iam/internal/domain/throttle"
)

// impatientThrottles is a throttle repository that, like a database, refuses
// work on a cancelled context, and that cancels the sign-in once its
// password check has been admitted: the caller (a gateway with a deadline)
// gave up while the password was being checked.
type impatientThrottles struct {
	inner  throttle.Repository
	mu     sync.Mutex
	cancel context.CancelFunc
	admits int
}

func (r *impatientThrottles) Update(ctx context.Context, key throttle.Key, fn func(*throttle.Counter) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	err := r.inner.Update(ctx, key, fn)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.admits++; r.admits == 2 && r.cancel != nil { // both gates admitted
		r.cancel()
	}
	return err
}

func (r *impatientThrottles) arm(cancel context.CancelFunc) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cancel, r.admits = cancel, 0
}

// TestLogin_ASignInItsCallerGaveUpOnDoesNotCountAsAFailure: a student whose
// sign-ins time out at the gateway while the service is slow, and who tries
// again each time, is not locked out as if she had guessed wrong passwords.
func TestLogin_ASignInItsCallerGaveUpOnDoesNotCountAsAFailure(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	th := &impatientThrottles{inner: f.throttles}
	login := command.NewLogin(f.users, f.sessions, th, f.hasher, apptestIssuer, f.clock, policy, discard)
	for range policy.PerAccount.MaxFailures + 2 {
		ctx, cancel := context.WithCancel(t.Context())
		th.arm(cancel)
		// Whatever the caller was answered, it had left.
		_, _ = login.Handle(ctx, command.LoginInput{Email: "ann@example.com", Password: "ann-password-123", ClientAddress: "192.0.2.1"})
		cancel()
	}
	th.arm(nil)
	tok, err := login.Handle(t.Context(), command.LoginInput{Email: "ann@example.com", Password: "ann-password-123", ClientAddress: "192.0.2.1"})
	require.NoError(t, err, "the right password still signs her in")
	require.NotEmpty(t, tok.RefreshToken)
}
