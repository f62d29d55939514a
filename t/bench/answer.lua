-- answer.lua: participants answering the open round (a choice,
-- PF_BENCH_BODY), each request the next participant of this thread's
-- share of PF_BENCH_TOKENS, round and round: a first answer, then
-- changes, every one a durable write.  Each thread counts the answers
-- the server accepted (200 or 201); done() adds them up, so that
-- script/bench can compare them with what the database recorded.
dofile("t/bench/report.lua")
local tokens, n, step, nxt = {}, 0, 1, 0
local threads = {}
accepted = 0
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
	step = tonumber(os.getenv("PF_BENCH_THREADS"))
	nxt = id
end

function request()
	local t = tokens[nxt]
	nxt = nxt + step
	if nxt > n then
		nxt = id
	end
	return wrk.format("POST", os.getenv("PF_BENCH_PATH"), {
		["Cookie"] = "__Host-pf_part=" .. t,
		["Content-Type"] = "application/json",
	}, os.getenv("PF_BENCH_BODY"))
end

function response(status, headers, body)
	if status == 200 or status == 201 then
		accepted = accepted + 1
	end
end

function done(summary, latency, requests)
	local total = 0
	for _, t in ipairs(threads) do
		total = total + t:get("accepted")
	end
	report(summary, latency, " accepted=" .. total)
end
