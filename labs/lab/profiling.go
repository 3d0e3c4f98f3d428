package lab

// Profiling says what a profile of a workload's strategies can show. It is
// declared once, on the workload, and every front end reads it: the command
// line refuses a profile where there is none to take, and the TUI's set-up
// offers its profile row only where it would show something.
type Profiling int

// What a workload's profile shows.
const (
	// ProfileWork: the strategies' own work. A Go workload's strategies
	// run in perflab's process, whose CPU profile is split by strategy;
	// a Python workload's worker profiles itself
	// (measure.Subject.Profiler). The zero value, so that a workload
	// declares nothing unless its work runs where no profiler reaches.
	ProfileWork Profiling = iota
	// ProfilePart: some strategies' work runs in processes perflab
	// starts or calls without profiling them (worker processes, a
	// queue's consumers, a service), so their profile is only of
	// perflab's side, what driving that work costs; the results mark
	// which strategies' profiles are (measure's Outside).
	ProfilePart
	// ProfileNone: no profile can be taken. The strategies are programs a
	// person names, in any language, which perflab cannot read from
	// outside.
	ProfileNone
)

// String names the kind, for tests and messages.
func (p Profiling) String() string {
	switch p {
	case ProfileWork:
		return "work"
	case ProfilePart:
		return "part"
	case ProfileNone:
		return "none"
	}
	return "unknown"
}

// Profilable reports whether a profile can be taken of the workload's
// strategies at all, of their work or of perflab's side.
func (w *Workload) Profilable() bool { return w.Profile != ProfileNone }
