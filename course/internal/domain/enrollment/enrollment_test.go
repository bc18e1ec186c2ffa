package enrollment_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/domain/enrollment"
)

var t0 = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)

func requested() *enrollment.Enrollment {
	e := enrollment.Request("e1", "c1", "s1", t0)
	e.PopEvents()
	return e
}

func active() *enrollment.Enrollment {
	e := requested()
	_ = e.Activate(t0)
	e.PopEvents()
	return e
}

func TestEnrollment_Transitions(t *testing.T) {
	t.Parallel()
	later := t0.Add(time.Hour)
	tests := []struct {
		name    string
		start   func() *enrollment.Enrollment
		act     func(*enrollment.Enrollment) error
		want    enrollment.Status
		wantErr error
		event   enrollment.Event
	}{
		{"activates a requested enrollment", requested, func(e *enrollment.Enrollment) error { return e.Activate(later) },
			enrollment.StatusActive, nil, enrollment.Activated{EnrollmentID: "e1", CourseID: "c1", StudentID: "s1", At: later}},
		{"waitlists a requested enrollment with its position", requested, func(e *enrollment.Enrollment) error { return e.Waitlist(7, 3, later) },
			enrollment.StatusWaitlisted, nil, enrollment.Waitlisted{EnrollmentID: "e1", CourseID: "c1", StudentID: "s1", Position: 3, At: later}},
		{"promotes a waitlisted enrollment", func() *enrollment.Enrollment {
			e := requested()
			_ = e.Waitlist(1, 1, t0)
			e.PopEvents()
			return e
		}, func(e *enrollment.Enrollment) error { return e.Activate(later) },
			enrollment.StatusActive, nil, enrollment.Activated{EnrollmentID: "e1", CourseID: "c1", StudentID: "s1", At: later}},
		{"rejects a requested enrollment with its reason", requested, func(e *enrollment.Enrollment) error { return e.Reject("window closed", later) },
			enrollment.StatusRejected, nil, enrollment.Rejected{EnrollmentID: "e1", CourseID: "c1", StudentID: "s1", Reason: "window closed", At: later}},
		{"drops an active enrollment", active, func(e *enrollment.Enrollment) error { _, err := e.Drop("moved", later); return err },
			enrollment.StatusDropped, nil, enrollment.Dropped{EnrollmentID: "e1", CourseID: "c1", StudentID: "s1", Reason: "moved", At: later}},
		{"records a drop request and keeps the enrollment until its process drops it", active,
			func(e *enrollment.Enrollment) error { return e.RequestDrop("moved", later) },
			enrollment.StatusActive, nil, enrollment.DropRequested{EnrollmentID: "e1", CourseID: "c1", StudentID: "s1", Reason: "moved", At: later}},
		{"refuses a drop request a drop would refuse", func() *enrollment.Enrollment {
			e := active()
			_ = e.Complete(1, "c", t0)
			e.PopEvents()
			return e
		}, func(e *enrollment.Enrollment) error { return e.RequestDrop("", later) },
			enrollment.StatusCompleted, enrollment.ErrInvalidTransition, nil},
		{"completes an active enrollment", active, func(e *enrollment.Enrollment) error { return e.Complete(91.5, "cert", later) },
			enrollment.StatusCompleted, nil, enrollment.Completed{EnrollmentID: "e1", CourseID: "c1", StudentID: "s1", FinalGrade: 91.5, CertificateID: "cert", At: later}},
		{"refuses to complete a requested enrollment", requested, func(e *enrollment.Enrollment) error { return e.Complete(1, "c", later) },
			enrollment.StatusRequested, enrollment.ErrInvalidTransition, nil},
		{"refuses to waitlist an active enrollment", active, func(e *enrollment.Enrollment) error { return e.Waitlist(1, 1, later) },
			enrollment.StatusActive, enrollment.ErrInvalidTransition, nil},
		{"refuses to drop a completed enrollment", func() *enrollment.Enrollment {
			e := active()
			_ = e.Complete(1, "c", t0)
			e.PopEvents()
			return e
		}, func(e *enrollment.Enrollment) error { _, err := e.Drop("", later); return err },
			enrollment.StatusCompleted, enrollment.ErrInvalidTransition, nil},
		{"refuses to reactivate a dropped enrollment", func() *enrollment.Enrollment {
			e := active()
			_, _ = e.Drop("", t0)
			e.PopEvents()
			return e
		}, func(e *enrollment.Enrollment) error { return e.Activate(later) },
			enrollment.StatusDropped, enrollment.ErrInvalidTransition, nil},
		{"refuses a drop reason over 500 characters", active, func(e *enrollment.Enrollment) error {
			_, err := e.Drop(string(make([]rune, 501)), later)
			return err
		}, enrollment.StatusActive, enrollment.ErrInvalidReason, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := tt.start()
			err := tt.act(e)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			if e.Status() != tt.want {
				t.Fatalf("status = %s, want %s", e.Status(), tt.want)
			}
			evs := e.PopEvents()
			if tt.event == nil {
				if len(evs) != 0 {
					t.Fatalf("events = %v, want none", evs)
				}
				return
			}
			if len(evs) != 1 || evs[0] != tt.event {
				t.Fatalf("events = %#v, want %#v", evs, tt.event)
			}
		})
	}
}

func TestEnrollment_Drop_ReportsWhetherASeatIsFreed(t *testing.T) {
	t.Parallel()
	held, err := active().Drop("", t0)
	if err != nil || !held {
		t.Fatalf("active drop: held=%v err=%v, want a freed seat", held, err)
	}
	w := requested()
	_ = w.Waitlist(1, 1, t0)
	held, err = w.Drop("", t0)
	if err != nil || held {
		t.Fatalf("waitlisted drop: held=%v err=%v, want no seat freed", held, err)
	}
}

func TestEnrollment_Timestamps(t *testing.T) {
	t.Parallel()
	e := enrollment.Request("e1", "c1", "s1", t0)
	_ = e.Waitlist(1, 1, t0.Add(time.Minute))
	_ = e.Activate(t0.Add(2 * time.Minute))
	_, _ = e.Drop("", t0.Add(3*time.Minute))
	got := e.Times()
	want := enrollment.Times{Requested: t0, Waitlisted: t0.Add(time.Minute), Activated: t0.Add(2 * time.Minute), Dropped: t0.Add(3 * time.Minute)}
	if got != want {
		t.Fatalf("times = %+v, want %+v", got, want)
	}
}

func TestEnrollment_CompleteLesson(t *testing.T) {
	t.Parallel()
	t.Run("counts a lesson once however often it is marked", func(t *testing.T) {
		t.Parallel()
		e := active()
		first, err := e.CompleteLesson("l1", t0)
		if err != nil || !first {
			t.Fatalf("first mark: %v %v", first, err)
		}
		again, err := e.CompleteLesson("l1", t0.Add(time.Minute))
		if err != nil || again {
			t.Fatalf("second mark: %v %v, want no change", again, err)
		}
		if n := len(e.PopEvents()); n != 1 {
			t.Fatalf("%d events, want 1", n)
		}
	})
	t.Run("refuses a student without a seat", func(t *testing.T) {
		t.Parallel()
		if _, err := requested().CompleteLesson("l1", t0); !errors.Is(err, enrollment.ErrNotActive) {
			t.Fatalf("error = %v, want ErrNotActive", err)
		}
	})
}

func TestEnrollment_Progress(t *testing.T) {
	t.Parallel()
	e := active()
	for _, l := range []string{"l1", "l2", "gone"} {
		_, _ = e.CompleteLesson(l, t0)
	}
	tests := []struct {
		name      string
		published []string
		want      enrollment.Progress
	}{
		{"no published lessons is zero percent", nil, enrollment.Progress{}},
		{"two of three published lessons", []string{"l1", "l2", "l3"}, enrollment.Progress{Completed: 2, Total: 3, Percent: 66}},
		{"lessons no longer published do not count", []string{"l1"}, enrollment.Progress{Completed: 1, Total: 1, Percent: 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := e.Progress(tt.published); got != tt.want {
				t.Fatalf("progress = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestFinalGrade(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		scores []enrollment.Score
		want   float64
	}{
		{"a course without tests completes with full marks", nil, 100},
		{"the mean of percentages, not of points", []enrollment.Score{{Points: 5, Maximum: 10}, {Points: 90, Maximum: 100}}, 70},
		{"rounds to two decimals", []enrollment.Score{{Points: 2, Maximum: 3}}, 66.67},
		{"a test without points counts as zero", []enrollment.Score{{Points: 0, Maximum: 0}, {Points: 10, Maximum: 10}}, 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := enrollment.FinalGrade(tt.scores); got != tt.want {
				t.Fatalf("FinalGrade = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEnrollment_ChangeFinalGrade(t *testing.T) {
	t.Parallel()
	t.Run("a completed enrollment's final grade follows its grades once per change", func(t *testing.T) {
		t.Parallel()
		e := completedEnrollment(t, 80)
		at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
		require.True(t, e.ChangeFinalGrade(65.5, at))
		require.False(t, e.ChangeFinalGrade(65.5, at.Add(time.Hour)), "the same grade again changes nothing")
		grade, ok := e.FinalGrade()
		require.True(t, ok)
		require.Equal(t, 65.5, grade)
		require.Equal(t, []enrollment.Event{enrollment.FinalGradeChanged{EnrollmentID: e.ID(), CourseID: e.CourseID(),
			StudentID: e.StudentID(), Previous: 80, FinalGrade: 65.5, At: at}}, e.PopEvents())
	})
	t.Run("an enrollment that is not completed has no final grade to change", func(t *testing.T) {
		t.Parallel()
		e := enrollment.Request("e1", "c1", "s1", time.Now())
		require.False(t, e.ChangeFinalGrade(50, time.Now()))
		_, ok := e.FinalGrade()
		require.False(t, ok)
	})
}

func TestBest(t *testing.T) {
	t.Parallel()
	pass, fail := enrollment.Score{Points: 6, Maximum: 10, Passed: true}, enrollment.Score{Points: 9, Maximum: 20, Passed: false}
	better := enrollment.Score{Points: 8, Maximum: 10, Passed: true}
	_, ok := enrollment.Best(nil)
	require.False(t, ok)
	best, _ := enrollment.Best([]enrollment.Score{fail, pass})
	require.Equal(t, pass, best, "a pass beats a fail")
	best, _ = enrollment.Best([]enrollment.Score{pass, better, fail})
	require.Equal(t, better, best, "then the higher share")
}

func completedEnrollment(t *testing.T, grade float64) *enrollment.Enrollment {
	t.Helper()
	e := active()
	require.NoError(t, e.Complete(grade, "cert-1", t0))
	e.PopEvents()
	return e
}
