package service

import (
	"context"
	"errors"
	"strings"
	"time"

	"bazaar/modules/catalog/internal/store"
)

// CategoryInput is a category's editable fields; nil leaves a field as it is.
type CategoryInput struct {
	Name, Slug, Parent *string
	Position           *int
}

// SaveCategory creates (id "") or updates a category. Moving a category
// (a new parent or slug) rewrites the paths of its subtree and products.
func (s *Service) SaveCategory(ctx context.Context, id string, in CategoryInput) (store.Category, error) {
	now := time.Now().UTC()
	c := store.Category{ID: store.NewID(), CreatedAt: now}
	if id != "" {
		var err error
		if c, err = s.store.CategoryByID(ctx, id); err != nil {
			return c, err
		}
	}
	oldPath := c.Path
	errs := FieldErrors{}
	if in.Name != nil {
		c.Name = strings.TrimSpace(*in.Name)
	}
	checkText(errs, "name", c.Name, 1, 100)
	if in.Slug != nil {
		c.Slug = strings.TrimSpace(*in.Slug)
	} else if id == "" {
		c.Slug = Slugify(c.Name)
	}
	if len(c.Slug) > 80 || !slugPattern.MatchString(c.Slug) {
		errs["slug"] = "must be lower-case letters, digits and single dashes, at most 80 characters"
	}
	if in.Position != nil {
		c.Position = *in.Position
	}
	parentPath := "/"
	if in.Parent != nil {
		c.ParentID = nil
		if *in.Parent != "" {
			parent, err := s.store.CategoryBySlug(ctx, *in.Parent)
			switch {
			case errors.Is(err, store.ErrNotFound):
				errs["parent"] = "no category has this slug"
			case err != nil:
				return c, err
			case id != "" && strings.HasPrefix(parent.Path, oldPath):
				errs["parent"] = "cannot move a category under itself"
			default:
				c.ParentID, parentPath = &parent.ID, parent.Path
			}
		}
	} else if c.ParentID != nil {
		parent, err := s.store.CategoryByID(ctx, *c.ParentID)
		if err != nil {
			return c, err
		}
		parentPath = parent.Path
	}
	if len(errs) > 0 {
		return c, errs
	}
	c.Path = parentPath + c.Slug + "/"
	c.UpdatedAt = now
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.SaveCategory(ctx, &c); err != nil {
			return err
		}
		if id != "" && oldPath != c.Path {
			return tx.RepathCategory(ctx, oldPath, c.Path)
		}
		return nil
	})
	if err == nil {
		s.cache.Bump(ctx)
	}
	return c, err
}

// DeleteCategory removes an empty category.
func (s *Service) DeleteCategory(ctx context.Context, id string) error {
	if _, err := s.store.CategoryByID(ctx, id); err != nil {
		return err
	}
	inUse, err := s.store.CategoryInUse(ctx, id)
	if err != nil {
		return err
	}
	if inUse {
		return ErrInUse
	}
	if err := s.store.DeleteCategory(ctx, id); err != nil {
		return err
	}
	s.cache.Bump(ctx)
	return nil
}
