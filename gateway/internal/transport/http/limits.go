package http

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"

	"lms/shared/ginauth"
	"lms/shared/ginproblem"
	"lms/shared/problem"
)

// bodyLimit refuses bodies over limit bytes with 413: at once when the
// declared length says so, else when a handler reads past the limit.
func bodyLimit(limit int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > limit {
			ginproblem.Write(c, tooLarge(limit))
			return
		}
		if c.Request.Body != nil && c.Request.Body != http.NoBody {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		}
		c.Next()
	}
}

func tooLarge(limit int64) problem.Details {
	return ginproblem.Status(http.StatusRequestEntityTooLarge, "payload-too-large",
		"the request body is larger than "+strconv.FormatInt(limit, 10)+" bytes")
}

// isTooLarge reports whether err came from reading past the body limit.
func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// Rate is a token-bucket rate limit; zero PerSecond means no limit.
type Rate struct {
	PerSecond float64
	Burst     int
}

// limiters holds one token bucket per key (client address or user). The LRU
// bound keeps memory flat however many keys an attacker invents; an evicted
// key starts again with a full bucket, which only errs on the lenient side.
type limiters struct {
	rate  Rate
	cache *lru.Cache[string, *rate.Limiter]
}

func newLimiters(r Rate, size int) (*limiters, error) {
	c, err := lru.New[string, *rate.Limiter](size)
	if err != nil {
		return nil, err
	}
	return &limiters{rate: r, cache: c}, nil
}

// allow takes a token for key, or returns how long until one is available.
func (l *limiters) allow(key string, now time.Time) (bool, time.Duration) {
	lim, ok := l.cache.Get(key)
	if !ok {
		lim = rate.NewLimiter(rate.Limit(l.rate.PerSecond), l.rate.Burst)
		// A concurrent first request for the same key may have added one.
		if prev, ok, _ := l.cache.PeekOrAdd(key, lim); ok {
			lim = prev
		}
	}
	res := lim.ReserveN(now, 1)
	if !res.OK() {
		return false, time.Second
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// rateLimit answers 429 with Retry-After once key's bucket is empty. It is
// used twice: per client address for every request, and per user after
// authentication.
func rateLimit(r Rate, size int, key func(*gin.Context) string) (gin.HandlerFunc, error) {
	if r.PerSecond <= 0 {
		return func(c *gin.Context) { c.Next() }, nil
	}
	l, err := newLimiters(r, size)
	if err != nil {
		return nil, err
	}
	return func(c *gin.Context) {
		ok, wait := l.allow(key(c), time.Now())
		if !ok {
			c.Header("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			ginproblem.Write(c, ginproblem.Status(http.StatusTooManyRequests, "rate-limited", "too many requests; retry later"))
			return
		}
		c.Next()
	}, nil
}

func byAddress(c *gin.Context) string { return c.ClientIP() }

func byUser(c *gin.Context) string {
	if p, ok := ginauth.Principal(c); ok {
		return "user:" + p.UserID
	}
	return "addr:" + c.ClientIP()
}
