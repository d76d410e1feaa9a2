package web

import "encoding/json"

// Optional tells three states of a JSON field apart: absent (Set false),
// null (Null true: clear it) and a value. PATCH bodies need all three.
type Optional[T any] struct {
	Set   bool
	Null  bool
	Value *T
}

// UnmarshalJSON implements json.Unmarshaler; it runs only for present fields.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Null = true
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	o.Value = &v
	return nil
}
