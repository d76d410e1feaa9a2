package module

import (
	"strings"
	"testing"
	"time"
)

func TestHoldTTLFromEnvironment(t *testing.T) {
	t.Setenv("CATALOG_HOLD_TTL", "")
	if c, err := loadConfig(); err != nil || c.HoldTTL != 15*time.Minute {
		t.Fatalf("default: %v %v", c.HoldTTL, err)
	}
	t.Setenv("CATALOG_HOLD_TTL", "30m")
	if c, err := loadConfig(); err != nil || c.HoldTTL != 30*time.Minute {
		t.Fatalf("30m: %v %v", c.HoldTTL, err)
	}
	for _, bad := range []string{"soon", "10s", "48h"} {
		t.Setenv("CATALOG_HOLD_TTL", bad)
		if _, err := loadConfig(); err == nil || !strings.Contains(err.Error(), "CATALOG_HOLD_TTL") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}
