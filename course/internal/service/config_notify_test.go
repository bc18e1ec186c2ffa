package service_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/service"
	"lms/shared/config"
)

func TestConfig_GradingOverdueAndReplayGroups(t *testing.T) {
	t.Parallel()
	cfg, err := config.LoadFrom[service.Config](environ(nil))
	require.NoError(t, err)
	require.Equal(t, 72*time.Hour, cfg.Course.GradingOverdue)
	require.Equal(t, []string{"assessment.roster", "lms-visualizer"}, cfg.Course.ReplayGroups)

	cfg, err = config.LoadFrom[service.Config](environ(map[string]string{
		"COURSE_GRADING_OVERDUE": "48h", "COURSE_REPLAY_GROUPS": "warehouse.loader,assessment.roster"}))
	require.NoError(t, err)
	require.Equal(t, 48*time.Hour, cfg.Course.GradingOverdue)
	require.Equal(t, []string{"warehouse.loader", "assessment.roster"}, cfg.Course.ReplayGroups)

	for _, bad := range []string{"0s", "-1h", "soon"} {
		_, err = config.LoadFrom[service.Config](environ(map[string]string{"COURSE_GRADING_OVERDUE": bad}))
		require.ErrorContains(t, err, "GRADING_OVERDUE", bad)
	}
}
