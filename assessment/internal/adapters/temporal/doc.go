// Package temporal starts and signals the workflows the assessment service drives.
package temporal
