package http

import (
	"time"

	"lms/assessment/internal/domain/bank"
)

// BankFormat names the JSON format of a bank's export and import.
const BankFormat = "lms.question-bank.v1"

// bankEntryBody is a bank question as a teacher writes it.
type bankEntryBody struct {
	Category string       `json:"category"`
	Tags     []string     `json:"tags"`
	Question questionBody `json:"question"`
}

func (b bankEntryBody) entry() bank.Entry {
	return bank.Entry{Category: b.Category, Tags: b.Tags, Question: b.Question.question()}
}

func viewEntry(e bank.Entry) bankEntryBody {
	tags := e.Tags
	if tags == nil {
		tags = []string{}
	}
	return bankEntryBody{Category: e.Category, Tags: tags, Question: viewKeyedQuestion(e.Question)}
}

// bankVersionView is one version of a bank question.
type bankVersionView struct {
	Number int `json:"number"`
	bankEntryBody
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
}

// bankQuestionView is a bank question as the course's staff reads it: its
// current version, and every version when one question is read.
type bankQuestionView struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	bankEntryBody
	UpdatedAt time.Time         `json:"updated_at"`
	RetiredAt *time.Time        `json:"retired_at"`
	Versions  []bankVersionView `json:"versions,omitempty"`
}

func viewBankQuestion(q bank.Question, withVersions bool) bankQuestionView {
	cur := q.Current()
	v := bankQuestionView{ID: q.ID, Version: cur.Number, bankEntryBody: viewEntry(cur.Entry),
		UpdatedAt: cur.CreatedAt, RetiredAt: ptr(q.RetiredAt)}
	if withVersions {
		for _, x := range q.Versions {
			v.Versions = append(v.Versions, bankVersionView{Number: x.Number, bankEntryBody: viewEntry(x.Entry),
				CreatedAt: x.CreatedAt, CreatedBy: x.CreatedBy})
		}
	}
	return v
}

// bankExport is a bank as exported and imported (format BankFormat).
type bankExport struct {
	Format     string          `json:"format"`
	CourseID   string          `json:"course_id,omitempty"`
	ExportedAt *time.Time      `json:"exported_at,omitempty"`
	Questions  []bankEntryBody `json:"questions"`
}
