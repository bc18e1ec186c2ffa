package course

import (
	"strings"
	"time"
	"unicode/utf8"
)

// LessonDetails are the parts of a lesson its teachers write.
type LessonDetails struct {
	Title string
	// Body is Markdown; it is stored as written and rendered by clients.
	Body    string
	Minutes int
}

// Lesson is one step of a course. Its position is 1-based and dense within
// the course.
type Lesson struct {
	ID          string
	Title       string
	Body        string
	Minutes     int
	Position    int
	Published   bool
	PublishedAt time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (d LessonDetails) normalized() (LessonDetails, error) {
	if err := texts(map[string]string{"title": d.Title, "body": d.Body}); err != nil {
		return d, err
	}
	d.Title = strings.TrimSpace(d.Title)
	n := utf8.RuneCountInString(d.Title)
	if n == 0 || n > 200 || len(d.Body) > 200_000 || d.Minutes < 0 || d.Minutes > 10_000 {
		return d, ErrInvalidLesson
	}
	return d, nil
}
