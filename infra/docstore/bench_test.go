package docstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"lms/shared/testkit"
)

// BenchmarkDocStore_LookupsStayFlat measures, in one run, a find and an
// update by _id and a find by an indexed field (an attempt's test) on a
// collection of attempt-sized documents at 1,000 and at 100,000 documents,
// and reports the p50s and the ratio of the large to the small (flat is 1).
func BenchmarkDocStore_LookupsStayFlat(b *testing.B) {
	ctx := b.Context()
	c := testkit.Mongo(b).Collection("attempts")
	_, err := c.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "test_id", Value: 1}}})
	require.NoError(b, err)
	const small, large = 1_000, 100_000
	for range b.N {
		fill(b, c, 0, small)
		atSmall := measure(b, c, small)
		fill(b, c, small, large)
		atLarge := measure(b, c, large)
		for i, op := range []string{"find-id", "update-id", "find-test"} {
			b.ReportMetric(atSmall[i], op+"-p50-ms@1k")
			b.ReportMetric(atLarge[i], op+"-p50-ms@100k")
			b.ReportMetric(atLarge[i]/atSmall[i], op+"-ratio")
		}
	}
}

// fill inserts documents from..to, each about 1 KiB like an attempt with
// its answers.
func fill(b *testing.B, c *mongo.Collection, from, to int) {
	b.Helper()
	answer := strings.Repeat("an answer of some length ", 40)
	for start := from; start < to; start += 1000 {
		docs := make([]any, 0, 1000)
		for i := start; i < min(start+1000, to); i++ {
			docs = append(docs, bson.M{"_id": fmt.Sprintf("att-%06d", i), "test_id": fmt.Sprintf("test-%04d", i/50),
				"student_id": fmt.Sprintf("s-%06d", i), "state": "graded", "answers": bson.M{"q1": answer}})
		}
		_, err := c.InsertMany(b.Context(), docs)
		require.NoError(b, err)
	}
}

// measure answers the p50, in milliseconds, of 200 of each operation on
// documents spread over the first n.
func measure(b *testing.B, c *mongo.Collection, n int) [3]float64 {
	b.Helper()
	ctx := b.Context()
	ops := [3]func(i int) error{
		func(i int) error {
			return c.FindOne(ctx, bson.M{"_id": fmt.Sprintf("att-%06d", i%n)}).Err()
		},
		func(i int) error {
			_, err := c.UpdateOne(ctx, bson.M{"_id": fmt.Sprintf("att-%06d", i%n)}, bson.M{"$set": bson.M{"state": "saved"}})
			return err
		},
		func(i int) error {
			cur, err := c.Find(ctx, bson.M{"test_id": fmt.Sprintf("test-%04d", (i%n)/50)})
			if err != nil {
				return err
			}
			return cur.All(context.WithoutCancel(ctx), &[]bson.M{})
		},
	}
	var p50 [3]float64
	for k, op := range ops {
		took := make([]time.Duration, 0, 200)
		for i := range 200 {
			start := time.Now()
			require.NoError(b, op(i*7919))
			took = append(took, time.Since(start))
		}
		slices.Sort(took)
		p50[k] = float64(took[len(took)/2].Microseconds()) / 1000
	}
	return p50
}
