// Package jsontext checks the JSON bodies clients send, so that a refusal
// names the field: it refuses text that no store of the LMS can keep,
// invalid UTF-8 (which Go's decoder would silently turn into U+FFFD) and NUL
// characters (which PostgreSQL's text and jsonb refuse), naming a path such
// as `questions[2].options[0].text`; and it names the field of a decoding
// error (a wrong type, an unknown field).
package jsontext

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"lms/shared/errs"
)

// ErrInvalidText is the refusal of a body with invalid UTF-8 or a NUL
// character; its field "field" names where.
var ErrInvalidText = errs.New(errs.InvalidArgument, "invalid-text",
	"text must be valid UTF-8 without NUL characters")

// Check reports the first field of the JSON document body whose key or
// string value is invalid UTF-8 or holds a NUL character. A body that is not
// JSON passes: the decoder that follows reports that.
func Check(body []byte) error {
	bad := invalidUTF8At(body)
	if bad < 0 && !bytes.Contains(body, []byte(`\u0000`)) {
		return nil // the common case costs two scans
	}
	w := walker{dec: json.NewDecoder(bytes.NewReader(body))}
	w.dec.UseNumber()
	for {
		tok, err := w.dec.Token()
		if errors.Is(err, io.EOF) || err != nil && bad < 0 {
			return nil
		}
		if bad >= 0 && (err != nil || w.dec.InputOffset() > int64(bad)) {
			return ErrInvalidText.With("field", w.path(tok, err == nil))
		}
		if s, ok := tok.(string); ok && strings.IndexByte(s, 0) >= 0 {
			return ErrInvalidText.With("field", w.path(tok, true))
		}
		w.step(tok)
	}
}

// invalidUTF8At returns the offset of the first byte that is not valid UTF-8,
// or -1.
func invalidUTF8At(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// frame is one open object or array: in an object, key is the current key
// and wantKey says whether the next string is a key; in an array, index is
// the current element.
type frame struct {
	array   bool
	key     string
	wantKey bool
	index   int
}

// walker follows the decoder's tokens and knows the path of the current one.
type walker struct {
	dec   *json.Decoder
	stack []frame
}

// path names the place of tok: the key itself when tok is a key, else the
// value's place.
func (w *walker) path(tok json.Token, read bool) string {
	var b strings.Builder
	for i, f := range w.stack {
		last := i == len(w.stack)-1
		switch {
		case f.array:
			b.WriteString("[" + strconv.Itoa(f.index) + "]")
		case last && f.wantKey && read:
			if s, ok := tok.(string); ok {
				writeKey(&b, strings.ToValidUTF8(s, "\uFFFD"))
			}
		case f.key != "" || !f.wantKey:
			writeKey(&b, f.key)
		}
	}
	if b.Len() == 0 {
		return "(body)"
	}
	return b.String()
}

func writeKey(b *strings.Builder, k string) {
	if b.Len() > 0 {
		b.WriteByte('.')
	}
	b.WriteString(k)
}

// step moves the path past tok.
func (w *walker) step(tok json.Token) {
	top := len(w.stack) - 1
	if d, ok := tok.(json.Delim); ok {
		switch d {
		case '{', '[':
			w.stack = append(w.stack, frame{array: d == '[', wantKey: d == '{'})
		default:
			w.stack = w.stack[:top]
			w.valueDone()
		}
		return
	}
	if top >= 0 && !w.stack[top].array && w.stack[top].wantKey {
		w.stack[top].key, w.stack[top].wantKey = tok.(string), false
		return
	}
	w.valueDone()
}

// valueDone records that the current value of the innermost container ended.
func (w *walker) valueDone() {
	top := len(w.stack) - 1
	if top < 0 {
		return
	}
	if w.stack[top].array {
		w.stack[top].index++
	} else {
		w.stack[top].wantKey = true
	}
}
