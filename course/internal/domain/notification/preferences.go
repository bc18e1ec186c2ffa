package notification

// Choice is where a person receives one kind: in her inbox, by email, both
// or neither.
type Choice struct {
	InApp bool
	Email bool
}

// Preference is a person's choice for one kind.
type Preference struct {
	Kind Kind
	Choice
}

// Preferences are a person's choices for every kind. A kind she never chose
// for reaches her both in the inbox and by email.
type Preferences struct {
	choices map[Kind]Choice
	digest  bool
}

// Digest reports whether the person's mails come as one digest a day
// instead of one mail per event.
func (p Preferences) Digest() bool { return p.digest }

// WithDigest returns p with the daily digest on or off.
func (p Preferences) WithDigest(on bool) Preferences {
	p.digest = on
	return p
}

// DefaultChoice is where a kind reaches a person who never chose.
var DefaultChoice = Choice{InApp: true, Email: true}

// NewPreferences returns the preferences made of set; a later entry for the
// same kind wins. An unknown kind is ErrUnknownKind.
func NewPreferences(set []Preference) (Preferences, error) {
	p := Preferences{choices: map[Kind]Choice{}}
	for _, s := range set {
		if _, err := ParseKind(string(s.Kind)); err != nil {
			return Preferences{}, err
		}
		p.choices[s.Kind] = s.Choice
	}
	return p, nil
}

// For returns where kind k reaches the person.
func (p Preferences) For(k Kind) Choice {
	if c, ok := p.choices[k]; ok {
		return c
	}
	return DefaultChoice
}

// List returns the choice for every kind, in the order of Kinds.
func (p Preferences) List() []Preference {
	out := make([]Preference, 0, len(kinds))
	for _, k := range kinds {
		out = append(out, Preference{Kind: k, Choice: p.For(k)})
	}
	return out
}
