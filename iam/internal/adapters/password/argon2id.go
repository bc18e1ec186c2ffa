// Package password hashes passwords with argon2id and stores them as PHC
// strings ($argon2id$v=19$m=19456,t=2,p=1$salt$hash), so the parameters
// travel with each hash and can be raised without breaking old ones.
package password

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters.
type Params struct {
	// MemoryKiB is the memory cost in KiB.
	MemoryKiB uint32
	// Iterations is the time cost.
	Iterations uint32
	// Parallelism is the number of lanes.
	Parallelism uint8
}

// OWASP is the first argon2id configuration of OWASP's Password Storage Cheat
// Sheet: 19 MiB of memory, 2 iterations, 1 lane.
var OWASP = Params{MemoryKiB: 19 * 1024, Iterations: 2, Parallelism: 1}

const (
	saltLength   = 16
	keyLength    = 32
	maxKeyLength = 64
)

var errMalformed = errors.New("password hash is not an argon2id PHC string")

// Hasher hashes with fixed parameters and verifies hashes made with any.
type Hasher struct {
	params Params
	// slots bounds the hashes computed at once to the processors that can
	// compute them. Each holds its MemoryKiB while it runs: a crowd
	// registering or signing in together held one per request, 17 GB in
	// iam under 2,000 registrations at once (measured with the simulator),
	// and waited no less for it. The others queue at a goroutine's cost.
	slots chan struct{}
}

// NewHasher returns a Hasher using p for new hashes.
func NewHasher(p Params) *Hasher {
	return &Hasher{params: p, slots: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

// derive computes a key in one of the hasher's slots. A caller who has
// gone (ctx done) while waiting for a slot gets ctx's error and costs no
// hash: under a crowd beyond what the processors hash in the gateway's
// timeout, hashing for requests nobody waits for any more only made the
// line longer for the ones still waiting.
func (h *Hasher) derive(ctx context.Context, p Params, password string, salt []byte, n uint32) ([]byte, error) {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("wait to hash: %w", context.Cause(ctx))
	}
	defer func() { <-h.slots }()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("wait to hash: %w", context.Cause(ctx))
	}
	return p.derive(password, salt, n), nil
}

// Hash returns the PHC string of password with a fresh random salt.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, saltLength)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	key, err := h.derive(ctx, h.params, password, salt, keyLength)
	if err != nil {
		return "", err
	}
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		h.params.MemoryKiB, h.params.Iterations, h.params.Parallelism, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify compares password with a PHC hash in constant time; rehash reports
// that the hash was made with other parameters than the Hasher's.
func (h *Hasher) Verify(ctx context.Context, password, hash string) (ok, rehash bool, err error) {
	p, salt, key, err := parse(hash)
	if err != nil {
		return false, false, err
	}
	got, err := h.derive(ctx, p, password, salt, uint32(len(key))) //nolint:gosec // parse bounds the length to maxKeyLength
	if err != nil {
		return false, false, err
	}
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return false, false, nil
	}
	return true, p != h.params || len(key) != keyLength, nil
}

func (p Params) derive(password string, salt []byte, n uint32) []byte {
	return argon2.IDKey([]byte(password), salt, p.Iterations, p.MemoryKiB, p.Parallelism, n)
}

func parse(hash string) (Params, []byte, []byte, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return Params{}, nil, nil, errMalformed
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return Params{}, nil, nil, errMalformed
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Iterations, &p.Parallelism); err != nil {
		return Params{}, nil, nil, errMalformed
	}
	if p.MemoryKiB == 0 || p.Iterations == 0 || p.Parallelism == 0 {
		return Params{}, nil, nil, errMalformed
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return Params{}, nil, nil, errMalformed
	}
	key, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(key) == 0 || len(key) > maxKeyLength {
		return Params{}, nil, nil, errMalformed
	}
	return p, salt, key, nil
}
