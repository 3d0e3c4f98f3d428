package worker

import (
	"errors"
	"strings"
	"testing"
)

func TestSettleReportsAFailedAck(t *testing.T) {
	var log strings.Builder
	w := &natsWorker{name: "w1", log: &log}
	w.settle(nil, "ack", 7)
	if log.Len() != 0 {
		t.Errorf("a successful ack logged %q", log.String())
	}
	w.settle(errors.New("connection closed"), "ack", 7)
	if got, want := log.String(), "perflab worker w1: ack task 7: connection closed\n"; got != want {
		t.Errorf("a failed ack logged %q, want %q", got, want)
	}
}
