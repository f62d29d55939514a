// SPDX-License-Identifier: ISC
// join.js: the participant's page, phone first.  Join with the code (from
// the link /j/CODE or typed), then poll the state every two seconds with
// the last ETag (a 304 costs the server one lookup); on a weak network
// the poll backs off to 15 s and recovers.  Each open round gets its
// answering form (choice, rating, ranking, points, statements, open
// question, brainstorm: its type's module, loaded when the page first
// meets the type); a revealed round its results.  A form that is
// being filled in is never redrawn under the participant's fingers.
// When the session stops the server answers 401 and the page says the
// session has ended.
import { api } from "./api.js";
import { buildSwitch, chooseLanguage, language, rememberLanguage, setLanguage,
    t } from "./i18n.js";
import { el, renderResults } from "./results.js";
import { loadRoundTypes, roundType } from "./rounds/index.js";

await setLanguage(chooseLanguage());
let etag = null;
let delay = 2000;
let me = null;
let chosen = false;	// the participant picked a language with the switch
const cards = new Map();	// round id -> { card, sig, dirty }
const $ = (id) => document.getElementById(id);

function say(text, state) {
	$("result").textContent = text;
	$("result").dataset.state = state || "";
}

function show(view) {
	for (const v of ["join-view", "in-view", "ended-view"])
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
	const { nodes, body } = mod.answerForm(r);
	form.append(...nodes);
	form.append(submitButton(t(mod.submitKey || "join.send")));
	return [form, body];
}

function card(r) {
	const mod = roundType(r.type);
	const c = el("section", null, "round-card");
	c.id = "round-" + r.id;
	c.dataset.type = r.type;
	c.setAttribute("aria-labelledby", "rt-" + r.id);
	const h = el("h2", r.title);
	h.id = "rt-" + r.id;
	c.append(h);
	const status = el("p", "", "done-msg");
	status.setAttribute("role", "status");
	const sent = el("ul", null, "cards");
	const wall = el("div", null, "wall-box");
	const results = el("div", null, "results-here");
	if (r.state === "open" && mod) {
		const [form, body] = buildForm(r, mod);
		// Typing, or a button of the form (points +/-, ranking arrows):
		// the participant is at work, so polls leave the form alone.
		form.addEventListener("input", () => { entry.dirty = true; });
		form.addEventListener("click", (ev) => {
			if (ev.target.closest("button[type=button]"))
				entry.dirty = true;
		});
		form.addEventListener("submit", async (ev) => {
			ev.preventDefault();
			const b = body();
			const idea = !!mod.ideas;
			if (idea && !b.text)
				return;
			const x = await api("POST", "/participant/rounds/" + r.id +
			    (idea ? "/ideas" : "/answer"), b);
			if (!x.ok) {
				if (x.status === 401)
					return show("ended-view");
				status.textContent = t("common.failed") + x.text;
				status.dataset.state = "error";
				return;
			}
			entry.dirty = false;
			status.dataset.state = "ok";
			if (idea) {
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
	c.append(results);
	const entry = { card: c, sig: "", dirty: false, wall, results, r };
	return entry;
}

// What the wall's controls send (a cluster for an idea, a new cluster).
function poster(r) {
	return async (path, body) => {
		const x = await api("POST", "/participant/rounds/" + r.id + path, body);
		if (!x.ok)
			say(t("common.failed") + x.text, "error");
		else
			etag = null;	/* the next poll shows the change */
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
			e.wall.replaceChildren(mod.wall(r, poster(r)));
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
	$("waiting").hidden = (me.rounds || []).length > 0;
}

async function poll() {
	const headers = { Accept: "application/json" };
	if (etag)
		headers["If-None-Match"] = etag;
	let r;
	try {
		r = await fetch("/api/participant/state", { headers, cache: "no-store" });
	} catch (e) {
		r = null;
	}
	if (r && r.status === 401) {
		show("ended-view");
		say("");
		return;
	}
	if (r && (r.status === 200 || r.status === 304)) {
		if (r.status === 200) {
			etag = r.headers.get("ETag");
			me = await r.json();
			if (!chosen && me.session.language && me.session.language !== language()) {
				await setLanguage(me.session.language);
				cards.forEach((e) => { e.sig = ""; });
			}
			renderMe();
			await renderRounds();
		}
		delay = 2000;
		say("");
	} else {
		delay = Math.min(delay * 2, 15000);
		say(t("join.offline"), "error");
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
	}
});

const m = /^\/j\/([0-9A-Za-z-]{8,9})$/.exec(location.pathname);
if (m)
	$("code").value = m[1].toUpperCase();

$("join").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const body = { code: $("code").value };
	if ($("name").value.trim() !== "")
		body.display_name = $("name").value.trim();
	if ($("team").value.trim() !== "")
		body.team = $("team").value.trim();
	const r = await api("POST", "/join", body);
	if (!r.ok) {
		say(t("common.failed") + r.text, "error");
		if (/display_name/.test(r.message))
			$("name").focus();
		else if (/team/.test(r.message))
			$("team").focus();
		return;
	}
	me = r.data;
	// The session's language from the first answer, not the first poll.
	if (!chosen && me.session.language && me.session.language !== language())
		await setLanguage(me.session.language);
	show("in-view");
	renderMe();
	say("");
	poll();
});
