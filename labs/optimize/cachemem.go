package optimize

import (
	"time"
	"unsafe"
)

// Memory estimates of the caches. The runtime does not tell how much one
// map holds, so the figures are computed from the layout of Go's maps and
// of the LRU's entries; a test checks them against the heap's growth.

// Go's maps (Swiss tables, Go 1.24 on) keep entries in groups of 8 slots,
// each group with an 8-byte control word. A table holds at most 1024 slots
// and is kept at most 7/8 full: a small map doubles, a full table splits in
// two. Split tables are between 7/16 and 7/8 full, on average about two
// thirds.
const (
	mapGroupSlots    = 8
	mapTableSlots    = 1024
	mapMaxLoad       = 7.0 / 8
	mapAverageLoad   = 0.66
	heapPage         = 8192
	largeObjectBytes = 32 << 10
)

// mapBytes estimates the memory of a Go map of n entries whose key and
// value take slotBytes together.
func mapBytes(n int, slotBytes uintptr) int {
	group := 8 + mapGroupSlots*int(slotBytes)
	if n <= mapGroupSlots {
		return group
	}
	if float64(n) <= mapMaxLoad*mapTableSlots {
		slots := mapGroupSlots
		for float64(n) > mapMaxLoad*float64(slots) {
			slots *= 2
		}
		return allocBytes(slots / mapGroupSlots * group)
	}
	tables := int(float64(n)/(mapAverageLoad*mapTableSlots)) + 1
	// Each table's groups are one allocation, and a directory points at
	// the tables.
	return tables*allocBytes(mapTableSlots/mapGroupSlots*group) + 8*tables
}

// allocBytes rounds an allocation up the way the heap does: to 16 bytes for
// small objects (their size classes are at most that far apart up to 256
// bytes, and proportionally wider above) and to whole pages past 32 KB.
func allocBytes(n int) int {
	if n > largeObjectBytes {
		return (n + heapPage - 1) / heapPage * heapPage
	}
	return (n + 15) / 16 * 16
}

// lruEntry mirrors the element of github.com/hashicorp/golang-lru/v2's list
// for a uint64 key and a value: two links, the list, the key, the value,
// an expiry time and an expiry bucket.
// Its fields are only ever sized, so they go unnamed.
type lruEntry struct {
	_ [3]unsafe.Pointer // next, prev and the list
	_ uint64            // key
	_ value             // value
	_ time.Time         // expiresAt
	_ uint8             // expireBucket
}

// memoBytes estimates a memo map of n entries.
func memoBytes(n int) int {
	return mapBytes(n, unsafe.Sizeof(uint64(0))+unsafe.Sizeof(value{}))
}

// lruBytes estimates an LRU of n entries: its map from key to entry and the
// entries, each allocated on its own.
func lruBytes(n int) int {
	return mapBytes(n, unsafe.Sizeof(uint64(0))+unsafe.Sizeof(unsafe.Pointer(nil))) +
		n*allocBytes(int(unsafe.Sizeof(lruEntry{})))
}
