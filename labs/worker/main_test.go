package worker

import (
	"os"
	"testing"

	"github.com/perflab/perflab/labs/worker/workertest"
)

func TestMain(m *testing.M) {
	workertest.QuietRace()
	os.Exit(m.Run())
}
