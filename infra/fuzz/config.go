package main

import (
	"fmt"
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

// dictionaryProbability is how often an id parameter takes a real object's
// id instead of a generated string: often enough to reach the handlers
// behind the existence checks, seldom enough to keep fuzzing the lookups.
const dictionaryProbability = 0.5

// schemathesisConfig is the schemathesis.toml of one token's run.
//
// Generated ids hit the world's objects through dictionaries. Values seen in
// responses are not reused (extra-data-sources) and the stateful phase, which
// chains one answer's ids into the next request, is off: the stack is shared,
// and the administrator must not archive another engineer's course or disable
// their users halfway through their tests. Sign-ins all use one address nobody
// has: after 5 failures that account is locked and the attempts no longer
// count against 127.0.0.1, which every local client shares.
func schemathesisConfig(s settings, token string, p people, w world, loginEmail string) string {
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
	dict := func(name string, values ...string) {
		quoted := make([]string, 0, len(values))
		for _, v := range values {
			quoted = append(quoted, strconv.Quote(v))
		}
		line("[dictionaries.%s]", name)
		line("values = [%s]", strings.Join(quoted, ", "))
	}
	dict("users", p.bystander.id)
	dict("courses", w.course, w.draft)
	dict("lessons", w.lesson)
	dict("tests", w.test)
	dict("attempts", w.attempt)
	dict("questions", w.questions...)
	dict("logins", loginEmail)
	line("")
	bind := func(param, dictionary string, probability float64) string {
		return fmt.Sprintf("%s = { dictionary = %s, probability = %g }", strconv.Quote(param), strconv.Quote(dictionary), probability)
	}
	operations := func(regex string, bindings ...string) {
		line("[[operations]]")
		line("include-path-regex = %s", strconv.Quote(regex))
		line("parameters = { %s }", strings.Join(bindings, ", "))
	}
	q := dictionaryProbability
	operations(`^/api/v1/users/\{id\}`, bind("path.id", "users", q))
	operations(`^/api/v1/courses`, bind("path.id", "courses", q), bind("path.lesson", "lessons", q), bind("query.course_id", "courses", q))
	operations(`^/api/v1/tests`, bind("path.id", "tests", q), bind("query.course_id", "courses", q), bind("body.course_id", "courses", q))
	operations(`^/api/v1/attempts/`, bind("path.id", "attempts", q), bind("path.question", "questions", q))
	// Negative cases of a sign-in would carry generated emails, each counted
	// against the shared address.
	line("[[operations]]")
	line(`include-operation-id = "login"`)
	line(`generation = { mode = "positive" }`)
	line("parameters = { %s }", bind("body.email", "logins", 1))
	return b.String()
}
