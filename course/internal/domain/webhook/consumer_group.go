package webhook

import "lms/shared/errs"

// Errors of a replay to a named consumer group (its committed offsets
// moved back to a time).
var (
	ErrGroupNotFound = errs.New(errs.NotFound, "consumer-group-not-found",
		"the consumer group is not one an administrator may replay to (COURSE_REPLAY_GROUPS)")
	ErrGroupActive = errs.New(errs.FailedPrecondition, "consumer-group-active",
		"the consumer group has running members: stop its consumers, then replay, then start them again")
	ErrGroupNoOffsets = errs.New(errs.InvalidArgument, "consumer-group-without-offsets",
		"the consumer group has committed no offsets yet: name the topic to replay").With("field", "topic")
)

// GroupOffset is where a consumer group resumes on one partition.
type GroupOffset struct {
	Topic     string
	Partition int32
	Offset    int64
}
