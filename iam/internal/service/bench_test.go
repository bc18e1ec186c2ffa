package service_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"lms/iam/internal/service"
	iamv1 "lms/shared/gen/iam/v1"
)

// BenchmarkLogin_UnknownEmailCostsLikeAWrongPassword measures both failures
// over gRPC against the real database and reports their medians: a clear gap
// would tell an attacker which emails have accounts.
func BenchmarkLogin_UnknownEmailCostsLikeAWrongPassword(b *testing.B) {
	s := startIAM(b, func(c *service.Config) {
		c.Identity.LoginMaxFailuresPerAccount = 1 << 20
		c.Identity.LoginMaxFailuresPerAddress = 1 << 20
	})
	s.register(b, "ann@example.com", "ann-password-123")
	const samples = 21
	login := func(email string) time.Duration {
		start := time.Now()
		_, err := s.client.Login(b.Context(), &iamv1.LoginRequest{Email: email, Password: "wrong-password", ClientAddress: "192.0.2.1"})
		if err == nil {
			b.Fatal("a wrong password was accepted")
		}
		return time.Since(start)
	}
	median := func(ds []time.Duration) time.Duration {
		slices.Sort(ds)
		return ds[len(ds)/2]
	}
	login("nobody@example.com") // the dummy hash is made on first use
	for b.Loop() {
		// Interleaved, so drift in the machine's load hits both alike.
		var wrongs, unknowns []time.Duration
		for i := range samples {
			wrongs = append(wrongs, login("ann@example.com"))
			unknowns = append(unknowns, login(fmt.Sprintf("nobody%d@example.com", i)))
		}
		wrong, unknown := median(wrongs), median(unknowns)
		b.ReportMetric(float64(wrong.Microseconds())/1000, "wrong_password_ms")
		b.ReportMetric(float64(unknown.Microseconds())/1000, "unknown_email_ms")
		b.ReportMetric(float64(unknown)/float64(wrong), "unknown/wrong")
	}
}
