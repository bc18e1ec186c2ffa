// Package http is the gateway's public REST API (gin): middleware, identity
// routes and the reverse proxy to course and assessment.
package http
