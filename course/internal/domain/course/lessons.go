package course

import (
	"slices"
	"time"
)

// Lessons returns the course's lessons in position order.
func (c *Course) Lessons() []Lesson { return slices.Clone(c.lessons) }

// PublishedLessons returns the lessons students can open, in position order.
func (c *Course) PublishedLessons() []Lesson {
	out := make([]Lesson, 0, len(c.lessons))
	for _, l := range c.lessons {
		if l.Published {
			out = append(out, l)
		}
	}
	return out
}

// Lesson returns the lesson with the given id.
func (c *Course) Lesson(id string) (Lesson, error) {
	i := c.lessonIndex(id)
	if i < 0 {
		return Lesson{}, ErrLessonNotFound
	}
	return c.lessons[i], nil
}

// AddLesson appends an unpublished lesson at the end of the course.
func (c *Course) AddLesson(id string, d LessonDetails, now time.Time) (Lesson, error) {
	if c.status == StatusArchived {
		return Lesson{}, ErrArchived
	}
	d, err := d.normalized()
	if err != nil {
		return Lesson{}, err
	}
	now = now.UTC()
	l := Lesson{ID: id, Title: d.Title, Body: d.Body, Minutes: d.Minutes, Position: len(c.lessons) + 1, CreatedAt: now, UpdatedAt: now}
	c.lessons = append(c.lessons, l)
	c.updatedAt = now
	return l, nil
}

// EditLesson replaces a lesson's text and duration; it keeps its position.
func (c *Course) EditLesson(id string, d LessonDetails, now time.Time) error {
	if c.status == StatusArchived {
		return ErrArchived
	}
	i := c.lessonIndex(id)
	if i < 0 {
		return ErrLessonNotFound
	}
	d, err := d.normalized()
	if err != nil {
		return err
	}
	now = now.UTC()
	l := &c.lessons[i]
	l.Title, l.Body, l.Minutes, l.UpdatedAt = d.Title, d.Body, d.Minutes, now
	c.updatedAt = now
	return nil
}

// ReorderLessons puts the lessons in the order of ids, which must name every
// lesson exactly once; positions become 1..n.
func (c *Course) ReorderLessons(ids []string, now time.Time) error {
	if c.status == StatusArchived {
		return ErrArchived
	}
	if len(ids) != len(c.lessons) {
		return ErrInvalidOrder
	}
	reordered := make([]Lesson, 0, len(ids))
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		i := c.lessonIndex(id)
		if i < 0 || seen[id] {
			return ErrInvalidOrder
		}
		seen[id] = true
		reordered = append(reordered, c.lessons[i])
	}
	now = now.UTC()
	for i := range reordered {
		if reordered[i].Position != i+1 {
			reordered[i].Position, reordered[i].UpdatedAt = i+1, now
		}
	}
	c.lessons = reordered
	c.updatedAt = now
	return nil
}

// PublishLesson lets enrolled students open a lesson.
func (c *Course) PublishLesson(id string, now time.Time) error {
	if c.status == StatusArchived {
		return ErrArchived
	}
	i := c.lessonIndex(id)
	if i < 0 {
		return ErrLessonNotFound
	}
	l := &c.lessons[i]
	if l.Published {
		return ErrLessonPublished
	}
	now = now.UTC()
	l.Published, l.PublishedAt, l.UpdatedAt = true, now, now
	c.updatedAt = now
	c.events = append(c.events, LessonPublished{CourseID: c.id, LessonID: l.ID, Title: l.Title, Position: l.Position, At: now})
	return nil
}

// UnpublishLesson takes a published lesson back to draft: students no
// longer see it and progress no longer counts it. Completions already
// recorded are kept and count again if it is published again.
func (c *Course) UnpublishLesson(id string, now time.Time) error {
	if c.status == StatusArchived {
		return ErrArchived
	}
	i := c.lessonIndex(id)
	if i < 0 {
		return ErrLessonNotFound
	}
	l := &c.lessons[i]
	if !l.Published {
		return ErrLessonNotPublished
	}
	now = now.UTC()
	l.Published, l.PublishedAt, l.UpdatedAt = false, time.Time{}, now
	c.updatedAt = now
	return nil
}

func (c *Course) lessonIndex(id string) int {
	return slices.IndexFunc(c.lessons, func(l Lesson) bool { return l.ID == id })
}
