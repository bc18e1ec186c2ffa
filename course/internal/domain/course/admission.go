package course

import (
	"time"

	"lms/shared/errs"
)

// Policy is how a course admits students.
type Policy string

// The enrollment policies: open gives a request the seat decision at once;
// approval makes it wait for a teacher's decision first.
const (
	PolicyOpen     Policy = "open"
	PolicyApproval Policy = "approval"
)

// Admission is how a course admits students and, under approval, when a
// pending request reminds the staff, escalates to the administrators and
// expires, each counted from the moment it became pending.
type Admission struct {
	Policy        Policy
	RemindAfter   time.Duration
	EscalateAfter time.Duration
	ExpireAfter   time.Duration
}

// DefaultAdmission is a new course's: open; under approval a reminder after
// two days, escalation after five, expiry after fourteen.
var DefaultAdmission = Admission{Policy: PolicyOpen, RemindAfter: 48 * time.Hour, EscalateAfter: 120 * time.Hour, ExpireAfter: 336 * time.Hour}

// maxApprovalWait bounds the expiry of a request: a year.
const maxApprovalWait = 366 * 24 * time.Hour

// ErrInvalidAdmission refuses an enrollment policy that is not open or
// approval, or deadlines out of order.
var ErrInvalidAdmission = errs.New(errs.InvalidArgument, "invalid-enrollment-policy",
	"the policy must be open or approval, and the reminder, escalation and expiry whole seconds with 0 < reminder < escalation < expiry <= 366 days")

// normalized fills absent deadlines with the defaults and checks the rest.
func (a Admission) normalized() (Admission, error) {
	if a.RemindAfter == 0 {
		a.RemindAfter = DefaultAdmission.RemindAfter
	}
	if a.EscalateAfter == 0 {
		a.EscalateAfter = DefaultAdmission.EscalateAfter
	}
	if a.ExpireAfter == 0 {
		a.ExpireAfter = DefaultAdmission.ExpireAfter
	}
	switch {
	case a.Policy != PolicyOpen && a.Policy != PolicyApproval:
		return a, ErrInvalidAdmission.With("field", "policy")
	case a.RemindAfter < time.Second || a.RemindAfter%time.Second != 0 || a.EscalateAfter%time.Second != 0 || a.ExpireAfter%time.Second != 0,
		a.RemindAfter >= a.EscalateAfter, a.EscalateAfter >= a.ExpireAfter, a.ExpireAfter > maxApprovalWait:
		return a, ErrInvalidAdmission
	}
	return a, nil
}

// Admission returns how the course admits students.
func (c *Course) Admission() Admission { return c.admission }

// RequiresApproval reports whether a request waits for a teacher's decision.
func (c *Course) RequiresApproval() bool { return c.admission.Policy == PolicyApproval }

// SetAdmission changes how the course admits students; absent deadlines
// take the defaults. Requests pending already keep the deadlines they got;
// a course that stops requiring approval still decides them. An archived
// course is read-only.
func (c *Course) SetAdmission(a Admission, now time.Time) error {
	if c.status == StatusArchived {
		return ErrArchived
	}
	a, err := a.normalized()
	if err != nil {
		return err
	}
	c.admission = a
	c.updatedAt = now.UTC()
	return nil
}
