// Package flow counts the LMS's students by where they stand in its long
// process (registered, waitlisted, enrolled, in an exam, submitted, graded,
// completed), from the domain events alone. Each student is in exactly one
// state at a time, so the counts add up to the students known and move from
// one state to the next as events arrive.
package flow

import (
	"slices"

	"lms/shared/auth"
	"lms/shared/events"
)

// State is where a student stands.
type State string

// The states in the order students move through them.
const (
	Registered State = "registered"
	Waitlisted State = "waitlisted"
	Enrolled   State = "enrolled"
	InExam     State = "in_exam"
	Submitted  State = "submitted"
	Graded     State = "graded"
	Completed  State = "completed"
)

// States lists every state in flow order.
func States() []State {
	return []State{Registered, Waitlisted, Enrolled, InExam, Submitted, Graded, Completed}
}

type enrollmentState int

const (
	requested enrollmentState = iota
	waitlisted
	active
	completed
	gone // dropped or rejected
)

type attemptState int

const (
	open attemptState = iota
	submitted
	graded
)

type person struct {
	student     bool
	enrollments map[string]enrollmentState
	attempts    map[string]attemptState
}

// state derives where the person stands: an exam under way comes first,
// then an attempt waiting for its grade, then a finished course, and so on
// back to a bare registration.
func (p *person) state() State {
	var has [gone + 1]int
	for _, s := range p.enrollments {
		has[s]++
	}
	var tries [graded + 1]int
	for _, s := range p.attempts {
		tries[s]++
	}
	switch {
	case tries[open] > 0:
		return InExam
	case tries[submitted] > 0:
		return Submitted
	case has[completed] > 0 && has[requested]+has[waitlisted]+has[active] == 0:
		return Completed
	case tries[graded] > 0:
		return Graded
	case has[active] > 0:
		return Enrolled
	case has[waitlisted] > 0:
		return Waitlisted
	default:
		return Registered
	}
}

// Totals are running totals of what happened, whatever state it left
// people in.
type Totals struct {
	// Students is how many students the flow holds (the sum of the counts).
	Students          int `json:"students"`
	Staff             int `json:"staff"`
	Enrollments       int `json:"enrollments"`
	Waitlisted        int `json:"waitlisted"`
	Dropped           int `json:"dropped"`
	Rejected          int `json:"rejected"`
	AttemptsStarted   int `json:"attempts_started"`
	AttemptsSubmitted int `json:"attempts_submitted"`
	AutoSubmitted     int `json:"auto_submitted"`
	AttemptsGraded    int `json:"attempts_graded"`
	Completions       int `json:"completions"`
	Certificates      int `json:"certificates"`
	CoursesPublished  int `json:"courses_published"`
	TestsPublished    int `json:"tests_published"`
}

// Board holds every person's state and the counts per state. It is not safe
// for concurrent use; its owner serialises Apply and Counts.
type Board struct {
	people map[string]*person
	counts map[State]int
	totals Totals
}

// NewBoard returns an empty board.
func NewBoard() *Board {
	return &Board{people: map[string]*person{}, counts: map[State]int{}}
}

// Counts returns how many students stand in each state.
func (b *Board) Counts() map[State]int {
	out := make(map[State]int, len(States()))
	for _, s := range States() {
		out[s] = b.counts[s]
	}
	return out
}

// Totals returns the running totals; Students is everyone in the flow.
func (b *Board) Totals() Totals {
	t := b.totals
	t.Students = 0
	for _, n := range b.counts {
		t.Students += n
	}
	return t
}

// Apply folds one event into the board. Events it does not know, or whose
// data it cannot read, change nothing; it reports whether the event was read.
func (b *Board) Apply(ev events.Event) bool {
	data, err := events.Decode(ev)
	if err != nil {
		return false
	}
	switch d := data.(type) {
	case *events.UserRegistered:
		b.registered(d.UserID, d.Roles)
	case *events.UserRolesChanged:
		b.rolesChanged(d.UserID, d.Roles)
	case *events.CoursePublished:
		b.totals.CoursesPublished++
	case *events.TestPublished:
		b.totals.TestsPublished++
	case *events.EnrollmentRequested:
		b.change(d.StudentID, func(p *person) {
			if _, seen := p.enrollments[d.EnrollmentID]; !seen {
				p.enrollments[d.EnrollmentID] = requested
			}
		})
	case *events.EnrollmentWaitlisted:
		b.totals.Waitlisted++
		b.enrollment(d.StudentID, d.EnrollmentID, waitlisted)
	case *events.EnrollmentActivated:
		b.totals.Enrollments++
		b.enrollment(d.StudentID, d.EnrollmentID, active)
	case *events.EnrollmentDropped:
		b.totals.Dropped++
		b.enrollment(d.StudentID, d.EnrollmentID, gone)
	case *events.EnrollmentRejected:
		b.totals.Rejected++
		b.enrollment(d.StudentID, d.EnrollmentID, gone)
	case *events.EnrollmentCompleted:
		b.totals.Completions++
		b.enrollment(d.StudentID, d.EnrollmentID, completed)
	case *events.CertificateIssued:
		b.totals.Certificates++
	case *events.AttemptStarted:
		b.totals.AttemptsStarted++
		b.attempt(d.StudentID, d.AttemptID, open)
	case *events.AttemptSubmitted:
		b.totals.AttemptsSubmitted++
		if d.Automatic {
			b.totals.AutoSubmitted++
		}
		b.attempt(d.StudentID, d.AttemptID, submitted)
	case *events.AttemptGraded:
		b.attempt(d.StudentID, d.AttemptID, graded)
	}
	return true
}

func (b *Board) registered(userID string, roles []string) {
	if !slices.Contains(roles, auth.RoleStudent) {
		if p, known := b.people[userID]; !known || !p.student {
			b.totals.Staff++
			return
		}
	}
	b.change(userID, func(*person) {})
}

// rolesChanged moves a user into the flow when they become a student, and
// out of it (to the staff) when they stop being one before they enrolled
// anywhere; one with enrollments keeps their place.
func (b *Board) rolesChanged(userID string, roles []string) {
	p, known := b.people[userID]
	isStudent := slices.Contains(roles, auth.RoleStudent)
	switch {
	case isStudent && (!known || !p.student):
		b.totals.Staff = max(b.totals.Staff-1, 0)
		b.change(userID, func(*person) {})
	case !isStudent && known && p.student && len(p.enrollments) == 0 && len(p.attempts) == 0:
		b.counts[p.state()]--
		delete(b.people, userID)
		b.totals.Staff++
	}
}

func (b *Board) enrollment(studentID, enrollmentID string, s enrollmentState) {
	b.change(studentID, func(p *person) { p.enrollments[enrollmentID] = s })
}

func (b *Board) attempt(studentID, attemptID string, s attemptState) {
	b.change(studentID, func(p *person) {
		if s == graded {
			if prev, seen := p.attempts[attemptID]; !seen || prev != graded {
				b.totals.AttemptsGraded++
			}
		}
		p.attempts[attemptID] = s
	})
}

// change applies fn to the student's record and moves them between counts.
func (b *Board) change(studentID string, fn func(*person)) {
	if studentID == "" {
		return
	}
	p, known := b.people[studentID]
	if known && p.student {
		b.counts[p.state()]--
	}
	if !known {
		p = &person{enrollments: map[string]enrollmentState{}, attempts: map[string]attemptState{}}
		b.people[studentID] = p
	}
	p.student = true
	fn(p)
	b.counts[p.state()]++
}
