-- SPDX-License-Identifier: ISC
-- doc.lua: participants (or projectors) polling their session's live
-- document, as the pages do: nginx serves it, with its own ETag; a
-- poll sends the ETag it holds (each wrk thread holds one, as each
-- browser does) and gets 304 until the document changes, then a 200
-- with the new one.  With PF_BENCH_RATE the polls are paced (report.lua).
-- Counts the 200s (changes seen) and 304s; wrk runs it against the
-- document's URL, script/bench reads the last line.
dofile("t/bench/report.lua")
etag = nil
seen, same = 0, 0
local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function request()
	local h = {}
	if etag then
		h["If-None-Match"] = etag
	end
	return wrk.format("GET", nil, h)
end

function response(status, headers, body)
	if status == 200 then
		etag = headers["ETag"] or headers["etag"]
		seen = seen + 1
	elseif status == 304 then
		same = same + 1
	end
end

function done(summary, latency, requests)
	local s, u = 0, 0
	for _, t in ipairs(threads) do
		s = s + (t:get("seen") or 0)
		u = u + (t:get("same") or 0)
	end
	report(summary, latency, string.format(" changed=%d unchanged=%d", s, u))
end
