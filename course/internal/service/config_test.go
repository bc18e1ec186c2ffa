package service_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/course/internal/service"
	"lms/shared/config"
	"lms/shared/events"
	"lms/shared/flows"
)

func environ(extra map[string]string) map[string]string {
	env := map[string]string{
		"POSTGRES_URL": "postgres://127.0.0.1:55432/lms", "POSTGRES_SCHEMA": "course",
		"KAFKA_BROKERS": "127.0.0.1:59092", "TEMPORAL_ADDRESS": "127.0.0.1:57233", "TEMPORAL_NAMESPACE": "lms",
		"JWKS_URL": "http://127.0.0.1:58080/.well-known/jwks.json",
	}
	for k, v := range extra {
		env[k] = v
	}
	return env
}

func TestConfig_DefaultsAreTheSharedContract(t *testing.T) {
	t.Parallel()
	cfg, err := config.LoadFrom[service.Config](environ(nil))
	require.NoError(t, err)
	require.Equal(t, flows.TaskQueueCourse, cfg.Course.TaskQueue)
	require.Equal(t, flows.TaskQueueWorkflows, cfg.Course.WorkflowTaskQueue)
	require.Equal(t, events.TopicAssessment, cfg.Course.AssessmentTopic)
	require.Equal(t, events.TopicIAM, cfg.Course.IAMTopic)
	require.True(t, cfg.Course.ShowStudentEmails, "teachers see emails unless the school says otherwise")
}

func TestConfig_EmailPolicyAndPublicOrigin(t *testing.T) {
	t.Parallel()
	cfg, err := config.LoadFrom[service.Config](environ(map[string]string{
		"COURSE_SHOW_STUDENT_EMAILS": "false", "COURSE_PUBLIC_ORIGIN": "https://lms.example.org"}))
	require.NoError(t, err)
	require.False(t, cfg.Course.ShowStudentEmails)
	require.Equal(t, "https://lms.example.org", cfg.Course.PublicOrigin)
	_, err = config.LoadFrom[service.Config](environ(map[string]string{"COURSE_PUBLIC_ORIGIN": "lms.example.org"}))
	require.ErrorContains(t, err, "COURSE_PUBLIC_ORIGIN")
	_, err = config.LoadFrom[service.Config](environ(map[string]string{"COURSE_SHOW_STUDENT_EMAILS": "maybe"}))
	require.ErrorContains(t, err, "SHOW_STUDENT_EMAILS")
}

func TestConfig_NamesTheBadVariable(t *testing.T) {
	t.Parallel()
	_, err := config.LoadFrom[service.Config](environ(map[string]string{"JWKS_URL": "gateway/jwks"}))
	require.ErrorContains(t, err, "JWKS_URL")
	env := environ(nil)
	delete(env, "JWKS_URL")
	_, err = config.LoadFrom[service.Config](env)
	require.ErrorContains(t, err, "JWKS_URL")
}
