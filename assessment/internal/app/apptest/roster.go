package apptest

import (
	"context"
	"maps"
	"slices"
	"sync"
	"time"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/command"
)

// Roster is an in-memory access.Roster and command.RosterRecorder.
type Roster struct {
	mu          sync.Mutex
	courses     map[string]course
	enrollments map[[2]string]enrollment
}

type course struct {
	access.Course
	seen         map[string]bool
	at           time.Time
	staffVersion int64
}

type enrollment struct {
	status string
	seen   map[string]bool
	at     time.Time
}

var (
	_ access.Roster          = (*Roster)(nil)
	_ command.RosterRecorder = (*Roster)(nil)
)

// NewRoster returns an empty roster.
func NewRoster() *Roster {
	return &Roster{courses: map[string]course{}, enrollments: map[[2]string]enrollment{}}
}

// RecordCourse implements command.RosterRecorder.
func (r *Roster) RecordCourse(_ context.Context, eventID, courseID, teacherID string, archived bool, at time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.courses[courseID]
	if !ok {
		c = course{Course: access.Course{ID: courseID}, seen: map[string]bool{}}
	}
	if c.seen[eventID] || at.Before(c.at) {
		return nil
	}
	c.seen[eventID], c.at = true, at
	if teacherID != "" {
		c.TeacherID = teacherID
	}
	c.Archived = c.Archived || archived
	r.courses[courseID] = c
	return nil
}

// RecordStaff implements command.RosterRecorder.
func (r *Roster) RecordStaff(_ context.Context, courseID string, version int64, staff map[string]string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.courses[courseID]
	if !ok {
		c = course{Course: access.Course{ID: courseID}, seen: map[string]bool{}}
	}
	if c.staffVersion >= version {
		return nil
	}
	c.staffVersion, c.Staff = version, nil
	if len(staff) > 0 {
		c.Staff = maps.Clone(staff)
	}
	r.courses[courseID] = c
	return nil
}

// RecordEnrollment implements command.RosterRecorder.
func (r *Roster) RecordEnrollment(_ context.Context, eventID, courseID, studentID, status string, at time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := [2]string{courseID, studentID}
	e, ok := r.enrollments[key]
	if !ok {
		e = enrollment{seen: map[string]bool{}}
	}
	if e.seen[eventID] || at.Before(e.at) {
		return nil
	}
	e.seen[eventID], e.at, e.status = true, at, status
	r.enrollments[key] = e
	return nil
}

// Course implements access.Roster.
func (r *Roster) Course(_ context.Context, id string) (access.Course, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.courses[id]
	if !ok || c.TeacherID == "" {
		return access.Course{}, access.ErrCourseNotFound
	}
	c.Staff = maps.Clone(c.Staff)
	return c.Course, nil
}

// EnrollmentStatus implements access.Roster.
func (r *Roster) EnrollmentStatus(_ context.Context, courseID, studentID string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.enrollments[[2]string{courseID, studentID}].status, nil
}

// StudentCourses implements access.Roster.
func (r *Roster) StudentCourses(_ context.Context, studentID string, statuses ...string) ([]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for key, e := range r.enrollments {
		if key[1] == studentID && slices.Contains(statuses, e.status) {
			out = append(out, key[0])
		}
	}
	slices.Sort(out)
	return out, nil
}

// TeacherCourses implements access.Roster.
func (r *Roster) TeacherCourses(_ context.Context, teacherID string) ([]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for id, c := range r.courses {
		if c.TeacherID != "" && c.RoleOf(teacherID) != "" {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out, nil
}
