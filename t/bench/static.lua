-- static.lua: the machine's ceiling: nginx serving a small static file
-- over the same TLS connections.
function done(summary, latency, requests)
	io.write(string.format("RESULT rps=%.0f p50=%.2f p99=%.2f max=%.2f "
	    .. "requests=%d errors=%d\n",
	    summary.requests / (summary.duration / 1e6),
	    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
	    latency.max / 1000, summary.requests,
	    summary.errors.status + summary.errors.connect +
	    summary.errors.read + summary.errors.write +
	    summary.errors.timeout))
end
