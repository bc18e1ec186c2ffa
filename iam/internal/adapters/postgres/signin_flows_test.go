package postgres_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/adapters/postgres"
	"lms/iam/internal/domain/identity"
	"lms/iam/internal/domain/user"
)

func TestSignInFlows_AStateIsTakenOnceEvenByCallbacksAtOnce(t *testing.T) {
	t.Parallel()
	flows := postgres.NewSignInFlows(migrated(t))
	f := identity.Flow{State: "state-1", Provider: "uni", Nonce: "n", Verifier: "v", ExpiresAt: now.Add(10 * time.Minute)}
	require.NoError(t, flows.Save(t.Context(), f))

	var won atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			got, err := flows.Take(t.Context(), "state-1", now)
			if err == nil {
				won.Add(1)
				require.Equal(t, f, got)
				return
			}
			require.ErrorIs(t, err, identity.ErrStateInvalid)
		})
	}
	wg.Wait()
	require.Equal(t, int32(1), won.Load(), "exactly one callback gets the flow")

	require.NoError(t, flows.Save(t.Context(), identity.Flow{State: "late", Provider: "uni", ExpiresAt: now.Add(time.Minute)}))
	_, err := flows.Take(t.Context(), "late", now.Add(time.Minute))
	require.ErrorIs(t, err, identity.ErrStateInvalid, "expired")
	_, err = flows.Take(t.Context(), "late", now)
	require.ErrorIs(t, err, identity.ErrStateInvalid, "an expired state is gone, not waiting for another try")
}

func TestSignInFlows_ACodeIsExchangedOnce(t *testing.T) {
	t.Parallel()
	db := migrated(t)
	grants := postgres.NewSignInFlows(db).Grants()
	u := addUser(t, postgres.NewUsers(db), "ada@uni.example")
	require.NoError(t, grants.Save(t.Context(), identity.Grant{Code: "code-1", UserID: u.ID(), ExpiresAt: now.Add(time.Minute)}))

	var won atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			id, err := grants.Take(t.Context(), "code-1", now)
			if err == nil {
				won.Add(1)
				require.Equal(t, u.ID(), id)
				return
			}
			require.ErrorIs(t, err, identity.ErrCodeInvalid)
		})
	}
	wg.Wait()
	require.Equal(t, int32(1), won.Load())

	require.NoError(t, grants.Save(t.Context(), identity.Grant{Code: "code-2", UserID: u.ID(), ExpiresAt: now.Add(time.Minute)}))
	_, err := grants.Take(t.Context(), "code-2", now.Add(time.Minute))
	require.ErrorIs(t, err, identity.ErrCodeInvalid, "expired")
}

func TestIdentities_TwoUnlinksAtOnceNeverRemoveTheLastWayIn(t *testing.T) {
	t.Parallel()
	db := migrated(t)
	ids := postgres.NewIdentities(db)
	u := addUser(t, postgres.NewUsers(db), "grace@uni.example")
	var all []*identity.Identity
	for i := range 2 {
		id := identity.New(string(newID(t)), u.ID(), "uni", identity.Key{Issuer: "https://idp", Subject: fmt.Sprint("s", i)}, u.Email(), now)
		require.NoError(t, ids.Add(t.Context(), id))
		all = append(all, id)
	}
	dup := identity.New(string(newID(t)), u.ID(), "uni", all[0].Key(), u.Email(), now)
	require.ErrorIs(t, ids.Add(t.Context(), dup), identity.ErrAlreadyLinked, "issuer + subject is one identity")

	// As if the account had no password: only one of the two may go.
	var wg sync.WaitGroup
	var removed atomic.Int32
	for _, id := range all {
		wg.Go(func() {
			err := ids.Remove(t.Context(), u.ID(), id.ID(), func(_ *user.User, left []*identity.Identity) error {
				return identity.CheckUnlink(id.ID(), left, false)
			})
			if err == nil {
				removed.Add(1)
				return
			}
			require.ErrorIs(t, err, identity.ErrLastSignIn)
		})
	}
	wg.Wait()
	require.Equal(t, int32(1), removed.Load())
	left, err := ids.ListByUser(t.Context(), u.ID())
	require.NoError(t, err)
	require.Len(t, left, 1)
}
