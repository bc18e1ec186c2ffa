package throttle_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/domain/throttle"
	"lms/shared/errs"
)

var (
	now    = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	policy = throttle.Policy{MaxFailures: 3, Window: 10 * time.Minute, Lockout: 15 * time.Minute}
)

func fail(t *testing.T, c *throttle.Counter, at time.Time) {
	t.Helper()
	require.NoError(t, c.Admit(policy, at))
	c.Failed(policy, at)
}

func TestCounter(t *testing.T) {
	t.Parallel()
	t.Run("locks out after the maximum failures until the lock-out ends", func(t *testing.T) {
		t.Parallel()
		var c throttle.Counter
		for range 3 {
			fail(t, &c, now)
		}
		err := c.Admit(policy, now.Add(time.Minute))
		require.ErrorIs(t, err, throttle.ErrLocked)
		e, _ := errs.As(err)
		require.Equal(t, "840", e.Fields["retry_after_seconds"])
		require.ErrorIs(t, c.Admit(policy, now.Add(15*time.Minute-time.Second)), throttle.ErrLocked)
		require.NoError(t, c.Admit(policy, now.Add(15*time.Minute)), "a fresh budget after the lock-out")
	})
	t.Run("forgets failures older than the window", func(t *testing.T) {
		t.Parallel()
		var c throttle.Counter
		fail(t, &c, now)
		fail(t, &c, now)
		fail(t, &c, now.Add(10*time.Minute))
		require.NoError(t, c.Admit(policy, now.Add(10*time.Minute)))
	})
	t.Run("counts parallel attempts before they finish", func(t *testing.T) {
		t.Parallel()
		var c throttle.Counter
		for range 3 {
			require.NoError(t, c.Admit(policy, now))
		}
		require.ErrorIs(t, c.Admit(policy, now), throttle.ErrLocked)
	})
	t.Run("a success forgives the account but only itself for an address", func(t *testing.T) {
		t.Parallel()
		var account, address throttle.Counter
		for _, c := range []*throttle.Counter{&account, &address} {
			fail(t, c, now)
			fail(t, c, now)
			require.NoError(t, c.Admit(policy, now))
		}
		account.Succeeded(true)
		address.Succeeded(false)
		require.Equal(t, 0, account.Failures)
		require.Equal(t, 2, address.Failures)
	})
}

func TestAddressKey(t *testing.T) {
	t.Parallel()
	require.Equal(t, throttle.Key("address:192.0.2.1"), throttle.AddressKey("192.0.2.1"))
	require.Equal(t, throttle.Key("address:192.0.2.1"), throttle.AddressKey("::ffff:192.0.2.1"), "IPv4-mapped counts as IPv4")
	require.Equal(t, throttle.AddressKey("2001:db8:1:2::1"), throttle.AddressKey("2001:db8:1:2:ffff::9"), "one /64 is one client")
	require.NotEqual(t, throttle.AddressKey("2001:db8:1:2::1"), throttle.AddressKey("2001:db8:1:3::1"))
}
