package ledger

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Invariant names, as the report lists them.
const (
	NothingLost      = "nothing acknowledged is lost"
	SeatsWithinCap   = "seats never exceed capacity"
	WaitlistFIFO     = "waitlists are first in, first out"
	GradedOnce       = "every attempt is submitted and graded exactly once"
	CompletedCertify = "every completed enrollment has its final grade and certificate"
	OnlyOwnData      = "nobody read what was not theirs"
)

// Invariants in report order.
var Invariants = []string{NothingLost, SeatsWithinCap, WaitlistFIFO, GradedOnce, CompletedCertify, OnlyOwnData}

// Violation is one broken invariant, with what shows it.
type Violation struct {
	Invariant string
	Detail    string
}

func (v Violation) String() string { return v.Invariant + ": " + v.Detail }

// Check compares the ledger with what the API shows and answers every
// violation, sorted.
func (l *Ledger) Check(o Observed) []Violation {
	l.mu.Lock()
	defer l.mu.Unlock()
	var vs []Violation
	add := func(inv, format string, args ...any) {
		vs = append(vs, Violation{Invariant: inv, Detail: fmt.Sprintf(format, args...)})
	}
	l.checkEnrollments(o, add)
	l.checkAttempts(o, add)
	checkCapacity(o, l.capSamples, add)
	l.checkWaitlists(o, add)
	for _, r := range l.reads {
		if r.Status >= 200 && r.Status < 300 {
			add(OnlyOwnData, "student %s got %d for %s of attempt %s, which is not hers", r.Reader, r.Status, r.What, r.Attempt)
		}
	}
	for _, e := range l.earlyResult {
		add(OnlyOwnData, "student %s read the result of attempt %s at %s, before its release", e.Student, e.Attempt, e.At.Format("15:04:05.000"))
	}
	sort.Slice(vs, func(i, j int) bool {
		if vs[i].Invariant != vs[j].Invariant {
			return slices.Index(Invariants, vs[i].Invariant) < slices.Index(Invariants, vs[j].Invariant)
		}
		return vs[i].Detail < vs[j].Detail
	})
	return vs
}

type adder func(inv, format string, args ...any)

func (l *Ledger) checkEnrollments(o Observed, add adder) {
	for _, e := range l.enrolls {
		k := Key{e.Student, e.Course}
		v := o.Enrollments[k]
		if v.Unread {
			continue
		}
		if !v.Found {
			add(NothingLost, "student %s's acknowledged request for a seat in %s is gone", e.Student, e.Course)
			continue
		}
		if _, dropped := l.drops[k]; dropped && v.Status != "dropped" {
			add(NothingLost, "student %s's acknowledged drop of %s shows %s", e.Student, e.Course, v.Status)
		}
		if n := len(l.lessons[k]); (v.Status == "active" || v.Status == "completed") && v.LessonsCompleted < n {
			add(NothingLost, "student %s completed %d lessons of %s, the course shows %d", e.Student, n, e.Course, v.LessonsCompleted)
		}
		if v.Status == "completed" {
			switch {
			case v.FinalGrade == nil:
				add(CompletedCertify, "student %s completed %s without a final grade", e.Student, e.Course)
			case v.CertificateID == "":
				add(CompletedCertify, "student %s completed %s without a certificate", e.Student, e.Course)
			case !o.Certificates[v.CertificateID].Found || !o.Certificates[v.CertificateID].Valid:
				add(CompletedCertify, "student %s's certificate %s of %s does not verify", e.Student, v.CertificateID, e.Course)
			}
		} else if l.expected[k] {
			add(CompletedCertify, "student %s did everything %s asks but the enrollment is %s", e.Student, e.Course, v.Status)
		}
	}
}

func (l *Ledger) checkAttempts(o Observed, add adder) {
	perGrade := map[GradeKey]int{}
	for id, s := range l.starts {
		perGrade[GradeKey{s.Student, s.Test}]++
		a := o.Attempts[id]
		if a.Unread {
			continue
		}
		if !a.Found {
			add(NothingLost, "attempt %s of student %s, acknowledged as started, is gone", id, s.Student)
			continue
		}
		for q, saves := range l.saves[id] {
			if got, ok := a.Answers[q]; !ok || !slices.Contains(latest(saves), got) {
				add(NothingLost, "attempt %s question %s: %d answers acknowledged, the last %s; the attempt shows %s",
					id, q, len(saves), short(saves[len(saves)-1].Value), short(got))
			}
		}
		_, submitted := l.submits[id]
		switch {
		case a.State == "in_progress" && submitted:
			add(NothingLost, "attempt %s's acknowledged submission is lost: still in progress", id)
		case a.State == "in_progress":
			add(GradedOnce, "attempt %s is still in progress past its deadline %s", id, s.Deadline.Format("15:04:05"))
		case !submitted && !s.SubmitsItself && a.SubmittedBy != "deadline":
			add(GradedOnce, "attempt %s, never submitted by its student, was submitted by %q, not by the deadline", id, a.SubmittedBy)
		}
		if a.State != "in_progress" && a.State != "graded" {
			add(GradedOnce, "attempt %s is %s, never graded", id, a.State)
		}
		if a.Regrades > 0 {
			add(GradedOnce, "attempt %s was graded again %d times", id, a.Regrades)
		}
		for q, score := range l.grades[id] {
			if got, ok := a.Manual[q]; !ok || got != score {
				add(NothingLost, "attempt %s question %s: the teacher's acknowledged score %.2f shows as %v", id, q, score, a.Manual[q])
			}
		}
	}
	for k, n := range o.Gradebook {
		// A start whose answer never came (a 504) may have made an attempt
		// all the same: one graded attempt is never too many.
		if n > max(1, perGrade[k]) {
			add(GradedOnce, "the gradebook counts %d graded attempts of student %s at test %s, who made %d", n, k.Student, k.Test, perGrade[k])
		}
	}
}

// latest answers the values the stored answer may hold: those of saves no
// later save began after (two tabs saving at once may land in either order;
// a save sent after another was acknowledged must win).
func latest(saves []Save) []string {
	var out []string
	for _, s := range saves {
		superseded := false
		for _, t := range saves {
			if t.Sent.After(s.Acked) {
				superseded = true
				break
			}
		}
		if !superseded {
			out = append(out, s.Value)
		}
	}
	return out
}

func short(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	if s == "" {
		return "nothing"
	}
	return s
}

func checkCapacity(o Observed, samples []CapacitySample, add adder) {
	for id, c := range o.Courses {
		taken := 0
		for _, r := range c.Roster {
			if r.Status == "active" || r.Status == "completed" {
				taken++
			}
		}
		if c.Capacity > 0 && taken > c.Capacity {
			add(SeatsWithinCap, "course %s has %d students holding seats of %d", id, taken, c.Capacity)
		}
	}
	for _, s := range samples {
		if s.Capacity > 0 && s.Taken > s.Capacity {
			add(SeatsWithinCap, "course %s showed %d seats taken of %d at %s", s.Course, s.Taken, s.Capacity, s.At.Format("15:04:05.000"))
		}
	}
}

// checkWaitlists: among students who waited, the earlier in line is never
// passed over (promoted later, or still waiting while a later one got the
// seat); those still waiting hold places 1, 2, ... in order; and a request
// acknowledged before another was sent is never left in line while the
// later one gets a seat straight away.
func (l *Ledger) checkWaitlists(o Observed, add adder) {
	for id, c := range o.Courses {
		var waited []RosterEntry
		byStudent := map[string]RosterEntry{}
		for _, r := range c.Roster {
			byStudent[r.Student] = r
			if r.WaitlistedAt != nil {
				waited = append(waited, r)
			}
		}
		sort.SliceStable(waited, func(i, j int) bool { return waited[i].WaitlistedAt.Before(*waited[j].WaitlistedAt) })
		for i, a := range waited {
			for _, b := range waited[i+1:] {
				if !a.WaitlistedAt.Before(*b.WaitlistedAt) || b.ActivatedAt == nil {
					continue
				}
				if a.Status == "waitlisted" || (a.ActivatedAt != nil && a.ActivatedAt.After(*b.ActivatedAt)) {
					add(WaitlistFIFO, "course %s: %s waited since %s but %s, in line after, got the seat first",
						id, a.Student, a.WaitlistedAt.Format("15:04:05.000"), b.Student)
				}
			}
		}
		pos := 0
		for _, r := range waited {
			if r.Status != "waitlisted" {
				continue
			}
			pos++
			if r.WaitlistPostion != pos {
				add(WaitlistFIFO, "course %s: %s is place %d in line, by arrival %d", id, r.Student, r.WaitlistPostion, pos)
			}
		}
		l.checkArrivalOrder(id, byStudent, add)
	}
}

func (l *Ledger) checkArrivalOrder(course string, roster map[string]RosterEntry, add adder) {
	var mine []Enroll
	for _, e := range l.enrolls {
		if e.Course == course {
			mine = append(mine, e)
		}
	}
	for _, early := range mine {
		a, ok := roster[early.Student]
		if !ok || a.WaitlistedAt == nil {
			continue
		}
		for _, late := range mine {
			b, ok := roster[late.Student]
			if !ok || !late.Sent.After(early.Acked) || b.WaitlistedAt != nil || b.ActivatedAt == nil {
				continue
			}
			if a.ActivatedAt != nil && !a.ActivatedAt.After(*b.ActivatedAt) {
				continue // she had moved up from the line before the later one's seat was free
			}
			add(WaitlistFIFO, "course %s: %s asked first and waited; %s asked after and got a seat at once", course, early.Student, late.Student)
		}
	}
}

// Report formats violations by invariant: each invariant once, held or not.
func Report(vs []Violation, limit int) string {
	var b strings.Builder
	for _, inv := range Invariants {
		var mine []Violation
		for _, v := range vs {
			if v.Invariant == inv {
				mine = append(mine, v)
			}
		}
		if len(mine) == 0 {
			_, _ = fmt.Fprintf(&b, "  ok    %s\n", inv)
			continue
		}
		_, _ = fmt.Fprintf(&b, "  FAIL  %s (%d)\n", inv, len(mine))
		for i, v := range mine {
			if i == limit {
				_, _ = fmt.Fprintf(&b, "          ... and %d more\n", len(mine)-limit)
				break
			}
			_, _ = fmt.Fprintf(&b, "          %s\n", v.Detail)
		}
	}
	return b.String()
}
