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
