-- SPDX-License-Identifier: ISC
-- static.lua: the machine's ceiling: nginx serving a small static file
-- over the same TLS connections.
dofile("t/bench/report.lua")
function done(summary, latency, requests)
	report(summary, latency)
end
