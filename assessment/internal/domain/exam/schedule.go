package exam

import "time"

// checkSchedule refuses a close, or an end of the late period, that is not
// after now: no student could take such a test. A time the test already had
// (before) is kept as it is, so a teacher may still edit a test whose close
// has passed without touching it.
func (s Settings) checkSchedule(before Settings, now time.Time) error {
	if !s.Closes.IsZero() && !s.Closes.After(now) && !s.Closes.Equal(before.Closes) {
		return invalidSettings("closes_at", "the test must close in the future")
	}
	if s.Late.Accept && !s.Late.Until.IsZero() && !s.Late.Until.After(now) && !s.Late.Until.Equal(before.Late.Until) {
		return invalidSettings("late_policy.until", "the late period must end in the future")
	}
	return nil
}
