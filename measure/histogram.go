package measure

import (
	"encoding/json"
	"fmt"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// Histogram wraps an HdrHistogram so that it encodes to JSON as the
// compressed, base64 V2 form that HdrHistogram tools read.
type Histogram struct {
	H *hdrhistogram.Histogram
}

// MarshalJSON encodes the histogram as a V2 compressed base64 string.
func (h *Histogram) MarshalJSON() ([]byte, error) {
	b, err := h.H.Encode(hdrhistogram.V2CompressedEncodingCookieBase)
	if err != nil {
		return nil, fmt.Errorf("encode histogram: %w", err)
	}
	return json.Marshal(string(b))
}

// UnmarshalJSON decodes a histogram written by MarshalJSON.
func (h *Histogram) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("decode histogram: %w", err)
	}
	hh, err := hdrhistogram.Decode([]byte(s))
	if err != nil {
		return fmt.Errorf("decode histogram: %w", err)
	}
	h.H = hh
	return nil
}

// Percentiles are latency figures from a histogram, in nanoseconds.
type Percentiles struct {
	Count int64   `json:"count"`
	Mean  float64 `json:"mean"`
	P50   int64   `json:"p50"`
	P90   int64   `json:"p90"`
	P99   int64   `json:"p99"`
	P999  int64   `json:"p999"`
	Max   int64   `json:"max"`
}

// percentiles reads the standard figures from h.
func percentiles(h *hdrhistogram.Histogram) Percentiles {
	if h.TotalCount() == 0 {
		return Percentiles{}
	}
	v := h.ValueAtPercentilesSlice([]float64{50, 90, 99, 99.9})
	return Percentiles{
		Count: h.TotalCount(),
		Mean:  h.Mean(),
		P50:   v[0], P90: v[1], P99: v[2], P999: v[3],
		Max: h.Max(),
	}
}

// spectrum reads h at SpectrumPercentiles.
func spectrum(h *hdrhistogram.Histogram) []SpectrumPoint {
	if h.TotalCount() == 0 {
		return nil
	}
	v := h.ValueAtPercentilesSlice(SpectrumPercentiles)
	pts := make([]SpectrumPoint, len(v))
	for i, ns := range v {
		pts[i] = SpectrumPoint{Percentile: SpectrumPercentiles[i], Ns: ns}
	}
	return pts
}
