// Package scenario describes a simulation of the LMS as a file: the cohorts of
// synthetic people, the courses with their lessons and tests, when people
// arrive, and how students behave. Files are YAML (or JSON), read with
// sigs.k8s.io/yaml and validated with errors that name the field.
package scenario

import (
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sigs.k8s.io/yaml"
)

// Scenario is one simulation.
type Scenario struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Students is the cohort's size; --students overrides it.
	Students int `json:"students"`
	// Teachers share the courses: each course has one owner and the others
	// as co-teachers, who all grade.
	Teachers int `json:"teachers"`
	// Registration is when students arrive, register and sign in.
	Registration Curve `json:"registration"`
	// Behaviours are weights; each student draws one.
	Behaviours map[string]int `json:"behaviours"`
	Courses    []Course       `json:"courses"`
	// Horizon is the scenario time after which nobody starts anything new;
	// the run then settles and checks.
	Horizon Duration `json:"horizon"`
}

// Course is a course the scenario's teachers build and publish.
type Course struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	// Capacity in seats, or CapacityPercent of the cohort; neither means no
	// limit.
	Capacity        int `json:"capacity,omitempty"`
	CapacityPercent int `json:"capacity_percent,omitempty"`
	// EnrollPercent of the cohort asks for a seat.
	EnrollPercent int `json:"enroll_percent"`
	// Enrollment is when they ask.
	Enrollment Curve `json:"enrollment"`
	// DropPercent of those with a seat drop the course soon after getting
	// it, which hands their seats to the waitlist.
	DropPercent int `json:"drop_percent,omitempty"`
	// Prerequisites are keys of courses a student must complete first.
	Prerequisites []string `json:"prerequisites,omitempty"`
	Lessons       int      `json:"lessons"`
	// LessonThink is how long a student reads a lesson.
	LessonThink Duration `json:"lesson_think,omitempty"`
	Tests       []Test   `json:"tests,omitempty"`
}

// Test is a test of a course.
type Test struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	// Required tests make the course's final grade and must be passed.
	Required bool `json:"required"`
	// TimeLimit of one attempt (scaled by --speed, at least 5 s).
	TimeLimit Duration `json:"time_limit"`
	// Objective questions (graded automatically) and Essays (graded by a
	// teacher).
	Objective int `json:"objective"`
	Essays    int `json:"essays,omitempty"`
	// Results: on_submission or manual (a teacher releases them).
	Results string `json:"results"`
	// Start is when students press Start.
	Start Curve `json:"start"`
	// GradingThink is how long a teacher reads one essay.
	GradingThink Duration `json:"grading_think,omitempty"`
}

// Curve is when members of a cohort do something, as offsets in scenario
// time from the run's start: burst (all at From, spread over Jitter), rush
// (many early, fewer later, between From and To) or trickle (evenly between
// From and To).
type Curve struct {
	Shape  string   `json:"curve"`
	From   Duration `json:"from"`
	To     Duration `json:"to,omitempty"`
	Jitter Duration `json:"jitter,omitempty"`
}

// Curve shapes.
const (
	Burst   = "burst"
	Rush    = "rush"
	Trickle = "trickle"
)

// Behaviours a student may draw.
const (
	Diligent     = "diligent"      // reads everything, answers well, submits
	Crammer      = "crammer"       // starts late in every window
	Autosaver    = "autosaver"     // saves the essay every 5 s while writing
	TwoTabs      = "two_tabs"      // the attempt open twice, both saving
	Flaky        = "flaky"         // loses answers on the way and sends again
	NeverSubmits = "never_submits" // the clock must submit for her
	Snoop        = "snoop"         // tries to open someone else's attempt
)

// AllBehaviours lists every behaviour a scenario may weigh.
var AllBehaviours = []string{Diligent, Crammer, Autosaver, TwoTabs, Flaky, NeverSubmits, Snoop}

// Duration is a time.Duration written as Go writes it ("90s", "2m").
type Duration time.Duration

// D answers the duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// UnmarshalJSON reads "90s"; a bare number is refused so units are never
// guessed.
func (d *Duration) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if len(b) == 0 || b[0] != '"' {
		return fmt.Errorf("a duration is written with its unit, like \"90s\" or \"2m\", not %s", b)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("%q is not a duration like \"90s\" or \"2m\"", s)
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON writes the duration as "90s".
func (d Duration) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Duration(d).String() + `"`), nil
}

//go:embed scenarios/*.yaml
var shipped embed.FS

// Shipped lists the scenarios that come with the simulator.
func Shipped() []string {
	entries, _ := shipped.ReadDir("scenarios")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return names
}

// Load reads a shipped scenario by name (term, exam-rush) or a file by path,
// and validates it.
func Load(nameOrPath string) (*Scenario, error) {
	b, err := shipped.ReadFile("scenarios/" + nameOrPath + ".yaml")
	if err != nil {
		if b, err = os.ReadFile(filepath.Clean(nameOrPath)); err != nil {
			return nil, fmt.Errorf("scenario %q is neither shipped (%s) nor a readable file: %w", nameOrPath, strings.Join(Shipped(), ", "), err)
		}
	}
	s, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", nameOrPath, err)
	}
	return s, nil
}

// Parse reads a scenario from YAML or JSON and validates it. Unknown fields
// are errors, so a misspelt key is not silently ignored.
func Parse(b []byte) (*Scenario, error) {
	var s Scenario
	if err := yaml.UnmarshalStrict(b, &s); err != nil {
		return nil, fmt.Errorf("unreadable: %w", err)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// FieldError names the field that is wrong and why.
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// Errors are every field error of a scenario.
type Errors []*FieldError

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return "invalid scenario:\n  " + strings.Join(lines, "\n  ")
}

// Is lets errors.Is find a FieldError of the same field.
func (es Errors) Is(target error) bool {
	var fe *FieldError
	if !errors.As(target, &fe) {
		return false
	}
	for _, e := range es {
		if e.Field == fe.Field {
			return true
		}
	}
	return false
}
