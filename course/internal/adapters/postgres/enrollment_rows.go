package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/domain/enrollment"
	"lms/shared/flows"
)

type enrollmentRow struct {
	bun.BaseModel `bun:"table:enrollments"`

	ID          string `bun:"id,pk"`
	CourseID    string `bun:"course_id"`
	StudentID   string `bun:"student_id"`
	Status      string `bun:"status"`
	WaitlistSeq int64  `bun:"waitlist_seq"`
	// Arrival is set once, by Add; saves leave it as it is.
	Arrival       int64    `bun:"arrival"`
	Reason        string   `bun:"reason"`
	FinalGrade    *float64 `bun:"final_grade"`
	CertificateID string   `bun:"certificate_id"`
	// SeatPassedTo is written only by Drop, in SQL.
	SeatPassedTo string    `bun:"seat_passed_to,scanonly"`
	RequestedAt  time.Time `bun:"requested_at"`
	WaitlistedAt time.Time `bun:"waitlisted_at,nullzero"`
	ActivatedAt  time.Time `bun:"activated_at,nullzero"`
	CompletedAt  time.Time `bun:"completed_at,nullzero"`
	DroppedAt    time.Time `bun:"dropped_at,nullzero"`
	RejectedAt   time.Time `bun:"rejected_at,nullzero"`
	// A request to a course that enrolls by approval: its deadlines, when
	// each passed, and the decision.
	PendingAt          time.Time `bun:"pending_at,nullzero"`
	ApprovalRemindAt   time.Time `bun:"approval_remind_at,nullzero"`
	ApprovalEscalateAt time.Time `bun:"approval_escalate_at,nullzero"`
	ApprovalExpireAt   time.Time `bun:"approval_expire_at,nullzero"`
	RemindedAt         time.Time `bun:"reminded_at,nullzero"`
	EscalatedAt        time.Time `bun:"escalated_at,nullzero"`
	ApprovedAt         time.Time `bun:"approved_at,nullzero"`
	DecidedBy          string    `bun:"decided_by"`
}

type progressRow struct {
	bun.BaseModel `bun:"table:lesson_progress"`

	EnrollmentID string    `bun:"enrollment_id,pk"`
	LessonID     string    `bun:"lesson_id,pk"`
	CompletedAt  time.Time `bun:"completed_at"`
}

func enrollmentFromDomain(e *enrollment.Enrollment) (enrollmentRow, []progressRow) {
	s := e.Snapshot()
	row := enrollmentRow{
		ID: s.ID, CourseID: s.CourseID, StudentID: s.StudentID, Status: string(s.Status), WaitlistSeq: s.WaitlistSeq,
		Reason: s.Reason, FinalGrade: s.FinalGrade, CertificateID: s.CertificateID,
		RequestedAt: s.Times.Requested, WaitlistedAt: s.Times.Waitlisted, ActivatedAt: s.Times.Activated,
		CompletedAt: s.Times.Completed, DroppedAt: s.Times.Dropped, RejectedAt: s.Times.Rejected,
		PendingAt: s.Approval.PendingAt, ApprovalRemindAt: s.Approval.RemindAt, ApprovalEscalateAt: s.Approval.EscalateAt,
		ApprovalExpireAt: s.Approval.ExpireAt, RemindedAt: s.Approval.RemindedAt, EscalatedAt: s.Approval.EscalatedAt,
		ApprovedAt: s.Approval.ApprovedAt, DecidedBy: s.Approval.DecidedBy,
	}
	progress := make([]progressRow, 0, len(s.LessonsDone))
	for lesson, at := range s.LessonsDone {
		progress = append(progress, progressRow{EnrollmentID: s.ID, LessonID: lesson, CompletedAt: at})
	}
	return row, progress
}

func (r enrollmentRow) toDomain(progress []progressRow) *enrollment.Enrollment {
	done := make(map[string]time.Time, len(progress))
	for _, p := range progress {
		done[p.LessonID] = p.CompletedAt.UTC()
	}
	return enrollment.Rehydrate(enrollment.Snapshot{
		ID: r.ID, CourseID: r.CourseID, StudentID: r.StudentID, Status: enrollment.Status(r.Status),
		WaitlistSeq: r.WaitlistSeq, Reason: r.Reason, FinalGrade: r.FinalGrade, CertificateID: r.CertificateID,
		LessonsDone: done,
		Approval: enrollment.Approval{
			PendingAt: utc(r.PendingAt), RemindAt: utc(r.ApprovalRemindAt), EscalateAt: utc(r.ApprovalEscalateAt),
			ExpireAt: utc(r.ApprovalExpireAt), RemindedAt: utc(r.RemindedAt), EscalatedAt: utc(r.EscalatedAt),
			ApprovedAt: utc(r.ApprovedAt), DecidedBy: r.DecidedBy,
		},
		Times: enrollment.Times{
			Requested: utc(r.RequestedAt), Waitlisted: utc(r.WaitlistedAt), Activated: utc(r.ActivatedAt),
			Completed: utc(r.CompletedAt), Dropped: utc(r.DroppedAt), Rejected: utc(r.RejectedAt),
		},
	})
}

func loadProgress(ctx context.Context, db bun.IDB, enrollmentID string) ([]progressRow, error) {
	var rows []progressRow
	if err := db.NewSelect().Model(&rows).Where("enrollment_id = ?", enrollmentID).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load progress of enrollment %s: %w", enrollmentID, err)
	}
	return rows, nil
}

// saveEnrollment writes the enrollment, its progress and its events in tx.
func saveEnrollment(ctx context.Context, tx bun.IDB, e *enrollment.Enrollment) error {
	row, progress := enrollmentFromDomain(e)
	if _, err := tx.NewUpdate().Model(&row).WherePK().ExcludeColumn("arrival").Exec(ctx); err != nil {
		return fmt.Errorf("save enrollment %s: %w", row.ID, err)
	}
	if len(progress) > 0 {
		if _, err := tx.NewInsert().Model(&progress).On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
			return fmt.Errorf("save progress of enrollment %s: %w", row.ID, err)
		}
	}
	evs := e.PopEvents()
	for _, ev := range evs {
		if err := recordSignalOf(ctx, tx, e, ev); err != nil {
			return err
		}
	}
	return appendEnrollmentEvents(ctx, tx, evs)
}

// recordSignalOf records the signal that tells the enrollment's workflow of
// a change it does not make itself: a teacher's decision, a drop the
// student asked for, a completed lesson, a seat that a drop or a larger
// course gave a waitlisted student. The workflow takes each one twice
// without a change.
func recordSignalOf(ctx context.Context, tx bun.IDB, e *enrollment.Enrollment, ev enrollment.Event) error {
	switch ev := ev.(type) {
	case enrollment.ApprovalDecided:
		return recordSignal(ctx, tx, e.ID(), flows.SignalApprovalDecided, nil)
	case enrollment.DropRequested:
		return recordSignal(ctx, tx, e.ID(), flows.SignalEnrollmentDrop, flows.DropRequest{Reason: ev.Reason})
	case enrollment.LessonCompleted:
		return recordSignal(ctx, tx, e.ID(), flows.SignalLessonCompleted, flows.LessonCompleted{LessonID: ev.LessonID})
	case enrollment.Activated:
		if !e.Times().Waitlisted.IsZero() {
			return recordSignal(ctx, tx, e.ID(), flows.SignalEnrollmentPromoted, nil)
		}
	}
	return nil
}
