package worker

import (
	"os"
	"testing"

	"github.com/perflab/perflab/labs/internal/worker/workertest"
)

func TestMain(m *testing.M) {
	workertest.QuietRace()
	os.Exit(m.Run())
}
