-- SPDX-License-Identifier: ISC
-- poll.lua: participants polling their state with the ETag they hold,
-- as the participant page does every two seconds.  Each request is the
-- next participant of this thread's share of PF_BENCH_TOKENS ("token
-- participant [etag]" lines; wrk's PF_BENCH_THREADS threads split them,
-- as each participant is one browser).  Like the page, a poll keeps the ETag of a 200 for the next
-- one (an ETag names its participant, so the answer finds its owner),
-- so once everyone has polled after a change the answers are 304s.
-- With PF_BENCH_SAVE, every ETag learnt is appended there as
-- "participant etag" (script/bench primes the poll phase with it).  wrk
-- runs it; script/bench reads the last line.
dofile("t/bench/report.lua")
local tokens, pids, etags, n, i = {}, {}, {}, 0, 0
local save
local threads = {}
id = 1

function setup(thread)
	table.insert(threads, thread)
	thread:set("id", #threads)
end

function init(args)
	-- wrk's -t, which script/bench passes here too
	local k, nthreads = 0, tonumber(os.getenv("PF_BENCH_THREADS") or "1")
	for line in io.lines(os.getenv("PF_BENCH_TOKENS")) do
		local t, p, e = line:match("^(%S+) (%S+) ?(%S*)$")
		if t then
			k = k + 1
			if k % nthreads == id - 1 then
				n = n + 1
				tokens[n], pids[n] = t, p
				if e ~= "" then
					etags[p] = e
				end
			end
		end
	end
	i = math.random(n)
	if os.getenv("PF_BENCH_SAVE") then
		save = io.open(os.getenv("PF_BENCH_SAVE"), "a")
	end
end

function request()
	i = i % n + 1
	local h = { ["Cookie"] = "__Host-pf_part=" .. tokens[i] }
	if etags[pids[i]] then
		h["If-None-Match"] = etags[pids[i]]
	end
	return wrk.format("GET", "/api/participant/state", h)
end

function response(status, headers, body)
	local e = headers["ETag"] or headers["etag"]
	if status == 200 and e then
		local p = e:match("p(%d+)v")
		if p then
			etags[p] = e
			if save then
				save:write(p, " ", e, "\n")
				save:flush()
			end
		end
	end
end

function done(summary, latency, requests)
	report(summary, latency)
end
