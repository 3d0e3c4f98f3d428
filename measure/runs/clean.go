package runs

import (
	"reflect"

	"github.com/perflab/perflab/measure/report"
)

// cleanText makes every string of a run read from a file printable (see
// report.Printable): its lab, workload, strategies, parameters, warnings,
// notes and timeline's names reach terminals (perflab runs, compare, the
// replay and runs screens), and a file someone sends may hold escape
// sequences that retitle the window or clear the screen. Cleaning them once,
// as the file is read, covers every screen that shows a kept run.
func cleanText(v any) {
	clean(reflect.ValueOf(v), 0)
}

// maxDepth bounds the walk: a result is a few levels deep, and a file
// cannot make it deeper than its types are.
const maxDepth = 32

func clean(v reflect.Value, depth int) {
	if depth > maxDepth || !v.IsValid() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			clean(v.Elem(), depth+1)
		}
	case reflect.String:
		if v.CanSet() {
			if s := report.Printable(v.String()); s != v.String() {
				v.SetString(s)
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				clean(v.Field(i), depth+1)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			clean(v.Index(i), depth+1)
		}
	case reflect.Map:
		cleanMap(v, depth)
	}
}

// cleanMap cleans a map's keys and values. A map's entries cannot be set in
// place: each is read, cleaned in a copy and stored again.
func cleanMap(v reflect.Value, depth int) {
	if v.IsNil() {
		return
	}
	for _, k := range v.MapKeys() {
		val := v.MapIndex(k)
		cv := reflect.New(val.Type()).Elem()
		cv.Set(val)
		clean(cv, depth+1)
		ck := k
		if k.Kind() == reflect.String {
			if s := report.Printable(k.String()); s != k.String() {
				ck = reflect.ValueOf(s).Convert(k.Type())
				v.SetMapIndex(k, reflect.Value{})
			}
		}
		if cv.Kind() == reflect.Interface && !cv.IsNil() && cv.Elem().Kind() == reflect.String {
			cv = reflect.ValueOf(report.Printable(cv.Elem().String()))
		}
		v.SetMapIndex(ck, cv)
	}
}
