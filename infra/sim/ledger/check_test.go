package ledger

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2026, 11, 30, 5, 0, 0, 0, time.UTC)

func at(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }

func ptr[T any](v T) *T { return &v }

// clean is a small run that holds every invariant: a two-seat course, three
// students (cat waits and moves up when bob drops), ann's attempt graded with
// her last answer and her certificate.
func clean() (*Ledger, Observed) {
	l := New()
	for i, s := range []string{"ann", "bob", "cat"} {
		l.Enrolled(Enroll{Student: s, Course: "c1", Sent: at(float64(i)), Acked: at(float64(i) + 0.5)})
	}
	l.Dropped(Key{"bob", "c1"}, at(10))
	l.LessonCompleted(Key{"ann", "c1"}, "l1")
	l.Started(Start{Attempt: "a1", Student: "ann", Test: "t1", Course: "c1", Deadline: at(100), SubmitsItself: true})
	l.Saved("a1", "q1", Save{Value: `{"text":"first"}`, Sent: at(20), Acked: at(21)})
	l.Saved("a1", "q1", Save{Value: `{"text":"second"}`, Sent: at(22), Acked: at(23)})
	// Two tabs: both saves in flight together; either may win.
	l.Saved("a1", "q2", Save{Value: `{"bool":true}`, Sent: at(30), Acked: at(32)})
	l.Saved("a1", "q2", Save{Value: `{"bool":false}`, Sent: at(31), Acked: at(31.5)})
	l.Submitted("a1", at(40))
	l.Graded("a1", "essay", 2.5)
	l.Released("t1", at(50))
	l.ExpectCompletion(Key{"ann", "c1"})
	l.TriedOthers(Read{Reader: "cat", Attempt: "a1", What: "read", Status: 404})
	l.SampledCapacity(CapacitySample{Course: "c1", Taken: 2, Capacity: 2, At: at(5)})
	o := Observed{
		Courses: map[string]CourseView{"c1": {Capacity: 2, Roster: []RosterEntry{
			{Student: "ann", Status: "completed", ActivatedAt: ptr(at(1))},
			{Student: "bob", Status: "dropped", ActivatedAt: ptr(at(2))},
			{Student: "cat", Status: "active", WaitlistedAt: ptr(at(3)), ActivatedAt: ptr(at(10))},
		}}},
		Enrollments: map[Key]EnrollmentView{
			{"ann", "c1"}: {Found: true, Status: "completed", LessonsCompleted: 1, FinalGrade: ptr(90.0), CertificateID: "cert1"},
			{"bob", "c1"}: {Found: true, Status: "dropped"},
			{"cat", "c1"}: {Found: true, Status: "active"},
		},
		Attempts: map[string]AttemptView{"a1": {
			Found: true, State: "graded", SubmittedBy: "student", ResultShown: true,
			Answers: map[string]string{"q1": `{"text":"second"}`, "q2": `{"bool":true}`},
			Manual:  map[string]float64{"essay": 2.5},
		}},
		Gradebook:    map[GradeKey]int{{"ann", "t1"}: 1},
		Certificates: map[string]CertificateView{"cert1": {Found: true, Valid: true}},
	}
	return l, o
}

func TestCheck_ACleanRunHoldsEveryInvariant(t *testing.T) {
	t.Parallel()
	l, o := clean()
	require.Empty(t, l.Check(o))
}

// TestCheck_AFailedReadingConcludesNothing: an attempt the final reading
// could not read (the run reports that failure) is not taken for lost.
func TestCheck_AFailedReadingConcludesNothing(t *testing.T) {
	t.Parallel()
	l, o := clean()
	o.Attempts["a1"] = AttemptView{Unread: true}
	o.Enrollments[Key{"cat", "c1"}] = EnrollmentView{Unread: true}
	require.Empty(t, l.Check(o))
}

// TestCheck_AStartWhoseAnswerWasLostMayStillHaveMadeAnAttempt: the
// gradebook counts one graded attempt of a student whose start was never
// acknowledged (a 504): the system did what was asked, the client never
// heard.
func TestCheck_AStartWhoseAnswerWasLostMayStillHaveMadeAnAttempt(t *testing.T) {
	t.Parallel()
	l, o := clean()
	o.Gradebook[GradeKey{"cat", "t1"}] = 1
	require.Empty(t, l.Check(o))
}

// TestCheck_ALaterRequestMayTakeASeatFreedAfterTheLineMovedUp: cat waited
// and moved up; dan, who asked after her, took a seat freed later when
// nobody waited any more. Nobody was passed over.
func TestCheck_ALaterRequestMayTakeASeatFreedAfterTheLineMovedUp(t *testing.T) {
	t.Parallel()
	l, o := clean()
	l.Enrolled(Enroll{Student: "dan", Course: "c1", Sent: at(5), Acked: at(5.5)})
	o.Enrollments[Key{"dan", "c1"}] = EnrollmentView{Found: true, Status: "active"}
	c := o.Courses["c1"]
	c.Capacity = 3
	c.Roster = append(c.Roster, RosterEntry{Student: "dan", Status: "active", ActivatedAt: ptr(at(11))})
	o.Courses["c1"] = c
	require.Empty(t, l.Check(o))
}

// TestCheck_ReportsEachPlantedViolation breaks one thing at a time and
// requires the checker to name the invariant it breaks.
func TestCheck_ReportsEachPlantedViolation(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		plant func(l *Ledger, o *Observed)
		want  string
		says  string
	}{
		{"a lost save", func(_ *Ledger, o *Observed) {
			o.Attempts["a1"].Answers["q1"] = `{"text":"first"}`
		}, NothingLost, "question q1"},
		{"a save missing altogether", func(_ *Ledger, o *Observed) {
			delete(o.Attempts["a1"].Answers, "q2")
		}, NothingLost, "question q2"},
		{"a seat over capacity", func(_ *Ledger, o *Observed) {
			c := o.Courses["c1"]
			c.Roster[1].Status = "active"
			o.Courses["c1"] = c
		}, SeatsWithinCap, "3 students holding seats of 2"},
		{"a seat over capacity seen during the run", func(l *Ledger, _ *Observed) {
			l.SampledCapacity(CapacitySample{Course: "c1", Taken: 3, Capacity: 2, At: at(6)})
		}, SeatsWithinCap, "3 seats taken of 2"},
		{"a waitlist out of order", func(l *Ledger, o *Observed) {
			l.Enrolled(Enroll{Student: "dan", Course: "c1", Sent: at(4), Acked: at(4.5)})
			o.Enrollments[Key{"dan", "c1"}] = EnrollmentView{Found: true, Status: "active"}
			c := o.Courses["c1"]
			c.Roster[2].Status, c.Roster[2].ActivatedAt, c.Roster[2].WaitlistPostion = "waitlisted", nil, 1
			c.Roster = append(c.Roster, RosterEntry{Student: "dan", Status: "active", WaitlistedAt: ptr(at(4)), ActivatedAt: ptr(at(10))})
			o.Courses["c1"] = c
		}, WaitlistFIFO, "cat waited"},
		{"a later request seated while an earlier one waits", func(l *Ledger, o *Observed) {
			l.Enrolled(Enroll{Student: "dan", Course: "c1", Sent: at(5), Acked: at(5.5)})
			o.Enrollments[Key{"dan", "c1"}] = EnrollmentView{Found: true, Status: "active"}
			c := o.Courses["c1"]
			c.Roster = append(c.Roster, RosterEntry{Student: "dan", Status: "active", ActivatedAt: ptr(at(6))})
			o.Courses["c1"] = c
		}, WaitlistFIFO, "dan asked after"},
		{"a later request seated while an earlier one never moved up", func(l *Ledger, o *Observed) {
			l.Enrolled(Enroll{Student: "dan", Course: "c1", Sent: at(5), Acked: at(5.5)})
			o.Enrollments[Key{"dan", "c1"}] = EnrollmentView{Found: true, Status: "active"}
			c := o.Courses["c1"]
			c.Roster[2].Status, c.Roster[2].ActivatedAt, c.Roster[2].WaitlistPostion = "waitlisted", nil, 1
			c.Roster = append(c.Roster, RosterEntry{Student: "dan", Status: "active", ActivatedAt: ptr(at(12))})
			o.Courses["c1"] = c
		}, WaitlistFIFO, "dan asked after"},
		{"a double grade", func(_ *Ledger, o *Observed) {
			a := o.Attempts["a1"]
			a.Regrades = 1
			o.Attempts["a1"] = a
			o.Gradebook[GradeKey{"ann", "t1"}] = 2
		}, GradedOnce, "graded again"},
		{"an attempt never graded", func(_ *Ledger, o *Observed) {
			a := o.Attempts["a1"]
			a.State = "needs_review"
			o.Attempts["a1"] = a
		}, GradedOnce, "never graded"},
		{"a lost submission", func(_ *Ledger, o *Observed) {
			a := o.Attempts["a1"]
			a.State = "in_progress"
			o.Attempts["a1"] = a
		}, NothingLost, "submission is lost"},
		{"an attempt the clock did not submit", func(l *Ledger, o *Observed) {
			l.Started(Start{Attempt: "a2", Student: "cat", Test: "t1", Course: "c1", Deadline: at(120)})
			o.Attempts["a2"] = AttemptView{Found: true, State: "in_progress"}
		}, GradedOnce, "still in progress"},
		{"a completion without a certificate", func(_ *Ledger, o *Observed) {
			e := o.Enrollments[Key{"ann", "c1"}]
			e.CertificateID = ""
			o.Enrollments[Key{"ann", "c1"}] = e
		}, CompletedCertify, "without a certificate"},
		{"a completion that never came", func(_ *Ledger, o *Observed) {
			e := o.Enrollments[Key{"ann", "c1"}]
			e.Status, e.FinalGrade, e.CertificateID = "active", nil, ""
			o.Enrollments[Key{"ann", "c1"}] = e
		}, CompletedCertify, "did everything"},
		{"a read of someone else's attempt", func(l *Ledger, _ *Observed) {
			l.TriedOthers(Read{Reader: "cat", Attempt: "a1", What: "read", Status: 200})
		}, OnlyOwnData, "student cat got 200"},
		{"a result before its release", func(l *Ledger, _ *Observed) {
			l.ReadEarly(EarlyResult{Student: "ann", Attempt: "a1", At: at(45)})
		}, OnlyOwnData, "before its release"},
		{"a lost seat request", func(_ *Ledger, o *Observed) {
			delete(o.Enrollments, Key{"cat", "c1"})
		}, NothingLost, "request for a seat"},
		{"a lost teacher's score", func(_ *Ledger, o *Observed) {
			o.Attempts["a1"].Manual["essay"] = 1
		}, NothingLost, "acknowledged score 2.50"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l, o := clean()
			tc.plant(l, &o)
			vs := l.Check(o)
			require.NotEmpty(t, vs, "the checker must report %s", tc.name)
			found := false
			for _, v := range vs {
				if v.Invariant == tc.want && strings.Contains(v.Detail, tc.says) {
					found = true
				}
			}
			require.True(t, found, "want %q naming %q, got %v", tc.want, tc.says, vs)
			require.Contains(t, Report(vs, 5), "FAIL  "+tc.want)
		})
	}
}
