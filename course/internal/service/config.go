package service

import (
	"net/url"
	"time"

	"lms/course/internal/adapters/smtp"
	"lms/shared/config"
	"lms/shared/kafka"
	"lms/shared/logging"
	"lms/shared/postgres"
	"lms/shared/temporalclient"
)

// Config is everything the course service reads from the environment.
type Config struct {
	Log      logging.Config
	HTTPAddr string `env:"HTTP_ADDR" envDefault:":8080"`
	// JWKSURL is where the public keys that verify access tokens are
	// published: the gateway's /.well-known/jwks.json.
	JWKSURL  string `env:"JWKS_URL,required"`
	Postgres postgres.Config
	Kafka    kafka.Config
	Temporal temporalclient.Config
	Worker   temporalclient.WorkerConfig
	Course   Course `envPrefix:"COURSE_"`
	// Mail is the SMTP relay the notification mails go through.
	Mail smtp.Config `envPrefix:"SMTP_"`
}

// Course holds the settings of the course service proper; the defaults are
// the names of the shared contracts (shared/flows, shared/events).
type Course struct {
	// TaskQueue is where the service's activities run.
	TaskQueue string `env:"TASK_QUEUE" envDefault:"course"`
	// WorkflowTaskQueue is where the enrollment workflows it starts run.
	WorkflowTaskQueue string `env:"WORKFLOW_TASK_QUEUE" envDefault:"workflows"`
	// AssessmentTopic carries the graded attempts the gradebook is built from.
	AssessmentTopic string `env:"ASSESSMENT_TOPIC" envDefault:"lms.assessment.v1"`
	// GradebookGroup is the consumer group of the gradebook.
	GradebookGroup string `env:"GRADEBOOK_GROUP" envDefault:"course.gradebook"`
	// IAMTopic carries the users' names teachers see and certificates show.
	IAMTopic string `env:"IAM_TOPIC" envDefault:"lms.iam.v1"`
	// PeopleGroup is the consumer group that keeps users' names.
	PeopleGroup string `env:"PEOPLE_GROUP" envDefault:"course.people"`
	// ShowStudentEmails lets teachers see their students' emails in the
	// roster and the gradebook; names are always shown.
	ShowStudentEmails bool `env:"SHOW_STUDENT_EMAILS" envDefault:"true"`
	// CourseTopic carries the enrollment events people are notified of.
	CourseTopic string `env:"COURSE_TOPIC" envDefault:"lms.course.v1"`
	// NotificationsGroup is the consumer group that notifies people.
	NotificationsGroup string `env:"NOTIFICATIONS_GROUP" envDefault:"course.notifications"`
	// NotifyMaxAge is how old an event may be and still notify (0: any):
	// a new consumer group reads the topics' whole history, which is no
	// news; after an outage longer than this, what happened meanwhile is
	// not mailed either.
	NotifyMaxAge time.Duration `env:"NOTIFY_MAX_AGE" envDefault:"72h"`
	// GradingOverdue is how long a submitted attempt may wait for its grade
	// before the course's graders are told, once per attempt.
	GradingOverdue time.Duration `env:"GRADING_OVERDUE" envDefault:"72h"`
	// WebhooksGroup is the consumer group that queues webhook deliveries.
	WebhooksGroup string `env:"WEBHOOKS_GROUP" envDefault:"course.webhooks"`
	// ReplayGroups are the consumer groups an administrator may move back
	// to a time (a replay to a named consumer); each must be idle then.
	ReplayGroups []string `env:"REPLAY_GROUPS" envSeparator:"," envDefault:"assessment.roster,lms-visualizer"`
	// WebhookAllowPrivate lets webhook endpoints name loopback, private and
	// link-local addresses: on in the local stack, where receivers run on
	// 127.0.0.1, off in production (SSRF).
	WebhookAllowPrivate bool `env:"WEBHOOK_ALLOW_PRIVATE" envDefault:"false"`
	// WebhookTimeout bounds one webhook request, connection to answer.
	WebhookTimeout time.Duration `env:"WEBHOOK_TIMEOUT" envDefault:"10s"`
	// PublicOrigin is the scheme and host of the public API (the gateway) that a
	// certificate names for its verification.
	PublicOrigin string `env:"PUBLIC_ORIGIN" envDefault:"http://127.0.0.1:58080"`
}

// Validate checks the rules the tags cannot express.
func (c *Config) Validate() error {
	if err := c.Log.Validate(); err != nil {
		return err
	}
	if u, err := url.Parse(c.JWKSURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return config.Invalid("JWKS_URL", "must be an http(s) URL such as http://gateway:8080/.well-known/jwks.json")
	}
	if u, err := url.Parse(c.Course.PublicOrigin); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return config.Invalid("COURSE_PUBLIC_ORIGIN", "must be the http(s) address of the public API such as https://lms.example.org")
	}
	for name, v := range map[string]string{
		"COURSE_TASK_QUEUE": c.Course.TaskQueue, "COURSE_WORKFLOW_TASK_QUEUE": c.Course.WorkflowTaskQueue,
		"COURSE_ASSESSMENT_TOPIC": c.Course.AssessmentTopic, "COURSE_GRADEBOOK_GROUP": c.Course.GradebookGroup,
		"COURSE_IAM_TOPIC": c.Course.IAMTopic, "COURSE_PEOPLE_GROUP": c.Course.PeopleGroup,
		"COURSE_COURSE_TOPIC": c.Course.CourseTopic, "COURSE_NOTIFICATIONS_GROUP": c.Course.NotificationsGroup,
		"COURSE_WEBHOOKS_GROUP": c.Course.WebhooksGroup,
	} {
		if v == "" {
			return config.Invalid(name, "must not be empty")
		}
	}
	if c.Course.NotifyMaxAge < 0 {
		return config.Invalid("COURSE_NOTIFY_MAX_AGE", "must be a duration of 0 or more, such as 72h")
	}
	if c.Course.GradingOverdue <= 0 {
		return config.Invalid("COURSE_GRADING_OVERDUE", "must be a duration above 0, such as 72h")
	}
	if c.Course.WebhookTimeout <= 0 || c.Course.WebhookTimeout > 5*time.Minute {
		return config.Invalid("COURSE_WEBHOOK_TIMEOUT", "must be a duration above 0 and at most 5m, such as 10s")
	}
	return c.Mail.Validate("SMTP_")
}
