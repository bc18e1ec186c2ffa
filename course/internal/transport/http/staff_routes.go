package http

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/course"
)

type staffInput struct {
	UserID string `json:"user_id"`
	Role   string `json:"role"`
}

type roleInput struct {
	Role string `json:"role"`
}

type memberJSON struct {
	UserID  string    `json:"user_id"`
	Role    string    `json:"role"`
	Name    string    `json:"name"`
	Email   string    `json:"email"`
	AddedBy string    `json:"added_by"`
	AddedAt time.Time `json:"added_at"`
}

func toMemberJSON(m course.Member) memberJSON {
	return memberJSON{UserID: m.UserID, Role: string(m.Role), AddedBy: m.AddedBy, AddedAt: m.AddedAt}
}

// staff answers GET /api/v1/courses/{id}/staff for the course's staff: the
// owner first, then every member by user id, with their names.
func (s *server) staff(c *gin.Context) {
	members, err := s.app.Queries.ListStaff.Handle(c.Request.Context(), query.ListStaffInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]memberJSON, len(members))
	for i, m := range members {
		out[i] = toStaffMemberJSON(m)
	}
	c.JSON(http.StatusOK, gin.H{"staff": out})
}

func toStaffMemberJSON(m query.StaffMember) memberJSON {
	return memberJSON{UserID: m.UserID, Role: string(m.Role), Name: m.Person.Name, Email: m.Person.Email,
		AddedBy: m.AddedBy, AddedAt: m.AddedAt}
}

// addStaff answers POST /api/v1/courses/{id}/staff: 201 with the new member.
func (s *server) addStaff(c *gin.Context) {
	var in staffInput
	if !s.bind(c, &in) {
		return
	}
	m, err := s.app.Commands.AddStaffMember.Handle(c.Request.Context(), command.AddStaffMemberInput{
		Caller: callerOf(c), CourseID: c.Param("id"), UserID: in.UserID, Role: course.StaffRole(in.Role)})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.Header("Location", Prefix+"/"+c.Param("id")+"/staff/"+m.UserID)
	c.JSON(http.StatusCreated, toMemberJSON(m))
}

// changeStaffRole answers PUT /api/v1/courses/{id}/staff/{user}.
func (s *server) changeStaffRole(c *gin.Context) {
	var in roleInput
	if !s.bind(c, &in) {
		return
	}
	m, err := s.app.Commands.ChangeStaffRole.Handle(c.Request.Context(), command.ChangeStaffRoleInput{
		Caller: callerOf(c), CourseID: c.Param("id"), UserID: c.Param("user"), Role: course.StaffRole(in.Role)})
	s.reply(c, http.StatusOK, toMemberJSON(m), err)
}

// removeStaff answers DELETE /api/v1/courses/{id}/staff/{user} with 204.
func (s *server) removeStaff(c *gin.Context) {
	err := s.app.Commands.RemoveStaffMember.Handle(c.Request.Context(), command.RemoveStaffMemberInput{
		Caller: callerOf(c), CourseID: c.Param("id"), UserID: c.Param("user")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.Status(http.StatusNoContent)
}
