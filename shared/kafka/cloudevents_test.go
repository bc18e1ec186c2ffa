package kafka_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"
	"github.com/stretchr/testify/require"

	"lms/shared/events"
	lmskafka "lms/shared/kafka"
)

func sampleEvent(t *testing.T) events.Event {
	t.Helper()
	at := time.Date(2025, 3, 14, 9, 26, 53, 123456789, time.UTC)
	ev, err := events.NewOf("c1", "enrollment/e1",
		events.EnrollmentActivated{EnrollmentID: "e1", CourseID: "c1", StudentID: "s1", ActivatedAt: at}, at)
	require.NoError(t, err)
	return ev
}

func headers(m *kafka.Message) map[string]string {
	h := map[string]string{}
	for _, kv := range m.Headers {
		h[kv.Key] = string(kv.Value)
	}
	return h
}

func TestMessage_UsesCloudEventsBinaryMode(t *testing.T) {
	t.Parallel()
	ev := sampleEvent(t)
	m := lmskafka.Message(ev)

	require.Equal(t, map[string]string{
		"ce_specversion": "1.0",
		"ce_id":          ev.ID,
		"ce_type":        "lms.course.enrollment.activated.v1",
		"ce_source":      "lms/course",
		"ce_time":        "2025-03-14T09:26:53.123456789Z",
		"ce_subject":     "enrollment/e1",
		"content-type":   "application/json",
	}, headers(m))
	require.Equal(t, "c1", string(m.Key))
	require.JSONEq(t, string(ev.Data), string(m.Value))
	require.Equal(t, events.TopicCourse, *m.TopicPartition.Topic)

	back, err := lmskafka.Decode(m)
	require.NoError(t, err)
	require.Equal(t, ev, back, "decoding an encoded event must give it back unchanged")
}

func TestDecode_RejectsMessagesThatAreNotLMSEvents(t *testing.T) {
	t.Parallel()
	good := lmskafka.Message(sampleEvent(t))
	without := func(key string) *kafka.Message {
		m := *good
		m.Headers = nil
		for _, h := range good.Headers {
			if h.Key != key {
				m.Headers = append(m.Headers, h)
			}
		}
		return &m
	}
	with := func(key, value string) *kafka.Message {
		m := without(key)
		m.Headers = append(m.Headers, kafka.Header{Key: key, Value: []byte(value)})
		return m
	}
	withValue := func(v string) *kafka.Message {
		m := *good
		m.Value = []byte(v)
		return &m
	}
	cases := map[string]struct {
		msg    *kafka.Message
		reason string
	}{
		"no headers at all":            {&kafka.Message{TopicPartition: good.TopicPartition, Value: []byte(`{}`)}, lmskafka.ReasonInvalidCloudEvent},
		"no spec version":              {without("ce_specversion"), lmskafka.ReasonInvalidCloudEvent},
		"another spec version":         {with("ce_specversion", "0.3"), lmskafka.ReasonInvalidCloudEvent},
		"no id":                        {without("ce_id"), lmskafka.ReasonInvalidCloudEvent},
		"empty type":                   {with("ce_type", ""), lmskafka.ReasonInvalidCloudEvent},
		"no source":                    {without("ce_source"), lmskafka.ReasonInvalidCloudEvent},
		"no time":                      {without("ce_time"), lmskafka.ReasonInvalidCloudEvent},
		"a time that is not RFC 3339":  {with("ce_time", "14/03/2025 09:26"), lmskafka.ReasonInvalidCloudEvent},
		"data that is not JSON":        {withValue(`{"course_id": "c1"`), lmskafka.ReasonInvalidData},
		"empty data":                   {withValue(``), lmskafka.ReasonInvalidData},
		"data of another content type": {with("content-type", "application/avro"), lmskafka.ReasonInvalidCloudEvent},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := lmskafka.Decode(tc.msg)
			var de *lmskafka.DecodeError
			require.ErrorAs(t, err, &de)
			require.Equal(t, tc.reason, de.Reason)
		})
	}

	t.Run("accepts an event without subject or content type", func(t *testing.T) {
		t.Parallel()
		ev, err := lmskafka.Decode(without("content-type"))
		require.NoError(t, err)
		require.Equal(t, events.TypeEnrollmentActivated, ev.Type)
		ev, err = lmskafka.Decode(without("ce_subject"))
		require.NoError(t, err)
		require.Empty(t, ev.Subject)
	})
}

func TestPermanent_IsFoundThroughWrapping(t *testing.T) {
	t.Parallel()
	cause := errors.New("course c1 does not exist")
	err := fmt.Errorf("apply enrollment e1: %w", lmskafka.Permanent(cause))
	require.True(t, lmskafka.IsPermanent(err))
	require.ErrorIs(t, err, cause)
	require.False(t, lmskafka.IsPermanent(cause))
	require.NoError(t, lmskafka.Permanent(nil))
}

func TestMessage_CarriesTheTraceParentAsTheDistributedTracingExtension(t *testing.T) {
	t.Parallel()
	ev := sampleEvent(t)
	ev.TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	m := lmskafka.Message(ev)

	require.Equal(t, ev.TraceParent, headers(m)["ce_traceparent"])
	back, err := lmskafka.Decode(m)
	require.NoError(t, err)
	require.Equal(t, ev, back, "the consumer reads the trace the producer wrote")
}
