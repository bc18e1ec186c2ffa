package mongo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"lms/shared/events"
	"lms/shared/flows"
	"lms/shared/mongodb"
	"lms/shared/telemetry"
)

// Publisher writes events to Kafka; *kafka.Producer of lms/shared is one.
type Publisher interface {
	Publish(ctx context.Context, evs []events.Event) error
}

// Workflows starts and signals attempt workflows. Both are idempotent: the
// workflow id comes from the attempt.
type Workflows interface {
	StartAttempt(ctx context.Context, in flows.AttemptInput) error
	// Signal sends signal with payload (nil for none).
	Signal(ctx context.Context, workflowID, signal string, payload any) error
}

// RelayOptions tune a Relay; zero values take the defaults.
type RelayOptions struct {
	// Poll is how often the relay looks for work without being woken. Default 1s.
	Poll time.Duration
	// Claim is how long a relay holds a document before another may take it
	// over, e.g. after a crash. Default 30s.
	Claim time.Duration
	// Workers is how many documents the relay hands on at once; each is
	// claimed by one worker, so a document's items keep their order.
	// Default 16.
	Workers int
}

// Relay hands on what the repositories stored in documents' pending items:
// events to Kafka, starts and signals to Temporal. Its workers each claim a
// document, hand on its items in order, and then remove exactly those items,
// so a crash in between repeats an item (consumers drop duplicate event ids;
// starts and signals are idempotent) but never loses one.
type Relay struct {
	store     *Store
	publisher Publisher
	workflows Workflows
	opts      RelayOptions
	log       *slog.Logger
}

// NewRelay returns a relay over the store's collections.
func (s *Store) NewRelay(p Publisher, w Workflows, opts RelayOptions, log *slog.Logger) *Relay {
	if opts.Poll <= 0 {
		opts.Poll = time.Second
	}
	if opts.Claim <= 0 {
		opts.Claim = 30 * time.Second
	}
	if opts.Workers <= 0 {
		opts.Workers = 16
	}
	return &Relay{store: s, publisher: p, workflows: w, opts: opts, log: log}
}

// Run relays until ctx ends: documents inserted while it runs go straight
// to its workers (the fast path), the rest after every wake-up and every
// Poll.
func (r *Relay) Run(ctx context.Context) {
	fp := newFastPath(r.opts.Claim)
	r.store.fast.Store(fp)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer r.store.fast.CompareAndSwap(fp, nil)
	for range r.opts.Workers {
		wg.Go(func() { r.runFastPath(ctx, fp) })
	}
	wg.Go(func() { r.runReleases(ctx, fp) })
	t := time.NewTicker(r.opts.Poll)
	defer t.Stop()
	for {
		if _, err := r.Drain(ctx); err != nil && ctx.Err() == nil {
			r.log.Warn("relay failed, retrying", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-r.store.Wake():
		}
	}
}

// Drain relays every pending item it can claim and returns how many it
// handed on. Documents go to the workers in parallel; after a batch with a
// failure it stops, leaving the rest for later.
func (r *Relay) Drain(ctx context.Context) (int, error) {
	total := 0
	for _, coll := range []string{collTests, collAttempts, collAccommodations} {
		c := r.store.collection(coll)
		for {
			ids, err := r.candidates(ctx, c)
			if err != nil {
				return total, err
			}
			if len(ids) == 0 {
				break
			}
			n, err := r.relayAll(ctx, c, ids)
			total += n
			if err != nil {
				return total, err
			}
		}
	}
	return total, nil
}

// relayAll relays the documents ids on at most Workers goroutines and
// answers the items handed on and the first failure.
func (r *Relay) relayAll(ctx context.Context, c mongodb.Collection, ids []string) (int, error) {
	var (
		mu       sync.Mutex
		total    int
		firstErr error
		wg       sync.WaitGroup
		next     = make(chan string)
	)
	for range min(r.opts.Workers, len(ids)) {
		wg.Go(func() {
			for id := range next {
				n, err := r.relayOne(ctx, c, id)
				mu.Lock()
				total += n
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		})
	}
	for _, id := range ids {
		next <- id
	}
	close(next)
	wg.Wait()
	return total, firstErr
}

// relayBatch is how many documents the relay looks at per query.
const relayBatch = 100

// candidates returns documents with pending items that no relay holds.
func (r *Relay) candidates(ctx context.Context, c mongodb.Collection) ([]string, error) {
	var docs []struct {
		ID string `bson:"_id"`
	}
	if err := c.FindAll(ctx, bson.M{"pending": true, "claim_until": bson.M{"$lte": time.Now().UTC()}}, &docs,
		options.Find().SetProjection(bson.M{"_id": 1}).SetLimit(relayBatch)); err != nil {
		return nil, fmt.Errorf("find pending items: %w", err)
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids, nil
}

// relayOne claims the document id and hands on its pending items; a document
// another relay claimed meanwhile is skipped.
func (r *Relay) relayOne(ctx context.Context, c mongodb.Collection, id string) (int, error) {
	items, until, ok, err := r.claim(ctx, c, id)
	if err != nil || !ok {
		return 0, err
	}
	done, herr := r.handOn(ctx, items)
	if err := r.release(ctx, c, id, until, len(items), done); err != nil {
		return len(done), err
	}
	if herr != nil {
		return len(done), fmt.Errorf("relay items of %s: %w", id, herr)
	}
	return len(done), nil
}

// claim holds the document for Claim and returns its pending items and
// the claim's end as stored, in one round trip.
func (r *Relay) claim(ctx context.Context, c mongodb.Collection, id string) ([]bson.Raw, time.Time, bool, error) {
	unlock := r.store.lock(id)
	defer unlock()
	now := time.Now().UTC()
	// Whole milliseconds, as stored, so the release can match its claim.
	until := now.Add(r.opts.Claim).Truncate(time.Millisecond)
	var d struct {
		Items []bson.Raw `bson:"pending_items"`
	}
	err := c.FindOneAndUpdate(ctx,
		bson.M{"_id": id, "pending": true, "claim_until": bson.M{"$lte": now}},
		bson.M{"$set": bson.M{"claim_until": until}}, &d,
		// FerretDB 1.24 has no projection for findAndModify: the whole
		// document comes back, still cheaper than a second round trip.
		options.FindOneAndUpdate().SetReturnDocument(options.After))
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, time.Time{}, false, nil
	}
	if err != nil {
		return nil, time.Time{}, false, fmt.Errorf("claim %s: %w", id, err)
	}
	return d.Items, until, true, nil
}

// release removes exactly the items handed on, even after a failure, and
// frees the document; pending stays set while items remain (a write that
// added items meanwhile set it itself). until is the claim's end and claimed
// how many items the claim read.
func (r *Relay) release(ctx context.Context, c mongodb.Collection, id string, until time.Time, claimed int, done []bson.Raw) error {
	unlock := r.store.lock(id)
	defer unlock()
	if len(done) == claimed {
		// Only the holder of the claim removes items and writes only append
		// them, so while the claim is still ours an array of the claimed
		// size holds exactly the items handed on: one write empties it, the
		// usual case. A claim that lapsed (handing on took longer than
		// Claim) may have let another relay remove those items and writes
		// add as many new ones: then only the items handed on are pulled.
		res, err := c.UpdateOne(ctx, bson.M{"_id": id, "claim_until": until, "pending_items": bson.M{"$size": claimed}},
			bson.M{"$set": bson.M{"pending_items": bson.A{}, "pending": false, "claim_until": epoch}})
		if err != nil {
			return fmt.Errorf("remove relayed items of %s: %w", id, err)
		}
		if res.MatchedCount == 1 {
			return nil
		}
		// Items came meanwhile: their writes found the document claimed,
		// so their wake-ups came too early.
		defer r.store.wake()
	}
	update := bson.M{"$set": bson.M{"claim_until": epoch}}
	if len(done) > 0 {
		sent := make(bson.A, len(done))
		for i, raw := range done {
			sent[i] = raw
		}
		update["$pullAll"] = bson.M{"pending_items": sent}
	}
	res, err := c.UpdateOne(ctx, bson.M{"_id": id, "claim_until": until}, update)
	if err != nil {
		return fmt.Errorf("remove relayed items of %s: %w", id, err)
	}
	if res.MatchedCount == 0 && len(done) > 0 {
		// Another relay holds the document now: pull what went, leave its
		// claim alone.
		if _, err := c.UpdateOne(ctx, bson.M{"_id": id}, bson.M{"$pullAll": update["$pullAll"]}); err != nil {
			return fmt.Errorf("remove relayed items of %s: %w", id, err)
		}
	}
	if _, err := c.UpdateOne(ctx, bson.M{"_id": id, "pending_items": bson.M{"$size": 0}}, bson.M{"$set": bson.M{"pending": false}}); err != nil {
		return fmt.Errorf("clear pending of %s: %w", id, err)
	}
	return nil
}

// handOn hands on items in order and returns those it handed on; runs of
// events go to Kafka in one batch.
func (r *Relay) handOn(ctx context.Context, raws []bson.Raw) ([]bson.Raw, error) {
	var done []bson.Raw
	for i := 0; i < len(raws); {
		var it pendingItem
		if err := bson.Unmarshal(raws[i], &it); err != nil {
			return done, fmt.Errorf("decode pending item: %w", err)
		}
		if it.Kind == itemEvent {
			j, batch := i, []events.Event{}
			for ; j < len(raws); j++ {
				var ev pendingItem
				if err := bson.Unmarshal(raws[j], &ev); err != nil || ev.Kind != itemEvent {
					break
				}
				batch = append(batch, ev.event())
			}
			if err := r.publisher.Publish(ctx, batch); err != nil {
				return done, err
			}
			done, i = append(done, raws[i:j]...), j
			continue
		}
		if err := r.workflow(ctx, it); err != nil {
			return done, err
		}
		done, i = append(done, raws[i]), i+1
	}
	return done, nil
}

func (r *Relay) workflow(ctx context.Context, it pendingItem) error {
	// The start or signal continues the trace of the request that wrote it.
	ctx = telemetry.WithTraceParent(ctx, it.TraceParent)
	switch it.Kind {
	case itemStart:
		var in flows.AttemptInput
		if err := json.Unmarshal([]byte(it.Input), &in); err != nil {
			return fmt.Errorf("decode workflow input: %w", err)
		}
		return r.workflows.StartAttempt(ctx, in)
	case itemSignal:
		return r.workflows.Signal(ctx, it.WorkflowID, it.Signal, nil)
	case itemExtend:
		var ext flows.DeadlineExtended
		if err := json.Unmarshal([]byte(it.Input), &ext); err != nil {
			return fmt.Errorf("decode extension: %w", err)
		}
		// The stored deadline first, so the workflow never waits for a
		// deadline the attempt does not have yet.
		if err := r.store.extendAttempt(ctx, it.WorkflowID, ext.Deadline); err != nil {
			return err
		}
		return r.workflows.Signal(ctx, it.WorkflowID, it.Signal, ext)
	case itemSignalTest:
		return r.signalAttemptsOf(ctx, it.Key, it.Signal)
	case itemStartRegrade:
		return r.startRegrade(ctx, it)
	case itemSummary:
		return r.store.storeSummary(ctx, it)
	default:
		return fmt.Errorf("unknown pending item kind %q", it.Kind)
	}
}
