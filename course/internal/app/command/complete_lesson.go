package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
)

// CompleteLessonInput is what CompleteLesson is asked.
type CompleteLessonInput struct {
	Caller   caller.Caller
	CourseID string
	LessonID string
}

// CompleteLesson marks a published lesson done for the acting student, who
// must hold a seat in the course.
type CompleteLesson struct {
	courses     course.Repository
	enrollments enrollment.Repository
	now         Clock
}

// NewCompleteLesson returns the CompleteLesson use case.
func NewCompleteLesson(courses course.Repository, enrollments enrollment.Repository, now Clock) *CompleteLesson {
	return &CompleteLesson{courses: courses, enrollments: enrollments, now: now}
}

// Handle returns the student's progress.
// The first completion is saved with the signal that tells the enrollment
// workflow; marking a lesson twice changes nothing.
func (h *CompleteLesson) Handle(ctx context.Context, in CompleteLessonInput) (enrollment.Progress, error) {
	c, err := visibleCourse(ctx, h.courses, in.Caller, in.CourseID)
	if err != nil {
		return enrollment.Progress{}, err
	}
	cur, err := h.enrollments.Current(ctx, in.CourseID, in.Caller.UserID)
	if err != nil {
		return enrollment.Progress{}, err
	}
	if l, err := c.Lesson(in.LessonID); err != nil || !l.Published {
		return enrollment.Progress{}, course.ErrLessonNotFound
	}
	var saved *enrollment.Enrollment
	err = h.enrollments.Update(ctx, cur.ID(), func(e *enrollment.Enrollment) error {
		saved = e
		_, err := e.CompleteLesson(in.LessonID, h.now.Now())
		return err
	})
	if err != nil {
		return enrollment.Progress{}, fmt.Errorf("complete lesson %s: %w", in.LessonID, err)
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
