package enrollment

// Progress is how far a student is through a course's published lessons.
type Progress struct {
	Completed int
	Total     int
	// Percent is Completed of Total, rounded down; 0 for a course without
	// published lessons.
	Percent int
}

// Progress measures the enrollment against the course's currently published
// lessons; lessons done that were since unpublished or removed do not count.
func (e *Enrollment) Progress(publishedLessonIDs []string) Progress {
	p := Progress{Total: len(publishedLessonIDs)}
	for _, id := range publishedLessonIDs {
		if _, done := e.lessonsDone[id]; done {
			p.Completed++
		}
	}
	if p.Total > 0 {
		p.Percent = p.Completed * 100 / p.Total
	}
	return p
}
