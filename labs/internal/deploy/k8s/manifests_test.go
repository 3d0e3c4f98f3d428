// Package k8s holds the Kubernetes manifests of lab 7's workers and of
// perflab http's generators; its test decodes each strictly.
package k8s

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// kinds are the objects the manifests may hold, each decoded into its
// API type.
var kinds = map[string]func() any{
	"apps/v1 Deployment": func() any { return &appsv1.Deployment{} },
	"batch/v1 Job":       func() any { return &batchv1.Job{} },
	"v1 Service":         func() any { return &corev1.Service{} },
	"v1 Secret":          func() any { return &corev1.Secret{} },
}

// decode decodes every object of a manifest strictly: a field that its
// API type does not have, or one given twice, is an error, as kubectl
// apply --validate=strict makes it.
func decode(t *testing.T, manifest []byte) ([]any, error) {
	t.Helper()
	var objs []any
	for _, doc := range regexp.MustCompile(`(?m)^---$`).Split(string(manifest), -1) {
		if strings.TrimSpace(regexp.MustCompile(`(?m)^#.*$`).ReplaceAllString(doc, "")) == "" {
			continue
		}
		var head struct{ APIVersion, Kind string }
		if err := yaml.Unmarshal([]byte(doc), &head); err != nil {
			return nil, err
		}
		mk, ok := kinds[head.APIVersion+" "+head.Kind]
		if !ok {
			t.Fatalf("an object of %s %s, which this test does not know: add it to kinds", head.APIVersion, head.Kind)
		}
		obj := mk()
		if err := yaml.UnmarshalStrict([]byte(doc), obj); err != nil {
			return nil, err
		}
		objs = append(objs, obj)
	}
	return objs, nil
}

func TestEveryManifestDecodesStrictly(t *testing.T) {
	files, err := filepath.Glob("*.yaml")
	if err != nil || len(files) < 4 {
		t.Fatalf("manifests %v (%v), want nats, worker, generator and fleet-coordinator", files, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		objs, err := decode(t, b)
		if err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if len(objs) == 0 {
			t.Errorf("%s holds no object", f)
		}
	}
}

func TestAnUnknownFieldIsRefused(t *testing.T) {
	b, err := os.ReadFile("generator.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, plant := range []struct{ at, with string }{
		{"  replicas: 4\n", "  replicas: 4\n  replicaz: 4\n"},
		{"          imagePullPolicy: IfNotPresent\n", "          imagePullPolicy: IfNotPresent\n          imagePullPolicyy: Always\n"},
		{"  replicas: 4\n", "  replicas: 4\n  replicas: 5\n"},
	} {
		planted := bytes.Replace(b, []byte(plant.at), []byte(plant.with), 1)
		if bytes.Equal(planted, b) {
			t.Fatalf("%q is not in generator.yaml to plant a field beside", plant.at)
		}
		if _, err := decode(t, planted); err == nil {
			t.Errorf("generator.yaml with %q decoded without an error", strings.TrimSpace(plant.with))
		}
	}
}

// TestTheFleetManifestsAgree checks what a person would otherwise find out
// in a cluster: the generators join the coordinator's Service on its port
// with the token of the same Secret, and there are as many as it waits for.
func TestTheFleetManifestsAgree(t *testing.T) {
	read := func(f string) []any {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		objs, err := decode(t, b)
		if err != nil {
			t.Fatal(err)
		}
		return objs
	}
	co := read("fleet-coordinator.yaml")
	job, svc := co[0].(*batchv1.Job), co[1].(*corev1.Service)
	gen := read("generator.yaml")[0].(*appsv1.Deployment)
	args := strings.Join(job.Spec.Template.Spec.Containers[0].Args, " ")
	c := gen.Spec.Template.Spec.Containers[0]
	var natsURL string
	for _, e := range c.Env {
		if e.Name == "NATS_URL" {
			natsURL = e.Value
		}
	}
	wantURL := "nats://$(FLEET_TOKEN)@" + svc.Name + ":" + "4300"
	if natsURL != wantURL || svc.Spec.Ports[0].Port != 4300 || !strings.Contains(args, "--fleet-listen=0.0.0.0:4300") {
		t.Errorf("generators join %q; the coordinator listens with %q behind port %d; want them to meet at %s", natsURL, args, svc.Spec.Ports[0].Port, wantURL)
	}
	if !strings.Contains(args, "--fleet-token=$(FLEET_TOKEN)") || c.Env[0].ValueFrom.SecretKeyRef.Name != "perflab-fleet" ||
		job.Spec.Template.Spec.Containers[0].Env[0].ValueFrom.SecretKeyRef.Name != "perflab-fleet" {
		t.Errorf("the coordinator and the generators must take the token from the one Secret")
	}
	if want := "--generators=" + strconv.Itoa(int(*gen.Spec.Replicas)); !strings.Contains(args, want) {
		t.Errorf("the coordinator waits for %q, the Deployment has %d replicas", args, *gen.Spec.Replicas)
	}
	if strings.Join(c.Args, " ") != "worker --generator" || svc.Spec.Type != corev1.ServiceTypeClusterIP {
		t.Errorf("generator args %q, Service type %q", c.Args, svc.Spec.Type)
	}
}
