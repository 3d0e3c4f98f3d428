//go:build race

package labs

// raceEnabled says the race detector is on, which shifts time between
// functions.
const raceEnabled = true
