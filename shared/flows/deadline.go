package flows

import "time"

// DeadlineReminderWorkflow is the registered name of the reminder before a
// test closes: one per test (and one per student whose own close is later
// than the test's), sleeping until a day before the close, then asking the
// course service to remind the enrolled students who have not started.
const DeadlineReminderWorkflow = "lms.deadline-reminder.v1"

// DeadlineReminderLead is how long before the close the students are
// reminded.
const DeadlineReminderLead = 24 * time.Hour

// DeadlineReminderWorkflowID derives the workflow id from the test, and the
// student for her own later close (empty for the test's close), so the
// events of one test all reach the same timer.
func DeadlineReminderWorkflowID(testID, studentID string) string {
	if studentID == "" {
		return "deadline-" + testID
	}
	return "deadline-" + testID + "-" + studentID
}

// SignalDeadlineChanged tells a running reminder that the close moved, went
// away or the test was withdrawn (a DeadlineChange). The course service sends
// it with the workflow's start (signal with start) for every test event.
const SignalDeadlineChanged = "deadline.changed"

// DeadlineChange is the close as one event of the test told it. Version is
// that event's time: a change older than the one the workflow holds is a
// redelivery or arrived late and changes nothing. A zero ClosesAt (the test
// has no close any more, was unpublished or deleted, the student's own close
// was taken back) ends the reminder.
type DeadlineChange struct {
	ClosesAt time.Time `json:"closes_at"`
	Version  time.Time `json:"version"`
}

// DeadlineInput starts a reminder: the test (and the student) it is about
// and the first close it heard of.
type DeadlineInput struct {
	TestID    string `json:"test_id"`
	CourseID  string `json:"course_id"`
	StudentID string `json:"student_id,omitempty"`
	DeadlineChange
}

// ActivityRemindDeadline asks the course service to remind the enrolled
// students of the test who have not started it (RemindDeadlineInput), each
// once per close however often it is asked. It answers how many it reminded
// this time (0 on a repeat).
const ActivityRemindDeadline = "course.RemindDeadline"

// RemindDeadlineInput is the input of ActivityRemindDeadline: StudentID
// empty for the test's close (the students without a later close of their
// own), or the one student whose own close it is.
type RemindDeadlineInput struct {
	TestID    string    `json:"test_id"`
	CourseID  string    `json:"course_id"`
	StudentID string    `json:"student_id,omitempty"`
	ClosesAt  time.Time `json:"closes_at"`
}

// RemindDeadlineResult is the result of ActivityRemindDeadline.
type RemindDeadlineResult struct {
	Reminded int `json:"reminded"`
}
