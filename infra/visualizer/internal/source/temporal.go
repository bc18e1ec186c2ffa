package source

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"

	"lms/infra/visualizer/internal/live"
)

// Temporal asks Temporal's visibility API, every Interval, how many
// workflows of each type run, completed within CompletedWindow or failed,
// and which started last. No ask counts the closed workflows of earlier
// terms: each is served by visibility's status index and reads only the
// running, the failed, or the recently completed ones, so its cost does not
// grow with the history Temporal keeps.
type Temporal struct {
	Client    client.Client
	Namespace string
	// Types are the workflow types counted (the contract's, shared/flows).
	Types []string
	// UIURL is the Temporal web UI's base address, for links.
	UIURL    string
	Interval time.Duration
	// CompletedWindow is how far back completed workflows are counted.
	CompletedWindow time.Duration
	// Recent is how many running workflows are listed.
	Recent int32
	Board  *live.Board
	Log    *slog.Logger
}

// Run polls until ctx ends.
func (t *Temporal) Run(ctx context.Context) error {
	tick := time.NewTicker(t.Interval)
	defer tick.Stop()
	for {
		if err := t.poll(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			t.Board.SetSource("temporal", err.Error())
			t.Log.Debug("temporal visibility", "error", err)
		} else {
			t.Board.SetSource("temporal", "")
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

func (t *Temporal) poll(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	w := live.Workflows{CompletedWindowSeconds: int64(t.CompletedWindow.Seconds())}
	since := time.Now().Add(-t.CompletedWindow).UTC().Format(time.RFC3339)
	for _, typ := range t.Types {
		wt := live.WorkflowType{Type: typ}
		for _, c := range []struct {
			n     *int64
			query string
		}{
			{&wt.Running, `ExecutionStatus = "Running"`},
			{&wt.Completed, `ExecutionStatus = "Completed" AND CloseTime > "` + since + `"`},
			{&wt.Failed, `ExecutionStatus = "Failed"`},
		} {
			res, err := t.Client.CountWorkflow(ctx, &workflowservice.CountWorkflowExecutionsRequest{
				Namespace: t.Namespace,
				Query:     fmt.Sprintf("WorkflowType = %s AND %s", quote(typ), c.query),
			})
			if err != nil {
				return fmt.Errorf("count %s workflows: %w", typ, err)
			}
			*c.n = res.GetCount()
		}
		w.ByType = append(w.ByType, wt)
	}
	res, err := t.Client.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
		Namespace: t.Namespace, PageSize: t.Recent, Query: `ExecutionStatus = "Running"`,
	})
	if err != nil {
		return fmt.Errorf("list running workflows: %w", err)
	}
	for _, e := range res.GetExecutions() {
		if len(w.Recent) == int(t.Recent) {
			break
		}
		id, run := e.GetExecution().GetWorkflowId(), e.GetExecution().GetRunId()
		w.Recent = append(w.Recent, live.Workflow{
			ID: id, RunID: run, Type: e.GetType().GetName(), StartedAt: e.GetStartTime().AsTime().UTC(),
			URL: WorkflowURL(t.UIURL, t.Namespace, id, run),
		})
	}
	t.Board.SetWorkflows(w)
	return nil
}

// WorkflowURL is the page of one workflow run in Temporal's web UI.
func WorkflowURL(base, namespace, id, run string) string {
	return strings.TrimRight(base, "/") + "/namespaces/" + url.PathEscape(namespace) +
		"/workflows/" + url.PathEscape(id) + "/" + url.PathEscape(run)
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
