-- report.lua: the one RESULT line every wrk script of script/bench
-- prints (dofile'd by them; script/bench runs from the checkout).
function report(summary, latency, extra)
	io.write(string.format("RESULT rps=%.0f p50=%.2f p99=%.2f max=%.2f "
	    .. "requests=%d errors=%d%s\n",
	    summary.requests / (summary.duration / 1e6),
	    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
	    latency.max / 1000, summary.requests,
	    summary.errors.status + summary.errors.connect +
	    summary.errors.read + summary.errors.write +
	    summary.errors.timeout, extra or ""))
end
