package command_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

func TestDeleteCourse_WhoMayDeleteWhat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		caller  caller.Caller
		publish bool
		wantErr error
	}{
		{"the owner deletes a draft", owner, false, nil},
		{"a co-teacher may not delete the course", coTeach, false, command.ErrForbidden},
		{"an administrator deletes a draft", admin, false, nil},
		{"another teacher is told the course does not exist", other, false, course.ErrNotFound},
		{"a student is refused", alice, false, command.ErrForbidden},
		{"a published course is archived instead", owner, true, course.ErrCourseNotDeletable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			ctx := t.Context()
			var id string
			if tt.publish {
				id, _ = f.published(t, course.Details{Code: "GO-1"})
			} else {
				c, err := f.course.CreateCourse.Handle(ctx, command.CreateCourseInput{Caller: owner, Details: course.Details{Code: "GO-1", Title: "Go", CoTeachers: []string{"co"}}})
				require.NoError(t, err)
				id = c.ID()
			}
			err := f.course.DeleteCourse.Handle(ctx, command.DeleteCourseInput{Caller: tt.caller, CourseID: id})
			_, getErr := f.courses.Get(ctx, id)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				require.NoError(t, getErr, "the course is still there")
				return
			}
			require.NoError(t, err)
			require.ErrorIs(t, getErr, course.ErrNotFound)
		})
	}
}

func TestUnpublishLesson_KeepsCompletionsButProgressStopsCountingIt(t *testing.T) {
	t.Parallel()
	f := newFixture()
	ctx := t.Context()
	id, lesson := f.published(t, course.Details{Code: "GO-1"})
	f.seated(t, alice, id)
	p, err := f.enroll.CompleteLesson.Handle(ctx, command.CompleteLessonInput{Caller: alice, CourseID: id, LessonID: lesson})
	require.NoError(t, err)
	require.Equal(t, 100, p.Percent)

	_, err = f.course.UnpublishLesson.Handle(ctx, command.UnpublishLessonInput{Caller: alice, CourseID: id, LessonID: lesson})
	require.ErrorIs(t, err, command.ErrForbidden)
	_, err = f.course.UnpublishLesson.Handle(ctx, command.UnpublishLessonInput{Caller: other, CourseID: id, LessonID: lesson})
	require.ErrorIs(t, err, course.ErrNotFound)
	l, err := f.course.UnpublishLesson.Handle(ctx, command.UnpublishLessonInput{Caller: owner, CourseID: id, LessonID: lesson})
	require.NoError(t, err)
	require.False(t, l.Published)
	_, err = f.course.UnpublishLesson.Handle(ctx, command.UnpublishLessonInput{Caller: owner, CourseID: id, LessonID: lesson})
	require.ErrorIs(t, err, course.ErrLessonNotPublished)

	_, err = f.enroll.CompleteLesson.Handle(ctx, command.CompleteLessonInput{Caller: alice, CourseID: id, LessonID: lesson})
	require.Error(t, err, "a draft lesson cannot be completed")

	_, err = f.course.PublishLesson.Handle(ctx, command.PublishLessonInput{Caller: owner, CourseID: id, LessonID: lesson})
	require.NoError(t, err)
	e, err := f.enrollments.Current(ctx, id, alice.UserID)
	require.NoError(t, err)
	c, err := f.courses.Get(ctx, id)
	require.NoError(t, err)
	var published []string
	for _, l := range c.PublishedLessons() {
		published = append(published, l.ID)
	}
	require.Equal(t, 100, e.Progress(published).Percent, "the completion counts again once republished")
}
