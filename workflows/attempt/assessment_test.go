package attempt

import (
	"context"
	"sync"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
)

// assessment is a small assessment service for the runs on the real Temporal
// server: it records every activity call with the wall-clock time and answers
// as a test with (or without) essays would.
type assessment struct {
	needsReview bool
	graded      flows.GradedAttempt
	// held keeps the results from the student until release is called, as
	// a test whose results wait for a teacher.
	held bool

	mu        sync.Mutex
	submits   []recorded[flows.SubmitInput]
	overdue   []recorded[flows.OverdueInput]
	finalized int
	released  bool
}

func (a *assessment) register(w worker.ActivityRegistry) {
	w.RegisterActivityWithOptions(a.submit, activity.RegisterOptions{Name: flows.ActivitySubmitAttempt})
	w.RegisterActivityWithOptions(a.autoGrade, activity.RegisterOptions{Name: flows.ActivityAutoGrade})
	w.RegisterActivityWithOptions(a.gradingOverdue, activity.RegisterOptions{Name: flows.ActivityGradingOverdue})
	w.RegisterActivityWithOptions(a.finalize, activity.RegisterOptions{Name: flows.ActivityFinalizeAttempt})
	w.RegisterActivityWithOptions(a.releaseResults, activity.RegisterOptions{Name: flows.ActivityReleaseResults})
	w.RegisterActivityWithOptions(a.settle, activity.RegisterOptions{Name: flows.ActivitySettleAttempt})
}

// settle does what the service's settlement does: the steps after a
// submission, up to the essays or the release.
func (a *assessment) settle(ctx context.Context, in flows.SubmitInput) (flows.SettleResult, error) {
	if err := a.submit(ctx, in); err != nil {
		return flows.SettleResult{}, err
	}
	ref := flows.AttemptRef{AttemptID: in.AttemptID}
	if auto, _ := a.autoGrade(ctx, ref); auto.NeedsReview {
		return flows.SettleResult{NeedsReview: true}, nil
	}
	g, _ := a.finalize(ctx, ref)
	r, _ := a.releaseResults(ctx, ref)
	return flows.SettleResult{Graded: &g, Release: &r}, nil
}

func (a *assessment) releaseResults(context.Context, flows.AttemptRef) (flows.ReleaseResult, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return flows.ReleaseResult{Released: !a.held || a.released, Points: a.graded.Points, Maximum: a.graded.Maximum, Passed: a.graded.Passed}, nil
}

// release is the teacher releasing the test's results.
func (a *assessment) release() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.released = true
}

func (a *assessment) submit(_ context.Context, in flows.SubmitInput) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.submits = append(a.submits, recorded[flows.SubmitInput]{In: in, At: time.Now()})
	return nil
}

func (a *assessment) autoGrade(context.Context, flows.AttemptRef) (flows.AutoGradeResult, error) {
	return flows.AutoGradeResult{NeedsReview: a.needsReview}, nil
}

func (a *assessment) gradingOverdue(_ context.Context, in flows.OverdueInput) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.overdue = append(a.overdue, recorded[flows.OverdueInput]{In: in, At: time.Now()})
	return nil
}

func (a *assessment) finalize(context.Context, flows.AttemptRef) (flows.GradedAttempt, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.finalized++
	return a.graded, nil
}

// calls returns copies of the recorded calls.
func (a *assessment) calls() (submits []recorded[flows.SubmitInput], overdue []recorded[flows.OverdueInput], finalized int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append(submits, a.submits...), append(overdue, a.overdue...), a.finalized
}

// listeningEnrollment stands in for the enrollment workflow: it waits for one
// graded attempt and returns it.
func listeningEnrollment(ctx workflow.Context) (flows.TestGraded, error) {
	var g flows.TestGraded
	workflow.GetSignalChannel(ctx, flows.SignalTestGraded).Receive(ctx, &g)
	return g, nil
}
