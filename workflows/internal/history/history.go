// Package history records workflow histories from the Temporal server as JSON
// files and replays such files against the current workflow code, so a change
// that would break a running workflow fails a test instead of production.
package history

import (
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/temporalproto"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"
)

// Save writes the history of one run of a closed workflow to path, in the
// JSON form the Temporal CLI and UI export and the replayer reads.
func Save(t testing.TB, c client.Client, workflowID, runID, path string) {
	t.Helper()
	iter := c.GetWorkflowHistory(t.Context(), workflowID, runID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	var h historypb.History
	for iter.HasNext() {
		e, err := iter.Next()
		if err != nil {
			t.Fatalf("read the history of %s/%s: %v", workflowID, runID, err)
		}
		h.Events = append(h.Events, e)
	}
	b, err := temporalproto.CustomJSONMarshalOptions{Indent: "  "}.Marshal(&h)
	if err != nil {
		t.Fatalf("encode the history of %s: %v", workflowID, err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o600); err != nil {
		t.Fatalf("write %s: %v", path, err)
	}
	t.Logf("recorded %d events of %s in %s", len(h.Events), workflowID, path)
}

// Replay replays every *.json history in dir against the workflows register
// puts on a replayer; a history the current code would not reproduce fails
// the test, naming the file.
func Replay(t *testing.T, dir string, register func(worker.WorkflowRegistry)) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no recorded history in %s: record them with `go test -run OnServer -update`", dir)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r := worker.NewWorkflowReplayer()
			register(r)
			logger := log.NewStructuredLogger(slog.New(slog.NewTextHandler(t.Output(), nil)))
			if err := r.ReplayWorkflowHistoryFromJSONFile(logger, f); err != nil {
				t.Fatalf("replay %s: %v", f, err)
			}
		})
	}
}
