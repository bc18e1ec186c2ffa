package scenario

import (
	"fmt"
	"regexp"
	"slices"
	"time"
)

var key = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,15}$`)

// Validate checks every field and answers all problems at once, each naming
// its field as a path (courses[1].tests[0].time_limit).
func (s *Scenario) Validate() error {
	var es Errors
	bad := func(field, format string, args ...any) {
		es = append(es, &FieldError{Field: field, Reason: fmt.Sprintf(format, args...)})
	}
	if !key.MatchString(s.Name) {
		bad("name", "required: lower case letters, digits and dashes, at most 16")
	}
	if s.Students < 1 || s.Students > 100000 {
		bad("students", "from 1 to 100000, not %d", s.Students)
	}
	if s.Teachers < 1 || s.Teachers > 100 {
		bad("teachers", "from 1 to 100, not %d", s.Teachers)
	}
	if s.Horizon.D() <= 0 {
		bad("horizon", "required: the scenario time after which nothing new starts, like \"10m\"")
	}
	s.Registration.validate("registration", bad)
	s.validateBehaviours(bad)
	if len(s.Courses) == 0 {
		bad("courses", "at least one course")
	}
	keys := map[string]int{}
	for i, c := range s.Courses {
		f := fmt.Sprintf("courses[%d]", i)
		if !key.MatchString(c.Key) {
			bad(f+".key", "required: lower case letters, digits and dashes, at most 16")
		} else if _, dup := keys[c.Key]; dup {
			bad(f+".key", "%q is used by another course", c.Key)
		}
		keys[c.Key] = i
		for j, p := range c.Prerequisites {
			if at, ok := keys[p]; !ok || at == i {
				bad(fmt.Sprintf("%s.prerequisites[%d]", f, j), "%q is not a course listed before this one", p)
			}
		}
		c.validate(f, bad)
	}
	if len(es) > 0 {
		return es
	}
	return nil
}

func (s *Scenario) validateBehaviours(bad func(string, string, ...any)) {
	total := 0
	for name, w := range s.Behaviours {
		if !slices.Contains(AllBehaviours, name) {
			bad("behaviours."+name, "unknown behaviour (known: %v)", AllBehaviours)
		}
		if w < 0 {
			bad("behaviours."+name, "a weight is 0 or more, not %d", w)
		}
		total += w
	}
	if total <= 0 {
		bad("behaviours", "at least one behaviour with a positive weight (known: %v)", AllBehaviours)
	}
}

func (c Course) validate(f string, bad func(string, string, ...any)) {
	if c.Title == "" {
		bad(f+".title", "required")
	}
	if c.Capacity < 0 {
		bad(f+".capacity", "seats are 1 or more (leave it out for no limit), not %d", c.Capacity)
	}
	if c.CapacityPercent < 0 || c.CapacityPercent > 1000 {
		bad(f+".capacity_percent", "from 1 to 1000 percent of the cohort, not %d", c.CapacityPercent)
	}
	if c.Capacity > 0 && c.CapacityPercent > 0 {
		bad(f+".capacity", "either capacity or capacity_percent, not both")
	}
	if c.EnrollPercent < 1 || c.EnrollPercent > 100 {
		bad(f+".enroll_percent", "from 1 to 100, not %d", c.EnrollPercent)
	}
	if c.DropPercent < 0 || c.DropPercent > 100 {
		bad(f+".drop_percent", "from 0 to 100, not %d", c.DropPercent)
	}
	c.Enrollment.validate(f+".enrollment", bad)
	if c.Lessons < 0 || c.Lessons > 50 {
		bad(f+".lessons", "from 0 to 50, not %d", c.Lessons)
	}
	if c.LessonThink.D() < 0 {
		bad(f+".lesson_think", "0 or more")
	}
	tests := map[string]bool{}
	for j, t := range c.Tests {
		tf := fmt.Sprintf("%s.tests[%d]", f, j)
		if !key.MatchString(t.Key) {
			bad(tf+".key", "required: lower case letters, digits and dashes, at most 16")
		} else if tests[t.Key] {
			bad(tf+".key", "%q is used by another test of the course", t.Key)
		}
		tests[t.Key] = true
		t.validate(tf, bad)
	}
}

func (t Test) validate(f string, bad func(string, string, ...any)) {
	if t.Title == "" {
		bad(f+".title", "required")
	}
	if t.TimeLimit.D() < 5*time.Second || t.TimeLimit.D() > 7*24*time.Hour {
		bad(f+".time_limit", "from 5s to 168h, not %s", t.TimeLimit.D())
	}
	if t.Objective < 0 || t.Essays < 0 || t.Objective+t.Essays == 0 || t.Objective+t.Essays > 100 {
		bad(f+".objective", "objective and essays are 0 or more, together 1 to 100 questions")
	}
	if t.Results != "on_submission" && t.Results != "manual" {
		bad(f+".results", "on_submission or manual, not %q", t.Results)
	}
	if t.GradingThink.D() < 0 {
		bad(f+".grading_think", "0 or more")
	}
	t.Start.validate(f+".start", bad)
}

func (c Curve) validate(f string, bad func(string, string, ...any)) {
	switch c.Shape {
	case Burst:
		if c.To != 0 {
			bad(f+".to", "a burst happens at from (spread by jitter); leave to out")
		}
	case Rush, Trickle:
		if c.To.D() <= c.From.D() {
			bad(f+".to", "after from (%s), not %s", c.From.D(), c.To.D())
		}
	default:
		bad(f+".curve", "burst, rush or trickle, not %q", c.Shape)
	}
	if c.From.D() < 0 {
		bad(f+".from", "0 or more")
	}
	if c.Jitter.D() < 0 {
		bad(f+".jitter", "0 or more")
	}
}
