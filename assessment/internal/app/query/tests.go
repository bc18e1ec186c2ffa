package query

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/exam"
)

// TestView is a test as one reader sees it.
type TestView struct {
	Test     *exam.Test
	Audience Audience
	// Terms are the student's accommodation at the test, in the view of
	// one test read as a student (zero otherwise, and when she has none).
	Terms accommodation.Terms
}

// Test returns the test with id as the caller may see it: teachers of its
// course see everything, its students the published test without the key;
// anyone else gets exam.ErrNotFound.
func (h Handlers) Test(ctx context.Context, c access.Caller, id string) (TestView, error) {
	t, err := h.tests.Get(ctx, id)
	if err != nil {
		return TestView{}, err
	}
	aud, err := h.audience(ctx, c, t)
	if err != nil {
		return TestView{}, err
	}
	v := TestView{Test: t, Audience: aud}
	if aud == AsStudent {
		a, err := h.accommodations.Get(ctx, t.ID(), c.UserID)
		switch {
		case err == nil:
			v.Terms = a.Terms()
		case !errors.Is(err, accommodation.ErrNotFound):
			return TestView{}, fmt.Errorf("accommodation of %s at %s: %w", c.UserID, t.ID(), err)
		}
	}
	return v, nil
}

// Tests lists the tests the caller may see, newest first: of one course when
// courseID is set (access.ErrCourseNotFound when the caller may not see it),
// otherwise of every course the caller teaches (all tests) or is enrolled in
// (published tests only).
func (h Handlers) Tests(ctx context.Context, c access.Caller, courseID string) ([]TestView, error) {
	taught, err := h.policy.TeacherCourses(ctx, c)
	if err != nil {
		return nil, err
	}
	enrolled, err := h.policy.StudentCourses(ctx, c)
	if err != nil {
		return nil, err
	}
	if courseID != "" {
		teaches, err := h.policy.Teaches(ctx, c, courseID)
		if err != nil {
			return nil, err
		}
		reads := slices.Contains(enrolled, courseID)
		if !teaches && !reads {
			return nil, access.ErrCourseNotFound
		}
		taught, enrolled = nil, nil
		if teaches {
			taught = []string{courseID}
		} else {
			enrolled = []string{courseID}
		}
	}
	enrolled = slices.DeleteFunc(enrolled, func(id string) bool { return slices.Contains(taught, id) })
	var views []TestView
	for _, list := range []struct {
		courses []string
		aud     Audience
	}{{taught, AsTeacher}, {enrolled, AsStudent}} {
		if len(list.courses) == 0 {
			continue
		}
		tests, err := h.tests.ListByCourses(ctx, list.courses, list.aud == AsStudent)
		if err != nil {
			return nil, fmt.Errorf("tests of %d courses: %w", len(list.courses), err)
		}
		for _, t := range tests {
			views = append(views, TestView{Test: t, Audience: list.aud})
		}
	}
	slices.SortStableFunc(views, func(a, b TestView) int { return b.Test.CreatedAt().Compare(a.Test.CreatedAt()) })
	return views, nil
}

// statisticsTest returns a test whose statistics the caller may read: a
// grader of its course (owner, co-teacher, teaching assistant, whatever the
// roles in their token: an assistant may hold only the student role), an
// administrator, or, as for every other teacher's read, a member of its
// staff holding the teacher role. An archived course's statistics stay
// readable.
func (h Handlers) statisticsTest(ctx context.Context, c access.Caller, id string) (*exam.Test, error) {
	if t, err := h.tests.Get(ctx, id); err == nil {
		switch err := h.policy.RequireGrader(ctx, c, t.CourseID()); {
		case err == nil, errors.Is(err, access.ErrCourseArchived):
			return t, nil
		}
	}
	return h.teacherTest(ctx, c, id)
}

// teacherTest returns a test the caller teaches: a caller without a
// teaching role gets access.ErrForbidden before anything is read, a teacher
// of another course exam.ErrNotFound (access.ErrForbidden when she reads the
// published test as its student anyway).
func (h Handlers) teacherTest(ctx context.Context, c access.Caller, id string) (*exam.Test, error) {
	if err := access.RequireTeacherRole(c); err != nil {
		return nil, err
	}
	return h.staffTest(ctx, c, id)
}

// staffTest returns the test when c is on its course's staff (whatever
// roles the token holds); anyone who may read the published test is
// refused, anyone else does not learn it exists.
func (h Handlers) staffTest(ctx context.Context, c access.Caller, id string) (*exam.Test, error) {
	t, err := h.tests.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	teaches, err := h.policy.Teaches(ctx, c, t.CourseID())
	if err != nil {
		return nil, err
	}
	if !teaches {
		reads, err := h.policy.Reads(ctx, c, t.CourseID())
		if err != nil {
			return nil, err
		}
		return nil, access.Refusal(reads && t.Published(), exam.ErrNotFound)
	}
	return t, nil
}
