package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// signInRounds is how many sign-ins of each kind BenchmarkSignIn times.
const signInRounds = 100

// BenchmarkSignIn times the sign-in round trip through the local Keycloak,
// from the gateway's start URL to the LMS's access token (start, Keycloak's
// login page, posting its form, the callback, the code exchange), beside a
// password sign-in of the same gateway, alternating one of each so the
// drift of the shared machine hits both alike. It reports p50 and p99 of
// both and of the LMS's own part of the external sign-in (the callback,
// which redeems the code at Keycloak and verifies the ID token, plus the
// exchange).
func BenchmarkSignIn(b *testing.B) {
	g := newGateway(b)
	newKeycloak(b)
	learner := g.register(b, "bench-password")
	var me struct {
		Email string `json:"email"`
	}
	raw, _ := json.Marshal(g.call(b, learner.token, http.MethodGet, "/api/v1/me", nil, http.StatusOK))
	_ = json.Unmarshal(raw, &me)

	var external, lmsPart, local latencies
	b.ResetTimer()
	for range b.N {
		for range signInRounds {
			began := time.Now()
			f := newSignInForm(b, true)
			if _, _, err := f.run(b.Context(), g.url+"/api/v1/auth/oidc/keycloak/start", "alice", "alice-password"); err != nil || f.callback == "" {
				b.Fatalf("sign-in at Keycloak: %v", err)
			}
			back := time.Now()
			status, body, err := f.get(b.Context(), f.callback)
			if err != nil || status != http.StatusOK {
				b.Fatalf("callback: %d %s %v", status, body, err)
			}
			var code struct {
				Code string `json:"code"`
			}
			if err := json.Unmarshal(body, &code); err != nil {
				b.Fatal(err)
			}
			g.exchange(b, code.Code)
			external.add(time.Since(began))
			lmsPart.add(time.Since(back))

			began = time.Now()
			g.login(b, me.Email, password)
			local.add(time.Since(began))
		}
	}
	b.StopTimer()
	for _, m := range []struct {
		name string
		l    *latencies
	}{{"oidc", &external}, {"oidc-lms-part", &lmsPart}, {"password", &local}} {
		p50, p99 := m.l.quantiles()
		b.ReportMetric(ms(p50), m.name+"-p50-ms")
		b.ReportMetric(ms(p99), m.name+"-p99-ms")
		fmt.Printf("%-14s n=%d p50=%v p99=%v\n", m.name, m.l.count(), p50, p99)
	}
}
