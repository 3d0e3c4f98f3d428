package measure

import (
	"math"
	"testing"
)

func TestCoefficientOfVariationAndOutliers(t *testing.T) {
	if got := coefficientOfVariation([]float64{1, 2, 3, 4}); math.Abs(got-0.5164) > 1e-3 {
		t.Errorf("CV = %g, want 0.5164", got)
	}
	if got := coefficientOfVariation([]float64{5}); got != 0 {
		t.Errorf("CV of one value = %g, want 0", got)
	}
	if got := outliers([]float64{10, 10, 10, 10, 10, 11, 10, 9, 10, 100}); got != 1 {
		t.Errorf("outliers = %d, want 1", got)
	}
	if got := outliers([]float64{10, 11, 9, 10, 12, 8}); got != 0 {
		t.Errorf("outliers = %d, want 0", got)
	}
}

// coefficientOfVariation is the sample standard deviation over the mean,
// for tests that compare the spread of two timers.
func coefficientOfVariation(v []float64) float64 {
	if len(v) < 2 {
		return 0
	}
	m := mean(v)
	if m == 0 {
		return 0
	}
	var ss float64
	for _, x := range v {
		ss += (x - m) * (x - m)
	}
	return math.Sqrt(ss/float64(len(v)-1)) / m
}
