package scenario

import (
	"math"
	"math/rand/v2"
	"time"
)

// At draws one member's moment on the curve, in scenario time.
func (c Curve) At(r *rand.Rand) time.Duration {
	var at time.Duration
	span := float64(c.To.D() - c.From.D())
	switch c.Shape {
	case Rush:
		// Density falling with time: half the cohort in the first quarter.
		at = c.From.D() + time.Duration(span*math.Pow(r.Float64(), 2))
	case Trickle:
		at = c.From.D() + time.Duration(span*r.Float64())
	default:
		at = c.From.D()
	}
	if c.Jitter > 0 {
		at += time.Duration(r.Int64N(int64(c.Jitter)))
	}
	return at
}

// End is the curve's last moment, in scenario time.
func (c Curve) End() time.Duration {
	if c.Shape == Burst {
		return c.From.D() + c.Jitter.D()
	}
	return c.To.D() + c.Jitter.D()
}

// Behaviour draws a student's behaviour by the scenario's weights, in a
// fixed order so a seed always gives the same cohort.
func (s *Scenario) Behaviour(r *rand.Rand) string {
	total := 0
	for _, b := range AllBehaviours {
		total += s.Behaviours[b]
	}
	n := r.IntN(total)
	for _, b := range AllBehaviours {
		if n < s.Behaviours[b] {
			return b
		}
		n -= s.Behaviours[b]
	}
	return Diligent
}

// Seats answers the course's capacity for a cohort of n students, 0 for no
// limit.
func (c Course) Seats(n int) int {
	if c.CapacityPercent > 0 {
		return max(1, n*c.CapacityPercent/100)
	}
	return c.Capacity
}
