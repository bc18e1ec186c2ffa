package enrollment

import (
	"slices"

	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
	"lms/workflows/internal/call"
)

// record keeps a graded attempt's result as its test's score when it is the
// best so far: a pass beats a fail, then the higher share of the maximum.
func (r *run) record(g flows.TestGraded) {
	if r.state.SeenAttempts == nil {
		r.state.SeenAttempts = map[string]bool{}
	}
	if r.state.Scores == nil {
		r.state.Scores = map[string]flows.Score{}
	}
	r.state.SeenAttempts[g.AttemptID] = true
	score := flows.Score{Points: g.Points, Maximum: g.Maximum, Passed: g.Passed}
	if old, ok := r.state.Scores[g.TestID]; !ok || better(score, old) {
		r.state.Scores[g.TestID] = score
	}
	if score.Passed {
		r.markPassed(g.TestID)
	}
	r.log.Info("test graded", "attempt_id", g.AttemptID, "test_id", g.TestID, "passed", g.Passed)
}

func better(s, than flows.Score) bool {
	if s.Passed != than.Passed {
		return s.Passed
	}
	return share(s) > share(than)
}

func share(s flows.Score) float64 {
	if s.Maximum <= 0 {
		return 0
	}
	return s.Points / s.Maximum
}

// markPassed adds a test to the sorted list of passed tests. A best score
// never goes from a pass back to a fail, so the list only grows.
func (r *run) markPassed(testID string) {
	if i, found := slices.BinarySearch(r.state.TestsPassed, testID); !found {
		r.state.TestsPassed = slices.Insert(r.state.TestsPassed, i, testID)
	}
}

// evaluate reads the progress the course service has recorded and completes
// the enrollment when its requirements are met.
func (r *run) evaluate(ctx workflow.Context) {
	var p flows.Progress
	err := call.Execute(ctx, flows.ActivityEvaluateProgress, flows.EnrollmentRef{EnrollmentID: r.in.EnrollmentID}, &p)
	if refusal, ok := call.Refused(err); ok {
		r.log.Warn("progress refused", "slug", refusal.Slug, "message", refusal.Message)
		return
	}
	if err != nil {
		r.fail(err, "evaluate progress")
		return
	}
	r.state.LessonsCompleted = p.LessonsCompleted
	r.state.LessonsTotal = p.LessonsTotal
	r.state.TestsRequired = slices.Sorted(slices.Values(p.TestsRequired))
	if r.requirementsMet() {
		r.complete(ctx)
	}
}

// requirementsMet reports whether every lesson is complete and every required
// test passed. A course with neither lessons nor required tests has nothing
// to complete, so it never completes by itself.
func (r *run) requirementsMet() bool {
	s := r.state
	if s.LessonsTotal == 0 && len(s.TestsRequired) == 0 {
		return false
	}
	if s.LessonsCompleted < s.LessonsTotal {
		return false
	}
	for _, id := range s.TestsRequired {
		if !s.Scores[id].Passed {
			return false
		}
	}
	return true
}

// complete asks the course service to complete the enrollment with the scores
// of the required tests; it answers the final grade and the certificate.
func (r *run) complete(ctx workflow.Context) {
	in := flows.CompleteInput{EnrollmentID: r.in.EnrollmentID, Scores: make(map[string]flows.Score, len(r.state.TestsRequired))}
	for _, id := range r.state.TestsRequired {
		in.Scores[id] = r.state.Scores[id]
	}
	var c flows.Completion
	err := call.Execute(ctx, flows.ActivityCompleteEnrollment, in, &c)
	if refusal, ok := call.Refused(err); ok {
		r.log.Warn("completion refused", "slug", refusal.Slug, "message", refusal.Message)
		return
	}
	if err != nil {
		r.fail(err, "complete")
		return
	}
	r.state.Status = flows.EnrollmentCompleted
	r.state.FinalGrade = &c.FinalGrade
	r.state.CertificateID = c.CertificateID
	r.log.Info("completed", "final_grade", c.FinalGrade, "certificate_id", c.CertificateID)
}
