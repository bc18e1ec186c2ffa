package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/domain/enrollment"
	"lms/course/internal/domain/gradebook"
	"lms/shared/events"
	"lms/shared/outbox"
)

// recompute computes the final grade of the course's students (of one
// when student is not empty) under the gradebook lock and records each one
// that changed: the new grade and letter with the next version, its event,
// and, for a completed enrollment whose grade the gradebook now decides
// (categories, or a final override), the enrollment's final grade with its
// own event. A grade that did not change records nothing, so each change
// is announced once.
func recompute(ctx context.Context, tx bun.IDB, courseID string, s gradebook.Setup, student, cause string, m gradebook.Meta) ([]gradebook.FinalChange, error) {
	rows, err := loadStudents(ctx, tx, courseID, s, student)
	if err != nil {
		return nil, err
	}
	var (
		changes []gradebook.FinalChange
		evs     []events.Event
		stored  []finalRow
	)
	at := m.At.UTC()
	for _, st := range rows {
		r := s.Compute(st.Student)
		if sameGrade(r.Final, st.Grade) && r.Letter == st.Letter {
			continue
		}
		c := gradebook.FinalChange{StudentID: st.ID, Previous: st.Grade, Final: r.Final, PreviousLetter: st.Letter,
			Letter: r.Letter, Version: st.Version + 1, Overridden: r.Overridden}
		changes = append(changes, c)
		stored = append(stored, finalRow{CourseID: courseID, StudentID: st.ID, EnrollmentID: st.EnrollmentID, Grade: r.Final,
			Letter: r.Letter, Version: c.Version, ChangedAt: at})
		ev, err := newEvent(events.TypeFinalGradeChanged, courseID, "gradebook/"+courseID+"/"+st.ID, events.FinalGradeChanged{
			CourseID: courseID, StudentID: st.ID, EnrollmentID: st.EnrollmentID, FinalGrade: r.Final, Previous: st.Grade,
			Letter: r.Letter, PreviousLetter: st.Letter, Overridden: r.Overridden, Version: c.Version, Cause: cause,
			ChangedBy: m.By, ChangedAt: at}, at)
		if err != nil {
			return nil, err
		}
		evs = append(evs, ev)
		if st.Status == string(enrollment.StatusCompleted) && r.Final != nil && (s.Weighted() || r.Overridden) {
			if err := followEnrollment(ctx, tx, st.EnrollmentID, *r.Final, m); err != nil {
				return nil, err
			}
		}
	}
	if len(stored) > 0 {
		// One statement for all of them: a change of the weights moves
		// every student's final grade.
		if _, err := tx.NewInsert().Model(&stored).On(`CONFLICT (course_id, student_id) DO UPDATE
			SET enrollment_id = EXCLUDED.enrollment_id, grade = EXCLUDED.grade, letter = EXCLUDED.letter,
				version = EXCLUDED.version, changed_at = EXCLUDED.changed_at`).Exec(ctx); err != nil {
			return nil, fmt.Errorf("final grades of %s: %w", courseID, err)
		}
	}
	if err := outbox.Append(ctx, tx, evs...); err != nil {
		return nil, fmt.Errorf("final grade events of %s: %w", courseID, err)
	}
	return changes, nil
}

// finalRow is a final grade as gradebook_finals stores it (its override
// is written by the override itself and left alone here).
type finalRow struct {
	bun.BaseModel `bun:"table:gradebook_finals"`
	CourseID      string    `bun:"course_id,pk"`
	StudentID     string    `bun:"student_id,pk"`
	EnrollmentID  string    `bun:"enrollment_id"`
	Grade         *float64  `bun:"grade"`
	Letter        string    `bun:"letter"`
	Version       int64     `bun:"version"`
	ChangedAt     time.Time `bun:"changed_at"`
}

// followEnrollment gives a completed enrollment the gradebook's final grade,
// recording the change with its event when there is one.
func followEnrollment(ctx context.Context, tx bun.IDB, enrollmentID string, grade float64, m gradebook.Meta) error {
	e, err := loadEnrollment(ctx, tx, "id = ?", []any{enrollmentID}, true)
	if errors.Is(err, enrollment.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !e.ChangeFinalGrade(grade, m.At) {
		return nil
	}
	return saveEnrollment(ctx, tx, e)
}

func sameGrade(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}
