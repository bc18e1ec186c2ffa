package e2e

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"lms/shared/localstack"

	"github.com/stretchr/testify/require"
)

// The load of BenchmarkGatewayCost: short rounds, the two modes back to back
// in alternating order, so the drift of a shared machine's load hits both
// alike; the ratio is the median of the per-round ratios.
const (
	gwcostClients  = 32
	gwcostUsers    = 8 // spreads the gateway's per-user rate limit
	gwcostWarmup   = 1_000
	gwcostRequests = 1_500
	gwcostRounds   = 16
	gwcostPath     = "/api/v1/courses"
)

// BenchmarkGatewayCost sends the same authenticated GET of the course
// catalogue through the running stack's gateway and straight to the course
// service (which verifies the same token itself), from 32 concurrent
// connections, and reports both throughputs, their latencies and the ratio.
// The gateway, the course service and this client share the machine's
// cores, so the ratio is a ratio of CPU per request rather than of what a
// gateway on its own cores would add: the benchmark also reports each
// process's CPU time per request, read from /proc.
func BenchmarkGatewayCost(b *testing.B) {
	g := newGateway(b)
	ports, err := localstack.Load()
	require.NoError(b, err)
	direct := ports.URL("COURSE_PORT")
	tokens := make([]string, gwcostUsers)
	for i := range tokens {
		tokens[i] = g.register(b, fmt.Sprintf("gwcost-%d", i)).token
	}
	modes := []struct{ name, url, proc string }{
		{"through the gateway", g.url, "gateway"},
		{"straight to course", direct, ""},
	}
	client := &http.Client{Transport: &http.Transport{
		MaxIdleConns: gwcostClients * 4, MaxIdleConnsPerHost: gwcostClients * 2, IdleConnTimeout: time.Minute,
	}}
	b.Cleanup(client.CloseIdleConnections)

	// Both answer the same page to the same token.
	_, viaGateway := gwcostGet(b, client, g.url+gwcostPath, tokens[0])
	_, straight := gwcostGet(b, client, direct+gwcostPath, tokens[0])
	require.JSONEq(b, string(straight), string(viaGateway), "the gateway must forward the course service's answer unchanged")

	cpu := gwcostProcesses(ports.Get("STACK_NAME"))
	for range b.N {
		for _, m := range modes {
			gwcostLoad(b, client, m.url, tokens, gwcostWarmup)
		}
		rounds := make([][]gwcostResult, len(modes))
		usage := make([]map[string]time.Duration, len(modes))
		for i := range usage {
			usage[i] = map[string]time.Duration{}
		}
		for r := range gwcostRounds {
			for k := range modes {
				i := (r + k) % len(modes)
				before := cpu.sample()
				rounds[i] = append(rounds[i], gwcostLoad(b, client, modes[i].url, tokens, gwcostRequests))
				for name, d := range cpu.since(before) {
					usage[i][name] += d
				}
			}
		}
		res := make([]gwcostResult, len(modes))
		for i, m := range modes {
			res[i] = gwcostMerge(rounds[i])
			n := time.Duration(res[i].requests)
			fmt.Printf("GET %s %-20s %6.0f req/s  p50 %-9v p99 %-9v CPU per request: client %v, gateway %v, course %v\n",
				gwcostPath, m.name+":", res[i].rps, res[i].p50.Round(time.Microsecond), res[i].p99.Round(time.Microsecond),
				(usage[i]["client"] / n).Round(time.Microsecond), (usage[i]["gateway"] / n).Round(time.Microsecond),
				(usage[i]["course"] / n).Round(time.Microsecond))
		}
		ratio := gwcostMedianRatio(rounds[0], rounds[1])
		fmt.Printf("gateway throughput ratio %.3f (goal >= 0.80): median of %d rounds of %d requests per mode, %d connections, %d users, %d CPUs shared by client, gateway and course\n",
			ratio, gwcostRounds, gwcostRequests, gwcostClients, gwcostUsers, runtime.NumCPU())
		// What the ratio would be were the three processes alone on
		// saturated cores: the CPU a request costs without the gateway over
		// what it costs with it. Each process's idle work (pollers, relays)
		// counts in its share.
		if total := gwcostTotal(usage[0], res[0].requests); total > 0 && len(usage[1]) == 3 {
			cpuRatio := gwcostTotal(map[string]time.Duration{"client": usage[1]["client"], "course": usage[1]["course"]}, res[1].requests) / total
			fmt.Printf("CPU-bound ratio %.3f: CPU per request straight to course over CPU per request through the gateway\n", cpuRatio)
			b.ReportMetric(cpuRatio, "cpu_ratio")
		}
		b.ReportMetric(res[0].rps, "gateway_req/s")
		b.ReportMetric(res[1].rps, "direct_req/s")
		b.ReportMetric(float64(res[0].p99.Microseconds()), "gateway_p99_µs")
		b.ReportMetric(float64(res[1].p99.Microseconds()), "direct_p99_µs")
		b.ReportMetric(ratio, "ratio")
		if n := res[0].requests; n > 0 {
			b.ReportMetric(float64(usage[0]["gateway"].Microseconds())/float64(n), "gateway_cpu_µs/req")
		}
	}
}

// gwcostTotal is the CPU time per request summed over processes, in µs.
func gwcostTotal(usage map[string]time.Duration, requests int) float64 {
	var sum time.Duration
	for _, d := range usage {
		sum += d
	}
	return float64(sum.Microseconds()) / float64(requests)
}

type gwcostResult struct {
	rps       float64
	p50, p99  time.Duration
	latencies []time.Duration
	elapsed   time.Duration
	requests  int
}

// gwcostGet sends one GET and requires 200.
func gwcostGet(b *testing.B, client *http.Client, url, token string) (int, []byte) {
	b.Helper()
	req, err := http.NewRequestWithContext(b.Context(), http.MethodGet, url, nil)
	require.NoError(b, err)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := client.Do(req)
	require.NoError(b, err)
	defer func() { _ = res.Body.Close() }()
	body, err := io.ReadAll(res.Body)
	require.NoError(b, err)
	require.Equal(b, http.StatusOK, res.StatusCode, "GET %s: %s", url, body)
	return res.StatusCode, body
}

// gwcostLoad sends n GETs of the catalogue from gwcostClients concurrent
// clients, every answer read in full; any answer but 200 fails the run.
func gwcostLoad(b *testing.B, client *http.Client, base string, tokens []string, n int) gwcostResult {
	b.Helper()
	var (
		next      atomic.Int64
		failures  atomic.Int64
		firstErr  atomic.Value
		wg        sync.WaitGroup
		latencies = make([]time.Duration, n)
	)
	start := time.Now()
	for range gwcostClients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				req, _ := http.NewRequestWithContext(b.Context(), http.MethodGet, base+gwcostPath, nil)
				req.Header.Set("Authorization", "Bearer "+tokens[i%len(tokens)])
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				_ = res.Body.Close()
				latencies[i] = time.Since(t0)
				if res.StatusCode != http.StatusOK {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, "status "+strconv.Itoa(res.StatusCode))
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if f := failures.Load(); f > 0 {
		b.Fatalf("%d of %d requests to %s failed (first: %v)", f, n, base, firstErr.Load())
	}
	return gwcostSummarize(latencies, elapsed)
}

func gwcostSummarize(latencies []time.Duration, elapsed time.Duration) gwcostResult {
	slices.Sort(latencies)
	n := len(latencies)
	return gwcostResult{
		rps: float64(n) / elapsed.Seconds(), p50: latencies[n/2], p99: latencies[n*99/100],
		latencies: latencies, elapsed: elapsed, requests: n,
	}
}

// gwcostMerge combines rounds: total requests over total time, percentiles
// over every request.
func gwcostMerge(rs []gwcostResult) gwcostResult {
	var all []time.Duration
	var elapsed time.Duration
	for _, r := range rs {
		all = append(all, r.latencies...)
		elapsed += r.elapsed
	}
	return gwcostSummarize(all, elapsed)
}

// gwcostMedianRatio is the median over rounds of a's throughput over b's.
func gwcostMedianRatio(a, b []gwcostResult) float64 {
	ratios := make([]float64, len(a))
	for i := range a {
		ratios[i] = a[i].rps / b[i].rps
	}
	slices.Sort(ratios)
	return ratios[len(ratios)/2]
}

// gwcostCPU reads the CPU time (user plus system) of this process and of the
// stack's gateway and course processes, found by their pid files under
// .stack/run. A process it cannot find is left out of the report.
type gwcostCPU map[string]string // name -> /proc/<pid>/stat ("" for this process)

func gwcostProcesses(stackName string) gwcostCPU {
	c := gwcostCPU{"client": ""}
	run := filepath.Join("..", "..", ".stack", stackName, "run") // stack.sh's $STATE/run
	for _, name := range []string{"gateway", "course"} {
		pid, err := os.ReadFile(filepath.Join(run, name+".pid")) //nolint:gosec // the stack's own pid files

		if err != nil {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(string(pid)))
		if err != nil {
			continue
		}
		stat := filepath.Join("/proc", strconv.Itoa(n), "stat")
		if _, err := os.Stat(stat); err == nil {
			c[name] = stat
		}
	}
	return c
}

func (c gwcostCPU) sample() map[string]time.Duration {
	out := map[string]time.Duration{}
	for name, stat := range c {
		if stat == "" {
			var ru syscall.Rusage
			if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
				out[name] = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			}
			continue
		}
		b, err := os.ReadFile(stat) //nolint:gosec // /proc/<pid>/stat of the stack's own processes
		if err != nil {
			continue
		}
		// Fields after the command's closing parenthesis; utime and stime
		// are the 14th and 15th fields, in clock ticks (100 per second on
		// Linux).
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		if len(f) < 13 {
			continue
		}
		u, _ := strconv.ParseInt(f[11], 10, 64)
		k, _ := strconv.ParseInt(f[12], 10, 64)
		out[name] = time.Duration(u+k) * 10 * time.Millisecond
	}
	return out
}

func (c gwcostCPU) since(before map[string]time.Duration) map[string]time.Duration {
	now := c.sample()
	out := map[string]time.Duration{}
	for name, d := range now {
		if b, ok := before[name]; ok {
			out[name] = d - b
		}
	}
	return out
}
