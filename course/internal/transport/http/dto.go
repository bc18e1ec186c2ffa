package http

import (
	"strconv"
	"time"

	"lms/course/internal/app/query"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// courseInput is the body of course creation and edits.
type courseInput struct {
	Code               string     `json:"code"`
	Title              string     `json:"title"`
	Description        string     `json:"description"`
	Capacity           *seats     `json:"capacity"`
	EnrollmentOpensAt  *time.Time `json:"enrollment_opens_at"`
	EnrollmentClosesAt *time.Time `json:"enrollment_closes_at"`
	CoTeachers         []string   `json:"co_teachers"`
	Prerequisites      []string   `json:"prerequisites"`
	RequiredTests      []string   `json:"required_tests"`
}

func (in courseInput) details() course.Details {
	d := course.Details{
		Code: in.Code, Title: in.Title, Description: in.Description, CoTeachers: in.CoTeachers,
		Prerequisites: in.Prerequisites, RequiredTests: in.RequiredTests,
	}
	if in.Capacity != nil {
		d.Capacity = int(*in.Capacity)
		if d.Capacity == 0 {
			d.Capacity = -1 // an explicit 0 seats is invalid; absent means no limit
		}
	}
	if in.EnrollmentOpensAt != nil {
		d.Window.Opens = *in.EnrollmentOpensAt
	}
	if in.EnrollmentClosesAt != nil {
		d.Window.Closes = *in.EnrollmentClosesAt
	}
	return d
}

// seats is a capacity as a client sent it. Any JSON number decodes, so the
// domain can refuse one that is too large, fractional or not a number with
// an error naming the field; those become -1.
type seats int

// UnmarshalJSON implements json.Unmarshaler.
func (s *seats) UnmarshalJSON(b []byte) error {
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil || n > course.MaxCapacity {
		n = -1
	}
	*s = seats(n)
	return nil
}

type courseJSON struct {
	ID                 string        `json:"id"`
	Code               string        `json:"code"`
	Title              string        `json:"title"`
	Description        string        `json:"description"`
	Status             string        `json:"status"`
	OwnerID            string        `json:"owner_id"`
	CoTeachers         []string      `json:"co_teachers"`
	Capacity           *int          `json:"capacity"`
	EnrollmentOpensAt  *time.Time    `json:"enrollment_opens_at"`
	EnrollmentClosesAt *time.Time    `json:"enrollment_closes_at"`
	Prerequisites      []string      `json:"prerequisites"`
	RequiredTests      []string      `json:"required_tests"`
	WithdrawnTests     []string      `json:"withdrawn_tests,omitempty"`
	CreatedAt          time.Time     `json:"created_at"`
	UpdatedAt          time.Time     `json:"updated_at"`
	PublishedAt        *time.Time    `json:"published_at"`
	ArchivedAt         *time.Time    `json:"archived_at"`
	Lessons            []lessonJSON  `json:"lessons,omitempty"`
	MyEnrollment       *shortEnrJSON `json:"my_enrollment,omitempty"`
	MyRole             string        `json:"my_role,omitempty"`
	EnrollmentPolicy   policyJSON    `json:"enrollment_policy"`
}

func toCourseJSON(c *course.Course, lessons []course.Lesson) courseJSON {
	d := c.Details()
	out := courseJSON{
		ID: c.ID(), Code: d.Code, Title: d.Title, Description: d.Description, Status: string(c.Status()),
		OwnerID: c.OwnerID(), CoTeachers: nonNil(d.CoTeachers), Capacity: positive(d.Capacity),
		EnrollmentOpensAt: timePtr(d.Window.Opens), EnrollmentClosesAt: timePtr(d.Window.Closes),
		Prerequisites: nonNil(d.Prerequisites), RequiredTests: nonNil(d.RequiredTests),
		CreatedAt: c.CreatedAt(), UpdatedAt: c.UpdatedAt(), PublishedAt: timePtr(c.PublishedAt()), ArchivedAt: timePtr(c.ArchivedAt()),
		EnrollmentPolicy: toPolicyJSON(c.Admission()),
	}
	for _, l := range lessons {
		out.Lessons = append(out.Lessons, toLessonJSON(l, false))
	}
	return out
}

type summaryJSON struct {
	ID                 string     `json:"id"`
	Code               string     `json:"code"`
	Title              string     `json:"title"`
	Description        string     `json:"description"`
	Status             string     `json:"status"`
	OwnerID            string     `json:"owner_id"`
	Capacity           *int       `json:"capacity"`
	SeatsTaken         int        `json:"seats_taken"`
	EnrollmentOpensAt  *time.Time `json:"enrollment_opens_at"`
	EnrollmentClosesAt *time.Time `json:"enrollment_closes_at"`
	PublishedLessons   int        `json:"published_lessons"`
	PublishedAt        *time.Time `json:"published_at"`
	MyRole             string     `json:"my_role,omitempty"`
}

func toSummaryJSON(s query.CourseSummary) summaryJSON {
	return summaryJSON{
		ID: s.ID, Code: s.Code, Title: s.Title, Description: s.Description, Status: s.Status, OwnerID: s.OwnerID,
		Capacity: positive(s.Capacity), SeatsTaken: s.Enrolled, EnrollmentOpensAt: timePtr(s.Opens),
		EnrollmentClosesAt: timePtr(s.Closes), PublishedLessons: s.PublishedCount, PublishedAt: timePtr(s.PublishedAt),
		MyRole: s.StaffRole,
	}
}

type lessonInput struct {
	Title   string `json:"title"`
	Body    string `json:"body"`
	Minutes int    `json:"minutes"`
}

func (in lessonInput) details() course.LessonDetails {
	return course.LessonDetails{Title: in.Title, Body: in.Body, Minutes: in.Minutes}
}

type lessonJSON struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	Body        string     `json:"body,omitempty"`
	Minutes     int        `json:"minutes"`
	Position    int        `json:"position"`
	Published   bool       `json:"published"`
	PublishedAt *time.Time `json:"published_at"`
}

func toLessonJSON(l course.Lesson, withBody bool) lessonJSON {
	out := lessonJSON{ID: l.ID, Title: l.Title, Minutes: l.Minutes, Position: l.Position, Published: l.Published, PublishedAt: timePtr(l.PublishedAt)}
	if withBody {
		out.Body = l.Body
	}
	return out
}

type progressJSON struct {
	Completed int `json:"lessons_completed"`
	Total     int `json:"lessons_total"`
	Percent   int `json:"percent"`
}

func toProgressJSON(p enrollment.Progress) progressJSON {
	return progressJSON{Completed: p.Completed, Total: p.Total, Percent: p.Percent}
}

type timesJSON struct {
	RequestedAt  *time.Time `json:"requested_at"`
	WaitlistedAt *time.Time `json:"waitlisted_at"`
	ActivatedAt  *time.Time `json:"activated_at"`
	CompletedAt  *time.Time `json:"completed_at"`
	DroppedAt    *time.Time `json:"dropped_at"`
	RejectedAt   *time.Time `json:"rejected_at"`
}

func toTimesJSON(t enrollment.Times) timesJSON {
	return timesJSON{
		RequestedAt: timePtr(t.Requested), WaitlistedAt: timePtr(t.Waitlisted), ActivatedAt: timePtr(t.Activated),
		CompletedAt: timePtr(t.Completed), DroppedAt: timePtr(t.Dropped), RejectedAt: timePtr(t.Rejected),
	}
}

// shortEnrJSON is an enrollment as its own student sees it right after a
// change, before the read model is asked.
type shortEnrJSON struct {
	ID       string `json:"id"`
	CourseID string `json:"course_id"`
	Status   string `json:"status"`
	Reason   string `json:"reason,omitempty"`
	timesJSON
}

func toShortEnrJSON(e *enrollment.Enrollment) *shortEnrJSON {
	if e == nil {
		return nil
	}
	return &shortEnrJSON{ID: e.ID(), CourseID: e.CourseID(), Status: string(e.Status()), Reason: e.Reason(), timesJSON: toTimesJSON(e.Times())}
}

type myCourseJSON struct {
	EnrollmentID     string        `json:"enrollment_id"`
	Status           string        `json:"status"`
	Reason           string        `json:"reason,omitempty"`
	WaitlistPosition int           `json:"waitlist_position,omitempty"`
	Progress         progressJSON  `json:"progress"`
	FinalGrade       *float64      `json:"final_grade,omitempty"`
	CertificateID    string        `json:"certificate_id,omitempty"`
	Course           summaryJSON   `json:"course"`
	Approval         *approvalJSON `json:"approval,omitempty"`
	timesJSON
}

func toMyCourseJSON(s query.StudentCourse) myCourseJSON {
	return myCourseJSON{
		EnrollmentID: s.EnrollmentID, Status: s.Status, Reason: s.Reason, WaitlistPosition: s.WaitlistPosition,
		Progress: toProgressJSON(s.Progress), FinalGrade: s.FinalGrade, CertificateID: s.CertificateID,
		Course: toSummaryJSON(s.Course), Approval: toApprovalJSON(s.Approval), timesJSON: toTimesJSON(s.Times),
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func positive(n int) *int {
	if n <= 0 {
		return nil
	}
	return &n
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
