package gradebook

import "context"

// FinalChange is one student's final grade before and after a change.
type FinalChange struct {
	StudentID            string
	Previous, Final      *float64
	PreviousLetter       string
	Letter               string
	Version              int64
	Overridden, Recorded bool
}

// CellChange is one manual grade an import sets.
type CellChange struct {
	Line              int
	StudentID, ItemID string
	Previous, Points  *float64
}

// Outcome is what a change did (or, in a dry run, would do).
type Outcome struct {
	// Finals are the final grades that changed, each announced once.
	Finals []FinalChange
	// Cells are the manual grades an import changes.
	Cells []CellChange
	// Item is the item a PutItem stored.
	Item Item
}

// Repository stores the gradebooks.
type Repository interface {
	// Setup returns the course's configuration; its items include the
	// tests the course requires or has graded attempts of.
	Setup(ctx context.Context, courseID string) (Setup, error)
	// Apply makes the change in one transaction under the course's
	// gradebook lock: it checks it against the current setup, stores it
	// (with its history), recomputes the final grades it touches and
	// records each one that changed with its event. A dry run does all of
	// that and then rolls it back.
	Apply(ctx context.Context, courseID string, ch Change, m Meta, dryRun bool) (Outcome, error)
	// Import applies an import of manual grades like Apply; a row that
	// fails its check refuses the whole import with ErrImportRefused and
	// the rows' errors (RowErrors).
	Import(ctx context.Context, courseID string, im *Import, m Meta, dryRun bool) (Outcome, []RowError, error)
}
