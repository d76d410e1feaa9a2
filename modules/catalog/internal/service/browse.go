package service

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"bazaar/modules/catalog"
	"bazaar/modules/catalog/internal/cache"
	"bazaar/modules/catalog/internal/store"
)

// Page is one page of the storefront listing.
type Page struct {
	Items      []store.Listed
	NextCursor string
	Facets     store.Facets
	// Categories by ID, for the items' category slugs.
	Categories map[string]store.Category
}

// ErrUnknownCategory is a category filter naming no category.
var ErrUnknownCategory = errors.New("catalog: unknown category")

// ErrBadCursor is a malformed or foreign cursor.
var ErrBadCursor = store.ErrBadCursor

// List runs a storefront query: the category slug is resolved to its
// subtree. The categories and the filter's facets are memoised per listing
// version (see cache.Memo), so a page costs one query once they are known,
// and three at most: categories, page, facets. A relevance search reads its
// page and facets from one sample (see search). A search that finds nothing
// costs two more: its typo correction and the corrected page.
func (s *Service) List(ctx context.Context, categorySlug string, f store.Filter) (Page, error) {
	cats, err := cache.Memo(ctx, s.cache, "categories", s.store.Categories)
	if err != nil {
		return Page{}, err
	}
	byID := make(map[string]store.Category, len(cats))
	for _, c := range cats {
		byID[c.ID] = c
	}
	if categorySlug != "" {
		i := slices.IndexFunc(cats, func(c store.Category) bool { return c.Slug == categorySlug })
		if i < 0 {
			return Page{}, ErrUnknownCategory
		}
		f.CategoryPath = cats[i].Path
		for _, c := range cats { // not a run of cats: a collation may sort "/a-b/" between "/a/" and "/a/c/"
			if strings.HasPrefix(c.Path, f.CategoryPath) {
				f.Subtree = append(f.Subtree, c)
			}
		}
	}
	var items []store.Listed
	var next string
	var facetsOf func(context.Context) (store.Facets, error)
	if f.Sort == store.SortRelevance && f.SearchText() != "" {
		// One query: the page and the facets both come from the search's sample.
		sample, err := s.search(ctx, &f)
		if err != nil {
			return Page{}, err
		}
		if items, next, err = store.PageOf(sample, f); err != nil {
			return Page{}, err
		}
		facetsOf = func(context.Context) (store.Facets, error) { return store.SampleFacets(sample, cats), nil }
	} else {
		err := s.readCorrected(ctx, &f, func(f store.Filter) (found bool, err error) {
			items, next, err = s.store.ListProducts(ctx, f)
			return len(items) > 0, err
		})
		if err != nil {
			return Page{}, err
		}
		facetsOf = func(ctx context.Context) (store.Facets, error) { return s.store.Facets(ctx, f, cats) }
	}
	facets, err := cache.Memo(ctx, s.cache, "facets:"+f.MatchKey(), facetsOf)
	if err != nil {
		return Page{}, err
	}
	return Page{Items: items, NextCursor: next, Facets: facets, Categories: byID}, nil
}

// search reads the sample of a relevance search for f's words or, when
// they find nothing, of their correction (see readCorrected).
func (s *Service) search(ctx context.Context, f *store.Filter) (sample []store.Listed, err error) {
	err = s.readCorrected(ctx, f, func(f store.Filter) (found bool, err error) {
		sample, err = s.store.SearchSample(ctx, f)
		return len(sample) > 0, err
	})
	return sample, err
}

// readCorrected runs read for f's search and, when it finds nothing, once
// more for the search's typo correction (store.Corrected, memoised per
// listing version), leaving f as last read. A correction this version has
// already found is applied first, sparing another page or sort of a
// mistyped search its empty try. Only a search that finds nothing is
// corrected, so words that match cost nothing more.
func (s *Service) readCorrected(ctx context.Context, f *store.Filter, read func(store.Filter) (found bool, err error)) error {
	if fixed, ok := cache.Peek[string](s.cache, correctionKey(f.SearchText())); ok {
		f.Q = fixed
	}
	found, err := read(*f)
	q := f.SearchText()
	if err != nil || found || q == "" {
		return err
	}
	fixed, err := cache.Memo(ctx, s.cache, correctionKey(q), func(ctx context.Context) (string, error) { return s.store.Corrected(ctx, q) })
	if err != nil || fixed == q {
		return err
	}
	f.Q = fixed
	_, err = read(*f)
	return err
}

func correctionKey(q string) string { return "corrected:" + q }

// Detail is a product page.
type Detail struct {
	Product    store.Product
	Variants   []store.Variant
	Breadcrumb []store.Category
}

// Product loads an active product by slug with variants and breadcrumb.
func (s *Service) Product(ctx context.Context, slug string) (Detail, error) {
	p, err := s.store.ProductBySlug(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		return Detail{}, fmt.Errorf("catalog.product %s: %w", slug, catalog.ErrProductNotFound)
	}
	if err != nil {
		return Detail{}, err
	}
	vs, err := s.store.VariantsOf(ctx, p.ID)
	if err != nil {
		return Detail{}, err
	}
	crumbs, err := s.store.CategoriesByPath(ctx, p.CategoryPath)
	if err != nil {
		return Detail{}, err
	}
	return Detail{Product: p, Variants: vs, Breadcrumb: crumbs}, nil
}

// Node is a category with its children.
type Node struct {
	store.Category
	Children []*Node
}

// Tree returns the root categories with their subtrees, by position.
func (s *Service) Tree(ctx context.Context) ([]*Node, error) {
	cats, err := s.store.Categories(ctx)
	if err != nil {
		return nil, err
	}
	nodes := make(map[string]*Node, len(cats))
	var roots []*Node
	for _, c := range cats { // ordered by path: parents come first
		n := &Node{Category: c}
		nodes[c.ID] = n
		if c.ParentID == nil {
			roots = append(roots, n)
		} else if parent := nodes[*c.ParentID]; parent != nil {
			parent.Children = append(parent.Children, n)
		}
	}
	return roots, nil
}

// Suggestions for a typeahead.
type Suggestions struct {
	Products   []store.Listed
	Categories []store.Category
}

// Suggest finds up to 8 products (best match first) and 8 categories whose
// name contains q.
func (s *Service) Suggest(ctx context.Context, q string) (Suggestions, error) {
	var products []store.Listed
	if f := (store.Filter{Q: q, Sort: store.SortRelevance, Limit: 8}); f.SearchText() != "" {
		sample, err := s.search(ctx, &f)
		if err != nil {
			return Suggestions{}, err
		}
		products, _, _ = store.PageOf(sample, f) // no cursor: no error
	}
	cats, err := s.store.CategoriesMatching(ctx, q, 8)
	if err != nil {
		return Suggestions{}, err
	}
	return Suggestions{Products: products, Categories: cats}, nil
}
