package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/webhook"
	"lms/shared/auth"
	"lms/shared/errs"
	"lms/shared/ginauth"
)

// WebhooksPrefix is where administrators manage webhook endpoints, read
// their delivery logs, redeliver and replay.
const WebhooksPrefix = "/api/v1/webhooks"

// webhookRoutes adds the webhook administration to r; the app layer lets
// administrators only.
func (s *server) webhookRoutes(r gin.IRouter, verifier auth.TokenVerifier) {
	g := r.Group(WebhooksPrefix, ginauth.Authenticate(verifier, s.log), plainParams(s.log))
	g.GET("", s.listWebhooks)
	g.POST("", s.registerWebhook)
	g.GET("/:id", s.getWebhook)
	g.DELETE("/:id", s.deleteWebhook)
	g.POST("/:id/disable", s.enableWebhook(false))
	g.POST("/:id/enable", s.enableWebhook(true))
	g.POST("/:id/rotate-secret", s.rotateWebhookSecret)
	g.GET("/:id/deliveries", s.webhookDeliveries)
	g.POST("/:id/deliveries/:delivery/redeliver", s.redeliverWebhook)
	g.POST("/:id/replays", s.replayWebhook)
	g.POST("/consumer-groups/:group/replays", s.replayConsumerGroup)
}

type webhookJSON struct {
	ID          string    `json:"id"`
	URL         string    `json:"url"`
	EventTypes  []string  `json:"event_types"`
	Description string    `json:"description"`
	Enabled     bool      `json:"enabled"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	// Secret is shown at creation and rotation only.
	Secret string `json:"secret,omitempty"`
}

func toWebhookJSON(e webhook.Endpoint, withSecret bool) webhookJSON {
	out := webhookJSON{ID: e.ID, URL: e.URL, EventTypes: e.EventTypes, Description: e.Description, Enabled: e.Enabled,
		CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
	if withSecret {
		out.Secret = string(e.Secret)
	}
	return out
}

type deliveryJSON struct {
	ID            string     `json:"id"`
	EventID       string     `json:"event_id"`
	EventType     string     `json:"event_type"`
	Status        string     `json:"status"`
	Attempts      int        `json:"attempts"`
	LastError     string     `json:"last_error"`
	LastCode      int        `json:"last_response_code"`
	NextAttemptAt *time.Time `json:"next_attempt_at"`
	CreatedAt     time.Time  `json:"created_at"`
	DeliveredAt   *time.Time `json:"delivered_at"`
	Replay        bool       `json:"replay"`
	ReplayID      string     `json:"replay_id,omitempty"`
}

func toDeliveryJSON(d webhook.Delivery) deliveryJSON {
	return deliveryJSON{ID: strconv.FormatInt(d.ID, 10), EventID: d.EventID, EventType: d.EventType, Status: string(d.Status),
		Attempts: d.Attempts, LastError: d.LastError, LastCode: d.LastCode, NextAttemptAt: d.NextAttemptAt,
		CreatedAt: d.CreatedAt, DeliveredAt: d.DeliveredAt, Replay: d.ReplayID != "", ReplayID: d.ReplayID}
}

// listWebhooks answers GET /api/v1/webhooks.
func (s *server) listWebhooks(c *gin.Context) {
	list, err := s.app.Webhooks.ListWebhookEndpoints.Handle(c.Request.Context(), query.ListWebhookEndpointsInput{Caller: callerOf(c)})
	out := make([]webhookJSON, 0, len(list))
	for _, e := range list {
		out = append(out, toWebhookJSON(e, false))
	}
	s.reply(c, http.StatusOK, gin.H{"webhooks": out}, err)
}

// registerWebhook answers POST /api/v1/webhooks with body {url,
// event_types, description}: 201 and the endpoint with its secret, shown
// this once.
func (s *server) registerWebhook(c *gin.Context) {
	var in struct {
		URL         string   `json:"url"`
		EventTypes  []string `json:"event_types"`
		Description string   `json:"description"`
	}
	if !s.bind(c, &in) {
		return
	}
	e, err := s.app.Webhooks.RegisterWebhook.Handle(c.Request.Context(), command.RegisterWebhookInput{
		Caller: callerOf(c), URL: in.URL, EventTypes: in.EventTypes, Description: in.Description})
	if err == nil {
		c.Header("Location", WebhooksPrefix+"/"+e.ID)
		c.Header("Cache-Control", "no-store")
	}
	s.reply(c, http.StatusCreated, toWebhookJSON(e, true), err)
}

// getWebhook answers GET /api/v1/webhooks/{id}.
func (s *server) getWebhook(c *gin.Context) {
	e, err := s.app.Webhooks.GetWebhookEndpoint.Handle(c.Request.Context(), query.GetWebhookEndpointInput{Caller: callerOf(c), ID: c.Param("id")})
	s.reply(c, http.StatusOK, toWebhookJSON(e, false), err)
}

// deleteWebhook answers DELETE /api/v1/webhooks/{id}: 204.
func (s *server) deleteWebhook(c *gin.Context) {
	if err := s.app.Webhooks.DeleteWebhook.Handle(c.Request.Context(), command.DeleteWebhookInput{Caller: callerOf(c), ID: c.Param("id")}); err != nil {
		fail(c, s.log, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// enableWebhook answers POST /api/v1/webhooks/{id}/enable and /disable.
func (s *server) enableWebhook(enabled bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		e, err := s.app.Webhooks.SetWebhookEnabled.Handle(c.Request.Context(), command.SetWebhookEnabledInput{Caller: callerOf(c), ID: c.Param("id"), Enabled: enabled})
		s.reply(c, http.StatusOK, toWebhookJSON(e, false), err)
	}
}

// rotateWebhookSecret answers POST /api/v1/webhooks/{id}/rotate-secret:
// the endpoint with its new secret, shown this once.
func (s *server) rotateWebhookSecret(c *gin.Context) {
	e, err := s.app.Webhooks.RotateWebhookSecret.Handle(c.Request.Context(), command.RotateWebhookSecretInput{Caller: callerOf(c), ID: c.Param("id")})
	c.Header("Cache-Control", "no-store")
	s.reply(c, http.StatusOK, toWebhookJSON(e, true), err)
}

// webhookDeliveries answers GET /api/v1/webhooks/{id}/deliveries?page_size=&page_token=.
func (s *server) webhookDeliveries(c *gin.Context) {
	q := query.ListWebhookDeliveriesInput{Caller: callerOf(c), Endpoint: c.Param("id"), PageToken: c.Query("page_token")}
	if v := c.Query("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			fail(c, s.log, errs.Invalid("page_size", "the page size is 1 to 200"))
			return
		}
		q.PageSize = n
	}
	page, err := s.app.Webhooks.ListWebhookDeliveries.Handle(c.Request.Context(), q)
	out := make([]deliveryJSON, 0, len(page.Deliveries))
	for _, d := range page.Deliveries {
		out = append(out, toDeliveryJSON(d))
	}
	c.Header("Cache-Control", "no-store")
	s.reply(c, http.StatusOK, gin.H{"deliveries": out, "next_page_token": page.NextPageToken}, err)
}

// redeliverWebhook answers POST /api/v1/webhooks/{id}/deliveries/{delivery}/redeliver:
// 202 and the delivery, pending again.
func (s *server) redeliverWebhook(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("delivery"), 10, 64)
	if err != nil {
		fail(c, s.log, webhook.ErrDeliveryNotFound)
		return
	}
	d, err := s.app.Webhooks.RedeliverWebhook.Handle(c.Request.Context(), command.RedeliverWebhookInput{Caller: callerOf(c), EndpointID: c.Param("id"), ID: id})
	s.reply(c, http.StatusAccepted, toDeliveryJSON(d), err)
}

// replayWebhook answers POST /api/v1/webhooks/{id}/replays with body
// {topic, from}: 202 and how many deliveries the replay queued.
func (s *server) replayWebhook(c *gin.Context) {
	var in struct {
		Topic string    `json:"topic"`
		From  time.Time `json:"from"`
	}
	if !s.bind(c, &in) {
		return
	}
	r, err := s.app.Webhooks.ReplayWebhook.Handle(c.Request.Context(), command.ReplayWebhookInput{
		Caller: callerOf(c), Endpoint: c.Param("id"), Topic: in.Topic, From: in.From})
	s.reply(c, http.StatusAccepted, gin.H{"replay_id": r.ReplayID, "queued": r.Queued}, err)
}

// replayConsumerGroup answers POST
// /api/v1/webhooks/consumer-groups/{group}/replays with body {topic?, from}:
// 200 and where the group resumes on each partition.
func (s *server) replayConsumerGroup(c *gin.Context) {
	var in struct {
		Topic string    `json:"topic"`
		From  time.Time `json:"from"`
	}
	if !s.bind(c, &in) {
		return
	}
	offs, err := s.app.Webhooks.ReplayConsumerGroup.Handle(c.Request.Context(), command.ReplayConsumerGroupInput{
		Caller: callerOf(c), Group: c.Param("group"), Topic: in.Topic, From: in.From})
	type partitionJSON struct {
		Topic     string `json:"topic"`
		Partition int32  `json:"partition"`
		Offset    int64  `json:"offset"`
	}
	out := make([]partitionJSON, 0, len(offs))
	for _, o := range offs {
		out = append(out, partitionJSON{Topic: o.Topic, Partition: o.Partition, Offset: o.Offset})
	}
	s.reply(c, http.StatusOK, gin.H{"group": c.Param("group"), "from": in.From, "partitions": out}, err)
}
