package mongo

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/events"
	"lms/shared/flows"
	"lms/shared/telemetry"
)

// Kinds of pending item an aggregate's document carries until the relay has
// handed it on.
const (
	itemEvent  = "event"  // a domain event for Kafka
	itemStart  = "start"  // start the attempt's workflow
	itemSignal = "signal" // signal the attempt's workflow
	// itemSignalTest signals the workflow of every attempt at the test
	// named by Key.
	itemSignalTest = "signal-test"
	// itemExtend moves the deadline of the attempt behind WorkflowID
	// (never earlier) and then signals its workflow with Input.
	itemExtend = "extend"
	// itemStartRegrade starts the regrade workflow whose input is Input.
	itemStartRegrade = "start-regrade"
	// itemSummary stores Input as the summary of the attempt named by Key.
	itemSummary = "summary"
)

// pendingItem is one thing that must happen because of a change, stored in
// the changed document by the same write: the server has no multi-document
// transactions, and this way a crash after the write loses nothing. Its field
// order is fixed, so the relay can remove exactly the items it handled.
type pendingItem struct {
	ID   string `bson:"id"`
	Kind string `bson:"kind"`
	// Event fields.
	Type    string    `bson:"type,omitempty"`
	Source  string    `bson:"source,omitempty"`
	Subject string    `bson:"subject,omitempty"`
	Topic   string    `bson:"topic,omitempty"`
	Key     string    `bson:"key,omitempty"`
	Time    time.Time `bson:"time"`
	Data    string    `bson:"data,omitempty"`
	// Workflow fields.
	WorkflowID string `bson:"workflow_id,omitempty"`
	Signal     string `bson:"signal,omitempty"`
	Input      string `bson:"input,omitempty"`
	// TraceParent is the W3C traceparent of the request that wrote the
	// item, so the event's consumers and the workflow continue its trace;
	// absent when it was not traced (and in items written before it).
	TraceParent string `bson:"traceparent,omitempty"`
}

// traced gives items the trace of the request in ctx, if it is traced.
func traced(ctx context.Context, items []pendingItem) {
	tp := telemetry.TraceParent(ctx)
	if tp == "" {
		return
	}
	for i := range items {
		if items[i].TraceParent == "" {
			items[i].TraceParent = tp
		}
	}
}

func eventItem(key, subject string, data any, at time.Time) (pendingItem, error) {
	ev, err := events.NewOf(key, subject, data, at)
	if err != nil {
		return pendingItem{}, err
	}
	return pendingItem{
		ID: ev.ID, Kind: itemEvent, Type: ev.Type, Source: ev.Source, Subject: ev.Subject,
		Topic: ev.Topic, Key: ev.Key, Time: ev.Time, Data: string(ev.Data),
	}, nil
}

func (p pendingItem) event() events.Event {
	return events.Event{
		ID: p.ID, Type: p.Type, Source: p.Source, Subject: p.Subject, Time: p.Time.UTC(),
		Topic: p.Topic, Key: p.Key, Data: json.RawMessage(p.Data), TraceParent: p.TraceParent,
	}
}

func workflowItem(kind, attemptID, signal string, input any, at time.Time) (pendingItem, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return pendingItem{}, fmt.Errorf("item id: %w", err)
	}
	p := pendingItem{ID: id.String(), Kind: kind, Time: at.UTC(), WorkflowID: flows.AttemptWorkflowID(attemptID), Signal: signal}
	if input != nil {
		b, err := json.Marshal(input)
		if err != nil {
			return pendingItem{}, fmt.Errorf("workflow input: %w", err)
		}
		p.Input = string(b)
	}
	return p, nil
}

// testItems turns a test's events into pending items.
func testItems(evs []exam.Event) ([]pendingItem, error) {
	var items []pendingItem
	for _, e := range evs {
		switch e := e.(type) {
		case exam.Published:
			it, err := eventItem(e.TestID, "tests/"+e.TestID, events.TestPublished{
				TestID: e.TestID, CourseID: e.CourseID, Title: e.Title, TimeLimitSeconds: int(e.TimeLimit / time.Second),
				MaxScore: e.MaxScore, PassingScore: e.PassingScore, PublishedAt: e.At,
				OpensAt: timePtr(e.Opens), ClosesAt: timePtr(e.Closes),
			}, e.At)
			if err != nil {
				return nil, err
			}
			items = append(items, it)
		case exam.Unpublished:
			it, err := eventItem(e.TestID, "tests/"+e.TestID, events.TestUnpublished{TestID: e.TestID, CourseID: e.CourseID, UnpublishedAt: e.At}, e.At)
			if err != nil {
				return nil, err
			}
			items = append(items, it)
		case exam.Deleted:
			it, err := eventItem(e.TestID, "tests/"+e.TestID, events.TestDeleted{TestID: e.TestID, CourseID: e.CourseID, DeletedAt: e.At}, e.At)
			if err != nil {
				return nil, err
			}
			items = append(items, it)
		case exam.ResultsReleased:
			id, err := uuid.NewV7()
			if err != nil {
				return nil, fmt.Errorf("item id: %w", err)
			}
			items = append(items, pendingItem{ID: id.String(), Kind: itemSignalTest, Key: e.TestID,
				Signal: flows.SignalResultsReleased, Time: e.At.UTC()})
		case exam.RegradeStarted:
			it, err := regradeItem(e)
			if err != nil {
				return nil, err
			}
			items = append(items, it)
		default:
			return nil, fmt.Errorf("test event %T has no mapping", e)
		}
	}
	return items, nil
}

// attemptItems turns an attempt's events into pending items: Kafka events,
// and the start of and signals to the attempt's workflow.
func attemptItems(evs []attempt.Event) ([]pendingItem, error) {
	var items []pendingItem
	add := func(it pendingItem, err error) error {
		if err == nil {
			items = append(items, it)
		}
		return err
	}
	for _, e := range evs {
		var err error
		switch e := e.(type) {
		case attempt.Started:
			err = add(eventItem(e.AttemptID, "attempts/"+e.AttemptID, events.AttemptStarted{
				AttemptID: e.AttemptID, TestID: e.TestID, CourseID: e.CourseID, StudentID: e.StudentID,
				StartedAt: e.StartedAt, DeadlineAt: timePtr(e.Deadline),
			}, e.StartedAt))
			if err == nil {
				err = add(workflowItem(itemStart, e.AttemptID, "", flows.AttemptInput{
					AttemptID: e.AttemptID, TestID: e.TestID, CourseID: e.CourseID, StudentID: e.StudentID,
					Deadline: e.Deadline.UTC(),
				}, e.StartedAt))
			}
		case attempt.Submitted:
			err = add(eventItem(e.AttemptID, "attempts/"+e.AttemptID, events.AttemptSubmitted{
				AttemptID: e.AttemptID, TestID: e.TestID, CourseID: e.CourseID, StudentID: e.StudentID,
				Automatic: e.By == attempt.ByDeadline, SubmittedAt: e.SubmittedAt,
			}, e.SubmittedAt))
			if err == nil && e.By == attempt.ByStudent {
				// The deadline's own submission comes from the workflow's
				// timer: only the student's needs telling.
				err = add(workflowItem(itemSignal, e.AttemptID, flows.SignalAttemptSubmitted, nil, e.SubmittedAt))
			}
		case attempt.EssaysGraded:
			err = add(workflowItem(itemSignal, e.AttemptID, flows.SignalEssaysGraded, nil, e.At))
		case attempt.Graded:
			err = add(eventItem(e.AttemptID, "attempts/"+e.AttemptID, events.AttemptGraded{
				AttemptID: e.AttemptID, TestID: e.TestID, CourseID: e.CourseID, StudentID: e.StudentID,
				Score: e.Score, Maximum: e.Maximum, Passed: e.Passed, GradedBy: e.GradedBy, GradedAt: e.At,
				Reason: e.Reason, ResultsReleasedAt: timePtr(e.ReleasedAt),
			}, e.At))
		case attempt.ResultsReleased:
			err = add(eventItem(e.AttemptID, "attempts/"+e.AttemptID, events.AttemptResultsReleased{
				AttemptID: e.AttemptID, TestID: e.TestID, CourseID: e.CourseID, StudentID: e.StudentID,
				Score: e.Score, Maximum: e.Maximum, Passed: e.Passed, ReleasedAt: e.At,
			}, e.At))
		default:
			err = fmt.Errorf("attempt event %T has no mapping", e)
		}
		if err != nil {
			return nil, err
		}
	}
	return items, nil
}
