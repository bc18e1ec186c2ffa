// Package regrade is the LMS's regrade workflow: one per regrade of a test
// (a teacher's fix of a question's key, tolerance or points). It pages
// through the test's attempts in the order of their ids and has the
// assessment service apply the fix to each page; an attempt records the
// regrades it has applied, so a page repeated after a crash or a worker
// restart changes nothing twice, and the cursor in the workflow's history
// means no attempt is missed.
package regrade

import (
	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
	"lms/workflows/internal/call"
)

// Options are the regrade workflow's settings; the zero value is the
// production setting.
type Options struct {
	// AssessmentQueue is the task queue of the assessment service's
	// activities; empty means flows.TaskQueueAssessment.
	AssessmentQueue string
	// PageSize is how many attempts one activity handles when the input
	// names none; zero means flows.DefaultRegradePageSize.
	PageSize int
}

// Workflow is the regrade workflow with its settings.
type Workflow struct{ opts Options }

// New returns the workflow with opts; zero fields take their defaults.
func New(opts Options) *Workflow {
	if opts.AssessmentQueue == "" {
		opts.AssessmentQueue = flows.TaskQueueAssessment
	}
	if opts.PageSize <= 0 {
		opts.PageSize = flows.DefaultRegradePageSize
	}
	return &Workflow{opts: opts}
}

// Result is what a finished regrade reports.
type Result struct {
	Seen    int `json:"seen"`
	Changed int `json:"changed"`
}

// Run applies the regrade page after page from in.After, continues as new
// after in.PagesBeforeContinue pages (or when the server suggests it) with
// the cursor and the counts, and records the regrade as done after the last
// page.
func (w *Workflow) Run(ctx workflow.Context, in flows.RegradeInput) (Result, error) {
	if in.PageSize <= 0 {
		// Kept in the input, so the runs after a continue-as-new and a
		// worker with another setting page the same way.
		in.PageSize = w.opts.PageSize
	}
	if in.PagesBeforeContinue <= 0 {
		in.PagesBeforeContinue = flows.DefaultRegradePagesBeforeContinue
	}
	ctx = call.On(ctx, w.opts.AssessmentQueue)
	for pages := 0; ; pages++ {
		if pages >= in.PagesBeforeContinue || workflow.GetInfo(ctx).GetContinueAsNewSuggested() {
			return Result{}, workflow.NewContinueAsNewError(ctx, flows.RegradeWorkflow, in)
		}
		var page flows.RegradePageResult
		err := call.Execute(ctx, flows.ActivityRegradePage, flows.RegradePageInput{
			RegradeID: in.RegradeID, TestID: in.TestID, After: in.After, Limit: in.PageSize,
		}, &page)
		if err != nil {
			return Result{}, err
		}
		in.Seen += page.Seen
		in.Changed += page.Changed
		if page.Last != "" {
			in.After = page.Last
		}
		if page.Done {
			break
		}
	}
	err := call.Execute(ctx, flows.ActivityFinishRegrade, flows.FinishRegradeInput{
		RegradeID: in.RegradeID, TestID: in.TestID, Seen: in.Seen, Changed: in.Changed,
	}, nil)
	if err != nil {
		return Result{}, err
	}
	return Result{Seen: in.Seen, Changed: in.Changed}, nil
}
