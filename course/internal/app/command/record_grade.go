package command

import (
	"context"
	"fmt"
	"time"

	"lms/shared/errs"
)

// GradedAttempt is assessment's report that an attempt was graded, as the
// gradebook keeps it.
type GradedAttempt struct {
	// EventID is the report's id; the gradebook applies each report once.
	EventID   string
	AttemptID string
	TestID    string
	CourseID  string
	StudentID string
	Points    float64
	Maximum   float64
	Passed    bool
	GradedAt  time.Time
	// ReleasedAt is when the student was allowed to see the results; nil
	// while they are held, and then nothing of the attempt reaches her.
	ReleasedAt *time.Time
}

// Gradebook keeps each student's best and latest graded attempt per test.
type Gradebook interface {
	// Record applies a graded attempt once: a report already applied (same
	// EventID) changes nothing. A release once recorded is kept.
	Record(ctx context.Context, g GradedAttempt) error
	// RecordRelease applies a release of an attempt's results once: from
	// g.ReleasedAt the student sees them.
	RecordRelease(ctx context.Context, g GradedAttempt) error
}

// ErrBadGrade refuses a report that can never be applied.
var ErrBadGrade = errs.New(errs.InvalidArgument, "invalid-graded-attempt", "the graded attempt lacks an id or has impossible points")

// FinalGrades makes a completed enrollment's final grade follow the
// gradebook (FollowFinalGrade).
type FinalGrades interface {
	Handle(ctx context.Context, in FollowFinalGradeInput) error
}

// RecordGradeHandler keeps the gradebook from assessment's reports.
type RecordGradeHandler struct {
	gradebook Gradebook
	finals    FinalGrades
}

// NewRecordGradeHandler returns the handler; finals may be nil when no
// final grade is to follow the gradebook.
func NewRecordGradeHandler(g Gradebook, finals FinalGrades) RecordGradeHandler {
	return RecordGradeHandler{gradebook: g, finals: finals}
}

// Handle records a graded attempt.
func (h RecordGradeHandler) Handle(ctx context.Context, g GradedAttempt) error {
	if !g.valid() {
		return ErrBadGrade
	}
	if err := h.gradebook.Record(ctx, g); err != nil {
		return fmt.Errorf("record attempt %s: %w", g.AttemptID, err)
	}
	if g.ReleasedAt == nil {
		return nil
	}
	return h.follow(ctx, g)
}

// follow makes the final grade follow a released grade. It runs on every
// delivery, a redelivered report included: the final grade derives from the
// gradebook and records a change only when there is one, so a crash between
// the gradebook's commit and this loses nothing.
func (h RecordGradeHandler) follow(ctx context.Context, g GradedAttempt) error {
	if h.finals == nil {
		return nil
	}
	if err := h.finals.Handle(ctx, FollowFinalGradeInput{CourseID: g.CourseID, StudentID: g.StudentID}); err != nil {
		return fmt.Errorf("final grade after attempt %s: %w", g.AttemptID, err)
	}
	return nil
}

// HandleRelease records that a graded attempt's results were released to
// its student.
func (h RecordGradeHandler) HandleRelease(ctx context.Context, g GradedAttempt) error {
	if !g.valid() || g.ReleasedAt == nil || g.ReleasedAt.IsZero() {
		return ErrBadGrade
	}
	if err := h.gradebook.RecordRelease(ctx, g); err != nil {
		return fmt.Errorf("record release of attempt %s: %w", g.AttemptID, err)
	}
	return h.follow(ctx, g)
}

func (g GradedAttempt) valid() bool {
	return g.EventID != "" && g.AttemptID != "" && g.TestID != "" && g.CourseID != "" && g.StudentID != "" &&
		g.Maximum >= 0 && g.Points >= 0 && g.Points <= g.Maximum
}
