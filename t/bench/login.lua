-- SPDX-License-Identifier: ISC
-- login.lua: a login flood.  Every request logs in as a different
-- address-book entry with a wrong password (what a password-spraying
-- attack sends); the answers are counted by status: 429 (nginx's rate
-- limit), 401 (a full argon2id verify, or a throttled key), 503 (every
-- hashing slot busy).
dofile("t/bench/report.lua")
local i = 0
local threads = {}
s401, s429, s503, other = 0, 0, 0, 0

function setup(thread)
	table.insert(threads, thread)
end

function request()
	i = i + 1
	return wrk.format("POST", "/api/login", {
		["Content-Type"] = "application/json",
	}, string.format('{"email":"flood-%d@example.org","password":"not the right password %d"}', i, i))
end

function response(status, headers, body)
	if status == 401 then s401 = s401 + 1
	elseif status == 429 then s429 = s429 + 1
	elseif status == 503 then s503 = s503 + 1
	else other = other + 1 end
end

function done(summary, latency, requests)
	local a, b, c, d = 0, 0, 0, 0
	for _, t in ipairs(threads) do
		a = a + t:get("s401")
		b = b + t:get("s429")
		c = c + t:get("s503")
		d = d + t:get("other")
	end
	report(summary, latency, string.format(" 401=%d 429=%d 503=%d other=%d", a, b, c, d))
end
