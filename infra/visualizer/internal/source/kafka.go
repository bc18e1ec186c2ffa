// Package source feeds the live board from what the LMS emits: its Kafka
// topics, Temporal's visibility API and the services' /metrics.
package source

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"

	"lms/infra/visualizer/internal/live"
	"lms/shared/events"
	sharedkafka "lms/shared/kafka"
)

// Kafka reads every partition of the domain topics and their dead-letter
// topics from the beginning, at every start: the events are the system's
// record, so the board is rebuilt from them and then follows them live. The
// reader is named by its own group id but assigns partitions itself and
// commits nothing, so any number of visualizers each see everything and
// none depends on offsets stored by an earlier one.
type Kafka struct {
	Brokers string
	Group   string
	Topics  []string
	// LagGroups are the prefixes of the consumer groups whose lag is shown
	// while they have members.
	LagGroups []string
	// KeyGroups are consumer groups shown even when no member runs.
	KeyGroups []string
	Board     *live.Board
	Log       *slog.Logger
}

// Run reads until ctx ends, reconnecting after a failure.
func (k *Kafka) Run(ctx context.Context) error {
	for ctx.Err() == nil {
		if err := k.read(ctx); err != nil {
			k.Board.SetSource("kafka", err.Error())
			k.Log.Warn("kafka reader failed; retrying", "error", err)
			select {
			case <-ctx.Done():
			case <-time.After(2 * time.Second):
			}
		}
	}
	return nil
}

func (k *Kafka) all() []string {
	var out []string
	for _, t := range k.Topics {
		out = append(out, t, events.DeadLetter(t))
	}
	return out
}

func (k *Kafka) read(ctx context.Context) error {
	c, err := kafka.NewConsumer(&kafka.ConfigMap{
		"bootstrap.servers":    k.Brokers,
		"client.id":            k.Group,
		"group.id":             k.Group,
		"enable.auto.commit":   false,
		"auto.offset.reset":    "earliest",
		"enable.partition.eof": true,
	})
	if err != nil {
		return fmt.Errorf("kafka consumer: %w", err)
	}
	defer func() { _ = c.Close() }()
	admin, err := kafka.NewAdminClientFromConsumer(c)
	if err != nil {
		return fmt.Errorf("kafka admin: %w", err)
	}
	defer admin.Close()

	parts, err := k.partitions(c)
	if err != nil {
		return err
	}
	if err := c.Assign(parts); err != nil {
		return fmt.Errorf("assign: %w", err)
	}
	k.Board.Restart()
	k.Board.SetSource("kafka", "")
	eof := map[string]map[int32]bool{}
	want := map[string]int{}
	for _, p := range parts {
		want[*p.Topic]++
	}

	// The lag is asked for beside the reading: a slow or restarting broker
	// may keep those calls waiting, and the reading must not wait with them.
	lagCtx, stopLag := context.WithCancel(ctx)
	lagDone := make(chan struct{})
	go func() { defer close(lagDone); k.lagLoop(lagCtx, admin, parts) }()
	defer func() { stopLag(); <-lagDone }()
	for ctx.Err() == nil {
		switch e := c.Poll(200).(type) {
		case *kafka.Message:
			k.message(e)
		case kafka.PartitionEOF:
			topic := *e.Topic
			if eof[topic] == nil {
				eof[topic] = map[int32]bool{}
			}
			eof[topic][e.Partition] = true
			if len(eof[topic]) == want[topic] {
				k.Board.CaughtUp(topic)
			}
		case kafka.Error:
			if e.IsFatal() {
				return fmt.Errorf("kafka: %w", e)
			}
			k.Log.Debug("kafka", "error", e.Error())
		}
	}
	return nil
}

// partitions lists every partition of the watched topics that exists.
func (k *Kafka) partitions(c *kafka.Consumer) ([]kafka.TopicPartition, error) {
	md, err := c.GetMetadata(nil, true, 10_000)
	if err != nil {
		return nil, fmt.Errorf("kafka metadata: %w", err)
	}
	var parts []kafka.TopicPartition
	for _, topic := range k.all() {
		t, ok := md.Topics[topic]
		if !ok || t.Error.Code() != kafka.ErrNoError {
			continue
		}
		for _, p := range t.Partitions {
			name := topic
			parts = append(parts, kafka.TopicPartition{Topic: &name, Partition: p.ID, Offset: kafka.OffsetBeginning})
		}
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("none of the topics %v exists yet", k.all())
	}
	return parts, nil
}

func (k *Kafka) message(m *kafka.Message) {
	if m.TopicPartition.Error != nil || m.TopicPartition.Topic == nil {
		return
	}
	topic := *m.TopicPartition.Topic
	at := m.Timestamp
	if at.IsZero() {
		at = time.Now()
	}
	if strings.HasSuffix(topic, events.DeadLetterSuffix) {
		k.Board.Event(topic, at, nil)
		return
	}
	ev, err := sharedkafka.Decode(m)
	if err != nil {
		k.Board.Event(topic, at, nil)
		return
	}
	k.Board.Event(topic, at, &ev)
}

func (k *Kafka) lagLoop(ctx context.Context, admin *kafka.AdminClient, parts []kafka.TopicPartition) {
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			k.lag(ctx, admin, parts)
		}
	}
}

// lag asks the brokers how far each watched consumer group is behind the
// end of each watched topic.
func (k *Kafka) lag(ctx context.Context, admin *kafka.AdminClient, parts []kafka.TopicPartition) {
	// Each call gets its own deadline, so a busy broker slows the picture
	// down without leaving groups out of it.
	call := func() (context.Context, context.CancelFunc) { return context.WithTimeout(ctx, 5*time.Second) }
	cctx, cancel := call()
	defer cancel()
	groups, err := admin.ListConsumerGroups(cctx)
	if err != nil {
		k.Log.Debug("list consumer groups", "error", err)
		return
	}
	spec := make(map[kafka.TopicPartition]kafka.OffsetSpec, len(parts))
	for _, p := range parts {
		spec[kafka.TopicPartition{Topic: p.Topic, Partition: p.Partition}] = kafka.LatestOffsetSpec
	}
	ectx, cancelEnds := call()
	defer cancelEnds()
	ends, err := admin.ListOffsets(ectx, spec)
	if err != nil {
		k.Log.Debug("list offsets", "error", err)
		return
	}
	end := map[string]map[int32]int64{}
	for tp, info := range ends.ResultInfos {
		if tp.Topic == nil || info.Error.Code() != kafka.ErrNoError {
			continue
		}
		if end[*tp.Topic] == nil {
			end[*tp.Topic] = map[int32]int64{}
		}
		end[*tp.Topic][tp.Partition] = int64(info.Offset)
	}
	var lags []live.Lag
	for _, g := range groups.Valid {
		active := g.State != kafka.ConsumerGroupStateEmpty && g.State != kafka.ConsumerGroupStateDead
		// A group nobody reads for any more is left out, unless it is one
		// of the LMS's own, whose lag growing while its service is down is
		// exactly what to see.
		if !slices.Contains(k.KeyGroups, g.GroupID) && (!active || !k.watched(g.GroupID)) {
			continue
		}
		gctx, cancelGroup := call()
		res, err := admin.ListConsumerGroupOffsets(gctx, []kafka.ConsumerGroupTopicPartitions{{Group: g.GroupID}})
		cancelGroup()
		if err != nil || len(res.ConsumerGroupsTopicPartitions) == 0 {
			continue
		}
		for _, l := range groupLag(g.GroupID, res.ConsumerGroupsTopicPartitions[0].Partitions, end) {
			l.Active = active
			lags = append(lags, l)
		}
	}
	slices.SortFunc(lags, func(a, b live.Lag) int { return strings.Compare(a.Group+a.Topic, b.Group+b.Topic) })
	k.Board.SetLags(lags)
}

func (k *Kafka) watched(group string) bool {
	return slices.ContainsFunc(k.LagGroups, func(p string) bool { return strings.HasPrefix(group, p) })
}

// groupLag sums, per topic, how many messages lie between a group's
// committed offsets and the ends of the partitions.
func groupLag(group string, committed []kafka.TopicPartition, end map[string]map[int32]int64) []live.Lag {
	byTopic := map[string]int64{}
	for _, p := range committed {
		if p.Topic == nil || p.Offset < 0 {
			continue
		}
		ends, ok := end[*p.Topic]
		if !ok {
			continue
		}
		byTopic[*p.Topic] += max(ends[p.Partition]-int64(p.Offset), 0)
	}
	out := make([]live.Lag, 0, len(byTopic))
	for topic, n := range byTopic {
		out = append(out, live.Lag{Group: group, Topic: topic, Lag: n})
	}
	return out
}
