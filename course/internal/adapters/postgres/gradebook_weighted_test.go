package postgres_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/app/command"
	"lms/course/internal/domain/enrollment"
	"lms/course/internal/domain/gradebook"
	"lms/shared/events"
	"lms/shared/flows"
)

// weightedCourse is a published course with one seated student, tests 60 %
// (drop the lowest) and assignments 40 %, three tests and two assignments,
// and letters A to F.
func weightedCourse(t *testing.T, books *postgres.Gradebooks, courses *postgres.CourseRepository, repo *postgres.EnrollmentRepository) (courseID string, e *enrollment.Enrollment) {
	t.Helper()
	ctx := t.Context()
	courseID = publishedCourse(t, courses, 0)
	e = request(t, repo, courseID)
	_, _, err := repo.ReserveSeat(ctx, e.ID(), t0)
	require.NoError(t, err)
	m := gradebook.Meta{By: "teacher", At: t0}
	for _, ch := range []gradebook.Change{
		gradebook.SetCategories{Categories: []gradebook.Category{
			{ID: "tests", Name: "Tests", Weight: 60, DropLowest: 1}, {ID: "assignments", Name: "Assignments", Weight: 40}}},
		&gradebook.PutItem{Item: gradebook.Item{ID: "t1", Kind: gradebook.KindTest, CategoryID: "tests"}},
		&gradebook.PutItem{Item: gradebook.Item{ID: "t2", Kind: gradebook.KindTest, MaxPoints: 60, CategoryID: "tests"}},
		&gradebook.PutItem{Item: gradebook.Item{ID: "t3", Kind: gradebook.KindTest, MaxPoints: 50, CategoryID: "tests"}},
		&gradebook.PutItem{Item: gradebook.Item{ID: "a1", Kind: gradebook.KindManual, Title: "Assignment 1", MaxPoints: 20, CategoryID: "assignments"}},
		&gradebook.PutItem{Item: gradebook.Item{ID: "a2", Kind: gradebook.KindManual, Title: "Assignment 2", MaxPoints: 50, CategoryID: "assignments"}},
		gradebook.SetLetters{Scheme: gradebook.Scheme{band("A", 90, 100), band("B", 80, 90), band("C", 70, 80), band("D", 60, 70), band("F", 0, 60)}},
	} {
		_, err := books.Apply(ctx, courseID, ch, m, false)
		require.NoError(t, err)
	}
	return courseID, e
}

func finals(t *testing.T, books *postgres.Gradebooks, courseID, studentID string) (float64, string, int64) {
	t.Helper()
	s, rows, err := books.Book(t.Context(), courseID, studentID)
	require.NoError(t, err)
	require.Len(t, rows, 1)
	r := s.Compute(rows[0].Student)
	require.NotNil(t, r.Final)
	return *r.Final, r.Letter, rows[0].Version
}

func points(v float64) *float64 { return &v }

func band(letter string, low, high float64) gradebook.Band {
	return gradebook.Band{Letter: letter, Min: low, Max: high}
}

func TestGradebooks_WeightedFinalGradeChangesOncePerChange(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := t.Context()
	books, courses, repo := postgres.NewGradebooks(db), postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db)
	courseID, e := weightedCourse(t, books, courses, repo)
	student := e.StudentID()
	attempts := postgres.NewGradebook(db)
	released := t0.Add(time.Hour)
	// The tests' percentages: 80, 75 and 60 (dropped); a held attempt counts nothing.
	for i, a := range []struct {
		test        string
		points, max float64
		releasedAt  *time.Time
	}{{"t1", 8, 10, &released}, {"t2", 15, 20, &released}, {"t3", 3, 5, &released}, {"t3", 5, 5, nil}} {
		require.NoError(t, attempts.Record(ctx, command.GradedAttempt{EventID: newID(), AttemptID: "att-" + a.test + string(rune('a'+i)),
			TestID: a.test, CourseID: courseID, StudentID: student, Points: a.points, Maximum: a.max, GradedAt: t0, ReleasedAt: a.releasedAt}))
	}
	m := gradebook.Meta{By: "teacher", At: t0.Add(2 * time.Hour)}
	for _, g := range []gradebook.Grade{{StudentID: student, ItemID: "a1", Points: points(18)}, {StudentID: student, ItemID: "a2", Points: points(35)}} {
		_, err := books.Apply(ctx, courseID, g, m, false)
		require.NoError(t, err)
	}
	grade, letter, version := finals(t, books, courseID, student)
	require.Equal(t, 78.5, grade, "0.6 × mean(80, 75) + 0.4 × mean(90, 70)")
	require.Equal(t, "C", letter)
	events0 := outboxTypes(t, db)[events.TypeFinalGradeChanged]
	require.EqualValues(t, events0, version, "one event per change of the final grade")

	out, err := books.Apply(ctx, courseID, gradebook.Excuse{StudentID: student, ItemID: "a2", Excused: true, Reason: "medical note"}, m, false)
	require.NoError(t, err)
	require.Len(t, out.Finals, 1)
	require.Equal(t, 82.5, *out.Finals[0].Final)
	require.Equal(t, events0+1, outboxTypes(t, db)[events.TypeFinalGradeChanged], "the excused item: one event")
	_, err = books.Apply(ctx, courseID, gradebook.Excuse{StudentID: student, ItemID: "a2", Excused: true, Reason: "again"}, m, false)
	require.NoError(t, err)
	require.Equal(t, events0+1, outboxTypes(t, db)[events.TypeFinalGradeChanged], "excusing it again changes nothing")

	_, err = books.Apply(ctx, courseID, gradebook.OverrideFinal{StudentID: student, Grade: points(91), Reason: "oral exam"}, m, false)
	require.NoError(t, err)
	grade, letter, _ = finals(t, books, courseID, student)
	require.Equal(t, 91.0, grade)
	require.Equal(t, "A", letter)
	require.Equal(t, events0+2, outboxTypes(t, db)[events.TypeFinalGradeChanged], "the override: one event")

	history, err := books.Audit(ctx, courseID)
	require.NoError(t, err)
	last := history[len(history)-1]
	require.Equal(t, "final_override", last.Action)
	require.Equal(t, "oral exam", last.Reason)
	require.Equal(t, "teacher", last.By)

	out, err = books.Apply(ctx, courseID, gradebook.RemoveItem{ItemID: "a1"}, m, false)
	require.NoError(t, err)
	require.Empty(t, out.Finals, "the final grade stays overridden")
	_, rows, err := books.Book(ctx, courseID, student)
	require.NoError(t, err)
	require.NotContains(t, rows[0].Cells, "a1", "the item's grade left with it")
	_, err = books.Apply(ctx, courseID, gradebook.OverrideFinal{StudentID: student, Reason: "back to the rules"}, m, false)
	require.NoError(t, err)
	grade, _, _ = finals(t, books, courseID, student)
	require.Equal(t, 77.5, grade, "the tests alone: the assignments' only other item is excused")

	_, err = books.Apply(ctx, courseID, gradebook.Grade{StudentID: "stranger", ItemID: "a2", Points: points(1)}, m, false)
	require.ErrorIs(t, err, gradebook.ErrStudentNotInBook)
	_, err = books.Apply(ctx, courseID, gradebook.Grade{StudentID: student, ItemID: "a2", Points: points(51)}, m, false)
	require.ErrorIs(t, err, gradebook.ErrInvalidPoints)
}

func TestGradebooks_CompletedEnrollmentFollowsTheBook(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := t.Context()
	books, courses, repo := postgres.NewGradebooks(db), postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db)
	courseID, e := weightedCourse(t, books, courses, repo)
	require.NoError(t, repo.Update(ctx, e.ID(), func(e *enrollment.Enrollment) error { return e.Complete(100, newID(), t0) }))
	m := gradebook.Meta{By: "teacher", At: t0.Add(time.Hour)}
	_, err := books.Apply(ctx, courseID, gradebook.Grade{StudentID: e.StudentID(), ItemID: "a1", Points: points(15)}, m, false)
	require.NoError(t, err)
	got, err := repo.Get(ctx, e.ID())
	require.NoError(t, err)
	grade, ok := got.FinalGrade()
	require.True(t, ok)
	require.Equal(t, 75.0, grade, "only the assignments count yet: 15 of 20")
	require.Equal(t, 1, outboxTypes(t, db)[events.TypeEnrollmentFinalGradeChanged])
	final, ok, err := postgres.NewGradebook(db).BookFinal(ctx, courseID, e.StudentID())
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, 75.0, final, "completion and regrades read the same final grade")
}

func TestGradebooks_ImportIsAllOrNothing(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := t.Context()
	books, courses, repo := postgres.NewGradebooks(db), postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db)
	courseID, e := weightedCourse(t, books, courses, repo)
	m := gradebook.Meta{By: "ta", At: t0.Add(time.Hour)}
	good := []gradebook.ImportRow{{Line: 2, StudentID: e.StudentID(), Points: map[string]string{"a1": "17", "a2": ""}}}

	out, bad, err := books.Import(ctx, courseID, &gradebook.Import{Items: []string{"a1", "a2"}, Rows: good}, m, true)
	require.NoError(t, err)
	require.Empty(t, bad)
	require.Len(t, out.Cells, 1, "the dry run shows the one grade it would set")
	require.Nil(t, out.Cells[0].Previous)
	require.Equal(t, 17.0, *out.Cells[0].Points)
	require.Len(t, out.Finals, 1, "and the final grade it would change")
	require.Zero(t, outboxTypes(t, db)[events.TypeFinalGradeChanged], "a dry run announces nothing")
	_, rows, err := books.Book(ctx, courseID, e.StudentID())
	require.NoError(t, err)
	require.Nil(t, rows[0].Cells["a1"].Points, "a dry run changes nothing")

	withBad := append(good, gradebook.ImportRow{Line: 3, StudentID: "nobody", Points: map[string]string{"a1": "1", "a2": ""}},
		gradebook.ImportRow{Line: 4, StudentID: e.StudentID(), Points: map[string]string{"a1": "x", "a2": "51"}})
	_, bad, err = books.Import(ctx, courseID, &gradebook.Import{Items: []string{"a1", "a2", "t1"}, Rows: withBad}, m, false)
	require.ErrorIs(t, err, gradebook.ErrImportRefused)
	lines := map[int]int{}
	for _, b := range bad {
		lines[b.Line]++
	}
	require.Equal(t, map[int]int{1: 1, 3: 1, 4: 1}, lines, "the test column, the stranger and the repeated student")
	_, rows, err = books.Book(ctx, courseID, e.StudentID())
	require.NoError(t, err)
	require.Nil(t, rows[0].Cells["a1"].Points, "a refused import changes nothing")

	_, bad, err = books.Import(ctx, courseID, &gradebook.Import{Items: []string{"a1", "a2"}, Rows: good}, m, false)
	require.NoError(t, err)
	require.Empty(t, bad)
	_, rows, err = books.Book(ctx, courseID, e.StudentID())
	require.NoError(t, err)
	require.Equal(t, 17.0, *rows[0].Cells["a1"].Points)
	require.Equal(t, 1, outboxTypes(t, db)[events.TypeFinalGradeChanged])
}

func TestGradebook_RegradeToAPassSignalsTheActiveEnrollment(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := t.Context()
	courses, repo, attempts := postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db), postgres.NewGradebook(db)
	courseID := publishedCourse(t, courses, 0)
	e := request(t, repo, courseID)
	_, _, err := repo.ReserveSeat(ctx, e.ID(), t0)
	require.NoError(t, err)
	signals := func() []string {
		var payloads []string
		require.NoError(t, db.NewRaw("SELECT payload::text FROM enrollment_starts WHERE enrollment_id = ? AND signal = ?",
			e.ID(), flows.SignalTestGraded).Scan(ctx, &payloads))
		return payloads
	}
	graded := command.GradedAttempt{EventID: newID(), AttemptID: "att-1", TestID: "quiz", CourseID: courseID, StudentID: e.StudentID(),
		Points: 4, Maximum: 10, GradedAt: t0}
	require.NoError(t, attempts.Record(ctx, graded))
	require.Empty(t, signals(), "the attempt workflow signals a first grade itself")

	regraded := graded
	regraded.EventID, regraded.Points, regraded.Passed, regraded.GradedAt = newID(), 7, true, t0.Add(time.Hour)
	require.NoError(t, attempts.Record(ctx, regraded))
	sent := signals()
	require.Len(t, sent, 1, "the regrade to a pass is told to the enrollment's workflow")
	var payload flows.TestGraded
	require.NoError(t, json.Unmarshal([]byte(sent[0]), &payload))
	require.Equal(t, flows.TestGraded{AttemptID: "att-1", TestID: "quiz", Points: 7, Maximum: 10, Passed: true, Regraded: true}, payload)

	again := regraded
	again.EventID = newID()
	require.NoError(t, attempts.Record(ctx, again))
	require.Len(t, signals(), 1, "a pass regraded again is no new pass")
}
