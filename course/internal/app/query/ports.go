// Package query holds the course service's read use cases, one file per
// query, the read models they return and the port that serves them.
package query

import (
	"context"
	"time"

	"lms/course/internal/domain/enrollment"
)

// CourseSummary is a course as lists show it.
type CourseSummary struct {
	ID          string
	Code        string
	Title       string
	Description string
	Status      string
	OwnerID     string
	// Capacity is the number of seats, 0 for no limit; Enrolled are taken.
	Capacity       int
	Enrolled       int
	Opens, Closes  time.Time
	PublishedCount int // published lessons
	PublishedAt    time.Time
	// StaffRole is the asking user's role in the course, in the list of
	// the courses they teach; empty elsewhere.
	StaffRole string
}

// StudentCourse is one enrollment of a student with its course and progress.
type StudentCourse struct {
	Course           CourseSummary
	EnrollmentID     string
	Status           string
	Reason           string
	WaitlistPosition int
	Progress         enrollment.Progress
	Times            enrollment.Times
	FinalGrade       *float64
	CertificateID    string
	// Approval is the request's approval record in a course that enrolls
	// by approval (zero otherwise).
	Approval enrollment.Approval
}

// RosterEntry is one student of a course as its teachers see them.
type RosterEntry struct {
	CourseID         string
	EnrollmentID     string
	StudentID        string
	Status           string
	WaitlistPosition int
	Progress         enrollment.Progress
	Times            enrollment.Times
	// Approval is the request's approval record in a course that enrolls
	// by approval (zero otherwise).
	Approval enrollment.Approval
	// Student is the student's name, empty until iam's report arrives.
	Student Person
}

// Result is one graded attempt's score.
type Result struct {
	Points  float64
	Maximum float64
	Passed  bool
}

// Grade is a student's standing on one test: the best and the latest graded
// attempt.
type Grade struct {
	CourseID        string
	StudentID       string
	TestID          string
	Attempts        int
	Best            Result
	Latest          Result
	LatestAttemptID string
	LatestGradedAt  time.Time
	// Student is the student's name, filled for teachers' gradebooks only.
	Student Person
}

// ReadModel answers the lists the queries need, straight from the database.
type ReadModel interface {
	// Catalogue lists published courses ordered by code, after the code
	// after, matching search in code or title when it is not empty.
	Catalogue(ctx context.Context, search, after string, limit int) ([]CourseSummary, error)
	// TaughtBy lists the courses userID owns or co-teaches, drafts included.
	TaughtBy(ctx context.Context, userID string) ([]CourseSummary, error)
	// Roster lists a course's enrollments, waitlisted ones in line order.
	Roster(ctx context.Context, courseID string) ([]RosterEntry, error)
	// EscalatedRequests lists the requests, in every course, that still
	// wait for approval after their escalation, longest escalated first.
	EscalatedRequests(ctx context.Context) ([]RosterEntry, error)
	// StudentCourses lists a student's enrollments, newest first, in one
	// course when courseID is not empty.
	StudentCourses(ctx context.Context, studentID, courseID string) ([]StudentCourse, error)
	// Grades lists the gradebook of a course, of one student when
	// studentID is not empty; courseID may be empty for all courses. With
	// releasedOnly it counts only attempts whose results were released to
	// their students by now, as a student may see them.
	Grades(ctx context.Context, courseID, studentID string, releasedOnly bool) ([]Grade, error)
	// WithdrawnTests lists the course's tests that assessment unpublished
	// or deleted and has not published again.
	WithdrawnTests(ctx context.Context, courseID string) ([]string, error)
	// People returns the names known of the users, by id; unknown users
	// are left out.
	People(ctx context.Context, userIDs []string) (map[string]Person, error)
}
