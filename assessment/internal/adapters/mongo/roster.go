package mongo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/command"
	"lms/shared/mongodb"
)

// Roster is the read model of courses and enrollments, built from the course
// service's events. Each document records the ids of the events applied to
// it and the time of the latest, in the same write as their effect, so a
// redelivered or older event changes nothing.
type Roster struct {
	courses     mongodb.Collection
	enrollments mongodb.Collection
}

var (
	_ access.Roster          = (*Roster)(nil)
	_ command.RosterRecorder = (*Roster)(nil)
)

type courseDoc struct {
	ID        string `bson:"_id"`
	TeacherID string `bson:"teacher_id"`
	Archived  bool   `bson:"archived"`
	// Staff are the members besides the owner, StaffIDs their ids (for
	// lookups by member) and StaffVersion the course's change they are of.
	Staff        []staffDoc `bson:"staff"`
	StaffIDs     []string   `bson:"staff_ids"`
	StaffVersion int64      `bson:"staff_version"`
}

type staffDoc struct {
	UserID string `bson:"user_id"`
	Role   string `bson:"role"`
}

type enrollmentDoc struct {
	CourseID string `bson:"course_id"`
	Status   string `bson:"status"`
}

// RecordCourse implements command.RosterRecorder.
func (r *Roster) RecordCourse(ctx context.Context, eventID, courseID, teacherID string, archived bool, at time.Time) error {
	set := bson.M{"as_of": at.UTC()}
	if teacherID != "" {
		set["teacher_id"] = teacherID
	}
	if archived {
		set["archived"] = true
	}
	return apply(ctx, r.courses, courseID, eventID, at, set)
}

// RecordStaff implements command.RosterRecorder. The filter misses a course
// whose staff is of this version or a newer one; the upsert then collides
// with its _id, and the duplicate is the answer: nothing to do. A staff
// change may arrive before the course is published (a draft's staff): the
// document it creates has no owner yet, so the course stays unknown until
// "course published" arrives, which its zero as_of lets through.
func (r *Roster) RecordStaff(ctx context.Context, courseID string, version int64, staff map[string]string) error {
	members := make([]staffDoc, 0, len(staff))
	ids := make([]string, 0, len(staff))
	for id, role := range staff {
		members = append(members, staffDoc{UserID: id, Role: role})
		ids = append(ids, id)
	}
	slices.Sort(ids)
	slices.SortFunc(members, func(a, b staffDoc) int { return strings.Compare(a.UserID, b.UserID) })
	_, err := r.courses.UpdateOne(ctx,
		bson.M{"_id": courseID, "staff_version": bson.M{"$not": bson.M{"$gte": version}}},
		bson.M{
			"$set":         bson.M{"staff": members, "staff_ids": ids, "staff_version": version},
			"$setOnInsert": bson.M{"as_of": time.Unix(0, 0).UTC()},
		},
		options.UpdateOne().SetUpsert(true))
	if mongo.IsDuplicateKeyError(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("apply staff version %d to %s: %w", version, courseID, err)
	}
	return nil
}

// RecordEnrollment implements command.RosterRecorder.
func (r *Roster) RecordEnrollment(ctx context.Context, eventID, courseID, studentID, status string, at time.Time) error {
	set := bson.M{"as_of": at.UTC(), "course_id": courseID, "student_id": studentID, "status": status}
	return apply(ctx, r.enrollments, enrollmentKey(courseID, studentID), eventID, at, set)
}

// apply upserts the document id with set unless it applied eventID already
// or holds a newer state. Either way the filter misses, the upsert collides
// with the existing _id, and the duplicate is the answer: nothing to do.
func apply(ctx context.Context, c mongodb.Collection, id, eventID string, at time.Time, set bson.M) error {
	_, err := c.UpdateOne(ctx,
		bson.M{"_id": id, "events": bson.M{"$ne": eventID}, "as_of": bson.M{"$lte": at.UTC()}},
		bson.M{"$set": set, "$push": bson.M{"events": eventID}},
		options.UpdateOne().SetUpsert(true))
	if mongo.IsDuplicateKeyError(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("apply event %s to %s: %w", eventID, id, err)
	}
	return nil
}

func enrollmentKey(courseID, studentID string) string { return courseID + "/" + studentID }

// Course implements access.Roster.
func (r *Roster) Course(ctx context.Context, id string) (access.Course, error) {
	var d courseDoc
	err := r.courses.FindOne(ctx, bson.M{"_id": id}, &d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return access.Course{}, access.ErrCourseNotFound
	}
	if err != nil {
		return access.Course{}, fmt.Errorf("get course %s: %w", id, err)
	}
	if d.TeacherID == "" {
		return access.Course{}, access.ErrCourseNotFound // its staff came first; not published yet
	}
	return d.toAccess(), nil
}

func (d courseDoc) toAccess() access.Course {
	c := access.Course{ID: d.ID, TeacherID: d.TeacherID, Archived: d.Archived}
	if len(d.Staff) > 0 {
		c.Staff = make(map[string]string, len(d.Staff))
		for _, m := range d.Staff {
			c.Staff[m.UserID] = m.Role
		}
	}
	return c
}

// EnrollmentStatus implements access.Roster.
func (r *Roster) EnrollmentStatus(ctx context.Context, courseID, studentID string) (string, error) {
	var d enrollmentDoc
	err := r.enrollments.FindOne(ctx, bson.M{"_id": enrollmentKey(courseID, studentID)}, &d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("get enrollment: %w", err)
	}
	return d.Status, nil
}

// StudentCourses implements access.Roster.
func (r *Roster) StudentCourses(ctx context.Context, studentID string, statuses ...string) ([]string, error) {
	var docs []enrollmentDoc
	if err := r.enrollments.FindAll(ctx, bson.M{"student_id": studentID, "status": bson.M{"$in": statuses}}, &docs,
		options.Find().SetSort(bson.D{{Key: "course_id", Value: 1}})); err != nil {
		return nil, fmt.Errorf("courses of student: %w", err)
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.CourseID
	}
	return ids, nil
}

// TeacherCourses implements access.Roster: the published courses the user
// owns or is on the staff of.
func (r *Roster) TeacherCourses(ctx context.Context, teacherID string) ([]string, error) {
	var docs []courseDoc
	if err := r.courses.FindAll(ctx, bson.M{"$or": bson.A{bson.M{"teacher_id": teacherID}, bson.M{"staff_ids": teacherID}}}, &docs,
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}})); err != nil {
		return nil, fmt.Errorf("courses of teacher: %w", err)
	}
	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		if d.TeacherID != "" {
			ids = append(ids, d.ID)
		}
	}
	return ids, nil
}
