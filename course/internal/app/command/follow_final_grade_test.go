package command_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// releasedGrades is the gradebook's released attempts, by course, student
// and test.
type releasedGrades map[string]map[string][]enrollment.Score

func (r releasedGrades) Released(_ context.Context, courseID, studentID string) (map[string][]enrollment.Score, error) {
	return r[courseID+"/"+studentID], nil
}

// BookFinal: these courses have no categories, so the gradebook never
// decides their final grade.
func (r releasedGrades) BookFinal(context.Context, string, string) (float64, bool, error) {
	return 0, false, nil
}

func finalGradeEvents(e *enrollment.Enrollment, f *fixture) []enrollment.FinalGradeChanged {
	var out []enrollment.FinalGradeChanged
	for _, ev := range f.enrollments.Events() {
		if c, ok := ev.(enrollment.FinalGradeChanged); ok && c.EnrollmentID == e.ID() {
			out = append(out, c)
		}
	}
	return out
}

func TestFinalGrade_FollowsTheGradebook(t *testing.T) {
	t.Parallel()
	f := newFixture()
	grades := releasedGrades{}
	enroll := f.withGrades(grades)
	id, _ := f.published(t, course.Details{Code: "A-1", RequiredTests: []string{"quiz", "exam"}})
	e := f.seated(t, alice, id)
	key := id + "/" + alice.UserID

	// The gradebook has the quiz regraded to 6/10 already; the exam has not
	// reached it, so the workflow's report counts.
	grades[key] = map[string][]enrollment.Score{"quiz": {{Points: 3, Maximum: 10}, {Points: 6, Maximum: 10, Passed: true}}}
	done, err := enroll.CompleteEnrollment.Handle(t.Context(), command.CompleteEnrollmentInput{EnrollmentID: e.ID(), Scores: map[string]enrollment.Score{
		"quiz": {Points: 9, Maximum: 10, Passed: true}, "exam": {Points: 40, Maximum: 50, Passed: true}}})
	require.NoError(t, err)
	grade, _ := done.FinalGrade()
	require.InDelta(t, 70.0, grade, 1e-9, "(60 + 80) / 2")

	// The exam arrives, then a teacher lowers it: the final grade follows,
	// once per change.
	grades[key]["exam"] = []enrollment.Score{{Points: 30, Maximum: 50, Passed: true}}
	for range 2 {
		require.NoError(t, enroll.FollowFinalGrade.Handle(t.Context(), command.FollowFinalGradeInput{CourseID: id, StudentID: alice.UserID}))
	}
	got, err := f.enrollments.Get(t.Context(), e.ID())
	require.NoError(t, err)
	grade, _ = got.FinalGrade()
	require.InDelta(t, 60.0, grade, 1e-9)
	changes := finalGradeEvents(e, f)
	require.Len(t, changes, 1)
	require.InDelta(t, 70.0, changes[0].Previous, 1e-9)
	require.InDelta(t, 60.0, changes[0].FinalGrade, 1e-9)
}

func TestFinalGrade_LeavesAnEnrollmentThatIsNotCompleted(t *testing.T) {
	t.Parallel()
	f := newFixture()
	grades := releasedGrades{}
	enroll := f.withGrades(grades)
	id, _ := f.published(t, course.Details{Code: "A-1", RequiredTests: []string{"quiz"}})
	e := f.seated(t, alice, id)
	grades[id+"/"+alice.UserID] = map[string][]enrollment.Score{"quiz": {{Points: 1, Maximum: 10}}}
	require.NoError(t, enroll.FollowFinalGrade.Handle(t.Context(), command.FollowFinalGradeInput{CourseID: id, StudentID: alice.UserID}))
	require.NoError(t, enroll.FollowFinalGrade.Handle(t.Context(), command.FollowFinalGradeInput{CourseID: id, StudentID: "nobody"}))
	got, err := f.enrollments.Get(t.Context(), e.ID())
	require.NoError(t, err)
	_, ok := got.FinalGrade()
	require.False(t, ok)
	require.Equal(t, enrollment.StatusActive, got.Status())
}
