package eventlog

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/webhook"
	lmskafka "lms/shared/kafka"
)

// Groups moves consumer groups' committed offsets with Kafka's admin API,
// as `kafka-consumer-groups.sh --reset-offsets --to-datetime` does.
type Groups struct {
	brokers string
}

var _ command.ConsumerGroups = (*Groups)(nil)

// NewGroups returns the admin of cfg's brokers' groups.
func NewGroups(cfg lmskafka.Config) *Groups { return &Groups{brokers: cfg.Brokers} }

// Rewind sets group's offsets on topics to the first event at or after
// from. Kafka itself refuses to alter the offsets of a group with members,
// so a consumer that joins between the check and the change is refused too.
func (g *Groups) Rewind(ctx context.Context, group string, topics []string, from time.Time) ([]webhook.GroupOffset, error) {
	a, err := kafka.NewAdminClient(&kafka.ConfigMap{"bootstrap.servers": g.brokers, "log_level": 3})
	if err != nil {
		return nil, fmt.Errorf("kafka admin: %w", err)
	}
	defer a.Close()
	ctx, cancel := context.WithTimeout(ctx, 3*timeout)
	defer cancel()
	if err := idle(ctx, a, group); err != nil {
		return nil, err
	}
	if len(topics) == 0 {
		if topics, err = committedTopics(ctx, a, group); err != nil {
			return nil, err
		}
	}
	at := make(map[kafka.TopicPartition]kafka.OffsetSpec)
	for _, t := range topics {
		md, err := a.GetMetadata(&t, false, int(timeout.Milliseconds()))
		if err != nil {
			return nil, fmt.Errorf("metadata of %s: %w", t, err)
		}
		tm, ok := md.Topics[t]
		if !ok || tm.Error.Code() != kafka.ErrNoError || len(tm.Partitions) == 0 {
			return nil, webhook.ErrBadReplay
		}
		for _, p := range tm.Partitions {
			// A time before 1970 would read as one of Kafka's logical offsets.
			at[kafka.TopicPartition{Topic: &t, Partition: p.ID}] = kafka.NewOffsetSpecForTimestamp(max(from.UnixMilli(), 0))
		}
	}
	offsets, err := a.ListOffsets(ctx, at)
	if err != nil {
		return nil, fmt.Errorf("offsets of %s at %s: %w", group, from, err)
	}
	var (
		set []kafka.TopicPartition
		out []webhook.GroupOffset
	)
	for tp, info := range offsets.ResultInfos {
		if info.Error.Code() != kafka.ErrNoError {
			return nil, fmt.Errorf("offset of %s/%d at %s: %w", *tp.Topic, tp.Partition, from, info.Error)
		}
		off := info.Offset
		if off < 0 {
			// No event at or after the time: resume at the end.
			if off, err = end(ctx, a, *tp.Topic, tp.Partition); err != nil {
				return nil, err
			}
		}
		topic := *tp.Topic
		set = append(set, kafka.TopicPartition{Topic: &topic, Partition: tp.Partition, Offset: off})
		out = append(out, webhook.GroupOffset{Topic: topic, Partition: tp.Partition, Offset: int64(off)})
	}
	res, err := a.AlterConsumerGroupOffsets(ctx, []kafka.ConsumerGroupTopicPartitions{{Group: group, Partitions: set}})
	if err != nil {
		if isActive(err) {
			return nil, webhook.ErrGroupActive.With("group", group)
		}
		return nil, fmt.Errorf("move offsets of %s: %w", group, err)
	}
	for _, r := range res.ConsumerGroupsTopicPartitions {
		for _, p := range r.Partitions {
			if p.Error != nil {
				if isActive(p.Error) {
					return nil, webhook.ErrGroupActive.With("group", group)
				}
				return nil, fmt.Errorf("move offset of %s on %s/%d: %w", group, *p.Topic, p.Partition, p.Error)
			}
		}
	}
	slices.SortFunc(out, func(a, b webhook.GroupOffset) int {
		if a.Topic != b.Topic {
			if a.Topic < b.Topic {
				return -1
			}
			return 1
		}
		return int(a.Partition - b.Partition)
	})
	return out, nil
}

// idle refuses a group with members (consumers running, or rebalancing).
func idle(ctx context.Context, a *kafka.AdminClient, group string) error {
	d, err := a.DescribeConsumerGroups(ctx, []string{group})
	if err != nil {
		return fmt.Errorf("describe %s: %w", group, err)
	}
	for _, g := range d.ConsumerGroupDescriptions {
		if g.Error.Code() != kafka.ErrNoError {
			return fmt.Errorf("describe %s: %w", group, g.Error)
		}
		if g.State != kafka.ConsumerGroupStateEmpty && g.State != kafka.ConsumerGroupStateDead {
			return webhook.ErrGroupActive.With("group", group).With("state", g.State.String()).
				With("members", fmt.Sprint(len(g.Members)))
		}
	}
	return nil
}

// committedTopics lists the topics group has committed offsets on.
func committedTopics(ctx context.Context, a *kafka.AdminClient, group string) ([]string, error) {
	res, err := a.ListConsumerGroupOffsets(ctx, []kafka.ConsumerGroupTopicPartitions{{Group: group}})
	if err != nil {
		return nil, fmt.Errorf("offsets of %s: %w", group, err)
	}
	var topics []string
	for _, g := range res.ConsumerGroupsTopicPartitions {
		for _, p := range g.Partitions {
			if p.Topic != nil && p.Offset >= 0 && !slices.Contains(topics, *p.Topic) {
				topics = append(topics, *p.Topic)
			}
		}
	}
	if len(topics) == 0 {
		return nil, webhook.ErrGroupNoOffsets.With("group", group)
	}
	slices.Sort(topics)
	return topics, nil
}

func end(ctx context.Context, a *kafka.AdminClient, topic string, partition int32) (kafka.Offset, error) {
	res, err := a.ListOffsets(ctx, map[kafka.TopicPartition]kafka.OffsetSpec{{Topic: &topic, Partition: partition}: kafka.LatestOffsetSpec})
	if err != nil {
		return 0, fmt.Errorf("end of %s/%d: %w", topic, partition, err)
	}
	for _, info := range res.ResultInfos {
		if info.Error.Code() != kafka.ErrNoError {
			return 0, fmt.Errorf("end of %s/%d: %w", topic, partition, info.Error)
		}
		return info.Offset, nil
	}
	return 0, fmt.Errorf("end of %s/%d: no answer", topic, partition)
}

// isActive reports Kafka's refusal to move the offsets of a group with
// members.
func isActive(err error) bool {
	var ke kafka.Error
	if !errors.As(err, &ke) {
		return false
	}
	switch ke.Code() {
	case kafka.ErrUnknownMemberID, kafka.ErrRebalanceInProgress, kafka.ErrNonEmptyGroup, kafka.ErrGroupSubscribedToTopic:
		return true
	}
	return false
}
