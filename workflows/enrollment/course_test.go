package enrollment

import (
	"context"
	"slices"
	"sync"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/worker"

	"lms/shared/flows"
)

// course is a small course service for the runs on the real Temporal
// server: one course's seats, waitlist and progress, behind the contract's
// activities. Like the real one, every activity answers a retry with its
// first outcome.
type course struct {
	id       string
	capacity int
	lessons  int
	required []string

	// approval, when set, makes every request wait for approve.
	approval *flows.Approval

	mu        sync.Mutex
	approved  map[string]bool
	stages    []string
	seated    []string // enrollment ids holding a seat
	waitlist  []string
	student   map[string]string // enrollment id -> student id
	done      map[string]int
	drops     map[string]flows.DropResult
	completed map[string]flows.CompleteInput
}

func newCourse(id string, capacity, lessons int, required ...string) *course {
	return &course{
		id: id, capacity: capacity, lessons: lessons, required: required,
		student: map[string]string{}, done: map[string]int{},
		drops: map[string]flows.DropResult{}, completed: map[string]flows.CompleteInput{}, approved: map[string]bool{},
	}
}

// enroll records a requested enrollment, as the course service does before
// it starts the workflow.
func (c *course) enroll(studentID string) flows.EnrollmentInput {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := "enr-" + studentID
	c.student[id] = studentID
	return flows.EnrollmentInput{EnrollmentID: id, CourseID: c.id, StudentID: studentID}
}

// completeLesson records a completed lesson, as the course service does before
// it signals the workflow.
func (c *course) completeLesson(enrollmentID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done[enrollmentID]++
}

func (c *course) register(w worker.ActivityRegistry) {
	w.RegisterActivityWithOptions(c.reserveSeat, activity.RegisterOptions{Name: flows.ActivityReserveSeat})
	w.RegisterActivityWithOptions(c.dropEnrollment, activity.RegisterOptions{Name: flows.ActivityDropEnrollment})
	w.RegisterActivityWithOptions(c.evaluateProgress, activity.RegisterOptions{Name: flows.ActivityEvaluateProgress})
	w.RegisterActivityWithOptions(c.completeEnrollment, activity.RegisterOptions{Name: flows.ActivityCompleteEnrollment})
	w.RegisterActivityWithOptions(c.approvalOverdue, activity.RegisterOptions{Name: flows.ActivityApprovalOverdue})
}

// approve records a teacher's approval, as the course service does before
// it signals the workflow.
func (c *course) approve(enrollmentID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.approved[enrollmentID] = true
}

// passed returns the deadlines reported so far, in order.
func (c *course) passed() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.stages)
}

func (c *course) approvalOverdue(_ context.Context, in flows.ApprovalOverdueInput) (flows.ApprovalOverdue, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stages = append(c.stages, in.Stage)
	return flows.ApprovalOverdue{Pending: !c.approved[in.EnrollmentID]}, nil
}

func (c *course) reserveSeat(_ context.Context, ref flows.EnrollmentRef) (flows.SeatDecision, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.approval != nil && !c.approved[ref.EnrollmentID] {
		return flows.SeatDecision{Status: flows.EnrollmentPendingApproval, Approval: c.approval}, nil
	}
	if slices.Contains(c.seated, ref.EnrollmentID) {
		return flows.SeatDecision{Status: flows.EnrollmentActive}, nil
	}
	if i := slices.Index(c.waitlist, ref.EnrollmentID); i >= 0 {
		return flows.SeatDecision{Status: flows.EnrollmentWaitlisted, WaitlistPosition: i + 1}, nil
	}
	if len(c.seated) < c.capacity {
		c.seated = append(c.seated, ref.EnrollmentID)
		return flows.SeatDecision{Status: flows.EnrollmentActive}, nil
	}
	c.waitlist = append(c.waitlist, ref.EnrollmentID)
	return flows.SeatDecision{Status: flows.EnrollmentWaitlisted, WaitlistPosition: len(c.waitlist)}, nil
}

func (c *course) dropEnrollment(_ context.Context, in flows.DropInput) (flows.DropResult, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if res, ok := c.drops[in.EnrollmentID]; ok {
		return res, nil
	}
	var res flows.DropResult
	c.waitlist = slices.DeleteFunc(c.waitlist, func(id string) bool { return id == in.EnrollmentID })
	if i := slices.Index(c.seated, in.EnrollmentID); i >= 0 {
		c.seated = slices.Delete(c.seated, i, i+1)
		if len(c.waitlist) > 0 {
			next := c.waitlist[0]
			c.waitlist = c.waitlist[1:]
			c.seated = append(c.seated, next)
			res.Promoted = &flows.Promotion{EnrollmentID: next, CourseID: c.id, StudentID: c.student[next]}
		}
	}
	c.drops[in.EnrollmentID] = res
	return res, nil
}

func (c *course) evaluateProgress(_ context.Context, ref flows.EnrollmentRef) (flows.Progress, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return flows.Progress{LessonsCompleted: c.done[ref.EnrollmentID], LessonsTotal: c.lessons, TestsRequired: c.required}, nil
}

func (c *course) completeEnrollment(_ context.Context, in flows.CompleteInput) (flows.Completion, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.completed[in.EnrollmentID] = in
	var sum float64
	for _, s := range in.Scores {
		sum += 100 * s.Points / s.Maximum
	}
	grade := 100.0
	if len(in.Scores) > 0 {
		grade = sum / float64(len(in.Scores))
	}
	return flows.Completion{FinalGrade: grade, CertificateID: "cert-" + in.EnrollmentID}, nil
}

// completion returns what the enrollment was completed with, if it was.
func (c *course) completion(enrollmentID string) (flows.CompleteInput, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	in, ok := c.completed[enrollmentID]
	return in, ok
}
