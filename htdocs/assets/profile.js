// SPDX-License-Identifier: ISC
// profile.js: the console's side of profile questions: the form that
// sets them (one or two questions, 2 to 12 answers each, the smallest
// group shown) while nobody has joined, and under a round's live
// results its results by group (groups.js), side by side or one group
// against everyone, the cross-group view, and the projector's choice.
import { api } from "./api.js";
import { el } from "./charts.js";
import { t } from "./i18n.js";
import { crossView, groupName, groupsView } from "./groups.js";

const $ = (id) => document.getElementById(id);
const lines = (s) => s.split("\n").map((x) => x.trim()).filter((x) => x);
let profile = null;	// the session's, as the server said last

// Draws the form from profile p (two question slots).
function drawForm(p) {
	const box = $("pf-questions");
	box.replaceChildren();
	for (let i = 0; i < 2; i++) {
		const q = p.questions[i];
		const l = el("label", t("profile.question", { n: i + 1 }));
		l.htmlFor = "pf-q" + i;
		const inp = el("input");
		inp.id = "pf-q" + i;
		inp.maxLength = 200;
		inp.value = q ? q.text : "";
		const la = el("label", t("profile.answers"));
		la.htmlFor = "pf-a" + i;
		const ta = el("textarea");
		ta.id = "pf-a" + i;
		ta.rows = 4;
		ta.value = q ? q.answers.map((a) => a.text).join("\n") : "";
		inp.disabled = ta.disabled = p.locked;
		box.append(l, inp, la, ta);
	}
	$("pf-min").value = p.group_min;
	$("pf-note").textContent = p.locked ? t("profile.locked") : "";
	$("pf-note").dataset.state = "";
}

// Presenter mode's choice of what the projector's results show: the
// whole room, or the groups of a question side by side (one group
// against everyone is set from a round's results).
function drawPresenter(sid, call) {
	const box = $("p-groups-box"), sel = $("p-groups");
	if (!box || !sel)
		return;
	box.hidden = !profile.questions.length;
	const v = profile.view;
	const pairs = [["", t("groups.offProjector")]];
	for (const q of profile.questions)
		pairs.push([String(q.id), t("groups.title", { question: q.text }) +
		    (v && v.question === q.id && v.mode === "highlight" ?
		    " · " + t("groups.highlight") : "")]);
	sel.replaceChildren(...pairs.map(([value, text]) => {
		const o = el("option", text);
		o.value = value;
		return o;
	}));
	sel.value = v ? String(v.question) : "";
	sel.onchange = async () => {
		const y = await call("PUT", "/sessions/" + sid + "/group-view",
		    sel.value ? { question: Number(sel.value), mode: "side" } :
		    { question: null });
		if (y.ok) {
			profile = y.data.profile;
			drawPresenter(sid, call);
		}
	};
}

// Loads the session's profile and sets the form up; returns it.
export async function profileLoad(sid, call) {
	const r = await call("GET", "/sessions/" + sid + "/profile");
	if (!r.ok)
		return null;
	profile = r.data.profile;
	drawForm(profile);
	drawPresenter(sid, call);
	return profile;
}

// The form's submit: the questions (unless locked) and the minimum.
export function profileForm(sid, call) {
	$("profile").addEventListener("submit", async (ev) => {
		ev.preventDefault();
		const body = { group_min: Number($("pf-min").value) };
		if (!profile || !profile.locked) {
			body.questions = [];
			for (let i = 0; i < 2; i++) {
				const text = $("pf-q" + i).value.trim();
				const answers = lines($("pf-a" + i).value);
				if (text || answers.length)
					body.questions.push({ text, answers });
			}
		}
		const r = await call("PUT", "/sessions/" + sid + "/profile", body);
		if (r.ok) {
			profile = r.data.profile;
			drawForm(profile);
			$("pf-note").textContent = t("profile.saved");
			$("pf-note").dataset.state = "ok";
		} else {
			$("pf-note").textContent = r.text;
			$("pf-note").dataset.state = "error";
		}
	});
}

// What the console shows of round r by group: question, view, group.
const choice = new Map();	// round id -> { question, mode, highlight }

// A select of [value, text] pairs.
function select(id, label, pairs, value, onchange) {
	const l = el("label", null, "inline");
	const s = el("select");
	s.id = id;
	for (const [v, text] of pairs) {
		const o = el("option", text);
		o.value = String(v);
		s.append(o);
	}
	s.value = String(value);
	s.addEventListener("change", () => onchange(s.value));
	l.htmlFor = id;
	l.append(el("span", label), " ", s);
	return l;
}

// Draws round r's results by group into box (under its live results);
// again on each change of the results (the caller calls it).
export async function groupsPanel(sid, call, r, box) {
	if (!profile || !profile.questions.length || !box)
		return;
	const c = choice.get(r.id) || { question: profile.questions[0].id,
	    mode: "side", highlight: null };
	choice.set(r.id, c);
	// Quietly: an open question or a brainstorm has no groups (422).
	const x = await api("GET", "/sessions/" + sid + "/rounds/" + r.id +
	    "/groups?question=" + c.question);
	if (!x.ok || !x.data.groups) {
		box.replaceChildren();
		return;
	}
	const g = x.data.groups;
	const redraw = () => groupsPanel(sid, call, r, box);
	const bar = el("div", null, "row groups-controls");
	if (profile.questions.length > 1)
		bar.append(select("gq-" + r.id, t("groups.question"),
		    profile.questions.map((q) => [q.id, q.text]), c.question,
		    (v) => { c.question = Number(v); c.highlight = null; redraw(); }));
	bar.append(select("gm-" + r.id, t("groups.view"), [["side", t("groups.side")],
	    ["highlight", t("groups.highlight")]], c.mode,
	    (v) => { c.mode = v; redraw(); }));
	if (c.mode === "highlight" && (g.groups || []).length)
		bar.append(select("gh-" + r.id, t("groups.group"),
		    g.groups.map((y) => [y.key, groupName(g, y.key)]),
		    c.highlight || g.groups[0].key,
		    (v) => { c.highlight = v; redraw(); }));
	const hl = c.mode === "highlight" && c.highlight && c.highlight !== "other" ?
	    Number(c.highlight.slice(1)) : null;
	// Whether the projector shows what this panel shows now.
	const v = profile.view;
	const same = v && v.question === c.question && v.mode === c.mode &&
	    (c.mode !== "highlight" || (v.highlight || null) === hl);
	const proj = el("button", t(same ? "groups.onProjectorDone" : "groups.onProjector"),
	    "btn small secondary");
	proj.type = "button";
	proj.setAttribute("aria-pressed", String(!!same));
	proj.addEventListener("click", async () => {
		const y = await call("PUT", "/sessions/" + sid + "/group-view",
		    { question: c.question, mode: c.mode, highlight: hl });
		if (y.ok) {
			profile = y.data.profile;
			proj.textContent = t("groups.onProjectorDone");
			proj.setAttribute("aria-pressed", "true");
			drawPresenter(sid, call);
		}
	});
	const off = el("button", t("groups.offProjector"), "btn small secondary");
	off.type = "button";
	off.addEventListener("click", async () => {
		const y = await call("PUT", "/sessions/" + sid + "/group-view",
		    { question: null });
		if (y.ok) {
			profile = y.data.profile;
			proj.textContent = t("groups.onProjector");
			proj.setAttribute("aria-pressed", "false");
			drawPresenter(sid, call);
		}
	});
	bar.append(proj, off);
	box.replaceChildren(bar, groupsView(r, g, { mode: c.mode,
	    highlight: c.highlight }));
	if ((g.groups || []).length > 1)
		box.append(crossView(r, g));
}
