package command_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/apptest"
	"lms/course/internal/app/command"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/gradebook"
	"lms/shared/caller"
)

// books records the changes that reach the gradebook.
type books struct{ applied []gradebook.Change }

func (b *books) Setup(context.Context, string) (gradebook.Setup, error) {
	return gradebook.Setup{}, nil
}

func (b *books) Apply(_ context.Context, _ string, ch gradebook.Change, _ gradebook.Meta, _ bool) (gradebook.Outcome, error) {
	b.applied = append(b.applied, ch)
	return gradebook.Outcome{}, nil
}

func (b *books) Import(_ context.Context, _ string, im *gradebook.Import, _ gradebook.Meta, _ bool) (gradebook.Outcome, []gradebook.RowError, error) {
	b.applied = append(b.applied, gradebook.Grade{})
	return gradebook.Outcome{}, nil, nil
}

func TestGradebook_WhoMayChangeWhat(t *testing.T) {
	t.Parallel()
	f := newFixture()
	id, _ := f.published(t, course.Details{Code: "GB-1"})
	ta := caller.Caller{UserID: "ta", Roles: []string{course.RoleStudent}}
	observer := caller.Caller{UserID: "observer", Roles: []string{course.RoleTeacher}}
	for _, m := range []struct {
		who  string
		role course.StaffRole
	}{{ta.UserID, course.StaffAssistant}, {observer.UserID, course.StaffObserver}} {
		_, err := f.course.AddStaffMember.Handle(t.Context(), command.AddStaffMemberInput{Caller: owner, CourseID: id, UserID: m.who, Role: m.role})
		require.NoError(t, err)
	}
	points := 3.0
	grade := gradebook.Grade{StudentID: "alice", ItemID: "hw", Points: &points}
	override := gradebook.OverrideFinal{StudentID: "alice", Grade: &points, Reason: "oral exam"}
	setup := gradebook.SetCategories{}
	tests := []struct {
		name   string
		caller caller.Caller
		change gradebook.Change
		want   error
	}{
		{"the owner configures", owner, setup, nil},
		{"a co-teacher overrides", coTeach, override, nil},
		{"an administrator grades", admin, grade, nil},
		{"a teaching assistant grades", ta, grade, nil},
		{"a teaching assistant does not override", ta, override, command.ErrForbidden},
		{"a teaching assistant does not excuse", ta, gradebook.Excuse{StudentID: "alice", ItemID: "hw", Excused: true, Reason: "ill"}, command.ErrForbidden},
		{"a teaching assistant does not configure", ta, setup, command.ErrForbidden},
		{"an observer does not grade", observer, grade, command.ErrForbidden},
		{"another teacher does not see the course", other, grade, course.ErrNotFound},
		{"a student is refused", bob, grade, command.ErrForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := &books{}
			h := command.NewChangeGradebook(f.courses, b, apptest.Clock(t0))
			_, err := h.Handle(t.Context(), command.ChangeGradebookInput{Caller: tt.caller, CourseID: id, Change: tt.change})
			if tt.want != nil {
				require.ErrorIs(t, err, tt.want)
				require.Empty(t, b.applied, "a refused change reaches nothing")
				return
			}
			require.NoError(t, err)
			require.Len(t, b.applied, 1)
		})
	}

	b := &books{}
	h := command.NewImportGrades(f.courses, b, apptest.Clock(t0))
	imported, err := h.Handle(t.Context(), command.ImportGradesInput{Caller: ta, CourseID: id,
		Unreadable: []gradebook.RowError{{Line: 3, Reason: "not a CSV line"}}})
	require.ErrorIs(t, err, gradebook.ErrImportRefused)
	require.Equal(t, []gradebook.RowError{{Line: 3, Reason: "not a CSV line"}}, imported.Bad)
	_, err = h.Handle(t.Context(), command.ImportGradesInput{Caller: observer, CourseID: id,
		Unreadable: []gradebook.RowError{{Line: 1, Reason: "no header"}}})
	require.ErrorIs(t, err, command.ErrForbidden, "who may is checked before the file says anything")
	require.Empty(t, b.applied)
}
