package command

import (
	"context"
	"slices"
	"time"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/webhook"
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

// WebhookReplayGroupHandler replays past events to a named consumer group:
// the group reads them again, from a time on, once its consumers start.
type WebhookReplayGroupHandler struct {
	groups  ConsumerGroups
	allowed []string
	topics  []string
	now     Clock
}

// NewWebhookReplayGroupHandler returns the handler over groups, for the
// groups allowed and the topics the LMS publishes.
func NewWebhookReplayGroupHandler(groups ConsumerGroups, allowed, topics []string, now Clock) WebhookReplayGroupHandler {
	return WebhookReplayGroupHandler{groups: groups, allowed: allowed, topics: topics, now: now}
}

// ReplayGroup asks for Group to read Topic (every topic it reads when
// empty) again from From on.
type ReplayGroup struct {
	Caller course.Caller
	Group  string
	Topic  string
	From   time.Time
}

// Handle moves the group's offsets back (or forward) to From; it changes
// nothing unless the caller is an administrator, the group is one of the
// allowed, the time is in the past, and the group is idle.
func (h WebhookReplayGroupHandler) Handle(ctx context.Context, cmd ReplayGroup) ([]webhook.GroupOffset, error) {
	if err := AdminOnly(cmd.Caller); err != nil {
		return nil, err
	}
	if !slices.Contains(h.allowed, cmd.Group) {
		return nil, webhook.ErrGroupNotFound.With("group", cmd.Group)
	}
	if (cmd.Topic != "" && !slices.Contains(h.topics, cmd.Topic)) || cmd.From.IsZero() || cmd.From.After(h.now.Now()) {
		return nil, webhook.ErrBadReplay
	}
	var topics []string
	if cmd.Topic != "" {
		topics = []string{cmd.Topic}
	}
	return h.groups.Rewind(ctx, cmd.Group, topics, cmd.From)
}
