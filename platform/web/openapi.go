package web

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
	"go.uber.org/fx"
	"go.yaml.in/yaml/v4"
)

// Spec is one package's part of the OpenAPI document, as YAML with top-level
// `paths` and `components`. Parts may refer to each other's components.
type Spec struct {
	Name string
	YAML []byte
}

// AsSpec contributes a part to the "openapi" group.
func AsSpec(name string, yamlDoc []byte) fx.Option {
	return fx.Supply(fx.Annotate(Spec{Name: name, YAML: yamlDoc}, fx.ResultTags(`group:"openapi"`)))
}

//go:embed openapi.yaml
var baseSpec []byte

// mergeSpecs joins the base document and every part, refusing a path or
// component defined twice, and validates the result.
func mergeSpecs(parts []Spec) (*openapi3.T, error) {
	var doc map[string]any
	if err := yaml.Unmarshal(baseSpec, &doc); err != nil {
		return nil, fmt.Errorf("openapi base: %w", err)
	}
	for _, part := range parts {
		var frag map[string]any
		if err := yaml.Unmarshal(part.YAML, &frag); err != nil {
			return nil, fmt.Errorf("openapi %s: %w", part.Name, err)
		}
		for key, val := range frag {
			if err := mergeInto(doc, key, val, part.Name); err != nil {
				return nil, err
			}
		}
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	t, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	if err := t.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	return t, nil
}

// mergeInto merges paths and components one level deep (components/schemas/X).
func mergeInto(doc map[string]any, key string, val any, from string) error {
	switch key {
	case "paths":
		return mergeMap(doc, key, val, from)
	case "components":
		sections, ok := val.(map[string]any)
		if !ok {
			return fmt.Errorf("openapi %s: components must be a map", from)
		}
		comps, _ := doc["components"].(map[string]any)
		if comps == nil {
			comps = map[string]any{}
			doc["components"] = comps
		}
		for name, section := range sections {
			if err := mergeMap(comps, name, section, from); err != nil {
				return err
			}
		}
		return nil
	default:
		return fmt.Errorf("openapi %s: only paths and components may be contributed, not %q", from, key)
	}
}

func mergeMap(parent map[string]any, key string, val any, from string) error {
	src, ok := val.(map[string]any)
	if !ok {
		return fmt.Errorf("openapi %s: %s must be a map", from, key)
	}
	dst, _ := parent[key].(map[string]any)
	if dst == nil {
		dst = map[string]any{}
		parent[key] = dst
	}
	for k, v := range src {
		if _, dup := dst[k]; dup {
			return fmt.Errorf("openapi %s: %s %q is already defined", from, key, k)
		}
		dst[k] = v
	}
	return nil
}
