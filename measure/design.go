package measure

import "math"

// blockFor returns the rounds each fresh instance serves in a run of cfg
// whose subjects renew (renews says whether any does), when building one
// round's fresh instances takes buildNs and a round roundNs: at least
// minBlock, and as many rounds as building takes, so that building takes at
// most about as long as measuring; every round in a short fixed design
// (see shortFixedRounds); 1 when nothing is built afresh.
func blockFor(cfg Config, renews bool, buildNs, roundNs int64) int {
	if !renews || (cfg.Reps != 0 && cfg.Reps < shortFixedRounds) {
		return 1
	}
	if roundNs <= 0 {
		return minBlock
	}
	return max(minBlock, int(math.Ceil(float64(buildNs)/float64(roundNs))))
}

// FreshBuilds returns how many times a fixed design of cfg builds each
// fresh strategy after its first instance, when building one round's fresh
// instances is expected to take buildNs and a round roundNs: once a block
// of measured rounds, as the run will (see Subject.Fresh). A run until
// decided has no number of rounds before it starts: 0. The planner (labs)
// counts set-ups by it, so that an expected time and a time bound count
// what the run will do.
func FreshBuilds(cfg Config, buildNs, roundNs int64) int {
	if cfg.Reps == 0 {
		return 0
	}
	k := blockFor(cfg, true, buildNs, roundNs)
	return (cfg.Reps + k - 1) / k
}
