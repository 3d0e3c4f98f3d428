package backend

import (
	"testing"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/measure"
)

func TestOpenLoopConfig(t *testing.T) {
	hook := OpenLoopConfig("k")
	for _, tt := range []struct {
		name        string
		rateParam   float64
		k           int
		cfg         measure.Config
		wantRate    float64
		wantWorkers int
	}{
		{"closed loop", 0, 8, measure.Config{}, 0, 0},
		{"rate parameter", 500, 8, measure.Config{}, 500, 8},
		{"--rate flag", 0, 8, measure.Config{Rate: 100}, 100, 8},
		{"pool above the bound", 500, 1000, measure.Config{}, 500, MaxInFlight},
		{"--workers kept", 500, 8, measure.Config{Workers: 3}, 500, 3},
	} {
		v := lab.Values{"rate": tt.rateParam, "k": tt.k}
		c := tt.cfg
		hook(v, &c)
		if c.Rate != tt.wantRate || c.Workers != tt.wantWorkers || v.Float("rate") != tt.wantRate {
			t.Errorf("%s: rate %v, workers %d, rate parameter %v; want %v, %d, %v",
				tt.name, c.Rate, c.Workers, v.Float("rate"), tt.wantRate, tt.wantWorkers, tt.wantRate)
		}
	}
}
