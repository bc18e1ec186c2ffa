package query

import (
	"context"
	"fmt"
)

// Person is a user as teachers see them: a display name and, where the
// service's policy shows emails, an email. Both are empty for a user whose
// name has not reached the service yet.
type Person struct {
	Name  string
	Email string
}

// names looks up people in the read model: their names, and their emails
// where the service shows students' emails to their teachers
// (COURSE_SHOW_STUDENT_EMAILS).
type names struct {
	read       ReadModel
	hideEmails bool
}

// of looks up the people of ids, an email only where policy allows.
func (h names) of(ctx context.Context, ids []string) (map[string]Person, error) {
	if len(ids) == 0 {
		return map[string]Person{}, nil
	}
	people, err := h.read.People(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("names: %w", err)
	}
	if h.hideEmails {
		for id, p := range people {
			p.Email = ""
			people[id] = p
		}
	}
	return people, nil
}
