-- SPDX-License-Identifier: ISC
-- answer.lua: participants answering open rounds (choices,
-- PF_BENCH_BODY), each request the next participant of this thread's
-- share of PF_BENCH_TOKENS.  PF_BENCH_PATHS names the rounds' answer
-- paths (space-separated; "path=option" answers with that option, as
-- each round has its own), taken one after the other: everyone answers
-- the first round, then the second, ...
--   default: round and round: a first answer, then changes, every one
--            a durable write;
--   PF_BENCH_ONCE=1: every participant answers every round once, then
--            the thread fetches a static file until the end (first
--            answers only; script/bench sizes the rounds so that they
--            last).
-- Each thread counts the answers the server accepted (200 or 201) and
-- the new ones (201); done() adds them up, so that script/bench can
-- compare them with what the database stored.
dofile("t/bench/report.lua")
local tokens, paths, bodies, n, step, nxt, round = {}, {}, {}, 0, 1, 0, 1
local once, sent, share = false, 0, 0
local threads = {}
accepted = 0
created = 0
id = 0

function setup(thread)
	table.insert(threads, thread)
	thread:set("id", #threads)
end

function init(args)
	for line in io.lines(os.getenv("PF_BENCH_TOKENS")) do
		local t = line:match("^(%S+)")
		if t then
			n = n + 1
			tokens[n] = t
		end
	end
	for p in os.getenv("PF_BENCH_PATHS"):gmatch("%S+") do
		local path, opt = p:match("^([^=]+)=(%d+)$")
		table.insert(paths, path or p)
		table.insert(bodies, opt and '{"choices":[' .. opt .. ']}' or
		    os.getenv("PF_BENCH_BODY"))
	end
	step = tonumber(os.getenv("PF_BENCH_THREADS"))
	once = os.getenv("PF_BENCH_ONCE") == "1"
	nxt = id
	-- this thread's participants (id, id + step, ...) times the rounds
	share = math.floor((n - id) / step + 1) * #paths
end

function request()
	local t, p, b = tokens[nxt], paths[round], bodies[round]
	-- Once, and every pair sent: the first pair again (wrk checks the
	-- script by calling request() once before the run, which takes that
	-- turn; if it was sent, this is a change, not counted as created),
	-- then a static file until the end.
	if once and sent == share then
		sent = sent + 1
		return wrk.format("POST", paths[1], {
			["Cookie"] = "__Host-pf_part=" .. tokens[id],
			["Content-Type"] = "application/json",
		}, bodies[1])
	end
	if once and sent > share then
		return wrk.format("GET", "/v/1/assets/site.css")
	end
	nxt = nxt + step
	if nxt > n then
		nxt = id
		round = round % #paths + 1
	end
	sent = sent + 1
	return wrk.format("POST", p, {
		["Cookie"] = "__Host-pf_part=" .. t,
		["Content-Type"] = "application/json",
	}, b)
end

function response(status, headers, body)
	if status == 200 or status == 201 then
		accepted = accepted + 1
	end
	if status == 201 then
		created = created + 1
	end
end

function done(summary, latency, requests)
	local a, c = 0, 0
	for _, t in ipairs(threads) do
		a = a + t:get("accepted")
		c = c + t:get("created")
	end
	report(summary, latency, " accepted=" .. a .. " created=" .. c)
end
