-- Before/after timings of the proposed catalog index and query changes.
-- Run ONLY against a scratch copy of the 1M benchmark database: it creates
-- indexes and a summary table. tools/bench/proposals.sh makes the copy.
--   psql "$SCRATCH_URL" -X -f tools/bench/proposals.sql
-- Each EXPLAIN is run twice; the second (warm) one is the figure.
\timing off
\pset pager off
SET jit = off; -- JIT compiles ~100 ms of code per facet query: see README, finding 7

\echo '=== A. keyset deep page: OR form (list.go today) vs row comparison'
SELECT created_at AS k4000, id AS i4000 FROM catalog_products WHERE status = 'active'
  ORDER BY created_at DESC, id DESC OFFSET 3999 LIMIT 1 \gset
SELECT created_at AS kmid, id AS imid FROM catalog_products WHERE status = 'active'
  ORDER BY created_at DESC, id DESC OFFSET 490000 LIMIT 1 \gset
\echo '-- A1 today, after row 4,000'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM (SELECT p.*, 0.0 AS rank FROM catalog_products AS p WHERE p.status = 'active') AS l
  WHERE (created_at < :'k4000' OR (created_at = :'k4000' AND id < :'i4000')) ORDER BY created_at DESC, id DESC LIMIT 21;
\echo '-- A2 today, after row 490,000'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM (SELECT p.*, 0.0 AS rank FROM catalog_products AS p WHERE p.status = 'active') AS l
  WHERE (created_at < :'kmid' OR (created_at = :'kmid' AND id < :'imid')) ORDER BY created_at DESC, id DESC LIMIT 21;
\echo '-- A3 row comparison, after row 490,000'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM (SELECT p.*, 0.0 AS rank FROM catalog_products AS p WHERE p.status = 'active') AS l
  WHERE (created_at, id) < (:'kmid', :'imid') ORDER BY created_at DESC, id DESC LIMIT 21;
\echo '-- A4 row comparison, category=shirts, after row 40,000 of shirts'
SELECT created_at AS ks, id AS is_ FROM catalog_products WHERE status = 'active' AND category_path LIKE '/apparel/shirts/%'
  ORDER BY created_at DESC, id DESC OFFSET 40000 LIMIT 1 \gset
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM (SELECT p.*, 0.0 AS rank FROM catalog_products AS p WHERE p.status = 'active' AND p.category_path LIKE '/apparel/shirts/%') AS l
  WHERE (created_at < :'ks' OR (created_at = :'ks' AND id < :'is_')) ORDER BY created_at DESC, id DESC LIMIT 21;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM (SELECT p.*, 0.0 AS rank FROM catalog_products AS p WHERE p.status = 'active' AND p.category_path LIKE '/apparel/shirts/%') AS l
  WHERE (created_at, id) < (:'ks', :'is_') ORDER BY created_at DESC, id DESC LIMIT 21;

\echo '=== B. price-range facet with a filter: min()/max() walk the price index (today) vs aggregate over the matches'
\echo '-- B1 today, category=shirts'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT min(p.price) AS min, max(p.price) AS max FROM catalog_products AS p
  WHERE p.status = 'active' AND p.category_path LIKE '/apparel/shirts/%';
\echo '-- B2 min(p.price + 0): no min/max-via-index path, category=shirts'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT min(p.price + 0) AS min, max(p.price + 0) AS max FROM catalog_products AS p
  WHERE p.status = 'active' AND p.category_path LIKE '/apparel/shirts/%';
\echo '-- B3 today, q=shirt'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT min(p.price) AS min, max(p.price) AS max FROM catalog_products AS p
  WHERE p.status = 'active' AND (p.fts @@ websearch_to_tsquery('simple', 'shirt') OR lower(p.name) % lower('shirt'));
\echo '-- B4 min(p.price + 0), q=shirt'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT min(p.price + 0) AS min, max(p.price + 0) AS max FROM catalog_products AS p
  WHERE p.status = 'active' AND (p.fts @@ websearch_to_tsquery('simple', 'shirt') OR lower(p.name) % lower('shirt'));

\echo '=== C. all three facets from one scan of the matches (q=shirt): today it is 3 scans + the page = 4'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
WITH m AS MATERIALIZED (
  SELECT p.id, p.category_id, p.price FROM catalog_products AS p
  WHERE p.status = 'active' AND (p.fts @@ websearch_to_tsquery('simple', 'shirt') OR lower(p.name) % lower('shirt'))
)
SELECT 'c' AS kind, c.slug AS name, NULL AS value, count(*) AS n FROM m JOIN catalog_categories c ON c.id = m.category_id GROUP BY c.slug
UNION ALL
SELECT 'a', a.name, a.value, count(*) FROM m JOIN catalog_product_attributes a ON a.product_id = m.id GROUP BY a.name, a.value
UNION ALL
SELECT 'p', min(price)::text, max(price)::text, count(*) FROM m;

\echo '=== D. search: work_mem (lossy bitmap) and the trigram OR'
\echo '-- D1 today (work_mem 4MB)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM (SELECT p.*, (ts_rank(p.fts, websearch_to_tsquery('simple', 'shirt')) + similarity(lower(p.name), lower('shirt')) + CASE WHEN lower(p.name) = lower('shirt') THEN 100 ELSE 0 END) AS rank
  FROM catalog_products AS p WHERE (p.fts @@ websearch_to_tsquery('simple', 'shirt') OR lower(p.name) % lower('shirt')) AND p.status = 'active') AS l ORDER BY rank DESC, id DESC LIMIT 21;
\echo '-- D2 full-text only (trigram only as a fallback when FTS finds nothing)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM (SELECT p.*, (ts_rank(p.fts, websearch_to_tsquery('simple', 'shirt')) + similarity(lower(p.name), lower('shirt')) + CASE WHEN lower(p.name) = lower('shirt') THEN 100 ELSE 0 END) AS rank
  FROM catalog_products AS p WHERE p.fts @@ websearch_to_tsquery('simple', 'shirt') AND p.status = 'active') AS l ORDER BY rank DESC, id DESC LIMIT 21;
SET work_mem = '64MB';
\echo '-- D3 today, work_mem 64MB'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM (SELECT p.*, (ts_rank(p.fts, websearch_to_tsquery('simple', 'shirt')) + similarity(lower(p.name), lower('shirt')) + CASE WHEN lower(p.name) = lower('shirt') THEN 100 ELSE 0 END) AS rank
  FROM catalog_products AS p WHERE (p.fts @@ websearch_to_tsquery('simple', 'shirt') OR lower(p.name) % lower('shirt')) AND p.status = 'active') AS l ORDER BY rank DESC, id DESC LIMIT 21;
\echo '-- D4 rank on narrow columns first, then fetch 21 rows (late row lookup), full-text only, work_mem 64MB'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
WITH top AS (
  SELECT p.id, ts_rank(p.fts, websearch_to_tsquery('simple', 'shirt')) + similarity(lower(p.name), lower('shirt'))
         + CASE WHEN lower(p.name) = lower('shirt') THEN 100 ELSE 0 END AS rank
  FROM catalog_products AS p WHERE p.fts @@ websearch_to_tsquery('simple', 'shirt') AND p.status = 'active'
  ORDER BY rank DESC, id DESC LIMIT 21)
SELECT p.*, top.rank FROM top JOIN catalog_products p USING (id) ORDER BY top.rank DESC, p.id DESC;
RESET work_mem;

\echo '=== E. unfiltered facets from a narrow covering index (index-only scans instead of the 893 MB heap)'
\echo '-- E1 today: categories facet, no filter'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT c.slug, c.name, count(*) FROM catalog_products AS p JOIN catalog_categories c ON c.id = p.category_id
  WHERE p.status = 'active' GROUP BY c.slug, c.name ORDER BY c.name;
\echo '-- E2 today: attributes facet, category=apparel'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT a.name, a.value, count(*) FROM catalog_products AS p JOIN catalog_product_attributes a ON a.product_id = p.id
  WHERE p.status = 'active' AND p.category_path LIKE '/apparel/%' GROUP BY a.name, a.value ORDER BY a.name, a.value;
\timing on
CREATE INDEX catalog_products_facets ON catalog_products (category_path text_pattern_ops, category_id, price, id) WHERE status = 'active';
\timing off
VACUUM ANALYZE catalog_products;
\echo '-- E3 with catalog_products_facets: categories facet, no filter'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT c.slug, c.name, count(*) FROM catalog_products AS p JOIN catalog_categories c ON c.id = p.category_id
  WHERE p.status = 'active' GROUP BY c.slug, c.name ORDER BY c.name;
\echo '-- E4 with catalog_products_facets: price facet, category=shirts'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT min(p.price + 0), max(p.price + 0) FROM catalog_products AS p
  WHERE p.status = 'active' AND p.category_path LIKE '/apparel/shirts/%';
\echo '-- E5 with catalog_products_facets: attributes facet, category=apparel'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT a.name, a.value, count(*) FROM catalog_products AS p JOIN catalog_product_attributes a ON a.product_id = p.id
  WHERE p.status = 'active' AND p.category_path LIKE '/apparel/%' GROUP BY a.name, a.value ORDER BY a.name, a.value;

\echo '=== F. precomputed facet counts per leaf category (summary table)'
\timing on
CREATE TABLE catalog_facet_counts AS
  SELECT p.category_id, p.category_path, '' AS name, '' AS value, count(*) AS n, min(p.price) AS min_price, max(p.price) AS max_price
  FROM catalog_products p WHERE p.status = 'active' GROUP BY p.category_id, p.category_path
  UNION ALL
  SELECT p.category_id, p.category_path, a.name, a.value, count(*), NULL, NULL
  FROM catalog_products p JOIN catalog_product_attributes a ON a.product_id = p.id
  WHERE p.status = 'active' GROUP BY p.category_id, p.category_path, a.name, a.value;
\timing off
CREATE INDEX ON catalog_facet_counts (category_path text_pattern_ops);
ANALYZE catalog_facet_counts;
SELECT count(*) AS summary_rows FROM catalog_facet_counts;
\echo '-- F1 all three facets of category=apparel from the summary (categories: name = '''', attributes: name <> '''')'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT f.category_id, f.name, f.value, sum(f.n), min(f.min_price), max(f.max_price)
FROM catalog_facet_counts f WHERE f.category_path LIKE '/apparel/%' GROUP BY f.category_id, f.name, f.value;
\echo '-- F2 unfiltered'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT f.category_id, f.name, f.value, sum(f.n), min(f.min_price), max(f.max_price)
FROM catalog_facet_counts f GROUP BY f.category_id, f.name, f.value;
