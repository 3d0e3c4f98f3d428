// Package tui is perflab's interactive lab: a Bubble Tea program in which a
// person picks a lab, sets up a run, watches the strategies race as live
// graphs and reads the verdict. It draws what the engine measures (measure,
// worded by measure/report, kept by measure/runs) and knows the labs
// through the catalogue (labs) and the types of labs/lab only, and one more
// package by name, the workshop (labs/workshop). It is one of the two
// packages, with the command line, that may import Bubble Tea, Bubbles and
// lipgloss; the labs and the engine draw nothing (cmd/perflab's
// layers_test.go holds these arrows).
//
// # The root routes, the screens own their state
//
// Model, the root, holds the window's size, the global keys (help, ctrl+c),
// the run under way and the replay being drawn, and one value of each
// screen. It routes: a message goes to the screen on show, or, if it names
// its screen (an addressed message, such as the end of a run or the
// workshop's clock), to that screen. A screen never reaches into another
// or into the root; it returns an intent, what it asks of the root (show
// another screen, start a run, replay a kept one, quit), and the root does
// it. The root writes no screen's fields: it builds a screen anew, sizes
// it, and passes it messages.
//
// A run is asked for, never taken: a screen returns askRun (or askReplay)
// and the root remembers who asked. The run screen draws the run
// meanwhile, from messages the root passes it (runFrameMsg and the like).
// However the run ends (measured, failed, cancelled, or the person asked to
// quit), the root sends a runEndedMsg to the screen that asked, which
// decides what comes next: the set-up shows the results or its error, the
// workshop its reveal, the runs screen the replayed run's results.
//
// # Commands from a file ask first
//
// A run a file asks for (r on a replayed run's results, a workshop's
// lesson) may run commands the person never typed. Before the root does
// such an askRun or askRunAgain it lists what the run would run
// (workshop.Commands) and, for any the person has not started from the
// set-up or said yes to, shows the confirm screen (confirm.go) in its
// place: y does what was asked, n or esc sends the screen that asked a
// runEndedMsg saying its commands were not allowed. Options.Yes says yes
// ahead, for --yes.
//
// # Files
//
// One naming scheme says where a thing lives:
//
//   - model.go is the root; model_run.go runs a run for a screen and
//     model_replay.go draws a kept one again; screen.go is the contract of
//     a screen and what it may ask (intent); request.go is how a run's end
//     reaches the screen that asked.
//   - Each screen is NAME.go (its model and Update), with NAME_view.go for
//     its drawing when long and NAME_PART.go for a part of its own: home,
//     setup (setup_fields, setup_pyfile), run (run_verdict), results, runs,
//     side (two kept runs side by side), workshop, confirm.
//   - widget_*.go are drawn by any screen and know none: widget_table,
//     widget_chart (a line chart of series), widget_series (the latency,
//     throughput and spectrum series of the engine's snapshots),
//     widget_growth (a sweep's growth curve), widget_blocks (block letters),
//     widget_fleet (an HTTP run's load generators: each one's share and
//     rates, and which is behind or lost).
//   - Shared by all: common.go (a screen's size and the layout helpers),
//     styles.go, keys.go (every key, and each screen's help), voice.go (the
//     words for the engine's findings), save.go (w and e).
//
// # Adding a screen
//
//  1. Write its model in a file of its own, NAME.go, and its drawing, when
//     long, in NAME_view.go: a struct that embeds common (size, styles,
//     keys) and has the four methods of screenModel (screen.go): Update
//     returning the screen, a command and an intent; View; SetSize; Help.
//  2. Add its state to the list in model.go, a field for it in Model, and
//     a case in deliver (request.go), resize and View.
//  3. Give it a way in: an intent kind that another screen returns, and
//     the case in Model.do that builds the screen and shows it.
//  4. If it starts runs, return askRun with the spec and handle runEndedMsg
//     in its Update; if a message must reach it while another screen is on
//     show, give the message an addressee method.
//  5. Its keys go in keys.go (one keyMap for every screen, with a help of
//     its own), its words for the engine's findings in voice.go, its
//     styles in styles.go; widgets it draws with (table, chart, block
//     letters, growth curve) are shared, not copied.
//  6. Test it through Update (model_test.go's helpers press keys and read
//     the screen), and add golden screens at 80x24 and 160x48
//     (golden_test.go).
package tui
