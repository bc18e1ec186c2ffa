package exam

import "hash/fnv"

// Order is the order in which an attempt with seed shows n items: a
// permutation of 0..n-1. The generator and the shuffle are written out here,
// not taken from math/rand, so an attempt keeps its order across Go releases.
func Order(seed uint64, n int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	state := seed
	for i := n - 1; i > 0; i-- {
		j := int(splitmix64(&state) % uint64(i+1)) //nolint:gosec // the remainder is at most i, an int
		order[i], order[j] = order[j], order[i]
	}
	return order
}

// QuestionOrder is the order of the content's questions for an attempt with
// seed: shuffled when the test shuffles questions, as written otherwise.
func (c Content) QuestionOrder(seed uint64) []Question {
	out := make([]Question, len(c.Questions))
	if !c.Settings.ShuffleQuestions {
		copy(out, c.Questions)
		return out
	}
	for i, j := range Order(seed, len(c.Questions)) {
		out[i] = c.Questions[j]
	}
	return out
}

// OptionOrder is the order of q's options for an attempt with seed: shuffled
// when the test shuffles options (each question differently), as written
// otherwise.
func (c Content) OptionOrder(seed uint64, q Question) []Option {
	out := make([]Option, len(q.Options))
	if !c.Settings.ShuffleOptions {
		copy(out, q.Options)
		return out
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(q.ID))
	for i, j := range Order(seed^h.Sum64(), len(q.Options)) {
		out[i] = q.Options[j]
	}
	return out
}

// splitmix64 advances state and returns the next value of Vigna's SplitMix64.
func splitmix64(state *uint64) uint64 {
	*state += 0x9e3779b97f4a7c15
	z := *state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// MatchingChoices are the answers of matching question q in the order an
// attempt with seed offers them. They are always shuffled, whatever the
// test's settings: in the teacher's order they would line up with the
// prompts and give the key away.
func (c Content) MatchingChoices(seed uint64, q Question) []string {
	return keylessOrder(seed, "choices/"+q.ID, q.Choices())
}

// OrderingItems are the items of ordering question q in the order an attempt
// with seed shows them: always shuffled, and never in their right order, which
// is the key.
func (c Content) OrderingItems(seed uint64, q Question) []string {
	return keylessOrder(seed, "items/"+q.ID, q.Items)
}

// keylessOrder shuffles items with seed and salt; a shuffle that leaves every
// item where it was is turned by one place, so the written order, which may
// be the key, is never shown.
func keylessOrder(seed uint64, salt string, items []string) []string {
	h := fnv.New64a()
	_, _ = h.Write([]byte(salt))
	order := Order(seed^h.Sum64(), len(items))
	out := make([]string, len(items))
	identity := true
	for i, j := range order {
		out[i] = items[j]
		identity = identity && i == j
	}
	if identity && len(out) > 1 {
		out = append(out[1:], out[0])
	}
	return out
}
