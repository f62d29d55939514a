-- SPDX-License-Identifier: ISC
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

-- Pacing: with PF_BENCH_RATE (requests a second, in all) and
-- PF_BENCH_CONNS (wrk's -c), each connection waits between requests, so
-- that the load is that rate: people polling every two seconds, not a
-- client as fast as the server answers (an open load, roughly).
-- The wait is drawn between half and one and a half times the mean, so
-- that the connections do not fire in step (people do not either).
local rate = tonumber(os.getenv("PF_BENCH_RATE") or "")
if rate and rate > 0 then
	local gap = tonumber(os.getenv("PF_BENCH_CONNS")) * 1000 / rate
	function delay()
		return math.floor(gap * (0.5 + math.random()))
	end
end
