// Package web serves the visualizer's page and pushes the live board to it
// as server-sent events, one snapshot a second on one connection per page.
// It also takes the simulator's progress reports. With an admin check set,
// every /api route wants an admin's LMS access token, as a bearer header or
// in the session cookie the page's sign-in sets.
package web

import (
	"embed"
	"encoding/json"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"lms/infra/visualizer/internal/live"
	"lms/shared/auth"
	"lms/shared/errs"
	"lms/shared/health"
	"lms/shared/problem"
)

//go:embed static
var static embed.FS

// Options are what the handler needs.
type Options struct {
	Board *live.Board
	Log   *slog.Logger
	// Verifier checks access tokens; nil leaves the visualizer open (the
	// local stack).
	Verifier auth.TokenVerifier
	// SecureCookie marks the session cookie Secure (HTTPS only).
	SecureCookie bool
	// Interval is how often a snapshot is pushed.
	Interval time.Duration
	Ready    health.Checks
	Registry *prometheus.Registry
}

// NewHandler returns the visualizer's HTTP handler.
func NewHandler(o Options) http.Handler {
	if o.Interval <= 0 {
		o.Interval = time.Second
	}
	s := &server{o: o}
	mux := http.NewServeMux()
	health.Register(mux, o.Ready, o.Registry)
	files, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded tree is part of the binary
	}
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(files)))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		http.ServeFileFS(w, r, files, "index.html")
	})
	mux.HandleFunc("GET /api/session", s.session)
	mux.HandleFunc("POST /api/session", s.signIn)
	mux.HandleFunc("DELETE /api/session", s.signOut)
	mux.Handle("GET /api/snapshot", s.admin(http.HandlerFunc(s.snapshot)))
	mux.Handle("GET /api/stream", s.admin(http.HandlerFunc(s.stream)))
	mux.Handle("POST /api/sim/progress", s.admin(http.HandlerFunc(s.simProgress)))
	return securityHeaders(mux)
}

type server struct{ o Options }

func (s *server) snapshot(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(s.o.Board.Snapshot())
}

// stream pushes a snapshot at once and then every Interval until the page
// goes away.
func (s *server) stream(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	tick := time.NewTicker(s.o.Interval)
	defer tick.Stop()
	for {
		// The write deadline is pushed forward before each write, so the
		// server's WriteTimeout does not cut a long-lived stream.
		_ = rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		body, err := json.Marshal(s.o.Board.Snapshot())
		if err != nil {
			s.o.Log.Error("encode snapshot", "error", err)
			return
		}
		if _, err := w.Write(append(append([]byte("event: snapshot\ndata: "), body...), '\n', '\n')); err != nil {
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
		}
	}
}

// maxProgressBytes bounds a progress report.
const maxProgressBytes = 64 << 10

func (s *server) simProgress(w http.ResponseWriter, r *http.Request) {
	var p live.SimProgress
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxProgressBytes))
	if err := dec.Decode(&p); err != nil {
		s.fail(w, r, errs.New(errs.InvalidArgument, "invalid-progress", "the body is not a progress report: "+err.Error()))
		return
	}
	if p.RunID == "" {
		s.fail(w, r, errs.Invalid("run_id", "a progress report names its run"))
		return
	}
	s.o.Board.Sim(p)
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	d := problem.FromError(err)
	d.Instance = r.URL.Path
	problem.Write(w, d)
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}
