package postgres

import (
	"context"
	"fmt"
	"time"

	"lms/course/internal/app/query"
	"lms/course/internal/domain/enrollment"
)

type enrollmentViewRow struct {
	enrollmentRow `bun:",extend"`

	WaitlistPosition int `bun:"waitlist_position"`
	Completed        int `bun:"completed"`
	Total            int `bun:"total"`
}

func (r enrollmentViewRow) progress() enrollment.Progress {
	p := enrollment.Progress{Completed: r.Completed, Total: r.Total}
	if p.Total > 0 {
		p.Percent = p.Completed * 100 / p.Total
	}
	return p
}

func (r enrollmentViewRow) times() enrollment.Times {
	return enrollment.Times{
		Requested: utc(r.RequestedAt), Waitlisted: utc(r.WaitlistedAt), Activated: utc(r.ActivatedAt),
		Completed: utc(r.CompletedAt), Dropped: utc(r.DroppedAt), Rejected: utc(r.RejectedAt),
	}
}

func (r enrollmentViewRow) approval() enrollment.Approval {
	return enrollment.Approval{
		PendingAt: utc(r.PendingAt), RemindAt: utc(r.ApprovalRemindAt), EscalateAt: utc(r.ApprovalEscalateAt),
		ExpireAt: utc(r.ApprovalExpireAt), RemindedAt: utc(r.RemindedAt), EscalatedAt: utc(r.EscalatedAt),
		ApprovedAt: utc(r.ApprovedAt), DecidedBy: r.DecidedBy,
	}
}

// enrollmentView selects enrollments (alias e) with their place in line and
// their progress through the course's published lessons.
const enrollmentView = `e.*,
	CASE WHEN e.status = 'waitlisted' THEN (SELECT count(*) FROM enrollments w
		WHERE w.course_id = e.course_id AND w.status = 'waitlisted' AND w.waitlist_seq <= e.waitlist_seq) ELSE 0 END AS waitlist_position,
	(SELECT count(*) FROM lesson_progress p JOIN lessons l ON l.id = p.lesson_id AND l.published
		WHERE p.enrollment_id = e.id) AS completed,
	(SELECT count(*) FROM lessons l WHERE l.course_id = e.course_id AND l.published) AS total`

// Roster implements query.ReadModel: seat holders first, then the waitlist in
// line order, then the requests being decided, then those who left.
func (m *ReadModel) Roster(ctx context.Context, courseID string) ([]query.RosterEntry, error) {
	var rows []enrollmentViewRow
	err := m.db.NewSelect().TableExpr("enrollments AS e").ColumnExpr(enrollmentView).Where("e.course_id = ?", courseID).
		OrderExpr(`CASE e.status WHEN 'active' THEN 0 WHEN 'completed' THEN 0 WHEN 'waitlisted' THEN 1 WHEN 'requested' THEN 2 WHEN 'pending_approval' THEN 2 ELSE 3 END,
			e.waitlist_seq, e.arrival, e.id`).
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("roster of %s: %w", courseID, err)
	}
	return rosterEntries(rows), nil
}

// EscalatedRequests implements query.ReadModel.
func (m *ReadModel) EscalatedRequests(ctx context.Context) ([]query.RosterEntry, error) {
	var rows []enrollmentViewRow
	err := m.db.NewSelect().TableExpr("enrollments AS e").ColumnExpr(enrollmentView).
		Where("e.status = 'pending_approval' AND e.escalated_at IS NOT NULL").OrderExpr("e.escalated_at, e.id").
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("escalated requests: %w", err)
	}
	return rosterEntries(rows), nil
}

func rosterEntries(rows []enrollmentViewRow) []query.RosterEntry {
	out := make([]query.RosterEntry, len(rows))
	for i, r := range rows {
		out[i] = query.RosterEntry{
			CourseID: r.CourseID, EnrollmentID: r.ID, StudentID: r.StudentID, Status: r.Status, WaitlistPosition: r.WaitlistPosition,
			Progress: r.progress(), Times: r.times(), Approval: r.approval(),
		}
	}
	return out
}

type studentCourseRow struct {
	enrollmentViewRow `bun:",extend"`

	CourseCode        string    `bun:"c_code"`
	CourseTitle       string    `bun:"c_title"`
	CourseDescription string    `bun:"c_description"`
	CourseStatus      string    `bun:"c_status"`
	CourseOwnerID     string    `bun:"c_owner_id"`
	CourseCapacity    int       `bun:"c_capacity"`
	CourseEnrolled    int       `bun:"c_enrolled"`
	CourseOpensAt     time.Time `bun:"c_opens_at,nullzero"`
	CourseClosesAt    time.Time `bun:"c_closes_at,nullzero"`
	CoursePublishedAt time.Time `bun:"c_published_at,nullzero"`
}

func (r studentCourseRow) course() query.CourseSummary {
	return summaryRow{
		ID: r.CourseID, Code: r.CourseCode, Title: r.CourseTitle, Description: r.CourseDescription, Status: r.CourseStatus,
		OwnerID: r.CourseOwnerID, Capacity: r.CourseCapacity, Enrolled: r.CourseEnrolled, OpensAt: r.CourseOpensAt,
		ClosesAt: r.CourseClosesAt, PublishedAt: r.CoursePublishedAt, PublishedCount: r.Total,
	}.toQuery()
}

// StudentCourses implements query.ReadModel.
func (m *ReadModel) StudentCourses(ctx context.Context, studentID, courseID string) ([]query.StudentCourse, error) {
	q := m.db.NewSelect().TableExpr("enrollments AS e").ColumnExpr(enrollmentView).
		ColumnExpr(`c.code AS c_code, c.title AS c_title, c.description AS c_description,
			c.status AS c_status, c.owner_id AS c_owner_id, coalesce(c.capacity, 0) AS c_capacity,
			c.enrolled AS c_enrolled, c.opens_at AS c_opens_at, c.closes_at AS c_closes_at,
			c.published_at AS c_published_at`).
		Join("JOIN courses AS c ON c.id = e.course_id").
		Where("e.student_id = ?", studentID).OrderExpr("e.requested_at DESC, e.id DESC")
	if courseID != "" {
		q = q.Where("e.course_id = ?", courseID)
	}
	var rows []studentCourseRow
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("courses of %s: %w", studentID, err)
	}
	out := make([]query.StudentCourse, len(rows))
	for i, r := range rows {
		out[i] = query.StudentCourse{
			Course: r.course(), EnrollmentID: r.ID, Status: r.Status, Reason: r.Reason, WaitlistPosition: r.WaitlistPosition,
			Progress: r.progress(), Times: r.times(), FinalGrade: r.FinalGrade, CertificateID: r.CertificateID,
			Approval: r.approval(),
		}
	}
	return out, nil
}

type gradeRow struct {
	CourseID        string    `bun:"course_id"`
	StudentID       string    `bun:"student_id"`
	TestID          string    `bun:"test_id"`
	Attempts        int       `bun:"attempts"`
	BestScore       float64   `bun:"best_score"`
	BestMaximum     float64   `bun:"best_maximum"`
	BestPassed      bool      `bun:"best_passed"`
	LatestAttemptID string    `bun:"latest_attempt_id"`
	LatestScore     float64   `bun:"latest_score"`
	LatestMaximum   float64   `bun:"latest_maximum"`
	LatestPassed    bool      `bun:"latest_passed"`
	LatestGradedAt  time.Time `bun:"latest_graded_at"`
}

// Grades implements query.ReadModel. The best attempt has the highest share
// of its maximum (the earlier one on a tie); the latest was graded last.
func (m *ReadModel) Grades(ctx context.Context, courseID, studentID string, releasedOnly bool) ([]query.Grade, error) {
	const best = "ORDER BY score / NULLIF(maximum, 0) DESC NULLS LAST, graded_at"
	const latest = "ORDER BY graded_at DESC, attempt_id DESC"
	q := m.db.NewSelect().TableExpr("graded_attempts").
		ColumnExpr("course_id, student_id, test_id, count(*) AS attempts").
		ColumnExpr("(array_agg(score " + best + "))[1] AS best_score").
		ColumnExpr("(array_agg(maximum " + best + "))[1] AS best_maximum").
		ColumnExpr("(array_agg(passed " + best + "))[1] AS best_passed").
		ColumnExpr("(array_agg(attempt_id " + latest + "))[1] AS latest_attempt_id").
		ColumnExpr("(array_agg(score " + latest + "))[1] AS latest_score").
		ColumnExpr("(array_agg(maximum " + latest + "))[1] AS latest_maximum").
		ColumnExpr("(array_agg(passed " + latest + "))[1] AS latest_passed").
		ColumnExpr("max(graded_at) AS latest_graded_at").
		GroupExpr("course_id, student_id, test_id").OrderExpr("course_id, student_id, test_id")
	if courseID != "" {
		q = q.Where("course_id = ?", courseID)
	}
	if studentID != "" {
		q = q.Where("student_id = ?", studentID)
	}
	if releasedOnly {
		q = q.Where("released_at <= now()")
	}
	var rows []gradeRow
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("grades: %w", err)
	}
	out := make([]query.Grade, len(rows))
	for i, r := range rows {
		out[i] = query.Grade{
			CourseID: r.CourseID, StudentID: r.StudentID, TestID: r.TestID, Attempts: r.Attempts,
			Best:            query.Result{Points: r.BestScore, Maximum: r.BestMaximum, Passed: r.BestPassed},
			Latest:          query.Result{Points: r.LatestScore, Maximum: r.LatestMaximum, Passed: r.LatestPassed},
			LatestAttemptID: r.LatestAttemptID, LatestGradedAt: r.LatestGradedAt.UTC(),
		}
	}
	return out, nil
}
