package temporal_test

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	sdktemporal "go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app"
	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/command"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/assessment/internal/service"
	"lms/assessment/internal/transport/temporal"
	"lms/shared/caller"
	"lms/shared/events"
	"lms/shared/flows"
	"lms/shared/testkit"
)

// gradingWorkflow drives the activities the way the attempt workflow does,
// calling each twice to show a retry changes nothing.
func gradingWorkflow(ctx workflow.Context, id, by string) (flows.GradedAttempt, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Second,
		RetryPolicy:         &sdktemporal.RetryPolicy{MaximumAttempts: 3, NonRetryableErrorTypes: []string{flows.ErrTypeRefused}},
	})
	ref := flows.AttemptRef{AttemptID: id}
	for range 2 {
		if err := workflow.ExecuteActivity(ctx, flows.ActivitySubmitAttempt, flows.SubmitInput{AttemptID: id, SubmittedBy: by}).Get(ctx, nil); err != nil {
			return flows.GradedAttempt{}, err
		}
	}
	var auto flows.AutoGradeResult
	for range 2 {
		if err := workflow.ExecuteActivity(ctx, flows.ActivityAutoGrade, ref).Get(ctx, &auto); err != nil {
			return flows.GradedAttempt{}, err
		}
	}
	if auto.NeedsReview {
		if err := workflow.ExecuteActivity(ctx, flows.ActivityGradingOverdue, flows.OverdueInput{AttemptID: id, Level: flows.OverdueReminder}).Get(ctx, nil); err != nil {
			return flows.GradedAttempt{}, err
		}
	}
	var g flows.GradedAttempt
	for range 2 {
		if err := workflow.ExecuteActivity(ctx, flows.ActivityFinalizeAttempt, ref).Get(ctx, &g); err != nil {
			return flows.GradedAttempt{}, err
		}
	}
	return g, nil
}

// settleWorkflow settles the attempt twice, as a retry would, and returns
// both answers.
func settleWorkflow(ctx workflow.Context, id string) ([]flows.SettleResult, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Second,
		RetryPolicy:         &sdktemporal.RetryPolicy{MaximumAttempts: 3, NonRetryableErrorTypes: []string{flows.ErrTypeRefused}},
	})
	out := make([]flows.SettleResult, 2)
	for i := range out {
		in := flows.SubmitInput{AttemptID: id, SubmittedBy: flows.SubmittedByStudent}
		if err := workflow.ExecuteActivity(ctx, flows.ActivitySettleAttempt, in).Get(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

type fixture struct {
	app    app.Application
	store  *mongo.Store
	client client.Client
	queue  string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	store := mongo.NewStore(testkit.Mongo(t))
	require.NoError(t, store.Migrate(t.Context()))
	application := service.NewApplication(store, service.Clock{}, service.IDs{}, nil)
	c, queue := testkit.Temporal(t)
	w := temporal.NewWorker(c, queue, worker.Options{}, temporal.NewActivities(application, slog.New(slog.DiscardHandler)))
	w.RegisterWorkflowWithOptions(gradingWorkflow, workflow.RegisterOptions{Name: "test.grading"})
	w.RegisterWorkflowWithOptions(settleWorkflow, workflow.RegisterOptions{Name: "test.settle"})
	require.NoError(t, w.Start())
	t.Cleanup(w.Stop)
	roster := store.Roster()
	require.NoError(t, roster.RecordCourse(t.Context(), uuid.NewString(), "c1", "teacher", false, time.Now()))
	require.NoError(t, roster.RecordEnrollment(t.Context(), uuid.NewString(), "c1", "s1", access.EnrollmentActive, time.Now()))
	return &fixture{app: application, store: store, client: c, queue: queue}
}

var (
	teacher = caller.Caller{UserID: "teacher", Roles: []string{access.RoleTeacher}}
	student = caller.Caller{UserID: "s1", Roles: []string{access.RoleStudent}}
)

// attemptAt starts an attempt at a published test of questions and answers
// the first one with yes.
func (f *fixture) attemptAt(t *testing.T, questions ...exam.Question) *attempt.Attempt {
	t.Helper()
	ctx := t.Context()
	tt, err := f.app.Commands.CreateTest.Handle(ctx, command.CreateTestInput{Caller: teacher, CourseID: "c1", Content: exam.Content{
		Settings: exam.Settings{Title: "Quiz", TimeLimit: time.Hour, PassingScore: 1}, Questions: questions,
	}})
	require.NoError(t, err)
	_, err = f.app.Commands.PublishTest.Handle(ctx, command.PublishTestInput{Caller: teacher, TestID: tt.ID()})
	require.NoError(t, err)
	a, err := f.app.Commands.StartAttempt.Handle(ctx, command.StartAttemptInput{Caller: student, TestID: tt.ID()})
	require.NoError(t, err)
	yes := true
	_, err = f.app.Commands.SaveAnswer.Handle(ctx, command.SaveAnswerInput{Caller: student, AttemptID: a.ID(), QuestionID: "q1", Answer: exam.Answer{Bool: &yes}})
	require.NoError(t, err)
	return a
}

func (f *fixture) run(t *testing.T, id, by string) (flows.GradedAttempt, error) {
	t.Helper()
	run, err := f.client.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{ID: "grading-" + id, TaskQueue: f.queue}, "test.grading", id, by)
	require.NoError(t, err)
	var g flows.GradedAttempt
	err = run.Get(t.Context(), &g)
	return g, err
}

func (f *fixture) settle(t *testing.T, id string) []flows.SettleResult {
	t.Helper()
	run, err := f.client.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{ID: "settle-" + id, TaskQueue: f.queue}, "test.settle", id)
	require.NoError(t, err)
	var out []flows.SettleResult
	require.NoError(t, run.Get(t.Context(), &out))
	return out
}

// gradesAnnounced relays what the store holds and counts the "attempt
// graded" events.
func (f *fixture) gradesAnnounced(t *testing.T) int {
	t.Helper()
	c := &counter{}
	_, err := f.store.NewRelay(c, c, mongo.RelayOptions{}, slog.New(slog.DiscardHandler)).Drain(t.Context())
	require.NoError(t, err)
	return c.graded
}

// trueFalse is a question worth 2 points, graded on submission; essay one
// worth 3 that waits for a teacher.
var (
	trueFalse = exam.Question{ID: "q1", Kind: exam.TrueFalse, Prompt: "yes?", Points: 2, Truth: true}
	essay     = exam.Question{ID: "q2", Kind: exam.Essay, Prompt: "why?", Points: 3}
)

type counter struct{ graded int }

func (c *counter) Publish(_ context.Context, evs []events.Event) error {
	for _, ev := range evs {
		if ev.Type == events.TypeAttemptGraded {
			c.graded++
		}
	}
	return nil
}
func (c *counter) StartAttempt(context.Context, flows.AttemptInput) error { return nil }
func (c *counter) Signal(context.Context, string, string, any) error      { return nil }

func TestActivities_GradeAnAttemptAtItsDeadlineExactlyOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.attemptAt(t, trueFalse)

	g, err := f.run(t, a.ID(), flows.SubmittedByDeadline)
	require.NoError(t, err)
	require.Equal(t, flows.GradedAttempt{AttemptID: a.ID(), TestID: a.TestID(), CourseID: "c1", StudentID: "s1", Points: 2, Maximum: 2, Passed: true}, g)

	stored, err := f.store.Attempts().Get(t.Context(), a.ID())
	require.NoError(t, err)
	require.Equal(t, attempt.StateGraded, stored.State())
	require.Equal(t, attempt.ByDeadline, stored.SubmittedBy())
	require.Equal(t, 1, f.gradesAnnounced(t), "finalised twice, announced once")
}

func TestActivities_RefuseToFinalizeBeforeTheEssaysAreGraded(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.attemptAt(t, trueFalse, essay)

	_, err := f.run(t, a.ID(), flows.SubmittedByStudent)
	var appErr *sdktemporal.ApplicationError
	require.True(t, errors.As(err, &appErr), "%v", err)
	require.Equal(t, flows.ErrTypeRefused, appErr.Type())
	require.True(t, appErr.NonRetryable())
	var refusal flows.Refusal
	require.NoError(t, appErr.Details(&refusal))
	require.Equal(t, "essays-not-graded", refusal.Slug)

	stored, err := f.store.Attempts().Get(t.Context(), a.ID())
	require.NoError(t, err)
	require.Equal(t, attempt.StateNeedsReview, stored.State())
	require.Equal(t, attempt.OverdueReminder, stored.Overdue())
}

func TestActivities_SettleGradesAndReleasesAnObjectiveAttemptOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.attemptAt(t, trueFalse)

	got := f.settle(t, a.ID())

	graded := flows.GradedAttempt{AttemptID: a.ID(), TestID: a.TestID(), CourseID: "c1", StudentID: "s1", Points: 2, Maximum: 2, Passed: true}
	want := flows.SettleResult{Graded: &graded, Release: &flows.ReleaseResult{Released: true, Points: 2, Maximum: 2, Passed: true}}
	require.Equal(t, want, got[0])
	require.Equal(t, want, got[1], "settled again, the same answer")
	stored, err := f.store.Attempts().Get(t.Context(), a.ID())
	require.NoError(t, err)
	require.Equal(t, attempt.StateGraded, stored.State())
	require.Equal(t, attempt.ByStudent, stored.SubmittedBy())
	require.False(t, stored.ReleasedAt().IsZero(), "the results show on submission under the default policy")
	require.Equal(t, 1, f.gradesAnnounced(t), "settled twice, announced once")
}

func TestActivities_SettleStopsWhereEssaysWaitForATeacher(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.attemptAt(t, trueFalse, essay)

	got := f.settle(t, a.ID())

	require.Equal(t, []flows.SettleResult{{NeedsReview: true}, {NeedsReview: true}}, got)
	stored, err := f.store.Attempts().Get(t.Context(), a.ID())
	require.NoError(t, err)
	require.Equal(t, attempt.StateNeedsReview, stored.State())
	require.Equal(t, attempt.ByStudent, stored.SubmittedBy())
}
