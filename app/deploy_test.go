package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"bazaar/platform/config"
)

// knownEnv is every variable the binary reads: platform config plus the
// modules' own.
func knownEnv() map[string]bool {
	known := map[string]bool{"CATALOG_HOLD_TTL": true}
	t := reflect.TypeOf(config.Config{})
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("env"); tag != "" {
			known[tag] = true
		}
	}
	return known
}

func yamlDocs(t *testing.T, path string) []map[string]any {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	var docs []map[string]any
	for {
		var doc map[string]any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		docs = append(docs, doc)
	}
}

func walk(v any, visit func(key string, val any)) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			visit(k, val)
			walk(val, visit)
		}
	case []any:
		for _, val := range x {
			walk(val, visit)
		}
	}
}

// checkMemoryLimit fails unless a container with a memory limit sets
// GOMEMLIMIT below it: with the binary's GOGC of 400 the heap may grow to
// five times what is live, and the Go runtime must collect harder before
// the limit rather than have the pod killed at it.
func checkMemoryLimit(t *testing.T, where string, c map[string]any) {
	t.Helper()
	resources, _ := c["resources"].(map[string]any)
	limits, _ := resources["limits"].(map[string]any)
	limit, ok := limits["memory"].(string)
	if !ok {
		return
	}
	var soft string
	env, _ := c["env"].([]any)
	for _, e := range env {
		if e := e.(map[string]any); e["name"] == "GOMEMLIMIT" {
			soft, _ = e["value"].(string)
		}
	}
	var hardMi, softMi int
	if _, err := fmt.Sscanf(limit, "%dMi", &hardMi); err != nil {
		t.Fatalf("%s: memory limit %q: want NNNMi", where, limit)
	}
	if _, err := fmt.Sscanf(soft, "%dMiB", &softMi); err != nil || softMi >= hardMi {
		t.Errorf("%s: container %v: GOMEMLIMIT %q, want NNNMiB below its memory limit %s", where, c["name"], soft, limit)
	}
}

// checkArgs fails unless args name a real command of the binary.
func checkArgs(t *testing.T, where string, args []any) {
	t.Helper()
	words := make([]string, len(args))
	for i, a := range args {
		words[i], _ = a.(string)
	}
	cmd, rest, err := rootCmd().Find(words)
	if err != nil || cmd == rootCmd() || cmd.Name() == "bazaar" || (cmd.Args != nil && cmd.Args(cmd, rest) != nil) {
		t.Errorf("%s: %v is not a bazaar command", where, words)
	}
}

// The Kubernetes manifests run real commands, set only variables the binary
// reads, and probe routes it serves.
func TestKubernetesManifests(t *testing.T) {
	files, _ := filepath.Glob("../deploy/k8s/*.yaml")
	if len(files) < 4 {
		t.Fatalf("manifests: %v", files)
	}
	known := knownEnv()
	var resources []any
	kinds := map[string]int{}
	for _, f := range files {
		for _, doc := range yamlDocs(t, f) {
			if k, _ := doc["kind"].(string); k != "" {
				kinds[k]++
			}
			if doc["kind"] == "Kustomization" {
				resources = doc["resources"].([]any)
			}
			if doc["kind"] == "ConfigMap" || doc["kind"] == "Secret" {
				for _, key := range []string{"data", "stringData"} {
					m, _ := doc[key].(map[string]any)
					for name := range m {
						if !known[name] {
							t.Errorf("%s: %s is not a variable bazaar reads", f, name)
						}
					}
				}
			}
			walk(doc, func(key string, val any) {
				switch key {
				case "args":
					checkArgs(t, f, val.([]any))
				case "httpGet":
					path := val.(map[string]any)["path"].(string)
					if path != "/healthz" && path != "/readyz" {
						t.Errorf("%s: probe %s", f, path)
					}
				case "containers":
					for _, c := range val.([]any) {
						checkMemoryLimit(t, f, c.(map[string]any))
					}
				case "containerPort":
					if val != 8080 {
						t.Errorf("%s: port %v, the image listens on 8080", f, val)
					}
				}
			})
		}
	}
	for _, r := range resources {
		if _, err := os.Stat(filepath.Join("../deploy/k8s", r.(string))); err != nil {
			t.Errorf("kustomization lists a missing file %s", r)
		}
	}
	if kinds["Deployment"] != 2 || kinds["Job"] != 1 || kinds["Service"] != 1 {
		t.Errorf("kinds %v: want serve and worker Deployments, the migrate Job and a Service", kinds)
	}
}

func TestComposeFile(t *testing.T) {
	doc := yamlDocs(t, "../deploy/compose.yaml")[0]
	services := doc["services"].(map[string]any)
	known := knownEnv()
	for _, name := range []string{"migrate", "serve", "worker"} {
		svc := services[name].(map[string]any)
		checkArgs(t, "compose "+name, svc["command"].([]any))
		for k := range svc["environment"].(map[string]any) {
			if !known[k] {
				t.Errorf("compose %s: %s is not a variable bazaar reads", name, k)
			}
		}
	}
	if !strings.Contains(strings.Join(toStrings(services["redis"].(map[string]any)["command"]), " "), "--appendonly yes") {
		t.Error("Redis must persist (appendonly), or queued jobs die with it")
	}
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// The image builds the web app with Node 20 and the binary with the Go of
// go.mod, and runs the binary as a non-root user.
func TestDockerfile(t *testing.T) {
	raw, err := os.ReadFile("../deploy/Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	gomod, _ := os.ReadFile("../go.mod")
	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(gomod)[1]
	df := string(raw)
	for _, want := range []string{"FROM node:20", "FROM golang:" + string(goVersion), "npm ci", "npm run build",
		"go build", "./app", `ENTRYPOINT ["/bazaar"]`, "USER nonroot", "EXPOSE 8080", "COPY --from=web /src/webapp/dist ./webapp/dist"} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	cmd := regexp.MustCompile(`(?m)^CMD \["([a-z]+)"\]`).FindStringSubmatch(df)
	if cmd == nil {
		t.Fatal("no CMD")
	}
	checkArgs(t, "Dockerfile CMD", []any{cmd[1]})
}
