package command_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
)

func TestCourseHandlers_WhoMayChangeACourse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		caller  caller.Caller
		wantErr error
	}{
		{"the owner", owner, nil},
		{"a co-teacher", coTeach, nil},
		{"an administrator", admin, nil},
		{"another teacher is told the course does not exist", other, course.ErrNotFound},
		{"a student is refused", alice, command.ErrForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			ctx := t.Context()
			c, err := f.course.CreateCourse.Handle(ctx, command.CreateCourseInput{Caller: owner, Details: course.Details{Code: "GO-1", Title: "Go", CoTeachers: []string{"co"}}})
			require.NoError(t, err)
			changes := map[string]func() error{
				"edit": func() error {
					_, err := f.course.EditCourse.Handle(ctx, command.EditCourseInput{Caller: tt.caller, CourseID: c.ID(), Details: course.Details{Code: "GO-1", Title: "Go 2", CoTeachers: []string{"co"}}})
					return err
				},
				"add lesson": func() error {
					_, err := f.course.AddLesson.Handle(ctx, command.AddLessonInput{Caller: tt.caller, CourseID: c.ID(), Lesson: course.LessonDetails{Title: "L"}})
					return err
				},
				"publish": func() error {
					_, err := f.course.PublishCourse.Handle(ctx, command.PublishCourseInput{Caller: tt.caller, CourseID: c.ID()})
					return err
				},
				"archive": func() error {
					_, err := f.course.ArchiveCourse.Handle(ctx, command.ArchiveCourseInput{Caller: tt.caller, CourseID: c.ID()})
					return err
				},
			}
			for _, name := range []string{"edit", "add lesson", "publish", "archive"} {
				err := changes[name]()
				if tt.wantErr == nil {
					require.NoError(t, err, name)
				} else {
					require.ErrorIs(t, err, tt.wantErr, name)
				}
			}
			got, err := f.courses.Get(ctx, c.ID())
			require.NoError(t, err)
			if tt.wantErr != nil {
				require.Equal(t, course.StatusDraft, got.Status(), "a refused caller changes nothing")
				require.Equal(t, "Go", got.Details().Title)
			} else {
				require.Equal(t, course.StatusArchived, got.Status())
			}
		})
	}
}

func TestCourseHandlers_CreateCourse(t *testing.T) {
	t.Parallel()
	f := newFixture()
	ctx := t.Context()
	c, err := f.course.CreateCourse.Handle(ctx, command.CreateCourseInput{Caller: owner, Details: course.Details{Code: "ml-1", Title: "ML"}})
	require.NoError(t, err)
	require.Equal(t, "owner", c.OwnerID(), "the creator owns the course")
	_, err = f.course.CreateCourse.Handle(ctx, command.CreateCourseInput{Caller: other, Details: course.Details{Code: "ML-1", Title: "Again"}})
	require.ErrorIs(t, err, course.ErrCodeTaken)
	_, err = f.course.CreateCourse.Handle(ctx, command.CreateCourseInput{Caller: alice, Details: course.Details{Code: "X-1", Title: "Mine"}})
	require.ErrorIs(t, err, command.ErrForbidden)
}

func TestCourseHandlers_ReorderLessons(t *testing.T) {
	t.Parallel()
	f := newFixture()
	ctx := t.Context()
	id, first := f.published(t, course.Details{Code: "GO-1"})
	second, err := f.course.AddLesson.Handle(ctx, command.AddLessonInput{Caller: coTeach, CourseID: id, Lesson: course.LessonDetails{Title: "Second"}})
	require.NoError(t, err)
	ls, err := f.course.ReorderLessons.Handle(ctx, command.ReorderLessonsInput{Caller: owner, CourseID: id, LessonIDs: []string{second.ID, first}})
	require.NoError(t, err)
	require.Equal(t, second.ID, ls[0].ID)
	require.Equal(t, 1, ls[0].Position)
	require.Equal(t, 2, ls[1].Position)
	_, err = f.course.ReorderLessons.Handle(ctx, command.ReorderLessonsInput{Caller: other, CourseID: id, LessonIDs: []string{first, second.ID}})
	require.ErrorIs(t, err, course.ErrNotFound)
}

func TestEditCourse_MoreSeatsPromoteTheWaitlist(t *testing.T) {
	t.Parallel()
	f := newFixture()
	ctx := t.Context()
	id, _ := f.published(t, course.Details{Code: "A-1", Capacity: 1})
	f.seated(t, alice, id)
	carol := caller.Caller{UserID: "carol", Roles: []string{course.RoleStudent}}
	b, c := f.seated(t, bob, id), f.seated(t, carol, id)
	require.Equal(t, enrollment.StatusWaitlisted, b.Status())
	f.workflows.Running = map[string]bool{id + "/bob": true, id + "/carol": true}

	_, err := f.course.EditCourse.Handle(ctx, command.EditCourseInput{Caller: owner, CourseID: id, Details: course.Details{Code: "A-1", Title: "Course", Capacity: 2, CoTeachers: []string{"co"}}})
	require.NoError(t, err)
	got, err := f.enrollments.Get(ctx, b.ID())
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusActive, got.Status(), "the first in line gets the new seat")
	got, err = f.enrollments.Get(ctx, c.ID())
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusWaitlisted, got.Status())
	require.Equal(t, []string{"bob"}, f.workflows.Promote)
}
