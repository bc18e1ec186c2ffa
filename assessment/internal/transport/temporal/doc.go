// Package temporal holds the activities the assessment service runs on its task queue for the LMS's workflows.
package temporal
