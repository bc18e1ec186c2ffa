package exam

import "strings"

// Normalize prepares a short-text answer for comparison: surrounding white
// space removed, inner runs of white space (spaces, tabs, new lines) reduced
// to one space, and letters in lower case, so " New   York" matches "new york".
func Normalize(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
