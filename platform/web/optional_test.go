package web

import (
	"encoding/json"
	"testing"
)

func TestOptionalTellsAbsentNullAndValue(t *testing.T) {
	var b struct {
		A Optional[int] `json:"a"`
		B Optional[int] `json:"b"`
		C Optional[int] `json:"c"`
	}
	if err := json.Unmarshal([]byte(`{"b": null, "c": 7}`), &b); err != nil {
		t.Fatal(err)
	}
	if b.A.Set || b.A.Null || b.A.Value != nil {
		t.Errorf("absent: %+v", b.A)
	}
	if !b.B.Set || !b.B.Null || b.B.Value != nil {
		t.Errorf("null: %+v", b.B)
	}
	if !b.C.Set || b.C.Null || b.C.Value == nil || *b.C.Value != 7 {
		t.Errorf("value: %+v", b.C)
	}
	if err := json.Unmarshal([]byte(`{"c": "x"}`), &b); err == nil {
		t.Error("a wrong type must fail")
	}
}
