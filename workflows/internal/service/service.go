// Package service builds the workflow worker from its config: the Temporal
// client, the worker that runs the enrollment and attempt workflows on
// flows.TaskQueueWorkflows, and the health endpoints.
package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"

	"go.temporal.io/sdk/worker"

	"lms/shared/flows"
	"lms/shared/health"
	"lms/shared/logging"
	"lms/shared/serve"
	"lms/shared/temporalclient"
	"lms/workflows/attempt"
	"lms/workflows/deadline"
	"lms/workflows/enrollment"
	"lms/workflows/regrade"
)

// Config is everything the worker reads from the environment.
type Config struct {
	Log      logging.Config
	HTTPAddr string `env:"HTTP_ADDR" envDefault:":8080"`
	Temporal temporalclient.Config
	Worker   temporalclient.WorkerConfig
	// TaskQueue is the queue the worker polls; empty means
	// flows.TaskQueueWorkflows, where the services start the workflows.
	TaskQueue string `env:"WORKER_TASK_QUEUE"`
	// CourseQueue and AssessmentQueue are where the workflows send the
	// course and assessment activities; empty means the contract's queues
	// (flows.TaskQueueCourse, flows.TaskQueueAssessment). A worker on a queue
	// of its own (an isolated test stack) pairs with services on queues of
	// their own.
	CourseQueue     string `env:"WORKER_COURSE_QUEUE"`
	AssessmentQueue string `env:"WORKER_ASSESSMENT_QUEUE"`
	// RegradePageSize is how many attempts one regrade activity handles;
	// zero means flows.DefaultRegradePageSize.
	RegradePageSize int `env:"WORKER_REGRADE_PAGE_SIZE"`
}

// Validate checks the rules the tags cannot express.
func (c *Config) Validate() error { return c.Log.Validate() }

// Service is the wired worker.
type Service struct {
	log     *slog.Logger
	queue   string
	worker  worker.Worker
	http    *http.Server
	running atomic.Bool
	watch   *health.Watcher
}

// Register registers every LMS workflow on r, sending their activities to
// the queues cfg names.
func Register(r worker.WorkflowRegistry, cfg Config) {
	enrollment.Register(r, enrollment.Options{CourseQueue: cfg.CourseQueue})
	attempt.Register(r, attempt.Options{AssessmentQueue: cfg.AssessmentQueue})
	regrade.Register(r, regrade.Options{AssessmentQueue: cfg.AssessmentQueue, PageSize: cfg.RegradePageSize})
	deadline.Register(r, deadline.Options{CourseQueue: cfg.CourseQueue})
}

// New connects to Temporal and builds the worker and its health server. The
// returned cleanup closes the client.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*Service, func(), error) {
	tc, err := temporalclient.Dial(ctx, cfg.Temporal, log)
	if err != nil {
		return nil, nil, err
	}
	queue := cfg.TaskQueue
	if queue == "" {
		queue = flows.TaskQueueWorkflows
	}
	s := &Service{log: log, queue: queue, worker: worker.New(tc, queue, cfg.Worker.Options(0))}
	Register(s.worker, cfg)
	mux := http.NewServeMux()
	reg := health.NewRegistry()
	health.Register(mux, s.readiness(), reg)
	watch, err := health.NewWatcher(health.Checks{
		"temporal": func(ctx context.Context) error { return temporalclient.Ping(ctx, tc) },
	}, reg, log, 0)
	if err != nil {
		tc.Close()
		return nil, nil, err
	}
	s.watch = watch
	s.http = serve.NewHTTPServer(cfg.HTTPAddr, mux)
	return s, tc.Close, nil
}

// readiness is whether the worker polls. A Temporal outage does not count:
// the worker reconnects and every workflow waits for it; the watcher shows
// it in lms_dependency_up and the logs.
func (s *Service) readiness() health.Checks {
	return health.Checks{
		"worker": func(context.Context) error {
			if !s.running.Load() {
				return errors.New("worker not polling")
			}
			return nil
		},
	}
}

// Run polls the workflow task queue and serves the health endpoints until
// ctx ends; then the worker finishes the tasks in hand and stops.
func (s *Service) Run(ctx context.Context) error {
	if err := s.worker.Start(); err != nil {
		return fmt.Errorf("worker: start on %s: %w", s.queue, err)
	}
	s.running.Store(true)
	s.log.Info("polling", "task_queue", s.queue)
	defer func() {
		s.running.Store(false)
		s.worker.Stop()
		s.log.Info("stopped polling", "task_queue", s.queue)
	}()
	go s.watch.Run(ctx)
	if err := serve.HTTP(ctx, s.log, "http", s.http); err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	return nil
}
