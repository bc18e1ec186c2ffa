// Package e2e holds the course service's end-to-end journeys: real users
// signed in through the gateway, every service of the local stack running
// (`./task up`), and the enrollment workflow driven by the real worker.
package e2e
