package apptest_test

import (
	"testing"

	"lms/course/internal/app/apptest"
)

func TestFakes_KeepTheRepositoryContract(t *testing.T) {
	t.Parallel()
	apptest.RunRepositoryContract(t, func(*testing.T) apptest.Repos {
		courses := apptest.NewCourses()
		return apptest.Repos{Courses: courses, Enrollments: apptest.NewEnrollments(courses)}
	})
}
