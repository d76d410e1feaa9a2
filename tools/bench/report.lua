-- wrk reporter: one machine-readable summary line with p50/p90/p95/p99.
--   wrk -t2 -c256 -d20s -s tools/bench/report.lua URL
-- Also used (via dofile) by the other scripts.
function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local errs = summary.errors
  io.write(string.format(
    "RESULT req/s=%.0f requests=%d p50=%.2fms p90=%.2fms p95=%.2fms p99=%.2fms max=%.2fms non2xx=%d connect/read/write/timeout errors=%d/%d/%d/%d\n",
    summary.requests / secs, summary.requests,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    errs.status, errs.connect, errs.read, errs.write, errs.timeout))
end
