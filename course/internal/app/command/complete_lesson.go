package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// CompleteLesson marks a published lesson done for the acting student, who
// must hold a seat in the course.
type CompleteLesson struct {
	Caller   course.Caller
	CourseID string
	LessonID string
}

// CompleteLesson handles CompleteLesson and returns the student's progress.
// The first completion is saved with the signal that tells the enrollment
// workflow; marking a lesson twice changes nothing.
func (h EnrollmentHandlers) CompleteLesson(ctx context.Context, cmd CompleteLesson) (enrollment.Progress, error) {
	c, err := h.visibleCourse(ctx, cmd.Caller, cmd.CourseID)
	if err != nil {
		return enrollment.Progress{}, err
	}
	cur, err := h.enrollments.Current(ctx, cmd.CourseID, cmd.Caller.UserID)
	if err != nil {
		return enrollment.Progress{}, err
	}
	if l, err := c.Lesson(cmd.LessonID); err != nil || !l.Published {
		return enrollment.Progress{}, course.ErrLessonNotFound
	}
	var saved *enrollment.Enrollment
	err = h.enrollments.Update(ctx, cur.ID(), func(e *enrollment.Enrollment) error {
		saved = e
		_, err := e.CompleteLesson(cmd.LessonID, h.now.Now())
		return err
	})
	if err != nil {
		return enrollment.Progress{}, fmt.Errorf("complete lesson %s: %w", cmd.LessonID, err)
	}
	return saved.Progress(publishedIDs(c)), nil
}

func publishedIDs(c *course.Course) []string {
	ls := c.PublishedLessons()
	ids := make([]string, len(ls))
	for i, l := range ls {
		ids[i] = l.ID
	}
	return ids
}
