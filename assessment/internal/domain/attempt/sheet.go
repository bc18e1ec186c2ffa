package attempt

import (
	"slices"
	"time"

	"lms/assessment/internal/domain/exam"
)

// Sheet is what an attempt's answers are checked against, fixed when the
// attempt starts and never changed after: whose attempt it is, in which
// course, on which version of which test, with which questions drawn from
// the bank. Whether the attempt is still open is not on it: that changes
// (a submission, the deadline, an extension) and is decided by the write of
// the answer (Repository.SaveAnswer). A sheet can therefore be kept by a
// process for as long as it likes, and a save needs no read of the attempt.
type Sheet struct {
	ID, TestID, CourseID, StudentID string
	Version                         int
	Drawn                           []exam.Drawn
}

// Sheet returns the attempt's sheet.
func (a *Attempt) Sheet() Sheet {
	s := a.sheet()
	s.Drawn = slices.Clone(s.Drawn)
	return s
}

// sheet is the attempt's sheet sharing its drawn questions, for the
// attempt's own checks.
func (a *Attempt) sheet() Sheet {
	return Sheet{
		ID: a.id, TestID: a.testID, CourseID: a.courseID, StudentID: a.studentID,
		Version: a.version, Drawn: a.drawn,
	}
}

// Paper returns v as the sheet's student sees it: with the questions drawn
// for her in place of the draws. It answers ErrVersionMismatch when v is not
// the version the attempt is on.
func (s Sheet) Paper(v exam.Version) (exam.Version, error) {
	if v.Number != s.Version {
		return exam.Version{}, ErrVersionMismatch
	}
	v.Content = v.Content.WithDrawn(s.Drawn)
	return v, nil
}

// CheckAnswer checks ans as an answer to question qid of v on the sheet and
// returns it stamped with now, the server's time of receipt. The write of
// the answer repeats what the sheet cannot know: that the attempt is still
// in progress and before its deadline.
func (s Sheet) CheckAnswer(v exam.Version, qid string, ans exam.Answer, now time.Time) (SavedAnswer, error) {
	v, err := s.Paper(v)
	if err != nil {
		return SavedAnswer{}, err
	}
	q, ok := v.Content.Question(qid)
	if !ok {
		return SavedAnswer{}, exam.ErrUnknownQuestion.With("question_id", qid)
	}
	if err := ans.Check(q); err != nil {
		return SavedAnswer{}, err
	}
	return SavedAnswer{Answer: ans, SavedAt: now.UTC()}, nil
}
