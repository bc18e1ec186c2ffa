package command

import (
	"context"
	"slices"
	"time"

	"lms/course/internal/domain/webhook"
	"lms/shared/caller"
)

// ConsumerGroups moves a Kafka consumer group's committed offsets.
type ConsumerGroups interface {
	// Rewind sets group's committed offset on every partition of topics
	// (every topic it has offsets on when empty) to the first event at or
	// after from (the partition's end when none is). It refuses with
	// webhook.ErrGroupActive while the group has members, and with
	// webhook.ErrGroupNoOffsets when topics is empty and the group has none.
	Rewind(ctx context.Context, group string, topics []string, from time.Time) ([]webhook.GroupOffset, error)
}

// ReplayConsumerGroupInput asks for Group to read Topic (every topic it reads when
// empty) again from From on.
type ReplayConsumerGroupInput struct {
	Caller caller.Caller
	Group  string
	Topic  string
	From   time.Time
}

// ReplayConsumerGroup replays past events to a named consumer group:
// the group reads them again, from a time on, once its consumers start.
type ReplayConsumerGroup struct {
	groups  ConsumerGroups
	allowed []string
	topics  []string
	now     Clock
}

// NewReplayConsumerGroup returns the ReplayConsumerGroup use case.
func NewReplayConsumerGroup(groups ConsumerGroups, allowed []string, topics []string, now Clock) *ReplayConsumerGroup {
	return &ReplayConsumerGroup{groups: groups, allowed: allowed, topics: topics, now: now}
}

// Handle moves the group's offsets back (or forward) to From; it changes
// nothing unless the caller is an administrator, the group is one of the
// allowed, the time is in the past, and the group is idle.
func (h *ReplayConsumerGroup) Handle(ctx context.Context, in ReplayConsumerGroupInput) ([]webhook.GroupOffset, error) {
	if err := AdminOnly(in.Caller); err != nil {
		return nil, err
	}
	if !slices.Contains(h.allowed, in.Group) {
		return nil, webhook.ErrGroupNotFound.With("group", in.Group)
	}
	if (in.Topic != "" && !slices.Contains(h.topics, in.Topic)) || in.From.IsZero() || in.From.After(h.now.Now()) {
		return nil, webhook.ErrBadReplay
	}
	var topics []string
	if in.Topic != "" {
		topics = []string{in.Topic}
	}
	return h.groups.Rewind(ctx, in.Group, topics, in.From)
}
