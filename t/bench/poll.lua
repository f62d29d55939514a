-- poll.lua: participants polling their state with the ETag they hold,
-- as the participant page does every two seconds.  Each request is the
-- next participant of PF_BENCH_TOKENS ("token etag" lines); the answer
-- should be 304.  wrk runs it; script/bench reads the last line.
dofile("t/bench/report.lua")
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
	report(summary, latency)
end
