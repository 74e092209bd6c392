package duration

import "testing"

func TestHoursAndMinutes(t *testing.T) {
	if got, err := Minutes("1h30m"); err != nil || got != 90 {
		t.Fatalf("Minutes(1h30m) = %d, %v; want 90, nil", got, err)
	}
}

func TestMinutesOnly(t *testing.T) {
	if got, err := Minutes("45m"); err != nil || got != 45 {
		t.Fatalf("Minutes(45m) = %d, %v; want 45, nil", got, err)
	}
}

func TestHoursOnly(t *testing.T) {
	if got, err := Minutes("2h"); err != nil || got != 120 {
		t.Fatalf("Minutes(2h) = %d, %v; want 120, nil", got, err)
	}
}

func TestNumberWithoutUnit(t *testing.T) {
	if _, err := Minutes("90"); err == nil {
		t.Fatal("Minutes(90) should fail: no unit")
	}
}

func TestUnknownUnit(t *testing.T) {
	if _, err := Minutes("3d"); err == nil {
		t.Fatal("Minutes(3d) should fail: d is not a unit")
	}
}

func TestEmpty(t *testing.T) {
	if _, err := Minutes(""); err == nil {
		t.Fatal("Minutes(\"\") should fail")
	}
}
