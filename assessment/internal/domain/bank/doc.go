// Package bank is a course's question bank: questions with a category and
// tags, each edit a new version, from which tests draw questions at random
// at the start of each attempt. Attempts keep a copy of the version they
// drew, so an edit here never changes an attempt that drew the question.
package bank
