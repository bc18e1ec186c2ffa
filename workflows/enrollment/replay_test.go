package enrollment

import (
	"testing"

	"go.temporal.io/sdk/worker"

	"lms/workflows/internal/history"
)

// TestEnrollment_ReplaysRecordedHistories replays histories recorded on the
// real server (go test -run OnServer -update) against today's code: a change
// that running enrollments could not replay fails here.
func TestEnrollment_ReplaysRecordedHistories(t *testing.T) {
	history.Replay(t, "testdata", func(r worker.WorkflowRegistry) { Register(r, Options{}) })
}
