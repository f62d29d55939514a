-- poll.lua: participants polling their state with the ETag they hold,
-- as the participant page does every two seconds.  Each request is the
-- next participant of PF_BENCH_TOKENS ("token etag" lines); the answer
-- should be 304.  wrk runs it; script/bench reads the last line.
local tokens, etags, n, i = {}, {}, 0, 0
local not304 = 0

function init(args)
	for line in io.lines(os.getenv("PF_BENCH_TOKENS")) do
		local t, e = line:match("^(%S+) (%S+)$")
		if t then
			n = n + 1
			tokens[n], etags[n] = t, e
		end
	end
	i = math.random(n)
end

function request()
	i = i % n + 1
	return wrk.format("GET", "/api/participant/state", {
		["Cookie"] = "__Host-pf_part=" .. tokens[i],
		["If-None-Match"] = etags[i],
	})
end

function response(status, headers, body)
	if status ~= 304 then
		not304 = not304 + 1
	end
end

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
