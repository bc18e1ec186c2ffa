package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// settings are what every token's run shares.
type settings struct {
	gateway     string
	seed        int
	maxExamples int
	workers     int
}

// pass is one of a token's two runs.
type pass string

const (
	// objects sends the world's ids in every path, so each generated body
	// reaches the handler behind the existence check.
	objects pass = "objects"
	// random leaves every id to the generator: lookups of odd ids.
	random pass = "random"
)

// destructive are the operations that end an object; in the objects pass
// they get spare ones, so the rest of the run keeps its course and test.
var destructive = map[string][]string{
	"courses": {"archiveCourse", "deleteCourse", "dropCourse"},
	"tests":   {"deleteTest", "unpublishTest"},
}

// schemathesisConfig is the schemathesis.toml of one pass of one token.
//
// Values seen in responses are not reused (extra-data-sources) and the
// stateful phase, which chains one answer's ids into the next request, is
// off: the stack is shared, and the administrator must not archive another
// engineer's course or disable their users halfway through their tests. The
// only real user the administrator's run can change is the bystander. Every
// sign-in uses loginEmail (see throttledEmail).
func schemathesisConfig(s settings, token string, p people, w world, loginEmail string, ps pass) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("# Written by infra/fuzz for one run; see infra/fuzz/README.md.")
	line("seed = %d", s.seed)
	line("workers = %d", s.workers)
	line("base-url = %s", strconv.Quote(s.gateway))
	line("request-timeout = 30")
	line("headers = { Authorization = %s }", strconv.Quote("Bearer "+token))
	line("")
	line("[generation]")
	line("max-examples = %d", s.maxExamples)
	line(`database = "none"`)
	line("")
	for _, phase := range []string{"examples", "coverage", "fuzzing"} {
		line("[phases.%s]", phase)
		line("extra-data-sources = { responses = false }")
	}
	line("[phases.stateful]")
	line("enabled = false")
	line("")
	line("[dictionaries.logins]")
	line("values = [%s]", strconv.Quote(loginEmail))
	line("")
	// Negative cases of a sign-in would carry generated emails, each counted
	// against the shared address.
	line("[[operations]]")
	line(`include-operation-id = "login"`)
	line(`generation = { mode = "positive" }`)
	line(`parameters = { "body.email" = { dictionary = "logins", probability = 1 } }`)
	if ps == random {
		return b.String()
	}
	operations := func(filter string, params map[string]string) {
		keys := make([]string, 0, len(params))
		for k := range params {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		set := make([]string, 0, len(keys))
		for _, k := range keys {
			set = append(set, fmt.Sprintf("%s = %s", strconv.Quote(k), strconv.Quote(params[k])))
		}
		line("")
		line("[[operations]]")
		line("%s", filter)
		line("parameters = { %s }", strings.Join(set, ", "))
	}
	ids := func(list []string) string {
		quoted := make([]string, 0, len(list))
		for _, v := range list {
			quoted = append(quoted, strconv.Quote(v))
		}
		return "[" + strings.Join(quoted, ", ") + "]"
	}
	operations(`include-path-regex = "^/api/v1/users/\\{id\\}"`, map[string]string{"path.id": p.bystander.id})
	operations("include-operation-id = "+ids(destructive["courses"]), map[string]string{"path.id": w.spareCourse})
	operations(`include-path-regex = "^/api/v1/courses"`+"\nexclude-operation-id = "+ids(destructive["courses"]),
		map[string]string{"path.id": w.course, "path.lesson": w.lesson, "query.course_id": w.course})
	operations("include-operation-id = "+ids(destructive["tests"]), map[string]string{"path.id": w.spareTest})
	operations(`include-path-regex = "^/api/v1/tests"`+"\nexclude-operation-id = "+ids(destructive["tests"]),
		map[string]string{"path.id": w.test, "query.course_id": w.course, "body.course_id": w.course})
	operations(`include-path-regex = "^/api/v1/attempts/"`, map[string]string{"path.id": w.attempt, "path.question": "essay"})
	return b.String()
}
