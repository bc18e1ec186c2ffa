package kafka_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/gateway/internal/transport/kafka"
	"lms/shared/auth"
	"lms/shared/auth/authtest"
	"lms/shared/events"
	lmskafka "lms/shared/kafka"
	"lms/shared/testkit"
)

// TestRevocations_ADisabledUsersTokenIsRefusedOnceTheEventArrives runs the
// gateway's consumer against the real broker: iam's "user disabled" event
// makes the verifier refuse the user's still-valid, already cached token,
// while other users and other event types change nothing.
func TestRevocations_ADisabledUsersTokenIsRefusedOnceTheEventArrives(t *testing.T) {
	t.Parallel()
	k := testkit.NewKafka(t)
	topic := k.Topic(t, events.TopicIAM, 1)
	k.Topic(t, events.TopicIAM+events.DeadLetterSuffix, 1)
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg := lmskafka.Config{Brokers: k.Brokers, ClientID: "gateway-test", Linger: time.Millisecond}

	iss := authtest.NewIssuer(t, "k1")
	keys := auth.NewKeySet(auth.JWKSSource{URL: authtest.NewJWKSServer(t, iss.PublicKey()).URL}, auth.KeySetOptions{})
	require.NoError(t, keys.Refresh(t.Context()))
	revoked := auth.NewRevocations(16*time.Minute, nil)
	v, err := auth.NewVerifier(keys, auth.VerifierOptions{Revocations: revoked})
	require.NoError(t, err)

	consumer, err := lmskafka.NewConsumer(cfg, lmskafka.ConsumerOptions{Group: k.Group("gateway"), Topics: []string{topic}},
		kafka.Revocations(revoked), log)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- consumer.Run(ctx) }()
	t.Cleanup(func() { cancel(); require.NoError(t, <-done) })

	producer, err := lmskafka.NewProducer(cfg, log)
	require.NoError(t, err)
	t.Cleanup(producer.Close)
	publish := func(typ, user string, data any) {
		t.Helper()
		ev, err := events.New(topic, typ, events.SourceIAM, user, user, data, time.Now())
		require.NoError(t, err)
		require.NoError(t, producer.Publish(t.Context(), []events.Event{ev}))
	}
	refused := func(token string) bool {
		_, err := v.Verify(t.Context(), token)
		return err != nil
	}

	// The first event also waits out the group's first assignment.
	warm := iss.Token(t, "warm-up-user")
	publish(events.TypeUserDisabled, "warm-up-user", events.UserDisabled{UserID: "warm-up-user", DisabledAt: time.Now()})
	require.Eventually(t, func() bool { return refused(warm) }, 30*time.Second, 10*time.Millisecond)

	alice, bob := iss.Token(t, "alice"), iss.Token(t, "bob")
	for _, tok := range []string{alice, bob} {
		_, err := v.Verify(t.Context(), tok) // cached from now on
		require.NoError(t, err)
	}
	publish(events.TypeUserRolesChanged, "alice", events.UserRolesChanged{UserID: "alice", Roles: []string{"student"}, ChangedAt: time.Now()})
	start := time.Now()
	publish(events.TypeUserDisabled, "alice", events.UserDisabled{UserID: "alice", DisabledBy: "admin", DisabledAt: time.Now()})
	require.Eventually(t, func() bool { return refused(alice) }, 5*time.Second, 5*time.Millisecond)
	t.Logf("alice's token refused %v after her disable event was published", time.Since(start).Round(time.Millisecond))

	_, err = v.Verify(t.Context(), alice)
	require.ErrorIs(t, err, auth.ErrTokenRevoked)
	_, err = v.Verify(t.Context(), bob)
	require.NoError(t, err, "other users keep access")
}

func TestRevocations_DeadLettersAnEventItCanNeverApply(t *testing.T) {
	t.Parallel()
	revoked := auth.NewRevocations(16*time.Minute, nil)
	handle := kafka.Revocations(revoked)
	for name, data := range map[string]string{"not JSON": `{`, "no user": `{"user_id":""}`} {
		err := handle(t.Context(), events.Event{ID: "e1", Type: events.TypeUserDisabled, Data: []byte(data)})
		require.Truef(t, lmskafka.IsPermanent(err), "%s: %v", name, err)
	}
	require.Zero(t, revoked.Len())
}
