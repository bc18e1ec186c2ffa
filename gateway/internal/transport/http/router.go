package http

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"lms/gateway/internal/app"
	"lms/shared/auth"
	"lms/shared/ginauth"
	"lms/shared/ginproblem"
	"lms/shared/health"
	"lms/shared/reqmetrics"
)

// limiterKeys bounds each rate limiter's table of buckets.
const limiterKeys = 100_000

// CookieOptions controls the optional refresh-token cookie.
type CookieOptions struct {
	// Enabled sets the refresh token as an HttpOnly, SameSite=Strict cookie
	// limited to /api/v1/auth as well as returning it in the body, and lets
	// refresh and logout read it from there.
	Enabled bool
	// Secure marks the cookie Secure (HTTPS only).
	Secure bool
}

// Options are everything the router needs; service.New fills them.
type Options struct {
	App *app.Application
	Log *slog.Logger
	// Authenticate verifies the bearer token and stores the principal
	// (auth.Gin over the gateway's verifier).
	Authenticate gin.HandlerFunc
	// SigningKeys returns the keys /.well-known/jwks.json publishes.
	SigningKeys func() []auth.PublicKey
	// Ready names the dependencies /readyz checks.
	Ready    health.Checks
	Registry *prometheus.Registry

	CourseURL, AssessmentURL *url.URL
	ProxyTimeouts            ProxyTimeouts
	// ProxyTransport replaces the upstream transport (nil: one built from
	// ProxyTimeouts).
	ProxyTransport http.RoundTripper

	CORSOrigins    []string
	TrustedProxies []string
	BodyLimit      int64
	AddressRate    Rate
	UserRate       Rate
	RefreshCookie  CookieOptions
}

// api holds the handlers' dependencies.
type api struct {
	app  *app.Application
	log  *slog.Logger
	opts Options
}

// NewRouter builds the gateway's HTTP handler.
func NewRouter(o Options) (*gin.Engine, error) {
	a := &api{app: o.App, log: o.Log, opts: o}
	m, err := reqmetrics.NewHTTP("gateway", o.Registry)
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	byAddr, err := rateLimit(o.AddressRate, limiterKeys, byAddress)
	if err != nil {
		return nil, err
	}
	perUser, err := rateLimit(o.UserRate, limiterKeys, byUser)
	if err != nil {
		return nil, err
	}
	jwks, err := jwksHandler(o.SigningKeys)
	if err != nil {
		return nil, err
	}
	spec, err := openAPIHandler()
	if err != nil {
		return nil, err
	}

	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	r.ContextWithFallback = true
	if err := r.SetTrustedProxies(o.TrustedProxies); err != nil {
		return nil, fmt.Errorf("trusted proxies: %w", err)
	}
	r.Use(requestIDs(), m.Gin(), observe(o.Log), recovery(o.Log), corsPolicy(o.CORSOrigins))
	r.NoRoute(ginproblem.NotFound)
	r.NoMethod(ginproblem.MethodNotAllowed)

	ops := http.NewServeMux()
	health.Register(ops, o.Ready, o.Registry)
	for _, p := range []string{"/healthz", "/readyz", "/metrics"} {
		r.GET(p, gin.WrapH(ops))
	}

	pub := r.Group("/", byAddr, bodyLimit(o.BodyLimit))
	pub.GET("/.well-known/jwks.json", jwks)
	pub.GET("/api/v1/openapi.json", spec)
	pub.POST("/api/v1/auth/register", a.register)
	pub.POST("/api/v1/auth/login", a.login)
	pub.POST("/api/v1/auth/refresh", a.refresh)
	pub.POST("/api/v1/auth/logout", a.logout)
	pub.GET("/api/v1/auth/providers", a.identityProviders)
	pub.GET("/api/v1/auth/oidc/:provider/start", a.startExternal)
	pub.GET("/api/v1/auth/oidc/:provider/callback", a.externalCallback)
	pub.POST("/api/v1/auth/oidc/token", a.exchangeSignInCode)

	course := proxyTo(newProxy(o.CourseURL, o.ProxyTimeouts, o.ProxyTransport))
	assessment := proxyTo(newProxy(o.AssessmentURL, o.ProxyTimeouts, o.ProxyTransport))
	// Anyone may verify a certificate id, so no token; only reading.
	verify := anonymousProxyTo(newProxy(o.CourseURL, o.ProxyTimeouts, o.ProxyTransport))
	pub.GET("/api/v1/certificates/:id", verify)
	pub.HEAD("/api/v1/certificates/:id", verify)

	in := pub.Group("/", o.Authenticate, perUser)
	in.GET("/api/v1/me", a.me)
	in.POST("/api/v1/me/password", a.changePassword)
	in.GET("/api/v1/me/identities", a.myIdentities)
	in.DELETE("/api/v1/me/identities/:id", a.unlinkIdentity)

	admin := in.Group("/api/v1/users", ginauth.RequireRole(o.Log, auth.RoleAdmin))
	admin.GET("", a.listUsers)
	admin.POST("", a.createUser)
	admin.GET("/:id", a.getUser)
	admin.PUT("/:id/roles", a.setRoles)
	admin.POST("/:id/disable", a.disableUser)
	admin.POST("/:id/enable", a.enableUser)

	for prefix, h := range map[string]gin.HandlerFunc{
		"/api/v1/courses": course, "/api/v1/tests": assessment, "/api/v1/attempts": assessment, "/api/v1/banks": assessment,
		"/api/v1/notifications": course, "/api/v1/webhooks": course,
	} {
		in.Match(proxiedMethods, prefix, h)
		in.Match(proxiedMethods, prefix+"/*path", h)
	}
	return r, nil
}

// proxiedMethods are the methods forwarded to course and assessment.
var proxiedMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}
