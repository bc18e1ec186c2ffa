package ledger

import "time"

// Observed is what the API shows at the end of a run, read by the people
// who may read it: each student her enrollments and attempts, each teacher
// her courses' rosters, gradebooks and attempts, anyone a certificate.
type Observed struct {
	Courses      map[string]CourseView      // by course id
	Enrollments  map[Key]EnrollmentView     // as each student reads her own
	Attempts     map[string]AttemptView     // by attempt id
	Gradebook    map[GradeKey]int           // graded attempts counted, by student and test
	Certificates map[string]CertificateView // by certificate id
}

// CourseView is a course as its teacher reads it.
type CourseView struct {
	Capacity int // 0: no limit
	Roster   []RosterEntry
}

// RosterEntry is one student of a roster.
type RosterEntry struct {
	Student         string
	Status          string
	WaitlistedAt    *time.Time
	ActivatedAt     *time.Time
	WaitlistPostion int
}

// EnrollmentView is a student's enrollment as she reads it.
type EnrollmentView struct {
	// Unread: the final reading failed (reported as a failure of the run);
	// nothing is concluded from it.
	Unread           bool
	Found            bool
	Status           string
	LessonsCompleted int
	FinalGrade       *float64
	CertificateID    string
}

// AttemptView is an attempt as its student and its teacher read it.
type AttemptView struct {
	// Unread: the final reading failed (reported as a failure of the run);
	// nothing is concluded from it.
	Unread      bool
	Found       bool
	State       string
	SubmittedBy string
	// Answers by question id, as canonical JSON of the value (no saved_at).
	Answers map[string]string
	// Manual scores by question id, from the teacher's view.
	Manual   map[string]float64
	Regrades int
	Passed   *bool
	// ResultShown is whether the student's view carries a result.
	ResultShown bool
}

// GradeKey names a student's grade at a test.
type GradeKey struct {
	Student, Test string
}

// CertificateView is a certificate as anyone verifies it.
type CertificateView struct {
	Found bool
	Valid bool
}
