package http

import (
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"

	contract "lms/shared/api"
	"lms/shared/auth"
	"lms/shared/ginproblem"
)

// jwksHandler publishes the signing keys as a JWKS. The document is rebuilt
// only when the key set changed, since every service polls it.
func jwksHandler(keys func() []auth.PublicKey) (gin.HandlerFunc, error) {
	var (
		mu   sync.Mutex
		last string
		doc  []byte
	)
	return func(c *gin.Context) {
		ks := keys()
		id := ""
		for _, k := range ks {
			id += k.ID + ","
		}
		mu.Lock()
		if doc == nil || id != last {
			b, err := auth.EncodeJWKS(ks)
			if err != nil {
				mu.Unlock()
				_ = c.Error(err)
				ginproblem.Write(c, ginproblem.Status(http.StatusInternalServerError, "internal", "the key set cannot be published"))
				return
			}
			doc, last = b, id
		}
		body := doc
		mu.Unlock()
		c.Header("Cache-Control", "public, max-age=60")
		c.Data(http.StatusOK, "application/jwk-set+json", body)
	}, nil
}

// openAPIHandler serves the public contract as JSON.
func openAPIHandler() (gin.HandlerFunc, error) {
	doc, err := contract.JSON()
	if err != nil {
		return nil, err
	}
	return func(c *gin.Context) {
		c.Header("Cache-Control", "public, max-age=300")
		c.Data(http.StatusOK, "application/json", doc)
	}, nil
}
