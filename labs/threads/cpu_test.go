package threads

import (
	"testing"
)

func TestCPUEveryStrategyCompletesTasks(t *testing.T) {
	rep := labtestRun(t, cpuWorkload(), map[string]string{"tasks": "8", "k": "4", "work": "20us"})
	checkWholeBatches(t, rep, 4, 8)
}
