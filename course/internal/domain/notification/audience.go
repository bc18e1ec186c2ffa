package notification

// Audience is a group of people an event concerns as a whole rather than
// one person: the staff of its course, or the administrators.
type Audience string

// The audiences.
const (
	// AudienceDeciders are the staff who decide a course's enrollment
	// requests: its owner and co-teachers.
	AudienceDeciders Audience = "deciders"
	// AudienceGraders are the staff who grade a course's attempts: its
	// owner, co-teachers and teaching assistants.
	AudienceGraders Audience = "graders"
	// AudienceAdministrators are the platform's administrators.
	AudienceAdministrators Audience = "administrators"
)
