// Package http is the course service's driving HTTP side: gin handlers that call the app layer and map its errors to problem details.
package http
