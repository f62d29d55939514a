// SPDX-License-Identifier: ISC
// projector.js: the screen in the room (projector.html?session=ID): the
// join link, code and QR code, the participant count, and the current
// round with its results, live.  It follows the facilitator: the round
// shown is the open one (the latest opened if several), else the last
// closed one.  /live is polled every two seconds with its ETag; the
// round's results too, so an idle room costs the server almost nothing.
import { LANGUAGES, chooseLanguage, language, rememberLanguage,
    setLanguage, t } from "./i18n.js";
import { renderResults } from "./results.js";
import { loadRoundType } from "./rounds/index.js";

const $ = (id) => document.getElementById(id);
const sid = new URLSearchParams(location.search).get("session");
await setLanguage(chooseLanguage());
let liveTag = null, resTag = null, current = null, session = null;

async function getJSON(path, tag) {
	const headers = { Accept: "application/json" };
	if (tag)
		headers["If-None-Match"] = tag;
	const r = await fetch("/api" + path, { headers, cache: "no-store", credentials: "same-origin" });
	if (r.status === 401) {
		location.href = "/login.html";
		return null;
	}
	if (r.status !== 200)
		return { status: r.status };
	return { status: 200, tag: r.headers.get("ETag"), data: await r.json() };
}

function pick(rounds) {
	const open = rounds.filter((r) => r.state === "open");
	if (open.length)
		return open[open.length - 1];
	const closed = rounds.filter((r) => r.state === "closed");
	return closed.length ? closed[closed.length - 1] : null;
}

async function refreshRounds() {
	const r = await getJSON("/sessions/" + sid + "/rounds");
	if (!r || r.status !== 200)
		return;
	const next = pick(r.data.rounds);
	if (!next || !current || next.id !== current.id || next.state !== current.state)
		resTag = null;
	current = next;
	if (!current) {
		$("round-title").textContent = session && session.state === "running" ?
		    t("projector.waiting") : "";
		$("results").replaceChildren();
	}
}

async function pollResults() {
	if (current) {
		const r = await getJSON("/sessions/" + sid + "/rounds/" + current.id +
		    "/results", resTag);
		if (r && r.status === 200) {
			resTag = r.tag;
			await loadRoundType(r.data.round.type);
			$("round-title").textContent = r.data.round.title;
			$("results").replaceChildren(renderResults(r.data.round,
			    r.data.round.results, { cloud: true }));
			document.body.dataset.round = String(current.id);
		}
	}
	setTimeout(pollResults, 2000);
}

async function pollLive() {
	try {
		const r = await getJSON("/sessions/" + sid + "/live", liveTag);
		if (r && r.status === 200) {
			liveTag = r.tag;
			session = r.data.session;
			if (session.language && session.language !== language()) {
				await setLanguage(session.language);
				resTag = null;
			}
			$("session-title").textContent = session.title;
			document.title = "Primoforum: " + session.title;
			$("count").textContent = String(r.data.participant_count);
			const running = session.state === "running";
			$("join").hidden = !running;
			$("ended").hidden = session.state !== "stopped";
			if (running) {
				$("code").textContent = session.join_code;
				$("link").textContent = session.join_link.replace(/^https?:\/\//, "").replace(/\/j\/.*/, "/j");
				$("qr").src = "/api/sessions/" + sid + "/qr?v=" + session.version;
				$("qr").alt = "QR code: " + session.join_link;
			}
			await refreshRounds();
		}
	} catch (e) {
		// The next poll tries again.
	}
	setTimeout(pollLive, 2000);
}

$("full").addEventListener("click", () => {
	if (document.fullscreenElement)
		document.exitFullscreen();
	else
		document.documentElement.requestFullscreen().catch(() => {});
});
document.addEventListener("keydown", (ev) => {
	// "l": the next language of the list, for the room's screen.
	if (ev.key === "l") {
		const i = LANGUAGES.findIndex((l) => l.code === language());
		const next = LANGUAGES[(i + 1) % LANGUAGES.length].code;
		rememberLanguage(next);
		setLanguage(next).then(() => { resTag = null; });
	}
});
pollLive();
pollResults();
