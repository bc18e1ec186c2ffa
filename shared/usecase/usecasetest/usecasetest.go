// Package usecasetest reads back what a usecase.Observer recorded, for the
// tests of the services that observe their use cases.
package usecasetest

import (
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"
)

// Calls counts the calls recorded in g's <service>_usecase_duration_seconds
// by "<usecase> <outcome>" ("create_course ok").
func Calls(t testing.TB, g prometheus.Gatherer) map[string]uint64 {
	t.Helper()
	families, err := g.Gather()
	require.NoError(t, err)
	out := map[string]uint64{}
	for _, f := range families {
		if !strings.HasSuffix(f.GetName(), "_usecase_duration_seconds") {
			continue
		}
		for _, m := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			out[labels["usecase"]+" "+labels["outcome"]] += m.GetHistogram().GetSampleCount()
		}
	}
	return out
}
