package events

import "time"

// SourceAssessment is the CloudEvents source of events produced by the
// assessment service.
const SourceAssessment = "lms/assessment"

// CloudEvents types produced by assessment on TopicAssessment. Test and
// accommodation events are keyed by test id, attempt events by attempt id.
const (
	TypeTestPublished    = "lms.assessment.test.published.v1"
	TypeTestUnpublished  = "lms.assessment.test.unpublished.v1"
	TypeTestDeleted      = "lms.assessment.test.deleted.v1"
	TypeAttemptStarted   = "lms.assessment.attempt.started.v1"
	TypeAttemptSubmitted = "lms.assessment.attempt.submitted.v1"
	TypeAttemptGraded    = "lms.assessment.attempt.graded.v1"
	// TypeAttemptResultsReleased: the student may now see the attempt's
	// results; nothing that depends on its score reaches her before.
	TypeAttemptResultsReleased = "lms.assessment.attempt.results_released.v1"
	// TypeAccommodationChanged: a teacher changed a student's terms at a
	// test (extra time, a later close, extra attempts).
	TypeAccommodationChanged = "lms.assessment.accommodation.changed.v1"
)

// TestPublished is the data of TypeTestPublished: students of the course can
// start attempts, or a published test changed (announced again with its
// current numbers and a later PublishedAt; the latest wins).
// TimeLimitSeconds is 0 for an untimed test. OpensAt and ClosesAt bound when
// attempts may start; each is absent when the test has no such bound (and in
// events published before they were added), so a reader treats absent as
// "unbounded".
type TestPublished struct {
	TestID           string     `json:"test_id"`
	CourseID         string     `json:"course_id"`
	Title            string     `json:"title"`
	TimeLimitSeconds int        `json:"time_limit_seconds"`
	MaxScore         float64    `json:"max_score"`
	PassingScore     float64    `json:"passing_score"`
	PublishedAt      time.Time  `json:"published_at"`
	OpensAt          *time.Time `json:"opens_at,omitempty"`
	ClosesAt         *time.Time `json:"closes_at,omitempty"`
}

// TestUnpublished is the data of TypeTestUnpublished: a published test went
// back to its teacher's drafts before any student started it; students no
// longer see it, and nothing was ever graded on it.
type TestUnpublished struct {
	TestID        string    `json:"test_id"`
	CourseID      string    `json:"course_id"`
	UnpublishedAt time.Time `json:"unpublished_at"`
}

// TestDeleted is the data of TypeTestDeleted: an unpublished test no student
// ever started is gone; its id names nothing any more.
type TestDeleted struct {
	TestID    string    `json:"test_id"`
	CourseID  string    `json:"course_id"`
	DeletedAt time.Time `json:"deleted_at"`
}

// AttemptStarted is the data of TypeAttemptStarted. DeadlineAt is when a timed
// attempt is submitted automatically; it is null for an untimed test.
type AttemptStarted struct {
	AttemptID  string     `json:"attempt_id"`
	TestID     string     `json:"test_id"`
	CourseID   string     `json:"course_id"`
	StudentID  string     `json:"student_id"`
	StartedAt  time.Time  `json:"started_at"`
	DeadlineAt *time.Time `json:"deadline_at"`
}

// AttemptSubmitted is the data of TypeAttemptSubmitted. Automatic is true when
// the attempt was submitted because its time was up.
type AttemptSubmitted struct {
	AttemptID   string    `json:"attempt_id"`
	TestID      string    `json:"test_id"`
	CourseID    string    `json:"course_id"`
	StudentID   string    `json:"student_id"`
	Automatic   bool      `json:"automatic"`
	SubmittedAt time.Time `json:"submitted_at"`
}

// AttemptGraded is the data of TypeAttemptGraded: the attempt scored Score out
// of Maximum, which passes the test or not. GradedBy is the teacher's user id,
// or empty when every question was graded automatically. A teacher's later
// correction is announced again with a later GradedAt and the Reason; the
// latest GradedAt wins. ResultsReleasedAt is null while the student may not
// see the results: a reader shows her nothing of this attempt until it is set
// here or by TypeAttemptResultsReleased.
type AttemptGraded struct {
	AttemptID         string     `json:"attempt_id"`
	TestID            string     `json:"test_id"`
	CourseID          string     `json:"course_id"`
	StudentID         string     `json:"student_id"`
	Score             float64    `json:"score"`
	Maximum           float64    `json:"maximum"`
	Passed            bool       `json:"passed"`
	GradedBy          string     `json:"graded_by"`
	GradedAt          time.Time  `json:"graded_at"`
	Reason            string     `json:"reason,omitempty"`
	ResultsReleasedAt *time.Time `json:"results_released_at"`
}

// AttemptResultsReleased is the data of TypeAttemptResultsReleased: from
// ReleasedAt the student may see the attempt's score and whether it passed
// (the test's results policy: at grading, after the test closes, or when a
// teacher releases them). Announced once per attempt.
type AttemptResultsReleased struct {
	AttemptID  string    `json:"attempt_id"`
	TestID     string    `json:"test_id"`
	CourseID   string    `json:"course_id"`
	StudentID  string    `json:"student_id"`
	Score      float64   `json:"score"`
	Maximum    float64   `json:"maximum"`
	Passed     bool      `json:"passed"`
	ReleasedAt time.Time `json:"released_at"`
}

// AccommodationChanged is the data of TypeAccommodationChanged: from
// ChangedAt the student's terms at the test are these totals (not
// increments; zero values grant nothing, so all zero takes everything back).
// TimeFactor multiplies the time limit (0 means none) before
// ExtraTimeMinutes is added; ClosesAt is her own close, used when later than
// the test's (null: the test's); ExtraAttempts adds to the allowed attempts.
// They apply to attempts she starts from then on; an attempt in progress
// gets a later deadline from them, never an earlier one. ChangedBy and
// Reason say who changed them and why. Repeating the same terms announces
// nothing.
type AccommodationChanged struct {
	TestID           string     `json:"test_id"`
	CourseID         string     `json:"course_id"`
	StudentID        string     `json:"student_id"`
	TimeFactor       float64    `json:"time_factor"`
	ExtraTimeMinutes int        `json:"extra_time_minutes"`
	ClosesAt         *time.Time `json:"closes_at"`
	ExtraAttempts    int        `json:"extra_attempts"`
	ChangedBy        string     `json:"changed_by"`
	Reason           string     `json:"reason"`
	ChangedAt        time.Time  `json:"changed_at"`
}
