// Package temporal starts and signals the workflows the course service drives.
package temporal
