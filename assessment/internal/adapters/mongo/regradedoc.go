package mongo

import (
	"time"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// regradeRecordDoc is a regrade of a test (a fixed question) as stored in
// the test's document: who, when, why, the question before and after, and
// how far its workflow got.
type regradeRecordDoc struct {
	ID         string      `bson:"id"`
	Question   questionDoc `bson:"question"`
	Previous   questionDoc `bson:"previous"`
	By         string      `bson:"by"`
	Reason     string      `bson:"reason"`
	At         time.Time   `bson:"at"`
	Status     string      `bson:"status"`
	Seen       int         `bson:"seen"`
	Changed    int         `bson:"changed"`
	FinishedAt *time.Time  `bson:"finished_at"`
}

// fixDoc records a regrade applied to an attempt.
type fixDoc struct {
	RegradeID string `bson:"regrade_id"`
	Changed   bool   `bson:"changed"`
}

func fromRegrades(rs []exam.Regrade) []regradeRecordDoc {
	out := make([]regradeRecordDoc, 0, len(rs))
	for _, r := range rs {
		out = append(out, regradeRecordDoc{
			ID: r.ID, Question: fromQuestion(r.Question), Previous: fromQuestion(r.Previous), By: r.By, Reason: r.Reason,
			At: r.At.UTC(), Status: string(r.Status), Seen: r.Seen, Changed: r.Changed, FinishedAt: timePtr(r.FinishedAt),
		})
	}
	return out
}

func toRegrades(ds []regradeRecordDoc) []exam.Regrade {
	var out []exam.Regrade
	for _, d := range ds {
		out = append(out, exam.Regrade{
			ID: d.ID, Question: toQuestion(d.Question), Previous: toQuestion(d.Previous), By: d.By, Reason: d.Reason,
			At: d.At.UTC(), Status: exam.RegradeStatus(d.Status), Seen: d.Seen, Changed: d.Changed, FinishedAt: timeOf(d.FinishedAt),
		})
	}
	return out
}

// fromQuestion and toQuestion map one question as a version stores it.
func fromQuestion(q exam.Question) questionDoc {
	return fromVersion(exam.Version{Content: exam.Content{Questions: []exam.Question{q}}}).Questions[0]
}

func toQuestion(d questionDoc) exam.Question {
	return versionDoc{Questions: []questionDoc{d}}.toDomain(false).Content.Questions[0]
}

func fromFixes(fs []attempt.AppliedFix) []fixDoc {
	var out []fixDoc
	for _, f := range fs {
		out = append(out, fixDoc(f))
	}
	return out
}

func toFixes(ds []fixDoc) []attempt.AppliedFix {
	var out []attempt.AppliedFix
	for _, d := range ds {
		out = append(out, attempt.AppliedFix(d))
	}
	return out
}
