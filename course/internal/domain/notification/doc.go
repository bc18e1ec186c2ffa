// Package notification holds what the LMS tells a person and how: the kinds
// of notification, a person's preferences (which kinds, in the inbox and by
// email), the message each event becomes, and the key that makes each
// delivery happen once. It imports the standard library only.
package notification
