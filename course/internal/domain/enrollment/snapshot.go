package enrollment

import (
	"maps"
	"time"
)

// Snapshot is an enrollment's whole state, for repositories to store and load.
type Snapshot struct {
	ID, CourseID, StudentID string
	Status                  Status
	Times                   Times
	WaitlistSeq             int64
	Reason                  string
	FinalGrade              *float64
	CertificateID           string
	LessonsDone             map[string]time.Time
	Approval                Approval
}

// Snapshot returns the enrollment's state.
func (e *Enrollment) Snapshot() Snapshot {
	return Snapshot{
		ID: e.id, CourseID: e.courseID, StudentID: e.studentID, Status: e.status, Times: e.times,
		WaitlistSeq: e.waitlistSeq, Reason: e.reason, FinalGrade: e.finalGrade,
		CertificateID: e.certificateID, LessonsDone: maps.Clone(e.lessonsDone), Approval: e.approval,
	}
}

// Rehydrate rebuilds a stored enrollment.
func Rehydrate(s Snapshot) *Enrollment {
	return &Enrollment{
		id: s.ID, courseID: s.CourseID, studentID: s.StudentID, status: s.Status, times: s.Times,
		waitlistSeq: s.WaitlistSeq, reason: s.Reason, finalGrade: s.FinalGrade,
		certificateID: s.CertificateID, lessonsDone: maps.Clone(s.LessonsDone), approval: s.Approval,
	}
}
