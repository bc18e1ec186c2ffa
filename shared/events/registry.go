package events

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"time"
)

// Spec describes one CloudEvents type of the contract: where it is produced and
// the Go type of its data.
type Spec struct {
	Type   string
	Topic  string
	Source string
	data   reflect.Type
}

// NewData returns a pointer to a zero value of the type's data, ready for
// json.Unmarshal.
func (s Spec) NewData() any { return reflect.New(s.data).Interface() }

// specs is the contract: every CloudEvents type exactly once, with a zero value
// of its data type.
var specs = []struct {
	typ, topic, source string
	zero               any
}{
	{TypeUserRegistered, TopicIAM, SourceIAM, UserRegistered{}},
	{TypeUserRolesChanged, TopicIAM, SourceIAM, UserRolesChanged{}},
	{TypeUserDisabled, TopicIAM, SourceIAM, UserDisabled{}},
	{TypeUserEnabled, TopicIAM, SourceIAM, UserEnabled{}},
	{TypeUserPasswordChanged, TopicIAM, SourceIAM, UserPasswordChanged{}},

	{TypeCoursePublished, TopicCourse, SourceCourse, CoursePublished{}},
	{TypeCourseArchived, TopicCourse, SourceCourse, CourseArchived{}},
	{TypeLessonPublished, TopicCourse, SourceCourse, LessonPublished{}},
	{TypeCourseStaffChanged, TopicCourse, SourceCourse, CourseStaffChanged{}},
	{TypeEnrollmentRequested, TopicCourse, SourceCourse, EnrollmentRequested{}},
	{TypeEnrollmentWaitlisted, TopicCourse, SourceCourse, EnrollmentWaitlisted{}},
	{TypeEnrollmentActivated, TopicCourse, SourceCourse, EnrollmentActivated{}},
	{TypeEnrollmentDropped, TopicCourse, SourceCourse, EnrollmentDropped{}},
	{TypeEnrollmentRejected, TopicCourse, SourceCourse, EnrollmentRejected{}},
	{TypeEnrollmentCompleted, TopicCourse, SourceCourse, EnrollmentCompleted{}},
	{TypeEnrollmentFinalGradeChanged, TopicCourse, SourceCourse, EnrollmentFinalGradeChanged{}},
	{TypeFinalGradeChanged, TopicCourse, SourceCourse, FinalGradeChanged{}},
	{TypeEnrollmentApprovalRequested, TopicCourse, SourceCourse, EnrollmentApprovalRequested{}},
	{TypeEnrollmentApprovalReminder, TopicCourse, SourceCourse, EnrollmentApprovalReminder{}},
	{TypeEnrollmentApprovalEscalated, TopicCourse, SourceCourse, EnrollmentApprovalEscalated{}},
	{TypeEnrollmentApprovalExpired, TopicCourse, SourceCourse, EnrollmentApprovalExpired{}},
	{TypeEnrollmentApprovalDecided, TopicCourse, SourceCourse, EnrollmentApprovalDecided{}},
	{TypeLessonCompleted, TopicCourse, SourceCourse, LessonCompleted{}},
	{TypeCertificateIssued, TopicCourse, SourceCourse, CertificateIssued{}},

	{TypeTestPublished, TopicAssessment, SourceAssessment, TestPublished{}},
	{TypeTestUnpublished, TopicAssessment, SourceAssessment, TestUnpublished{}},
	{TypeTestDeleted, TopicAssessment, SourceAssessment, TestDeleted{}},
	{TypeAttemptStarted, TopicAssessment, SourceAssessment, AttemptStarted{}},
	{TypeAttemptSubmitted, TopicAssessment, SourceAssessment, AttemptSubmitted{}},
	{TypeAttemptGraded, TopicAssessment, SourceAssessment, AttemptGraded{}},
	{TypeAttemptResultsReleased, TopicAssessment, SourceAssessment, AttemptResultsReleased{}},
	{TypeAccommodationChanged, TopicAssessment, SourceAssessment, AccommodationChanged{}},
}

// Lookup returns the spec of a CloudEvents type.
func Lookup(typ string) (Spec, bool) {
	for _, s := range specs {
		if s.typ == typ {
			return Spec{Type: s.typ, Topic: s.topic, Source: s.source, data: reflect.TypeOf(s.zero)}, true
		}
	}
	return Spec{}, false
}

// Types returns every CloudEvents type of the contract, sorted.
func Types() []string {
	types := make([]string, 0, len(specs))
	for _, s := range specs {
		types = append(types, s.typ)
	}
	slices.Sort(types)
	return types
}

// specOf returns the spec whose data has the type of data (a value or a pointer).
func specOf(data any) (Spec, bool) {
	t := reflect.TypeOf(data)
	if t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for _, s := range specs {
		if reflect.TypeOf(s.zero) == t {
			return Lookup(s.typ)
		}
	}
	return Spec{}, false
}

// NewOf builds an event from one of this package's data types, taking the
// CloudEvents type, topic and source from the contract.
func NewOf(key, subject string, data any, at time.Time) (Event, error) {
	s, ok := specOf(data)
	if !ok {
		return Event{}, fmt.Errorf("events: %T is not a data type of the contract", data)
	}
	return New(s.Topic, s.Type, s.Source, key, subject, data, at)
}

// Decode unmarshals the event's data into its Go type and returns a pointer to
// it (for example *EnrollmentActivated); consumers switch on the result.
func Decode(ev Event) (any, error) {
	s, ok := Lookup(ev.Type)
	if !ok {
		return nil, fmt.Errorf("events: unknown type %q", ev.Type)
	}
	data := s.NewData()
	if err := json.Unmarshal(ev.Data, data); err != nil {
		return nil, fmt.Errorf("events: decode %s data: %w", ev.Type, err)
	}
	return data, nil
}

// DataAs unmarshals the event's data into T, checking that T is the data type
// of the event's CloudEvents type.
func DataAs[T any](ev Event) (T, error) {
	var data T
	s, ok := specOf(data)
	if !ok || s.Type != ev.Type {
		return data, fmt.Errorf("events: %s data is not a %T", ev.Type, data)
	}
	if err := json.Unmarshal(ev.Data, &data); err != nil {
		return data, fmt.Errorf("events: decode %s data: %w", ev.Type, err)
	}
	return data, nil
}
