package apptest

import (
	"context"
	"slices"
	"sync"
	"time"

	"lms/course/internal/domain/enrollment"
)

// Enrollments is an in-memory enrollment.Repository with the seat rules of
// the real one: capacities come from the course fake.
type Enrollments struct {
	mu       sync.Mutex
	courses  *Courses
	byID     map[string]enrollment.Snapshot
	enrolled map[string]int
	tail     map[string]int64
	passedTo map[string]string
	// arrival numbers each course's requests in the order Add stored them.
	arrival  map[string]int64
	arrivals map[string]int64
	events   []enrollment.Event
	// workflows receives the start recorded with every request, as the
	// real repository's start relay hands it on.
	workflows *Workflows
}

var _ enrollment.Repository = (*Enrollments)(nil)

// NewEnrollments returns an empty repository over the courses fake.
func NewEnrollments(courses *Courses) *Enrollments {
	return &Enrollments{courses: courses, byID: map[string]enrollment.Snapshot{}, enrolled: map[string]int{},
		tail: map[string]int64{}, passedTo: map[string]string{}, arrival: map[string]int64{}, arrivals: map[string]int64{}}
}

// StartingOn makes every request Add stores start its workflow on w, as
// the real repository's recorded start does once relayed; without it no
// workflow starts.
func (r *Enrollments) StartingOn(w *Workflows) *Enrollments {
	r.workflows = w
	return r
}

// Get implements enrollment.Repository.
func (r *Enrollments) Get(_ context.Context, id string) (*enrollment.Enrollment, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.byID[id]
	if !ok {
		return nil, enrollment.ErrNotFound
	}
	return enrollment.Rehydrate(s), nil
}

// Current implements enrollment.Repository.
func (r *Enrollments) Current(_ context.Context, courseID, studentID string) (*enrollment.Enrollment, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.byID {
		if s.CourseID == courseID && s.StudentID == studentID && s.Status.Open() {
			return enrollment.Rehydrate(s), nil
		}
	}
	return nil, enrollment.ErrNotFound
}

// Add implements enrollment.Repository.
func (r *Enrollments) Add(_ context.Context, e *enrollment.Enrollment) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.byID {
		if s.CourseID == e.CourseID() && s.StudentID == e.StudentID() && s.Status.Open() {
			return enrollment.ErrAlreadyEnrolled
		}
	}
	e.PopEvents()
	r.byID[e.ID()] = e.Snapshot()
	r.arrivals[e.CourseID()]++
	r.arrival[e.ID()] = r.arrivals[e.CourseID()]
	if r.workflows != nil {
		r.workflows.start(e.CourseID(), e.StudentID())
	}
	return nil
}

// Update implements enrollment.Repository.
func (r *Enrollments) Update(_ context.Context, id string, fn func(*enrollment.Enrollment) error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.byID[id]
	if !ok {
		return enrollment.ErrNotFound
	}
	e := enrollment.Rehydrate(s)
	if err := fn(e); err != nil {
		return err
	}
	r.save(e)
	return nil
}

func (r *Enrollments) save(e *enrollment.Enrollment) {
	evs := e.PopEvents()
	r.events = append(r.events, evs...)
	r.byID[e.ID()] = e.Snapshot()
	if r.workflows != nil {
		r.relay(e, evs)
	}
}

// relay hands the workflow the signals the real repository records with
// these events, as its relay does: a drop request whose workflow does not
// run is made here.
func (r *Enrollments) relay(e *enrollment.Enrollment, evs []enrollment.Event) {
	w := r.workflows
	for _, ev := range evs {
		switch ev := ev.(type) {
		case enrollment.DropRequested:
			if !w.signal(e.CourseID(), e.StudentID(), &w.Drops) {
				_, _, _ = r.drop(e.ID(), ev.Reason, ev.At)
			}
		case enrollment.LessonCompleted:
			w.signal(e.CourseID(), e.StudentID(), &w.Lessons)
		case enrollment.Activated:
			if !e.Times().Waitlisted.IsZero() {
				w.signal(e.CourseID(), e.StudentID(), &w.Promote)
			}
		}
	}
}

// Events returns the events of every change saved through Update, in order.
func (r *Enrollments) Events() []enrollment.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.events)
}

// ReserveSeat implements enrollment.Repository.
func (r *Enrollments) ReserveSeat(ctx context.Context, id string, now time.Time) (*enrollment.Enrollment, int, error) {
	e, err := r.Get(ctx, id)
	if err != nil {
		return nil, 0, err
	}
	c, err := r.courses.Get(ctx, e.CourseID())
	if err != nil {
		return nil, 0, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	approval := c.RequiresApproval()
	if e.Status() == enrollment.StatusRequested && approval && !e.Approved() {
		a := c.Admission()
		if err := e.AwaitApproval(enrollment.Deadlines{RemindAfter: a.RemindAfter, EscalateAfter: a.EscalateAfter, ExpireAfter: a.ExpireAfter}, now); err != nil {
			return nil, 0, err
		}
		r.save(e)
		return e, 0, nil
	}
	if e.Status() == enrollment.StatusRequested {
		// Earlier arrivals still undecided are decided first, in order;
		// under approval only the approved ones.
		var line []enrollment.Snapshot
		for _, s := range r.byID {
			if s.CourseID == c.ID() && s.Status == enrollment.StatusRequested && r.arrival[s.ID] <= r.arrival[id] &&
				(!approval || !s.Approval.ApprovedAt.IsZero()) {
				line = append(line, s)
			}
		}
		slices.SortFunc(line, func(a, b enrollment.Snapshot) int { return int(r.arrival[a.ID] - r.arrival[b.ID]) })
		for _, s := range line {
			next := enrollment.Rehydrate(s)
			if capacity := c.Details().Capacity; capacity == 0 || r.enrolled[c.ID()] < capacity {
				r.enrolled[c.ID()]++
				_ = next.Activate(now)
			} else {
				r.tail[c.ID()]++
				_ = next.Waitlist(r.tail[c.ID()], r.position(c.ID(), r.tail[c.ID()]), now)
			}
			r.save(next)
		}
		e = enrollment.Rehydrate(r.byID[id])
	}
	if e.Status() != enrollment.StatusWaitlisted {
		return e, 0, nil
	}
	return e, r.position(c.ID(), e.WaitlistSeq()), nil
}

func (r *Enrollments) position(courseID string, seq int64) int {
	ahead := 0
	for _, s := range r.byID {
		if s.CourseID == courseID && s.Status == enrollment.StatusWaitlisted && s.WaitlistSeq < seq {
			ahead++
		}
	}
	return ahead + 1
}

// Drop implements enrollment.Repository.
func (r *Enrollments) Drop(_ context.Context, id, reason string, now time.Time) (*enrollment.Enrollment, *enrollment.Enrollment, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.drop(id, reason, now)
}

func (r *Enrollments) drop(id, reason string, now time.Time) (*enrollment.Enrollment, *enrollment.Enrollment, error) {
	s, ok := r.byID[id]
	if !ok {
		return nil, nil, enrollment.ErrNotFound
	}
	e := enrollment.Rehydrate(s)
	if e.Status() == enrollment.StatusDropped {
		if p, ok := r.byID[r.passedTo[id]]; ok {
			return e, enrollment.Rehydrate(p), nil
		}
		return e, nil, nil
	}
	held, err := e.Drop(reason, now)
	if err != nil {
		return nil, nil, err
	}
	r.save(e)
	if !held {
		return e, nil, nil
	}
	var line []enrollment.Snapshot
	for _, w := range r.byID {
		if w.CourseID == e.CourseID() && w.Status == enrollment.StatusWaitlisted {
			line = append(line, w)
		}
	}
	if len(line) == 0 {
		r.enrolled[e.CourseID()]--
		return e, nil, nil
	}
	slices.SortFunc(line, func(a, b enrollment.Snapshot) int { return int(a.WaitlistSeq - b.WaitlistSeq) })
	next := enrollment.Rehydrate(line[0])
	_ = next.Activate(now)
	r.save(next)
	r.passedTo[id] = next.ID()
	return e, next, nil
}

// FillSeats implements enrollment.Repository.
func (r *Enrollments) FillSeats(ctx context.Context, courseID string, now time.Time) ([]*enrollment.Enrollment, error) {
	c, err := r.courses.Get(ctx, courseID)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var line []enrollment.Snapshot
	for _, w := range r.byID {
		if w.CourseID == courseID && w.Status == enrollment.StatusWaitlisted {
			line = append(line, w)
		}
	}
	slices.SortFunc(line, func(a, b enrollment.Snapshot) int { return int(a.WaitlistSeq - b.WaitlistSeq) })
	var promoted []*enrollment.Enrollment
	for _, w := range line {
		if capacity := c.Details().Capacity; capacity != 0 && r.enrolled[courseID] >= capacity {
			break
		}
		e := enrollment.Rehydrate(w)
		_ = e.Activate(now)
		r.save(e)
		r.enrolled[courseID]++
		promoted = append(promoted, e)
	}
	return promoted, nil
}
