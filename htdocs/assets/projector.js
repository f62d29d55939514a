// SPDX-License-Identifier: ISC
// projector.js: the screen in the room.  Two ways in:
// - projector.html#TOKEN, the projector link (no login): it shows exactly
//   the step the facilitator put up: the room's live document,
//   /live/TOKEN.json, polled every second with its ETag (nginx serves it:
//   live.js), after one call to a worker when the page loads (GET
//   /api/projector/state with the token in X-Projector-Token), which
//   also sets the clock for the timer: the
//   join screen, a round's question, its answering (how many answered,
//   the timer) or its results (only when the room may see them; a
//   revealed quiz question with its correct options), the session's
//   leaderboard (its "leaderboard" view, unless hidden), a blank
//   screen, and the end.  Sizes follow the viewport (projector.css);
//   polls update the nodes in place (charts.js morph), so nothing
//   flickers.  At the join step the state carries the join link's QR
//   code as SVG (join_qr_svg), parsed here and put in as an element (no
//   inline markup: the CSP).  When the document is gone (404), the page
//   asks the worker why: after the stop the token answers 410
//   session_ended (and nothing else of the session): the end screen; an
//   unknown or renewed token is 404: "this link no longer works".
// - projector.html?session=ID, logged in as the owner (the older way):
//   the join link, code and QR code, the count, and the current round
//   with its results, live: the open round (the latest opened if
//   several), else the last closed one.
import { LANGUAGES, chooseLanguage, language, rememberLanguage,
    setLanguage, t, tn } from "./i18n.js";
import { el, morph } from "./charts.js";
import { renderResults } from "./results.js";
import { leaderboardView } from "./leaderboard.js";
import { groupsView } from "./groups.js";
import { loadRoundType, roundType } from "./rounds/index.js";
import { learnClock, pollDoc, timerEnd as endOf } from "./live.js";

const $ = (id) => document.getElementById(id);
const sid = new URLSearchParams(location.search).get("session");
const token = location.hash.replace(/^#/, "");
const shaped = /^[0-9a-f]{32}$/.test(token);	// a document's name
await setLanguage(chooseLanguage());

// --- the projector link ----------------------------------------------------

let roomTag = null, room = null, timerEnd = null, roomLang = null;
let shownStep = "", shownQr = null;

function show(id) {
	for (const x of ["r-join", "r-round", "r-blank", "r-ended", "r-refused"])
		$(x).hidden = x !== id;
	document.body.dataset.step = id.slice(2);
}

function timerText() {
	if (timerEnd === null)
		return "";
	const left = Math.max(0, Math.ceil((timerEnd - performance.now()) / 1000));
	return Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
}

function tickTimer() {
	const x = $("rr-timer");
	x.hidden = timerEnd === null;
	x.textContent = timerText();
	x.setAttribute("aria-label", t("projector.timeLeft") + " " + x.textContent);
}
setInterval(tickTimer, 250);

// The options as a list, for the question and while people answer.
function optionList(r) {
	const ul = el("ul", null, "options");
	for (const o of r.options || [])
		ul.append(el("li", o.label));
	return ul;
}

function stepKey(step) {
	return step ? [step.kind, step.round || "", step.view || ""].join("/") : "";
}

async function drawRoom() {
	const d = room;
	const s = d.session || {};
	const step = d.step || { kind: "join" };
	document.title = "Primoforum: " + (s.title || "");
	$("rj-title").textContent = s.title || "";
	$("rr-session").textContent = s.title || "";
	$("rb-title").textContent = "";
	const key = stepKey(step);
	if (step.kind === "blank") {
		show("r-blank");
	} else if (step.kind === "round" && d.round) {
		const r = d.round;
		await loadRoundType(r.type);
		$("rr-h").textContent = r.title;
		const view = step.view || "question";
		let body;
		const mod = roundType(r.type);
		if (view === "results" && r.results && r.groups && r.group_view) {
			// The facilitator's choice: the results by group.
			body = groupsView(r, r.groups, { mode: r.group_view.mode,
			    highlight: r.group_view.highlight, big: true });
			$("rr-count").textContent = "";
		} else if (view === "leaderboard") {
			// The session's, over its revealed questions (hidden: null).
			body = d.leaderboard ? leaderboardView(d.leaderboard) :
			    el("p", t("leaderboard.notShown"), "meta-big");
			$("rr-h").textContent = t("leaderboard.title");
			$("rr-count").textContent = d.leaderboard ?
			    tn("leaderboard.after.", d.leaderboard.rounds) : "";
		} else if (view !== "results" && r.results && mod && mod.roomView) {
			// A type that draws its own live view (the Q&A's questions).
			body = el("div", null, "question");
			body.append(mod.roomView(r, r.results));
			$("rr-count").textContent = (r.results.ideas || []).length + " " +
			    t(mod.countKey || "results.responses");
		} else if (view === "results" && r.results) {
			body = renderResults(r, r.results, { cloud: true });
			$("rr-count").textContent = "";
		} else if (view === "results") {
			body = el("div", null, "awaiting");
			body.append(el("p", t("projector.afterReveal"), "meta-big"));
			$("rr-count").textContent = t("projector.answered", { n: r.answered || 0 });
		} else {
			body = el("div", null, "question");
			if (r.options && r.options.length && !roundType(r.type)?.ideas)
				body.append(optionList(r));
			if (view === "answer") {
				$("rr-count").textContent = t("projector.answered", { n: r.answered || 0 });
				if (!r.answered)
					body.append(el("p", t("projector.awaitingAnswers"), "meta-big"));
			} else {
				$("rr-count").textContent = t("projector.soon");
			}
		}
		body.dataset.view = view + "-" + r.id;
		const box = $("rr-body");
		const old = box.firstElementChild;
		if (old && key === shownStep && old.dataset.view === body.dataset.view)
			morph(old, body);
		else
			box.replaceChildren(body);
		show("r-round");
	} else {
		$("rj-code").textContent = s.join_code || "";
		$("rj-link").textContent = (s.join_link || "").replace(/^https?:\/\//, "");
		$("rj-count").textContent = String(s.participants ?? 0);
		drawQr(s.join_qr_svg || null);
		show("r-join");
	}
	if (key !== shownStep)
		$("room-live").textContent = step.kind === "round" && d.round ? d.round.title : "";
	shownStep = key;
}

// The join link's QR code, from the state's SVG text: parsed as SVG and
// put in as an element, only when it changed (no flicker).  The link and
// the code are on the screen as text, so the picture is aria-hidden.
function drawQr(svg) {
	if (svg === shownQr)
		return;
	shownQr = svg;
	const box = $("rj-qr");
	box.replaceChildren();
	box.hidden = true;
	if (!svg)
		return;
	const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
	const root = doc.documentElement;
	if (root.localName !== "svg" || doc.getElementsByTagName("parsererror").length)
		return;
	const node = document.importNode(root, true);
	node.removeAttribute("role");
	node.setAttribute("aria-hidden", "true");
	node.setAttribute("focusable", "false");
	box.append(node);
	box.hidden = false;
}

// The session is over for this screen (ended, or the link refused):
// nothing of it stays in the page, only the screen that says so.
function leaveRoom(id) {
	room = null;
	roomTag = null;
	timerEnd = null;
	shownStep = "";
	drawQr(null);
	for (const x of ["rj-title", "rj-link", "rj-code", "rr-session", "rr-h",
	    "rr-count", "rb-title", "room-live"])
		$(x).textContent = "";
	$("rr-body").replaceChildren();
	document.title = "Primoforum";
	show(id);
}

// What the room sees, from the document or a worker: drawn.
async function takeRoom(d) {
	room = d;
	// A timer counts down its own round: on another step, none.
	const tm = room.timer;
	timerEnd = tm && room.round && tm.round === room.round.id ? endOf(tm) : null;
	const l = room.session && room.session.language;
	if (l && l !== roomLang) {
		roomLang = l;
		await setLanguage(l);
	}
	await drawRoom();
	tickTimer();
}

// Asks a worker (on load, and when the document is gone): the state, or
// the end (410), or a refusal (404: renewed or never made).  Returns the
// milliseconds to wait before the next poll, or 0 to stop.
async function askWorker() {
	const headers = { Accept: "application/json", "X-Projector-Token": token };
	const t0 = performance.now();
	const r = await fetch("/api/projector/state", { headers, cache: "no-store",
	    credentials: "omit" });
	if (r.status === 200) {
		const d = await r.json();
		learnClock(d.server_time_ms, t0, performance.now());
		await takeRoom(d);
		return 1000;
	}
	if (r.status === 410) {
		leaveRoom("r-ended");
		return 5000;
	}
	if (r.status >= 400 && r.status < 500) {
		leaveRoom("r-refused");
		return 5000;
	}
	return 3000;
}

async function pollRoom() {
	let wait = 1000;
	try {
		if (!room || !shaped) {
			wait = await askWorker();
		} else {
			const x = await pollDoc("/live/" + token + ".json", roomTag);
			if (x.status === 200) {
				roomTag = x.etag;
				await takeRoom(x.data);
			} else if (x.status === 404) {
				wait = await askWorker();
				if (wait !== 1000)
					room = null;
			} else if (x.status !== 304)
				wait = 3000;
		}
	} catch (e) {
		wait = 3000;	// the network: try again
	}
	setTimeout(pollRoom, wait);
}

// Room language: "l" steps through the languages.
function roomKeys() {
	document.addEventListener("keydown", (ev) => {
		if (ev.key === "l") {
			const i = LANGUAGES.findIndex((x) => x.code === language());
			setLanguage(LANGUAGES[(i + 1) % LANGUAGES.length].code).then(() => {
				shownStep = "";
				if (room)
					drawRoom();
			});
		} else if (ev.key === "f") {
			if (document.fullscreenElement)
				document.exitFullscreen();
			else
				document.documentElement.requestFullscreen().catch(() => {});
		}
	});
}

if (token && !sid) {
	// A new link pasted into the same tab: start again with its token.
	window.addEventListener("hashchange", () => location.reload());
	document.body.classList.add("room");
	$("room").hidden = false;
	roomKeys();
	pollRoom();
} else {
	$("screen").hidden = false;
	legacy();
}

// --- logged in, ?session= ---------------------------------------------------

function legacy() {
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
}
