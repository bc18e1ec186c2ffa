// Package temporal holds the activities the course service runs on its task queue for the LMS's workflows.
package temporal
