package measure

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Kept says why a subject is measured as one instance for the whole run
// instead of fresh ones (see Subject.Fresh).
type Kept string

const (
	// KeptShared: its set-up starts what the run shares and keeps, such
	// as servers, thread pools or worker processes.
	KeptShared Kept = "shared"
	// KeptState: its state is what is measured, a cache that warms over
	// the run, so a fresh one would measure something else.
	KeptState Kept = "state"
	// KeptOwn: a person's own command, service or code, which perflab
	// cannot build again.
	KeptOwn Kept = "own"
)

// Instances says how many instances of a subject a run measured.
type Instances struct {
	// Built counts the instances measured, the first included: 1 when
	// the subject's set-up was not repeated.
	Built int `json:"built"`
	// Block is the number of rounds each fresh instance served, 0 when
	// there was one instance.
	Block int `json:"block,omitempty"`
	// BuildNs is the median time to build one fresh instance, outside
	// the clock.
	BuildNs int64 `json:"build_ns,omitempty"`
	// Kept says why there was one instance, when the subject says.
	Kept Kept `json:"kept,omitempty"`
}

// Fresh instances serve blocks of rounds, and the comparisons take one
// observation a block: the rounds of one instance share its luck, so only
// blocks are independent. A block is at least two rounds, so that the
// spread between instances can be told from the spread between rounds
// (see instanceSpread), and longer where building costs more than a
// round, so that building takes at most about as long as measuring.
const minBlock = 2

// shortFixedRounds is the fewest rounds of a fixed design that run in
// blocks: below it, blocks of two would leave too few observations for
// the sign test's interval (minFixedRounds), so every round gets a fresh
// instance and is an observation of its own.
const shortFixedRounds = 2 * minFixedRounds

// renews says whether any subject of the run is built afresh.
func (r *Run) renews() bool {
	for _, st := range r.subjects {
		if st.s.Fresh != nil {
			return true
		}
	}
	return false
}

// renew replaces every subject that can be built afresh by a fresh
// instance, outside the clock, and closes the one it replaces. It returns
// the time the building took.
func (r *Run) renew(ctx context.Context) (int64, error) {
	var total int64
	for _, st := range r.subjects {
		if st.s.Fresh == nil {
			continue
		}
		t0 := Now()
		fresh, err := st.s.Fresh(ctx)
		d := Now() - t0
		if err != nil {
			if ctx.Err() != nil {
				return total, nil
			}
			return total, fmt.Errorf("%s: a fresh instance: %w", st.s.Name, err)
		}
		total += d
		st.buildNs = append(st.buildNs, float64(d))
		old := st.s
		fresh.Name, fresh.Fresh = old.Name, old.Fresh
		if err := fresh.validate(); err != nil || (fresh.Loop == nil) != (old.Loop == nil) {
			return total, errors.Join(fmt.Errorf("%s: a fresh instance is not built as the first was", old.Name), err, fresh.close())
		}
		st.s = fresh
		st.built++
		if err := old.close(); err != nil {
			return total, fmt.Errorf("%s: close an instance: %w", old.Name, err)
		}
	}
	return total, nil
}

// chooseBlock sets the rounds each instance serves, from what building
// the first fresh instances cost against the warm-up round: at least
// minBlock, and as many rounds as building takes.
func (r *Run) chooseBlock(buildNs, roundNs int64) {
	r.block = blockFor(r.cfg, r.renews(), buildNs, roundNs)
}

// blockStarts says whether measured round (from 1) starts a block.
func (r *Run) blockStarts(round int) bool {
	return round >= 1 && (round-1)%max(1, r.block) == 0
}

// blockValues returns one value a block of k rounds from reps: the
// geometric mean of its repetitions' ns/op, 0 for a block in which none
// measured anything. A last block shorter than k counts when partial is
// set; a run that goes on until decided looks only at whole blocks.
func blockValues(reps []Rep, k int, partial bool) []float64 {
	k = max(1, k)
	var out []float64
	for b := 0; b*k < len(reps); b++ {
		end := min(len(reps), (b+1)*k)
		if end-b*k < k && !partial {
			break
		}
		out = append(out, geoMeanNs(reps[b*k:end]))
	}
	return out
}

// geoMeanNs is the geometric mean of the ns/op of the repetitions that
// measured something, 0 when none did.
func geoMeanNs(reps []Rep) float64 {
	sum, n := 0.0, 0
	for _, rep := range reps {
		if rep.Ops > 0 && rep.NsPerOp > 0 {
			sum += math.Log(rep.NsPerOp)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return math.Exp(sum / float64(n))
}

// minSpreadBlocks is the fewest whole blocks from which an instance
// spread is estimated.
const minSpreadBlocks = 6

// instanceSpread estimates how much fresh instances of one strategy differ,
// as a robust standard deviation of log ns/op (0.03 is ±3 %), from the
// per-round log ratios of a comparison grouped in blocks of k rounds, one
// pair of instances a block. A ratio d in round j of block b is the true
// ratio, plus u_b, what block b's two instances add, plus e, the round's
// own noise. Within a block only e varies: the differences of its rounds
// give the rounds' spread. Between blocks the block means vary by u and
// by e averaged over k rounds: what the means spread beyond e's share is
// u's. u is the difference of two instances, one of each strategy, so one
// strategy's spread is u's over √2, when both vary alike. ok is false
// with too few whole blocks to tell.
func instanceSpread(base, subject []Rep, k int) (spread float64, ok bool) {
	if k < 2 {
		return 0, false
	}
	var within, means []float64
	for b := 0; (b+1)*k <= min(len(base), len(subject)); b++ {
		d := make([]float64, 0, k)
		for j := b * k; j < (b+1)*k; j++ {
			if base[j].NsPerOp > 0 && subject[j].NsPerOp > 0 {
				d = append(d, math.Log(base[j].NsPerOp/subject[j].NsPerOp))
			}
		}
		if len(d) < k {
			continue
		}
		m := mean(d)
		means = append(means, m)
		for _, x := range d {
			// Scaled so that each deviation from the block's mean has the
			// variance of e: a deviation from a mean of k has (k-1)/k of it.
			within = append(within, (x-m)*math.Sqrt(float64(k)/float64(k-1)))
		}
	}
	if len(means) < minSpreadBlocks {
		return 0, false
	}
	sigmaE := 1.4826 * median(absDeviations(within, 0))
	sigmaMeans := robustSpread(slices.Sorted(slices.Values(means)))
	u2 := sigmaMeans*sigmaMeans - sigmaE*sigmaE/float64(k)
	return math.Sqrt(max(0, u2) / 2), true
}

// instances says how many instances of st the run measured.
func (st *subjectState) instances(block int) *Instances {
	in := &Instances{Built: st.built, Kept: st.s.Kept}
	if st.s.Fresh != nil {
		in.Block = block
		if len(st.buildNs) > 0 {
			in.BuildNs = int64(median(st.buildNs))
		}
	}
	return in
}
