package ginproblem_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"lms/shared/errs"
	"lms/shared/ginproblem"
	"lms/shared/problem"
)

type lesson struct {
	Title string `json:"title"`
}

func engine(t *testing.T) *gin.Engine {
	t.Helper()
	log := slog.New(slog.NewTextHandler(t.Output(), nil))
	r := ginproblem.NewEngine(log)
	r.GET("/courses/:id", func(c *gin.Context) {
		if c.Param("id") == "panic" {
			panic("boom: secret detail")
		}
		ginproblem.Fail(c, log, errs.New(errs.NotFound, "course-not-found", "no such course"))
	})
	r.POST("/lessons", func(c *gin.Context) {
		var l lesson
		if ginproblem.BindJSON(c, log, &l, 64) {
			c.JSON(http.StatusCreated, l)
		}
	})
	return r
}

func do(t *testing.T, r http.Handler, method, path, body string) (*httptest.ResponseRecorder, problem.Details) {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), method, path, strings.NewReader(body))
	req.Header.Set(ginproblem.RequestIDHeader, "req-42")
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	var d problem.Details
	if rec.Header().Get("Content-Type") == problem.ContentType {
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &d))
	}
	return rec, d
}

func TestEngine_AnswersEveryErrorAsProblemDetails(t *testing.T) {
	t.Parallel()
	r := engine(t)
	tests := []struct {
		name, method, path, body string
		status                   int
		typ                      string
	}{
		{"a domain error keeps its slug", http.MethodGet, "/courses/c1", "", 404, "urn:lms:problem:course-not-found"},
		{"an unknown route is 404", http.MethodGet, "/nowhere", "", 404, "urn:lms:problem:route-not-found"},
		{"a wrong method is 405", http.MethodDelete, "/lessons", "", 405, "urn:lms:problem:method-not-allowed"},
		{"a panic is a generic 500", http.MethodGet, "/courses/panic", "", 500, "urn:lms:problem:internal"},
		{"unknown fields are refused", http.MethodPost, "/lessons", `{"title":"a","admin":true}`, 400, "urn:lms:problem:invalid-body"},
		{"data after the value is refused", http.MethodPost, "/lessons", `{"title":"a"} {}`, 400, "urn:lms:problem:invalid-body"},
		{"a NUL character is refused", http.MethodPost, "/lessons", `{"title":"a\u0000"}`, 400, "urn:lms:problem:invalid-text"},
		{"invalid UTF-8 is refused", http.MethodPost, "/lessons", "{\"title\":\"\xff\"}", 400, "urn:lms:problem:invalid-text"},
		{"a body over the limit is 413", http.MethodPost, "/lessons", `{"title":"` + strings.Repeat("x", 100) + `"}`, 413, "urn:lms:problem:payload-too-large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec, d := do(t, r, tt.method, tt.path, tt.body)
			require.Equal(t, tt.status, rec.Code)
			require.Equal(t, tt.typ, d.Type)
			require.Equal(t, "req-42", d.RequestID)
			require.NotContains(t, rec.Body.String(), "secret detail")
		})
	}
}

func TestEngine_WrongMethodNamesTheAllowedOnes(t *testing.T) {
	t.Parallel()
	rec, _ := do(t, engine(t), http.MethodPut, "/lessons", "")
	require.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	require.Equal(t, "POST", rec.Header().Get("Allow"))
}

func TestBindJSON_FillsAValidBody(t *testing.T) {
	t.Parallel()
	rec, _ := do(t, engine(t), http.MethodPost, "/lessons", `{"title":"Loops"}`)
	require.Equal(t, http.StatusCreated, rec.Code)
	require.JSONEq(t, `{"title":"Loops"}`, rec.Body.String())
}

func TestBindJSON_NamesTheFieldWithInvalidText(t *testing.T) {
	t.Parallel()
	rec, d := do(t, engine(t), http.MethodPost, "/lessons", `{"title":"Lo\u0000ops"}`)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "title", d.Fields["field"], rec.Body.String())
}

func TestBindJSON_NamesTheFieldOfAWrongTypeOrAnUnknownField(t *testing.T) {
	t.Parallel()
	for body, field := range map[string]string{`{"title":5}`: "title", `{"title":"a","admin":true}`: "admin"} {
		rec, d := do(t, engine(t), http.MethodPost, "/lessons", body)
		require.Equal(t, http.StatusBadRequest, rec.Code)
		require.Equal(t, "urn:lms:problem:invalid-body", d.Type)
		require.Equal(t, field, d.Fields["field"], body)
	}
}
