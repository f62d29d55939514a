// SPDX-License-Identifier: ISC
// live.js: the live documents a running session's pages poll.  nginx
// serves them (/live/TOKEN.json, written by the server's publisher after
// each change), so a room of thousands polling every second or two costs
// what static files cost; a worker is asked only when a page loads and
// when its document is gone (404: the session ended, or the document got
// a new name, which the worker tells).  A poll sends the ETag it holds
// and gets 304 while nothing changed.
//
// Timers: a document may be read long after it was written, so it says
// when a timer ends (ends_at_ms, the server's clock) rather than how long
// is left; the page learns the offset of its own clock from the worker's
// server_time_ms (half the round trip is the error).

// One poll of document path with the ETag held: { status, etag, data }
// (status 0: the network failed).
export async function pollDoc(path, etag) {
	const headers = { Accept: "application/json" };
	if (etag)
		headers["If-None-Match"] = etag;
	let r;
	try {
		r = await fetch(path, { headers, cache: "no-store", credentials: "omit" });
	} catch (e) {
		return { status: 0, etag, data: null };
	}
	if (r.status !== 200)
		return { status: r.status, etag, data: null };
	let data = null;
	try {
		data = await r.json();
	} catch (e) {
		return { status: 0, etag, data: null };
	}
	return { status: 200, etag: r.headers.get("ETag"), data };
}

// The server's clock less this page's (ms), from a worker's answer made
// between performance.now() values t0 and t1.
let skew = 0;
export function learnClock(serverMs, t0, t1) {
	if (typeof serverMs === "number")
		skew = serverMs - (performance.timeOrigin + (t0 + t1) / 2);
}

// When timer tm ends, as a performance.now() value; null without one.
export function timerEnd(tm) {
	if (!tm)
		return null;
	if (typeof tm.ends_at_ms === "number")
		return tm.ends_at_ms - skew - performance.timeOrigin;
	if (typeof tm.remaining_ms === "number")
		return performance.now() + tm.remaining_ms;
	return null;
}
