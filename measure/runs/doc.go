// Package runs keeps the runs perflab has made: each one, finished or
// cancelled, as the JSON result contract with its timeline (the snapshots
// it published), in a runs folder, so that runs can be listed, compared
// side by side and replayed as they happened.
package runs
