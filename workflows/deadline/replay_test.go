package deadline

import (
	"testing"

	"go.temporal.io/sdk/worker"

	"lms/workflows/internal/history"
)

// TestDeadline_ReplaysRecordedHistories replays histories recorded on the
// real server (go test -run OnServer -update) against today's code.
func TestDeadline_ReplaysRecordedHistories(t *testing.T) {
	history.Replay(t, "testdata", func(r worker.WorkflowRegistry) { Register(r, Options{}) })
}
