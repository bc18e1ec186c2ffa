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

// RecordGradeInput is assessment's report that an attempt was graded.
type RecordGradeInput struct {
	Attempt GradedAttempt
}

// RecordGrade keeps the gradebook from assessment's reports of graded
// attempts.
type RecordGrade struct {
	gradebook Gradebook
	finals    FinalGrades
}

// NewRecordGrade returns the RecordGrade use case; finals may be nil when no
// final grade is to follow the gradebook.
func NewRecordGrade(g Gradebook, finals FinalGrades) *RecordGrade {
	return &RecordGrade{gradebook: g, finals: finals}
}

// Handle records a graded attempt.
func (h *RecordGrade) Handle(ctx context.Context, in RecordGradeInput) error {
	g := in.Attempt
	if !g.valid() {
		return ErrBadGrade
	}
	if err := h.gradebook.Record(ctx, g); err != nil {
		return fmt.Errorf("record attempt %s: %w", g.AttemptID, err)
	}
	if g.ReleasedAt == nil {
		return nil
	}
	return follow(ctx, h.finals, g)
}

// follow makes the final grade follow a released grade. It runs on every
// delivery, a redelivered report included: the final grade derives from the
// gradebook and records a change only when there is one, so a crash between
// the gradebook's commit and this loses nothing.
func follow(ctx context.Context, finals FinalGrades, g GradedAttempt) error {
	if finals == nil {
		return nil
	}
	if err := finals.Handle(ctx, FollowFinalGradeInput{CourseID: g.CourseID, StudentID: g.StudentID}); err != nil {
		return fmt.Errorf("final grade after attempt %s: %w", g.AttemptID, err)
	}
	return nil
}

func (g GradedAttempt) valid() bool {
	return g.EventID != "" && g.AttemptID != "" && g.TestID != "" && g.CourseID != "" && g.StudentID != "" &&
		g.Maximum >= 0 && g.Points >= 0 && g.Points <= g.Maximum
}
