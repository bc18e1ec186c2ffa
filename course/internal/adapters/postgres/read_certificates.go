package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"lms/course/internal/app/query"
)

var _ query.CertificateReader = (*ReadModel)(nil)

type certificateRow struct {
	ID          string    `bun:"certificate_id"`
	CourseID    string    `bun:"course_id"`
	CourseCode  string    `bun:"code"`
	CourseTitle string    `bun:"title"`
	HolderID    string    `bun:"student_id"`
	HolderName  string    `bun:"display_name"`
	IssuedAt    time.Time `bun:"completed_at"`
}

const certificateSelect = `SELECT e.certificate_id, e.course_id, c.code, c.title, e.student_id,
	coalesce(p.display_name, '') AS display_name, e.completed_at
	FROM enrollments e JOIN courses c ON c.id = e.course_id LEFT JOIN people p ON p.user_id = e.student_id
	WHERE e.status = 'completed' AND e.certificate_id <> '' AND `

// CertificateByID implements query.CertificateReader.
func (m *ReadModel) CertificateByID(ctx context.Context, id string) (query.Certificate, error) {
	return m.certificate(ctx, "e.certificate_id = ?", id)
}

// CertificateOf implements query.CertificateReader.
func (m *ReadModel) CertificateOf(ctx context.Context, courseID, studentID string) (query.Certificate, error) {
	return m.certificate(ctx, "e.course_id = ? AND e.student_id = ?", courseID, studentID)
}

func (m *ReadModel) certificate(ctx context.Context, where string, args ...any) (query.Certificate, error) {
	var r certificateRow
	err := m.db.NewRaw(certificateSelect+where+" ORDER BY e.completed_at DESC LIMIT 1", args...).Scan(ctx, &r)
	if errors.Is(err, sql.ErrNoRows) {
		return query.Certificate{}, query.ErrCertificateNotFound
	}
	if err != nil {
		return query.Certificate{}, fmt.Errorf("certificate: %w", err)
	}
	return query.Certificate{ID: r.ID, CourseID: r.CourseID, CourseCode: r.CourseCode, CourseTitle: r.CourseTitle,
		HolderID: r.HolderID, HolderName: r.HolderName, IssuedAt: r.IssuedAt.UTC()}, nil
}
