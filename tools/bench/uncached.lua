-- Every request misses the response cache: an ignored parameter `_cb`
-- (unique per thread and request) changes the cache key, not the result.
-- CURSORS (env, a file with one cursor per line) makes requests walk keyset
-- pages; without it, every request is a first page.
--   wrk -t2 -c64 -d20s -s tools/bench/uncached.lua 'http://127.0.0.1:8080/api/products?limit=20'
local counter = 0
tid = 0 -- overwritten per thread by setup()
local threads = {}
local cursors = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local f = os.getenv("CURSORS")
  if f and f ~= "" then
    for line in io.lines(f) do
      if line ~= "" then table.insert(cursors, line) end
    end
  end
  math.randomseed(os.time() + tid * 7919)
  -- unique across runs too: Redis may still hold entries from a previous run
  prefix = string.format("%d-%d-%d", os.time(), tid, math.random(1, 1e9))
end

function request()
  counter = counter + 1
  local path = wrk.path .. (wrk.path:find("?", 1, true) and "&" or "?") .. "_cb=" .. prefix .. "-" .. counter
  if #cursors > 0 then
    path = path .. "&cursor=" .. cursors[(counter % #cursors) + 1]
  end
  return wrk.format("GET", path)
end

dofile(os.getenv("BENCH_DIR") .. "/report.lua")
