// join.js: the participant's page, phone first.  Join with the code (from
// the link /j/CODE or typed), then poll the state every two seconds with
// the last ETag (a 304 costs the server one lookup); on a weak network
// the poll backs off to 15 s and recovers.  Each open round gets its
// answering form (choice, rating, ranking, points, statements, open
// question, brainstorm); a revealed round its results.  A form that is
// being filled in is never redrawn under the participant's fingers.
// When the session stops the server answers 401 and the page says the
// session has ended.
import { api } from "./api.js";
import { buildSwitch, chooseLanguage, language, rememberLanguage, setLanguage,
    t } from "./i18n.js";
import { el, renderResults } from "./results.js";

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

// The legend of a choice of several: "Pick 2", "Pick 1 to 3".
function pickSome(min, max) {
	return min === max ? t("round.choice.pickN", { n: min }) :
	    t("round.choice.pickRange", { min, max });
}

function submitButton(text) {
	const b = el("button", text || t("join.send"), "btn");
	b.type = "submit";
	return b;
}

// A scale of radio buttons 1..max (and optionally 0 for "pass"/null).
function scale(name, max, legendText, extra, current, ends) {
	const fs = el("fieldset");
	fs.append(el("legend", legendText));
	const row = el("div", null, "scale");
	const values = [];
	for (let v = 1; v <= max; v++)
		values.push([String(v), String(v)]);
	if (extra)
		values.push(extra);
	for (const [v, label] of values) {
		const l = el("label");
		const i = el("input");
		i.type = "radio";
		i.name = name;
		i.value = v;
		if (current !== undefined && String(current) === v)
			i.checked = true;
		l.append(i, el("span", label));
		row.append(l);
	}
	fs.append(row);
	if (ends) {
		const e = el("div", null, "ends");
		e.append(el("span", ends[0]), el("span", ends[1]));
		fs.append(e);
	}
	return fs;
}

function answerOf(r, option, criterion) {
	for (const a of r.answer || [])
		if (a.option === option && (criterion === undefined || a.criterion === criterion))
			return a.value;
	return undefined;
}

// The form of one open round; returns [form, body()].
function buildForm(r) {
	const form = el("form", null, "answer stack");
	const opts = r.options || [];
	let body = () => ({});
	if (r.type === "choice") {
		const fs = el("fieldset");
		const multi = (r.max_picks || 1) > 1;
		fs.append(el("legend", multi ? pickSome(r.min_picks || 1, r.max_picks) : t("round.choice.pickOne")));
		const picked = new Set((r.answer || []).map((a) => a.option));
		for (const o of opts) {
			const l = el("label", null, "choice-opt");
			const i = el("input");
			i.type = multi ? "checkbox" : "radio";
			i.name = "c" + r.id;
			i.value = o.id;
			i.checked = picked.has(o.id);
			l.append(i, el("span", o.label));
			fs.append(l);
		}
		form.append(fs);
		body = () => ({ choices: [...form.querySelectorAll("input:checked")].map((i) => Number(i.value)) });
	} else if (r.type === "rating" || r.type === "statements") {
		const crits = r.criteria && r.criteria.length ? r.criteria : [null];
		const max = r.type === "rating" ? r.scale_max || 5 : 5;
		const ends = r.type === "rating" ?
		    (r.label_low || r.label_high ? [r.label_low || "1", r.label_high || String(max)] : null) :
		    [t("round.statements.disagree"), t("round.statements.agree")];
		const extra = r.type === "statements" ? ["0", t("round.statements.pass")] :
		    (r.no_opinion ? ["", t("round.rating.noOpinion")] : null);
		for (const o of opts)
			for (const c of crits) {
				const name = "r" + r.id + "-" + o.id + (c ? "-" + c.id : "");
				const cur = answerOf(r, o.id, c ? c.id : undefined);
				form.append(scale(name, max, o.label + (c ? " · " + c.name : ""),
				    extra, cur === null ? "" : cur, ends));
			}
		body = () => {
			const list = [];
			for (const o of opts)
				for (const c of crits) {
					const name = "r" + r.id + "-" + o.id + (c ? "-" + c.id : "");
					const i = form.querySelector('input[name="' + name + '"]:checked');
					if (!i)
						continue;
					const a = { option: o.id, value: i.value === "" ? null : Number(i.value) };
					if (c)
						a.criterion = c.id;
					list.push(a);
				}
			return r.type === "rating" ? { ratings: list } : { answers: list };
		};
	} else if (r.type === "ranking") {
		const n = r.top_n || 0;
		form.append(el("p", (n ? t("round.ranking.helpTop", { n }) : t("round.ranking.helpAll")), "meta"));
		const ol = el("ol", null, "rank-list");
		let order = opts.map((o) => o.id);
		if (r.answer && r.answer.length) {
			const ranked = [...r.answer].sort((a, b) => a.value - b.value).map((a) => a.option);
			order = [...ranked, ...order.filter((x) => !ranked.includes(x))];
		}
		const label = Object.fromEntries(opts.map((o) => [o.id, o.label]));
		let dragging = null;
		const draw = (focusId, dir) => {
			ol.replaceChildren(...order.map((id, i) => {
				const li = el("li");
				li.draggable = true;
				li.dataset.id = id;
				li.append(el("span", (n === 0 || i < n) ? String(i + 1) : "–", "pos"),
				    el("span", label[id], "lbl"));
				for (const [d, txt, sym] of [[-1, t("round.ranking.up"), "↑"], [1, t("round.ranking.down"), "↓"]]) {
					const b = el("button", sym, "btn small secondary");
					b.type = "button";
					b.setAttribute("aria-label", txt + ": " + label[id]);
					b.dataset.dir = String(d);
					b.disabled = (d < 0 && i === 0) || (d > 0 && i === order.length - 1);
					b.addEventListener("click", () => {
						const j = i + d;
						[order[i], order[j]] = [order[j], order[i]];
						draw(id, d);
					});
					li.append(b);
				}
				li.addEventListener("dragstart", () => { dragging = id; li.classList.add("dragging"); });
				li.addEventListener("dragend", () => li.classList.remove("dragging"));
				li.addEventListener("dragover", (ev) => ev.preventDefault());
				li.addEventListener("drop", (ev) => {
					ev.preventDefault();
					if (dragging === null || dragging === id)
						return;
					order = order.filter((x) => x !== dragging);
					order.splice(order.indexOf(id), 0, dragging);
					draw();
				});
				return li;
			}));
			if (focusId !== undefined) {
				const li = ol.querySelector('li[data-id="' + focusId + '"]');
				const b = li && (li.querySelector('button[data-dir="' + dir + '"]:not([disabled])') ||
				    li.querySelector("button:not([disabled])"));
				if (b)
					b.focus();
			}
		};
		draw();
		form.append(ol);
		body = () => ({ ranking: n ? order.slice(0, n) : order });
	} else if (r.type === "points") {
		const budget = r.budget || 10;
		const left = el("p", "", "budget");
		left.setAttribute("aria-live", "polite");
		const inputs = [];
		const update = () => {
			const used = inputs.reduce((s, i) => s + (Number(i.value) || 0), 0);
			left.textContent = used > budget ? t("round.points.over") : t("round.points.left") + (budget - used) + " / " + budget;
			left.dataset.state = used > budget ? "over" : "";
		};
		for (const o of opts) {
			const row = el("div", null, "points-row");
			const i = el("input");
			i.type = "number";
			i.min = "0";
			i.max = String(r.max_per_option || budget);
			i.value = String(answerOf(r, o.id) || 0);
			i.id = "p" + r.id + "-" + o.id;
			i.addEventListener("input", update);
			const l = el("label", o.label);
			l.htmlFor = i.id;
			const ctl = el("span", null, "row");
			for (const [d, txt, sym] of [[-1, t("round.points.less"), "−"], [1, t("round.points.more"), "+"]]) {
				const b = el("button", sym, "btn small secondary");
				b.type = "button";
				b.setAttribute("aria-label", txt + ": " + o.label);
				b.addEventListener("click", () => {
					i.value = String(Math.max(0, Math.min(Number(i.max), (Number(i.value) || 0) + d)));
					update();
				});
				ctl.append(b);
			}
			ctl.insertBefore(i, ctl.lastChild);
			row.append(l, ctl);
			inputs.push(i);
			form.append(row);
		}
		form.insertBefore(left, form.firstChild);
		update();
		body = () => ({ points: opts.map((o, k) => ({ option: o.id, points: Number(inputs[k].value) || 0 }))
		    .filter((p) => p.points > 0) });
	} else if (r.type === "open" || r.type === "brainstorm") {
		const ta = el("textarea");
		ta.id = "txt" + r.id;
		ta.maxLength = r.max_length || 500;
		ta.required = true;
		if (r.type === "open" && r.text)
			ta.value = r.text;
		const l = el("label", r.type === "brainstorm" ? t("round.brainstorm.yourIdea") : t("round.open.answerLabel"));
		l.htmlFor = ta.id;
		form.append(l, ta);
		body = () => ({ text: ta.value.trim() });
	}
	form.append(submitButton(r.type === "brainstorm" ? t("round.brainstorm.sendIdea") : t("join.send")));
	return [form, body];
}

function card(r) {
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
	if (r.state === "open") {
		const [form, body] = buildForm(r);
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
			const idea = r.type === "brainstorm";
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
				status.textContent = t("round.brainstorm.thanksIdea");
				form.querySelector("textarea").focus();
			} else {
				status.textContent = t("join.thanks") + (me.session.allow_change ? " " + t("join.change") : "");
				if (!me.session.allow_change)
					form.hidden = true;
			}
		});
		c.append(form);
		if (r.answered && r.type !== "brainstorm") {
			status.textContent = t("join.thanks") + (me.session.allow_change ? " " + t("join.change") : "");
			form.hidden = !me.session.allow_change;
		}
	}
	c.append(status);
	if (r.type === "brainstorm")
		c.append(sent, wall);
	c.append(results);
	const entry = { card: c, sig: "", dirty: false, wall, results, r };
	return entry;
}

// The open wall of a brainstorm; with participants_cluster, each idea
// gets a cluster to choose and the group can add clusters.
function wallOf(r) {
	const w = el("div");
	w.append(el("h3", t("round.brainstorm.wall")));
	const ul = el("ul", null, "cards");
	const post = async (path, body) => {
		const x = await api("POST", "/participant/rounds/" + r.id + path, body);
		if (!x.ok)
			say(t("common.failed") + x.text, "error");
		else
			etag = null;	/* the next poll shows the change */
	};
	for (const i of r.wall) {
		const li = el("li", i.text, "card");
		if (r.clusters) {
			const sel = el("select");
			sel.setAttribute("aria-label", t("round.brainstorm.clusterFor") + i.text);
			sel.append(new Option(t("round.brainstorm.noCluster"), ""));
			for (const c of r.clusters) {
				const o = new Option(c.name, String(c.id));
				o.selected = c.name === i.cluster;
				sel.append(o);
			}
			sel.addEventListener("change", () => post("/ideas/" + i.id +
			    "/cluster", { cluster: sel.value ? Number(sel.value) : null }));
			li.append(" ", sel);
		}
		ul.append(li);
	}
	w.append(ul);
	if (r.clusters) {
		const f = el("form", null, "row");
		const inp = el("input");
		inp.id = "nc" + r.id;
		inp.maxLength = 100;
		const l = el("label", t("round.brainstorm.newCluster"));
		l.htmlFor = inp.id;
		const b = el("button", t("round.brainstorm.addCluster"), "btn small");
		b.type = "submit";
		f.append(l, inp, b);
		f.addEventListener("submit", (ev) => {
			ev.preventDefault();
			if (inp.value.trim())
				post("/clusters", { name: inp.value.trim() });
		});
		w.append(f);
	}
	return w;
}

function sigOf(r) {
	return [r.state, r.revealed, r.options ? r.options.length : 0,
	    (r.options || []).map((o) => o.label).join("|")].join("/");
}

function renderRounds() {
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
		if (r.wall && !typing)
			e.wall.replaceChildren(wallOf(r));
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
			renderRounds();
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
		renderRounds();
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
