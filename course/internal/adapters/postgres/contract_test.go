package postgres_test

import (
	"testing"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/app/apptest"
)

func TestRepositories_KeepTheRepositoryContract(t *testing.T) {
	t.Parallel()
	apptest.RunRepositoryContract(t, func(t *testing.T) apptest.Repos {
		db := newDB(t)
		return apptest.Repos{Courses: postgres.NewCourseRepository(db), Enrollments: postgres.NewEnrollmentRepository(db)}
	})
}
