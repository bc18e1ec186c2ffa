package auth

import (
	"crypto/sha256"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
)

// tokenCache remembers the principals of tokens whose signature and claims
// were verified, keyed by the SHA-256 of the token so the cache never holds a
// usable credential. An entry is only served while its token is unexpired;
// the LRU bound keeps memory flat under many distinct tokens.
type tokenCache struct {
	lru *lru.Cache[[sha256.Size]byte, Principal]
}

func newTokenCache(size int) (*tokenCache, error) {
	c, err := lru.New[[sha256.Size]byte, Principal](size)
	if err != nil {
		return nil, err
	}
	return &tokenCache{lru: c}, nil
}

func (c *tokenCache) get(key [sha256.Size]byte, now time.Time) (Principal, bool) {
	p, ok := c.lru.Get(key)
	if !ok {
		return Principal{}, false
	}
	if !now.Before(p.ExpiresAt) {
		c.lru.Remove(key)
		return Principal{}, false
	}
	return p, true
}

func (c *tokenCache) put(key [sha256.Size]byte, p Principal) { c.lru.Add(key, p) }

func (c *tokenCache) len() int { return c.lru.Len() }
