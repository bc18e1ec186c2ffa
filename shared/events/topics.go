// Package events holds the LMS's event contract: Kafka topic names, CloudEvents
// types and the JSON data each type carries. Producers and consumers in every
// service use these types, so a change here is a change of the public contract
// (see the golden files under testdata).
package events

// Topics, one per producing context, keyed by aggregate id.
const (
	TopicIAM        = "lms.iam.v1"
	TopicCourse     = "lms.course.v1"
	TopicAssessment = "lms.assessment.v1"
)

// DeadLetterSuffix is appended to a topic's name to form its dead-letter topic,
// where consumers put messages they cannot decode, with the reason in a header.
const DeadLetterSuffix = ".dlq"

// DeadLetter returns the dead-letter topic of topic.
func DeadLetter(topic string) string { return topic + DeadLetterSuffix }

// Topics lists the domain topics the local stack and the cluster create.
func Topics() []string { return []string{TopicIAM, TopicCourse, TopicAssessment} }

// Partitions is how many partitions each domain and dead-letter topic has.
const Partitions = 6
