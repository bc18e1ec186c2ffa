package attempt

import (
	"testing"

	"go.temporal.io/sdk/worker"

	"lms/workflows/internal/history"
)

// TestAttempt_ReplaysRecordedHistories replays histories recorded on the real
// server (go test -run OnServer -update) against today's code: a change that
// running attempts could not replay fails here.
func TestAttempt_ReplaysRecordedHistories(t *testing.T) {
	history.Replay(t, "testdata", func(r worker.WorkflowRegistry) { Register(r, Options{}) })
}
