package domain

import (
	"strings"
	"testing"
)

// djangoKnownHash is what Django 5.1's PBKDF2PasswordHasher stores for
// make_password("correct horse battery", salt="pepperpepper12345678"): its
// encode() is hashlib.pbkdf2_hmac("sha256", ...) at 870000 iterations,
// base64-encoded; computed with Python's hashlib, independently of Go.
const djangoKnownHash = "pbkdf2_sha256$870000$pepperpepper12345678$OAGa+e+Wi8hyjlrkwA87RKXxrPDREkdmlEa94WCveYc="

// A Django hash must verify unchanged, and Go must produce the same bytes.
func TestDjangoHash(t *testing.T) {
	const django = "pbkdf2_sha256$870000$pepperpepper12345678$"
	h, err := hashWith("correct horse battery", "pepperpepper12345678", 870000)
	if err != nil || !strings.HasPrefix(h, django) {
		t.Fatalf("hash %q %v", h, err)
	}
	if h != djangoKnownHash {
		t.Fatalf("hash differs from Django's:\n got %s\nwant %s", h, djangoKnownHash)
	}
	ok, upgrade, err := CheckPassword("correct horse battery", djangoKnownHash)
	if !ok || upgrade || err != nil {
		t.Fatalf("ok=%v upgrade=%v err=%v", ok, upgrade, err)
	}
	if ok, _, _ := CheckPassword("correct horse batterY", djangoKnownHash); ok {
		t.Fatal("wrong password accepted")
	}
}

func TestWeakHashIsUpgraded(t *testing.T) {
	old, _ := hashWith("s3cret-passphrase", "salt", 260000) // Django 3.2's default
	ok, upgrade, err := CheckPassword("s3cret-passphrase", old)
	if !ok || !upgrade || err != nil {
		t.Fatalf("ok=%v upgrade=%v err=%v", ok, upgrade, err)
	}
	fresh, _ := HashPassword("s3cret-passphrase")
	if !strings.HasPrefix(fresh, "pbkdf2_sha256$600000$") {
		t.Fatalf("new hash %s", fresh)
	}
	if ok, upgrade, _ := CheckPassword("s3cret-passphrase", fresh); !ok || upgrade {
		t.Fatal("fresh hash should verify without upgrade")
	}
	if a, _ := HashPassword("same"); a == fresh {
		t.Fatal("salts must differ")
	}
}

func TestMalformedHashes(t *testing.T) {
	for _, h := range []string{"", "md5$1$a$b", "pbkdf2_sha256$x$salt$hash", "pbkdf2_sha256$0$s$h", "pbkdf2_sha256$1$s"} {
		if _, _, err := CheckPassword("pw", h); err != ErrMalformedHash {
			t.Errorf("%q: %v", h, err)
		}
	}
}

func TestRules(t *testing.T) {
	emails := map[string]string{"ada@example.com": "", "": "is required", "ada": "must be an email address",
		"ada@localhost": "must be an email address", "Ada <ada@example.com>": "must be an email address"}
	for e, want := range emails {
		if got := CheckEmail(e); got != want {
			t.Errorf("CheckEmail(%q) = %q, want %q", e, got, want)
		}
	}
	if NormalizeEmail("  Ada@Example.COM ") != "ada@example.com" {
		t.Error("NormalizeEmail")
	}
	passwords := map[string]string{"longenough1": "", "short": "must be at least 10 characters",
		"ada@example.com": "must not be your email address", "ADA@example.com": "must not be your email address",
		"äöüäöüäöüä": ""}
	for p, want := range passwords {
		if got := CheckNewPassword(p, "ada@example.com"); got != want {
			t.Errorf("CheckNewPassword(%q) = %q, want %q", p, got, want)
		}
	}
	if CheckName("  ") == "" || CheckName(strings.Repeat("a", 101)) == "" || CheckName("Ada") != "" {
		t.Error("CheckName")
	}
	for roles, bad := range map[string]bool{"customer": false, "staff,admin": false, "": true, "root": true, "staff,staff": true} {
		var list []string
		if roles != "" {
			list = strings.Split(roles, ",")
		}
		if (CheckRoles(list) != "") != bad {
			t.Errorf("CheckRoles(%q) = %q", roles, CheckRoles(list))
		}
	}
	if got := SortRoles([]string{"admin", "customer"}); strings.Join(got, ",") != "customer,admin" {
		t.Errorf("SortRoles = %v", got)
	}
}
