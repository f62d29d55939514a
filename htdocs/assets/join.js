// SPDX-License-Identifier: ISC
// join.js: the participant's page, phone first.  Join with the code (from
// the link /j/CODE or typed), ask a worker once for who they are, their
// own answers and the name of the session's live document, then poll that
// document every two seconds with the last ETag (nginx serves it: see
// live.js); on a weak network the poll backs off to 15 s and recovers.
// Their own answers come from that first call and from each answer's
// reply; in team mode the team's answers from a worker every TEAM_MS.  Each open round gets its
// answering form (choice, rating, ranking, points, statements, open
// question, brainstorm: its type's module, loaded when the page first
// meets the type); a revealed round its results.  A form that is
// being filled in is never redrawn under the participant's fingers.
// When the document is gone (404) the page asks the worker: after a stop
// or a removal the worker answers 401 and the page says so; otherwise it
// names the document's new path.
//
// One thing at a time: the round of the facilitator's step (state.step)
// fills the screen; a newly current round replaces the view, its heading
// takes the focus and is announced; several open rounds and no step on
// one of them: a list to pick from.  A session-wide round (an open round
// with session_wide, the Q&A's) is one tap away whatever the step: its
// button ("Questions") shows it in place of the step's round, and back;
// a new step brings the participant back to the step.  The page asks the state first, so a
// reload or a woken tab resumes from the cookie without the join form.
// The timer counts down to the server's ends_at_ms, by the offset of the
// phone's clock that the worker's answer taught (live.js).  The name and team fields appear when the
// server asks for them; every error is said next to what caused it.  The
// session's profile questions come right after the join (or a resume
// that has not answered them), one screen each, before the first round.
import { api } from "./api.js";
import { buildSwitch, chooseLanguage, language, rememberLanguage, setLanguage,
    t } from "./i18n.js";
import { el, renderResults } from "./results.js";
import { loadRoundTypes, roundType } from "./rounds/index.js";
import { learnClock, pollDoc, timerEnd as endOf } from "./live.js";
import { leaderboardView, scoreText } from "./leaderboard.js";

const TEAM_MS = 10000;	// a team's shared answers: from a worker this often

await setLanguage(chooseLanguage());
let etag = null;	// the worker's state's
let live = null;	// the live document's path, or null (none: the worker)
let liveTag = null;	// its ETag
let lastWorker = 0;	// performance.now() of the last worker state
const mine = new Map();	// round id -> { answered, answer, text }: their own
let delay = 2000;
let me = null;
let chosen = false;	// the participant picked a language with the switch
let current = null;	// the id of the round on the screen
let picked = null;	// the round picked from the list
let aside = null;	// { id, step }: the session-wide round shown, at which step
let timerEnd = null;	// performance.now() at which the timer ends
let timerRound = null;	// the round the timer counts down
const cards = new Map();	// round id -> { card, sig, dirty }
// The leaderboard the worker's state came with: when the document's
// moves (a reveal, hidden), their own score is the worker's to tell.
let boardSig = "null", needWorker = false;
const $ = (id) => document.getElementById(id);

function say(text, state) {
	$("result").textContent = text;
	$("result").dataset.state = state || "";
}

function show(view) {
	for (const v of ["join-view", "profile-view", "in-view", "ended-view"])
		$(v).hidden = v !== view;
}

function renderMe() {
	if (!me)
		return;
	$("session-title").textContent = me.session.title;
	$("who").textContent = me.participant.display_name ?
	    t("join.joined") + me.participant.display_name +
	    (me.participant.team ? " (" + me.participant.team + ")" : "") :
	    t("join.anonymous");
}

function submitButton(text) {
	const b = el("button", text || t("join.send"), "btn");
	b.type = "submit";
	return b;
}

// The form of one open round, from its type's module; returns
// [form, body()].
function buildForm(r, mod) {
	const form = el("form", null, "answer stack");
	const { nodes, body, check } = mod.answerForm(r,
	    { named: !!(me.participant && me.participant.display_name) });
	form.append(...nodes);
	form.append(submitButton(t(mod.submitKey || "join.send")));
	return [form, body, check];
}

function card(r) {
	const mod = roundType(r.type);
	const c = el("section", null, "round-card");
	c.id = "round-" + r.id;
	c.dataset.type = r.type;
	c.setAttribute("aria-labelledby", "rt-" + r.id);
	const h = el("h2", r.title);
	h.id = "rt-" + r.id;
	h.tabIndex = -1;
	c.append(h);
	const status = el("p", "", "done-msg");
	status.setAttribute("role", "status");
	const sent = el("div", null, "yours-box");
	const wall = el("div", null, "wall-box");
	const results = el("div", null, "results-here");
	if (r.state === "open" && mod) {
		const [form, body, check] = buildForm(r, mod);
		// Typing, or a button of the form (points +/-, ranking arrows):
		// the participant is at work, so polls leave the form alone.
		form.addEventListener("input", () => { entry.dirty = true; });
		form.addEventListener("click", (ev) => {
			if (ev.target.closest("button[type=button]"))
				entry.dirty = true;
		});
		form.addEventListener("submit", async (ev) => {
			ev.preventDefault();
			const missing = check && check();
			if (missing) {
				status.textContent = missing;
				status.dataset.state = "error";
				return;
			}
			const b = body();
			const idea = !!mod.ideas;
			if (idea && !b.text)
				return;
			const x = await api("POST", "/participant/rounds/" + r.id +
			    (idea ? "/ideas" : "/answer"), b);
			if (!x.ok) {
				if (x.status === 401) {
					removed = x.code === "removed";
					return ended();
				}
				status.textContent = x.text;
				status.dataset.state = "error";
				return;
			}
			entry.dirty = false;
			status.dataset.state = "ok";
			// Their own answer, as the reply says it was stored.
			if (!idea)
				mine.set(r.id, { answered: true,
				    answer: x.data && x.data.answer,
				    text: x.data && "text" in x.data ? x.data.text : b.text });
			if (idea) {
				if (mod.yours)
					mod.yours(r, sent, caller(r));
				else
					sent.append(el("li", b.text, "card"));
				form.querySelector("textarea").value = "";
				status.textContent = t(mod.thanksKey);
				form.querySelector("textarea").focus();
			} else {
				status.textContent = t("join.thanks") + (me.session.allow_change ? " " + t("join.change") : "");
				if (!me.session.allow_change)
					form.hidden = true;
			}
		});
		c.append(form);
		if (r.answered && !mod.ideas) {
			status.textContent = t("join.thanks") + (me.session.allow_change ? " " + t("join.change") : "");
			form.hidden = !me.session.allow_change;
		}
	}
	c.append(status);
	if (mod && mod.ideas)
		c.append(sent, wall);
	if (mod && mod.yours && r.state === "open")
		mod.yours(r, sent, caller(r));
	c.append(results);
	const entry = { card: c, sig: "", dirty: false, wall, results, r };
	return entry;
}

// The participant's calls about round r's ideas (their own ideas,
// likes): call(method, path, body) to /participant/rounds/ID + path.
function caller(r) {
	return async (method, path, body) => {
		const x = await api(method, "/participant/rounds/" + r.id + path, body);
		if (x.ok && method !== "GET")
			etag = null;	/* a worker's state would show it at once */
		return x;
	};
}

// What the wall's controls send (a cluster for an idea, a new cluster).
function poster(r) {
	return async (path, body) => {
		const x = await api("POST", "/participant/rounds/" + r.id + path, body);
		if (!x.ok)
			say(t("common.failed") + x.text, "error");
		else
			etag = null;	/* a worker's state would show it at once */
	};
}

function sigOf(r) {
	return [r.state, r.revealed, r.options ? r.options.length : 0,
	    (r.options || []).map((o) => o.label).join("|")].join("/");
}

async function renderRounds() {
	await loadRoundTypes((me.rounds || []).map((r) => r.type));
	const box = $("rounds");
	const seen = new Set();
	for (const r of me.rounds || []) {
		seen.add(r.id);
		let e = cards.get(r.id);
		const sig = sigOf(r);
		if (!e || (e.sig !== sig && (!e.dirty || r.state !== e.r.state))) {
			const fresh = card(r);
			if (e)
				e.card.replaceWith(fresh.card);
			e = fresh;
			cards.set(r.id, e);
		}
		e.sig = sig;
		// Not while the participant types a cluster's name there.
		const typing = document.activeElement &&
		    document.activeElement.tagName === "INPUT" &&
		    e.wall.contains(document.activeElement);
		const mod = roundType(r.type);
		if (r.wall && !typing && mod && mod.wall)
			e.wall.replaceChildren(mod.wall(r, poster(r), caller(r)));
		if (r.revealed && r.results)
			e.results.replaceChildren(renderResults(r, r.results, { cloud: false }));
		else
			e.results.replaceChildren();
	}
	for (const [id, e] of cards)
		if (!seen.has(id)) {
			e.card.remove();
			cards.delete(id);
		}
	// Keep the cards in the agenda's order.
	for (const r of me.rounds || [])
		box.append(cards.get(r.id).card);
	showOne();
}

// Which round fills the screen: the step's, else the one open round,
// else the one picked from the list of open rounds; none: the list (or
// the wait).
function showOne() {
	const rounds = me.rounds || [];
	const open = rounds.filter((r) => r.state === "open");
	const step = me.step || null;
	let id = null;
	const wide = open.find((r) => r.session_wide);
	if (aside && (!wide || wide.id !== aside.id || aside.step !== stepSig(step)))
		aside = null;
	if (aside)
		id = aside.id;
	else if (step && step.kind === "round" && rounds.some((r) => r.id === step.round))
		id = step.round;
	else if (picked !== null && open.some((r) => r.id === picked))
		id = picked;
	else if (open.length === 1)
		id = open[0].id;
	else if (open.length === 0 && (!step || step.kind !== "blank") && rounds.length)
		id = rounds[rounds.length - 1].id;
	const list = $("round-list");
	list.hidden = id !== null || open.length < 2;
	if (!list.hidden) {
		list.setAttribute("aria-label", t("join.pickRound"));
		list.replaceChildren(...open.map((r) => {
			const li = el("li");
			const b = el("button", r.title, "btn secondary");
			b.type = "button";
			b.dataset.round = String(r.id);
			b.addEventListener("click", () => {
				picked = r.id;
				showOne();
			});
			li.append(b);
			return li;
		}));
	}
	for (const [rid, e] of cards)
		e.card.hidden = rid !== id;
	asideButton(wide, id);
	const back = id !== null && picked === id && open.length > 1 &&
	    !(step && step.kind === "round" && step.round === id);
	$("back-list").hidden = !back;
	$("waiting").hidden = id !== null || open.length >= 2;
	$("waiting").textContent = step && step.kind === "blank" ? t("join.pause") : t("join.waiting");
	if (id !== current) {
		current = id;
		const e = id !== null && cards.get(id);
		if (e) {
			window.scrollTo(0, 0);
			const h = e.card.querySelector("h2");
			$("announce").textContent = t("join.nowRound", { title: e.r.title });
			h.focus({ preventScroll: true });
		}
	}
}

function stepSig(step) {
	return step ? [step.kind, step.round || "", step.view || ""].join("/") : "";
}

// The button to the session-wide round (wide) and back, beside the round
// shown (id).
function asideButton(wide, id) {
	let b = $("aside-btn");
	if (!b) {
		b = el("button", "", "btn secondary aside-btn");
		b.type = "button";
		b.id = "aside-btn";
		b.addEventListener("click", () => {
			const w = (me.rounds || []).find((r) => r.state === "open" && r.session_wide);
			aside = aside || !w ? null : { id: w.id, step: stepSig(me.step) };
			showOne();
		});
		$("who").after(b);
	}
	b.hidden = !wide || (!aside && id === wide.id);
	if (b.hidden)
		return;
	const mod = roundType(wide.type);
	b.textContent = aside ? t("join.backToStep") :
	    mod && mod.asideKey ? t(mod.asideKey) : wide.title;
	b.setAttribute("aria-pressed", String(!!aside));
}

function tickTimer() {
	const x = $("part-timer");
	// Only on its own round's screen: not over another round, not a list.
	x.hidden = timerEnd === null || timerRound !== current;
	if (x.hidden)
		return;
	const left = Math.max(0, Math.ceil((timerEnd - performance.now()) / 1000));
	x.textContent = t("join.timeLeft") + " " + Math.floor(left / 60) + ":" +
	    String(left % 60).padStart(2, "0");
}
setInterval(tickTimer, 250);

// A worker's state: who they are, their own answers, the document's
// path.  t0, t1: performance.now() around the call.
function fromWorker(s, t0, t1) {
	learnClock(s.server_time_ms, t0, t1);
	mine.clear();
	for (const r of s.rounds || [])
		mine.set(r.id, { answered: r.answered, answer: r.answer, text: r.text });
	if (s.live !== live) {
		live = s.live || null;
		liveTag = null;
	}
	me = s;
	boardSig = JSON.stringify(s.leaderboard ?? null);
	needWorker = false;
	lastWorker = performance.now();
}

// The live document: what everyone sees, with their own answers put in.
function fromDoc(d) {
	me = Object.assign({}, me, {
		session: d.session, step: d.step, timer: d.timer, version: d.version,
		leaderboard: d.leaderboard ?? null,
		rounds: (d.rounds || []).map((r) =>
		    Object.assign(r, mine.get(r.id) || { answered: false })),
	});
	if (JSON.stringify(d.leaderboard ?? null) !== boardSig)
		needWorker = true;
}

// Their own score and rank (the worker's, never in a document) and the
// leaderboard, above the round, when no open round fills the screen (an
// open question's form comes first).
function renderScore() {
	const box = $("my-score");
	const r = (me.rounds || []).find((x) => x.id === current);
	box.hidden = !me.score || !!(r && r.state === "open");
	if (box.hidden)
		return;
	$("ms-line").textContent = scoreText(me.score);
	$("ms-board").replaceChildren(...(me.leaderboard ?
	    [leaderboardView(me.leaderboard, { place: me.score.place })] : []));
}

// The end screen: the session ended, or (removed) the facilitator took
// this participant out of it: each is told as it is.
let removed = false;
function ended() {
	const v = document.getElementById("ended-view");
	v.querySelector("h1").dataset.i18n = removed ? "join.removedTitle" : "join.endedTitle";
	v.querySelector("p").dataset.i18n = removed ? "join.removed" : "join.ended";
	v.querySelector("h1").textContent = t(v.querySelector("h1").dataset.i18n);
	v.querySelector("p").textContent = t(v.querySelector("p").dataset.i18n);
	v.dataset.removed = String(removed);
	return show("ended-view");
}

// Asks a worker for the state: "ok" (me is new), "same" (304), "ended"
// (401: the session stopped or they were removed), "offline".
async function askWorker() {
	const headers = { Accept: "application/json" };
	if (etag)
		headers["If-None-Match"] = etag;
	const t0 = performance.now();
	let r;
	try {
		r = await fetch("/api/participant/state", { headers, cache: "no-store" });
	} catch (e) {
		return "offline";
	}
	if (r.status === 401) {
		try {
			removed = (await r.json()).error.code === "removed";
		} catch (e) {
			removed = false;
		}
		return "ended";
	}
	if (r.status === 304) {
		lastWorker = performance.now();
		return "same";
	}
	if (r.status !== 200)
		return "offline";
	try {
		const s = await r.json();
		etag = r.headers.get("ETag");
		fromWorker(s, t0, performance.now());
	} catch (e) {
		return "offline";
	}
	return "ok";
}

// Draws me: the timer, the language, who, the rounds.
async function apply() {
	const tm = me.timer;
	timerEnd = endOf(tm);
	timerRound = tm ? tm.round : null;
	tickTimer();
	if (!chosen && me.session.language && me.session.language !== language()) {
		await setLanguage(me.session.language);
		cards.forEach((e) => { e.sig = ""; });
	}
	renderMe();
	await renderRounds();
	renderScore();
}

async function poll() {
	let st = "same";
	const team = me && me.participant && me.participant.team;
	if (!live || needWorker || (team && performance.now() - lastWorker > TEAM_MS))
		st = await askWorker();
	if (st === "ok" && live)
		liveTag = null;		/* own answers new: draw the document again */
	if (st !== "ended" && st !== "offline" && live) {
		const x = await pollDoc(live, liveTag);
		if (x.status === 200) {
			liveTag = x.etag;
			fromDoc(x.data);
			st = "ok";
		} else if (x.status === 404) {
			// Ended, or a new name: the worker says which.
			const old = live;
			st = await askWorker();
			if (st === "ok" && live === old)
				live = null;	/* not written yet: the worker for now */
		} else if (x.status !== 304)
			st = "offline";
	}
	if (st === "ended") {
		ended();
		say("");
		return;
	}
	if (st === "offline") {
		delay = Math.min(delay * 2, 15000);
		say(t("join.offline"), "error");
	} else {
		if (st === "ok")
			await apply();
		delay = 2000;
		say("");
	}
	setTimeout(poll, delay);
}

buildSwitch(async (code) => {
	chosen = true;
	rememberLanguage(code);
	await setLanguage(code);
	renderMe();
	if (me) {
		for (const e of cards.values())
			e.sig = "";
		await renderRounds();
		// The own score's line is drawn from the worker's answer: again.
		renderScore();
	}
});

const m = /^\/j\/([0-9A-Za-z-]{8,9})$/.exec(location.pathname);
if (m)
	$("code").value = m[1].toUpperCase();

// A refused join, said next to its field: the name or the team when the
// server asks for them (the field then appears), else the code.
function joinError(r) {
	for (const f of ["code", "name", "team"])
		$(f + "-error").textContent = "";
	let field = "code";
	if (/display_name/.test(r.message))
		field = "name";
	else if (/team/.test(r.message))
		field = "team";
	let text = r.text;
	if (field !== "code" && (r.code === "missing_field" || r.code === "invalid_field")) {
		text = t(field === "name" ? "join.nameNeeded" : "join.teamNeeded");
		$("f-" + field).hidden = false;
	}
	$(field + "-error").textContent = text;
	$(field).setAttribute("aria-invalid", "true");
	$(field).focus();
}

// The session's profile questions the participant has not answered, one
// screen each, one tap (their answers, and "rather not say"), before the
// first round; an answer is kept with the participant only.
async function askProfile() {
	const r = await api("GET", "/participant/profile");
	if (!r.ok || !r.data.questions)
		return;
	const open = r.data.questions.filter((q) => !q.answered);
	for (let i = 0; i < open.length; i++)
		await askOne(open[i], i, open.length);
}

function askOne(q, i, n) {
	return new Promise((resolve) => {
		show("profile-view");
		$("pq-step").textContent = n > 1 ? t("join.profileStep", { i: i + 1, n }) : "";
		$("pq-h").textContent = q.text;
		$("pq-error").textContent = "";
		const box = $("pq-answers");
		box.replaceChildren();
		const choices = q.answers.map((a) => [a.id, a.text, ""]);
		choices.push([null, t("join.ratherNot"), " secondary"]);
		for (const [id, text, cls] of choices) {
			const b = el("button", text, "btn pq-answer" + cls);
			b.type = "button";
			// "Rather not say" follows the language switch (the others
			// are the facilitator's words).
			if (id === null)
				b.dataset.i18n = "join.ratherNot";
			b.addEventListener("click", async () => {
				for (const x of box.querySelectorAll("button"))
					x.disabled = true;
				const x = await api("POST", "/participant/profile",
				    { question: q.id, answer: id });
				if (x.ok)
					return resolve();
				for (const y of box.querySelectorAll("button"))
					y.disabled = false;
				$("pq-error").textContent = x.text;
			});
			box.append(b);
		}
		$("pq-h").focus();
	});
}

$("join").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const body = { code: $("code").value };
	if (!$("f-name").hidden && $("name").value.trim() !== "")
		body.display_name = $("name").value.trim();
	if (!$("f-team").hidden && $("team").value.trim() !== "")
		body.team = $("team").value.trim();
	const r = await api("POST", "/join", body);
	if (!r.ok) {
		joinError(r);
		return;
	}
	me = r.data;
	// The session's language from the first answer, not the first poll.
	if (!chosen && me.session.language && me.session.language !== language())
		await setLanguage(me.session.language);
	await askProfile();
	show("in-view");
	renderMe();
	say("");
	await askWorker();
	if (live)
		liveTag = null;
	await apply();
	poll();
});

$("back-list").addEventListener("click", () => {
	picked = null;
	showOne();
});

// A reload or a woken tab: the cookie may hold a participant already.
async function resume() {
	const st = await askWorker();
	if (st === "ok") {
		if (!chosen && me.session.language && me.session.language !== language())
			await setLanguage(me.session.language);
		await askProfile();
		show("in-view");
		await apply();
		setTimeout(poll, delay);
		return;
	}
	show("join-view");
	if (st === "offline")
		say(t("join.offline"), "error");
}
resume();
