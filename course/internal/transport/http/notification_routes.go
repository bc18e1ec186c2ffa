package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/notification"
	"lms/shared/auth"
	"lms/shared/errs"
	"lms/shared/ginauth"
)

// NotificationsPrefix is where a person reads her own notifications and
// sets her preferences; every route names only the caller's own.
const NotificationsPrefix = "/api/v1/notifications"

// notificationRoutes adds the inbox and the preferences to r.
func (s *server) notificationRoutes(r gin.IRouter, verifier auth.TokenVerifier) {
	g := r.Group(NotificationsPrefix, ginauth.Authenticate(verifier, s.log), plainParams(s.log))
	g.GET("", s.inbox)
	g.GET("/unread-count", s.unreadCount)
	g.POST("/read-all", s.markAllRead)
	g.POST("/:id/read", s.markRead)
	g.GET("/preferences", s.notificationPreferences)
	g.PUT("/preferences", s.setNotificationPreferences)
}

type notificationJSON struct {
	ID        string     `json:"id"`
	Kind      string     `json:"kind"`
	CourseID  string     `json:"course_id"`
	Subject   string     `json:"subject"`
	Body      string     `json:"body"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}

func toNotificationJSON(n notification.Notification) notificationJSON {
	return notificationJSON{ID: n.ID, Kind: string(n.Kind), CourseID: n.CourseID, Subject: n.Subject, Body: n.Body,
		CreatedAt: n.CreatedAt, ReadAt: n.ReadAt}
}

// inbox answers GET /api/v1/notifications?page_size=&page_token=: the
// caller's notifications, newest first, with her unread count.
func (s *server) inbox(c *gin.Context) {
	q := query.ListNotificationsInput{Caller: callerOf(c), PageToken: c.Query("page_token")}
	if v := c.Query("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			fail(c, s.log, query.ErrPageSize)
			return
		}
		q.PageSize = n
	}
	page, err := s.app.Notifications.ListNotifications.Handle(c.Request.Context(), q)
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]notificationJSON, 0, len(page.Notifications))
	for _, n := range page.Notifications {
		out = append(out, toNotificationJSON(n))
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"notifications": out, "unread_count": page.Unread, "next_page_token": page.NextPageToken})
}

// unreadCount answers GET /api/v1/notifications/unread-count.
func (s *server) unreadCount(c *gin.Context) {
	n, err := s.app.Notifications.CountUnreadNotifications.Handle(c.Request.Context(), query.CountUnreadNotificationsInput{Caller: callerOf(c)})
	c.Header("Cache-Control", "no-store")
	s.reply(c, http.StatusOK, gin.H{"unread_count": n}, err)
}

// markRead answers POST /api/v1/notifications/{id}/read: 204, or 404
// notification-not-found when the caller has no such notification.
func (s *server) markRead(c *gin.Context) {
	err := s.app.Notifications.MarkNotificationRead.Handle(c.Request.Context(), command.MarkNotificationReadInput{Caller: callerOf(c), ID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// markAllRead answers POST /api/v1/notifications/read-all: how many
// notifications it marked.
func (s *server) markAllRead(c *gin.Context) {
	n, err := s.app.Notifications.MarkAllNotificationsRead.Handle(c.Request.Context(), command.MarkAllNotificationsReadInput{Caller: callerOf(c)})
	s.reply(c, http.StatusOK, gin.H{"marked": n}, err)
}

type preferenceJSON struct {
	Kind  string `json:"kind"`
	InApp *bool  `json:"in_app"`
	Email *bool  `json:"email"`
}

func toPreferencesJSON(p notification.Preferences) gin.H {
	list := p.List()
	out := make([]preferenceJSON, 0, len(list))
	for _, x := range list {
		out = append(out, preferenceJSON{Kind: string(x.Kind), InApp: &x.InApp, Email: &x.Email})
	}
	return gin.H{"preferences": out, "digest": p.Digest()}
}

// notificationPreferences answers GET /api/v1/notifications/preferences:
// where every kind reaches the caller.
func (s *server) notificationPreferences(c *gin.Context) {
	p, err := s.app.Notifications.GetNotificationPreferences.Handle(c.Request.Context(), query.GetNotificationPreferencesInput{Caller: callerOf(c)})
	s.reply(c, http.StatusOK, toPreferencesJSON(p), err)
}

// setNotificationPreferences answers PUT /api/v1/notifications/preferences
// with body {"preferences": [{"kind", "in_app", "email"}], "digest"}: the
// kinds named change, the others keep their choice, the daily digest turns
// on or off when named; the answer is every kind's choice and the digest.
func (s *server) setNotificationPreferences(c *gin.Context) {
	var in struct {
		Preferences []preferenceJSON `json:"preferences"`
		Digest      *bool            `json:"digest"`
	}
	if !s.bind(c, &in) {
		return
	}
	if in.Preferences == nil && in.Digest == nil {
		fail(c, s.log, errs.Invalid("preferences", "the list of preferences (or the digest) is required"))
		return
	}
	set := make([]notification.Preference, 0, len(in.Preferences))
	for _, p := range in.Preferences {
		if p.InApp == nil || p.Email == nil {
			fail(c, s.log, errs.Invalid("preferences", "every preference names its kind, in_app and email"))
			return
		}
		set = append(set, notification.Preference{Kind: notification.Kind(p.Kind), Choice: notification.Choice{InApp: *p.InApp, Email: *p.Email}})
	}
	prefs, err := s.app.Notifications.SetNotificationPreferences.Handle(c.Request.Context(), command.SetNotificationPreferencesInput{Caller: callerOf(c), Set: set, Digest: in.Digest})
	s.reply(c, http.StatusOK, toPreferencesJSON(prefs), err)
}
