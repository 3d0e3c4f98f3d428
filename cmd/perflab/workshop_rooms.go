package main

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/perflab/perflab/labs/lab"
	"github.com/perflab/perflab/labs/workshop"
	"github.com/perflab/perflab/labs/workshop/room"
	"github.com/perflab/perflab/measure/regular"
)

// keptRooms reads the room kept beside each lesson's kept race, for a
// replay that shows the room as it was: nil for a race kept without one,
// which is said nowhere, as a workshop without a room says nothing of
// one. A room's file that cannot be read is an error, as a kept race's is.
// A room that answered another question than the lesson's (the workshop
// file changed since) is left out, and note says which.
func keptRooms(ws *workshop.Workshop, races []workshop.KeptRace) (rooms []*room.Kept, note string, err error) {
	rooms = make([]*room.Kept, len(races))
	var other []string
	for i, r := range races {
		path := room.KeptPath(r.Path)
		data, err := regular.Read(path, room.MaxKept)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return nil, "", lab.OptionErr("replay", fmt.Errorf("lesson %d's room: %w", i+1, err))
		}
		k, err := room.DecodeKept(data)
		if err != nil {
			return nil, "", lab.OptionErr("replay", fmt.Errorf("%s: lesson %d's room: %w", path, i+1, err))
		}
		if !sameQuestion(ws.Lessons[i], k) {
			other = append(other, fmt.Sprint(i+1))
			continue
		}
		rooms[i] = &k
	}
	if len(other) > 0 {
		note = fmt.Sprintf("the room kept with lesson %s answered another question: it is not shown", strings.Join(other, ", "))
	}
	return rooms, note, nil
}

// sameQuestion reports whether the room k answered lesson's question, with
// its choices in its order: only then do its answers chart against them.
func sameQuestion(l *workshop.Lesson, k room.Kept) bool {
	labels := make([]string, len(l.Choices))
	for i, c := range l.Choices {
		labels[i] = c.Label()
	}
	return k.Question == l.Question && slices.Equal(k.Choices, labels)
}
