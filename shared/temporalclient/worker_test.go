package temporalclient_test

import (
	"testing"
	"time"

	"github.com/caarlos0/env/v11"
	"github.com/stretchr/testify/require"

	"lms/shared/temporalclient"
)

func TestWorkerConfig_ActivitiesLeaveRoomInTheDatabasePool(t *testing.T) {
	var cfg temporalclient.WorkerConfig
	require.NoError(t, env.ParseWithOptions(&cfg, env.Options{Environment: map[string]string{}}))

	assessment := cfg.Options(100) // the MongoDB client's pool
	require.Equal(t, 75, assessment.MaxConcurrentActivityExecutionSize)
	course := cfg.Options(20) // the PostgreSQL pool
	require.Equal(t, 15, course.MaxConcurrentActivityExecutionSize)
	require.Equal(t, 1, cfg.Options(1).MaxConcurrentActivityExecutionSize, "a pool of one still runs activities")
	require.Zero(t, cfg.Options(0).MaxConcurrentActivityExecutionSize, "no pool: the SDK's own bound")

	cfg.MaxActivities = 10
	require.Equal(t, 10, cfg.Options(100).MaxConcurrentActivityExecutionSize, "a bound set outright wins")
}

func TestWorkerConfig_PollsAndStickyWaitFromTheEnvironment(t *testing.T) {
	var cfg temporalclient.WorkerConfig
	require.NoError(t, env.ParseWithOptions(&cfg, env.Options{Environment: map[string]string{}}))
	opts := cfg.Options(0)
	require.Zero(t, opts.MaxConcurrentWorkflowTaskPollers, "the SDK's own number of polls")
	require.Zero(t, opts.MaxConcurrentActivityTaskPollers, "the SDK's own number of polls")
	require.Equal(t, 30*time.Second, opts.StickyScheduleToStartTimeout)

	require.NoError(t, env.ParseWithOptions(&cfg, env.Options{Environment: map[string]string{
		"TEMPORAL_WORKFLOW_POLLERS": "4", "TEMPORAL_ACTIVITY_POLLERS": "2", "TEMPORAL_STICKY_TIMEOUT": "10s",
	}}))
	opts = cfg.Options(0)
	require.Equal(t, 4, opts.MaxConcurrentWorkflowTaskPollers)
	require.Equal(t, 2, opts.MaxConcurrentActivityTaskPollers)
	require.Equal(t, 10*time.Second, opts.StickyScheduleToStartTimeout)
}
