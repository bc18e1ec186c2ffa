package kafka

import (
	"encoding/json"
	"fmt"

	"lms/shared/events"
	"lms/shared/kafka"
)

// decode reads an event's data as T; data that cannot be read is a
// permanent failure, so the event goes to the dead-letter topic.
func decode[T any](ev events.Event) (T, error) {
	var d T
	if err := json.Unmarshal(ev.Data, &d); err != nil {
		return d, kafka.Permanent(fmt.Errorf("decode %s %s: %w", ev.Type, ev.ID, err))
	}
	return d, nil
}
