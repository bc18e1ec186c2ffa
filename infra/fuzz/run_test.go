package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// output is schemathesis' text for two server errors: a gateway that could
// not reach iam, and a handler that failed.
const output = `________________________________ GET /api/v1/me ________________________________
1. Test Case ID: Y7bCWy

- ST101 Server error

[503] Service Unavailable:

    ` + "`" + `{"type":"urn:lms:problem:upstream-unavailable","status":503,"detail":"dial tcp 127.0.0.1:58091: connect: connection refused"}` + "`" + `

Reproduce with:
______________________________ POST /api/v1/courses ______________________________
1. Test Case ID: Q1w2e3

- ST101 Server error

[500] Internal Server Error:

    ` + "`" + `{"type":"urn:lms:problem:internal","status":500}` + "`" + `
`

func TestServerAnswers_TellsARestartedServiceFromAFailingHandler(t *testing.T) {
	t.Parallel()
	answers := serverAnswers(output)
	require.Len(t, answers, 2)
	require.Equal(t, 503, answers[0].status)
	require.True(t, answers[0].transient(), "iam was unreachable: run again")
	require.Equal(t, 500, answers[1].status)
	require.False(t, answers[1].transient(), "a 500 is a finding")
}
