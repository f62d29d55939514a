// SPDX-License-Identifier: ISC
// console.js: the facilitator's console.  Without ?session= it lists the
// sessions (its own, and those shared with the caller: members.js) and
// makes new ones (blank or from a template); with it, one
// session: start and stop, lock, who is in, the agenda of rounds (add,
// edit in place, open, close, reveal, results live, CSV), a round type's board (the
// brainstorm's ideas and clusters, drawn by rounds/brainstorm.js), and
// the settings.  The round types come from the server (rounds/index.js).  Live parts
// poll with ETags, so an unchanged state costs the server one lookup.
import { api } from "./api.js";
import { formatTime, language, t, tn } from "./i18n.js";
import { el, renderResults } from "./results.js";
import { allRoundTypes, loadRoundType, roundType } from "./rounds/index.js";
import { rekey, within } from "./rounds/_form.js";
import { caller, languages, say } from "./ui.js";
import { presenter } from "./presenter.js";
import { invitationPanel, inviteFromLink, membersPanel, roleClass, sharedList } from "./members.js";

// A mailed invitation's token, kept before a login can take the page away.
inviteFromLink();
import { leaderboardView } from "./leaderboard.js";
import { groupsPanel, profileForm, profileLoad } from "./profile.js";

// The server's list of round types and their modules, fetched while the
// catalogue loads.
const typesReady = allRoundTypes();
await languages(() => {
	if (session) {
		renderSession();
		pres.draw();
		renderRounds();
		renderSourceOptions();
		drawPeople();
		if (members)
			members();
	} else if (!sid)
		showList(false);
});
const call = caller();
const $ = (id) => document.getElementById(id);
const sid = new URLSearchParams(location.search).get("session");
let session = null;
let members = null;		// the owner's People tab: draws it anew
let rounds = [];
let liveTag = null;
let participants = [];		// who is in, as /live said last
const shown = new Set();		// rounds whose results are shown
const boards = new Set();		// rounds whose board (ideas) is shown
const editing = new Set();		// rounds whose fields are open to edit
const resultTags = new Map();
const pres = presenter({ sid, call, rounds: () => rounds, changed: () => { liveTag = null; } });

function button(text, cls, fn) {
	const b = el("button", text, "btn small " + (cls || "secondary"));
	b.type = "button";
	b.addEventListener("click", fn);
	return b;
}

// --- the list of sessions ---------------------------------------------------

// first: the new session's language starts as the page's.
async function showList(first) {
	$("list-view").hidden = false;
	document.title = "Primoforum: " + t("console.sessionsTitle");
	if (first)
		$("new-lang").value = language();
	const r = await call("GET", "/sessions");
	if (!r.ok)
		return;
	const ul = $("sessions");
	ul.replaceChildren();
	for (const s of r.data.sessions) {
		const li = el("li");
		const row = el("div", null, "row spread");
		const a = el("a", s.title);
		a.href = "/console.html?session=" + s.id;
		const h = el("h2");
		h.append(a);
		row.append(h, el("span", t("console.state." + s.state), "badge " + s.state));
		li.append(row, el("p", (s.created_at || "").slice(0, 10) +
		    (s.join_code ? " · " + s.join_code : ""), "meta"));
		ul.append(li);
	}
	if (r.data.sessions.length === 0)
		ul.append(el("li", t("console.noSessions"), "muted"));
	sharedList($("shared"), r.data.shared || []);
	const tr = await call("GET", "/templates");
	if (tr.ok) {
		const sel = $("template");
		sel.replaceChildren();
		for (const x of tr.data.templates) {
			const o = el("option", x.name + (x.builtin ? "" : " ★"));
			o.value = x.id;
			sel.append(o);
		}
	}
}

$("new-session").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const r = await call("POST", "/sessions", { title: $("new-title").value.trim(),
	    language: $("new-lang").value });
	if (r.ok)
		location.href = "/console.html?session=" + r.data.session.id;
});
$("from-template").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const sel = $("template");
	const r = await call("POST", "/templates/" + sel.value + "/use",
	    { title: sel.options[sel.selectedIndex].textContent.replace(" ★", "") });
	if (r.ok)
		location.href = "/console.html?session=" + r.data.session.id;
});

// --- one session ------------------------------------------------------------

function renderSession() {
	const s = session;
	$("s-title").textContent = s.title;
	document.title = "Primoforum: " + s.title;
	$("s-state").textContent = t("console.state." + s.state);
	$("s-state").className = "badge " + s.state;
	// Run with someone: the caller's role beside the state.
	$("s-role").hidden = !s.role || s.role === "owner";
	if (s.role && s.role !== "owner")
		$("s-role").textContent = t("members.role." + s.role);
	const running = s.state === "running";
	$("start").hidden = running;
	$("stop").hidden = !running;
	$("lock").hidden = !running || s.locked;
	$("unlock").hidden = !running || !s.locked;
	$("running").hidden = !running;
	$("presenter").hidden = !running;
	$("projector").href = "/projector.html?session=" + s.id;
	$("report").href = "/report.html?session=" + s.id;
	/* The server names the files (session, day, round). */
	$("export").href = "/api/sessions/" + s.id + "/export";
	$("xlsx").href = "/api/sessions/" + s.id + "/export.xlsx";
	$("responses").href = "/api/sessions/" + s.id + "/responses.csv";
	if (running) {
		$("join-code").textContent = s.join_code;
		$("join-link").textContent = s.join_link.replace(/^https?:\/\//, "");
		$("qr").src = "/api/sessions/" + s.id + "/qr?v=" + s.version;
		$("qr").alt = "QR: " + s.join_link;
	}
	// Settings form.
	$("st-title").value = s.title;
	$("st-desc").value = s.description || "";
	$("st-lang").value = s.language;
	$("st-named").checked = !!s.named;
	$("st-change").checked = !!s.allow_change;
	$("st-teams-on").checked = !!s.teams_on;
	$("st-teams").value = (s.teams || []).map((x) => x.name).join("\n");
	$("st-max").value = s.max_participants || 0;
}

async function loadSession() {
	const r = await call("GET", "/sessions/" + sid);
	if (!r.ok)
		return false;
	session = r.data.session;
	// What the caller's role may not do is not offered; the owner
	// manages the people who run it with them.
	roleClass(session.role);
	if (session.role === "owner" && !members) {
		members = membersPanel(sid, call);
		members();
	}
	renderSession();
	await profileLoad(sid, call);
	return true;
}

async function loadRounds() {
	const r = await call("GET", "/sessions/" + sid + "/rounds");
	if (!r.ok)
		return;
	rounds = r.data.rounds;
	renderRounds();
	renderSourceOptions();
}

function renderSourceOptions() {
	const sel = $("r-source");
	const keep = sel.value;
	sel.replaceChildren(new Option(t("console.typed"), ""));
	for (const r of rounds.filter((x) => roundType(x.type) && roundType(x.type).ideas)) {
		sel.append(new Option(t("console.ideasOf") + r.title, "ideas:" + r.id));
		sel.append(new Option(t("console.clustersOf") + r.title, "clusters:" + r.id));
	}
	sel.value = [...sel.options].some((o) => o.value === keep) ? keep : "";
	typeFields();
}

function roundItem(r) {
	const li = el("li");
	li.id = "round-" + r.id;
	const head = el("div", null, "row spread");
	const h = el("h2", r.position + ". " + r.title);
	const badges = el("span");
	badges.append(el("span", t("round." + r.type + ".label"), "badge"), " ",
	    el("span", t("console.state." + r.state), "badge " + r.state));
	if (r.revealed)
		badges.append(" ", el("span", t("console.revealed"), "badge open"));
	head.append(h, badges);
	li.append(head);
	// A fed draft: say where its options will come from, and when.
	if (r.options_from && r.state === "draft") {
		const src = rounds.find((x) => x.id === r.options_from);
		li.append(el("p", t(r.options_use === "clusters" ? "console.fedClusters" :
		    "console.fedIdeas", { round: src ? src.position + ". " + src.title : "?" }), "meta"));
	}
	const acts = el("div", null, "row");
	const i = rounds.indexOf(r);
	for (const [dir, sym, txt] of [["up", "↑", t("console.moveUp")], ["down", "↓", t("console.moveDown")]]) {
		const b = button(sym, "secondary", async () => {
			const x = await call("POST", "/sessions/" + sid + "/rounds/" + r.id + "/move",
			    { direction: dir });
			if (x.ok) {
				rounds = x.data.rounds;
				renderRounds();
				const again = $("round-" + r.id);
				const same = again && again.querySelector('button[data-dir="' + dir + '"]');
				if (same && !same.disabled)
					same.focus();
			}
		});
		b.dataset.dir = dir;
		b.dataset.needs = "run";
		b.setAttribute("aria-label", txt + ": " + r.title);
		b.disabled = dir === "up" ? i === 0 : i === rounds.length - 1;
		acts.append(b);
	}
	const run = (x) => { x.dataset.needs = "run"; return x; };
	if (r.state !== "open")
		acts.append(run(button(t("console.open"), "", () => roundAction(r, "open"))));
	else
		acts.append(run(button(t("console.close"), "", () => roundAction(r, "close"))));
	// A type that is always live (a Q&A) has nothing to reveal.
	const live = roundType(r.type) && roundType(r.type).alwaysLive;
	if (!live)
		acts.append(run(button(r.revealed ? t("console.hide") : t("console.reveal"), "secondary",
		    () => roundAction(r, r.revealed ? "hide" : "reveal"))));
	const res = button(t("console.results"), "secondary", () => {
		if (shown.has(r.id))
			shown.delete(r.id);
		else
			shown.add(r.id);
		renderRounds();
	});
	res.setAttribute("aria-expanded", String(shown.has(r.id)));
	acts.append(res);
	if (roundType(r.type) && roundType(r.type).board) {
		// A type may name its board (the Q&A's questions).
		const b = button(t(roundType(r.type).boardKey || "console.ideas"), "secondary", () => {
			if (boards.has(r.id))
				boards.delete(r.id);
			else
				boards.add(r.id);
			renderRounds();
		});
		b.setAttribute("aria-expanded", String(boards.has(r.id)));
		acts.append(b);
	}
	// Results on the projector: live, or after the reveal (the default).
	const pr = el("label", null, "row");
	const sel = el("select");
	sel.id = "pr-" + r.id;
	for (const v of ["reveal", "live"])
		sel.append(new Option(t("console.projectorResults." + v), v));
	sel.value = r.projector_results === "live" ? "live" : "reveal";
	sel.addEventListener("change", async () => {
		const x = await call("PATCH", "/sessions/" + sid + "/rounds/" + r.id,
		    { projector_results: sel.value });
		// As stored: a type may fix it ("live" for a Q&A).
		if (x.ok)
			sel.value = r.projector_results = x.data && x.data.round ?
			    x.data.round.projector_results : sel.value;
	});
	pr.append(el("span", t("console.projectorResults")), sel);
	pr.htmlFor = sel.id;
	if (!live)
		acts.append(run(pr));
	const csv = el("a", t("console.csv"), "btn small secondary");
	csv.href = "/api/sessions/" + sid + "/rounds/" + r.id + "/results.csv";
	csv.setAttribute("download", "");
	acts.append(run(csv));
	const ed = button(t("console.editRound"), "secondary", () => {
		if (editing.has(r.id))
			editing.delete(r.id);
		else
			editing.add(r.id);
		renderRounds();
		const f = $("e" + r.id + "-title");
		if (f)
			f.focus();
	});
	ed.classList.add("edit-round-btn");
	ed.setAttribute("aria-expanded", String(editing.has(r.id)));
	ed.setAttribute("aria-label", t("console.editRound") + ": " + r.title);
	acts.append(run(ed));
	if (r.state !== "open")
		acts.append(run(button(t("console.remove"), "secondary", async () => {
			// Ask, naming what goes: the round and its answers or ideas.
			const x = await call("GET", "/sessions/" + sid + "/rounds/" + r.id + "/results");
			const res = x.ok ? (x.data.round.results || {}) : {};
			const n = res.responses ?? (res.ideas ? res.ideas.length : 0);
			const what = t(n > 0 ? (res.ideas ? "console.confirmDeleteRoundIdeas" :
			    "console.confirmDeleteRoundAnswers") : "console.confirmDeleteRound",
			    { round: r.position + ". " + r.title, n });
			if (!window.confirm(what))
				return;
			if ((await call("DELETE", "/sessions/" + sid + "/rounds/" + r.id)).ok)
				loadRounds();
		})));
	li.append(acts);
	// An edit under way survives a new drawing of the agenda (a move, a
	// round opened): what was typed stays.
	if (editing.has(r.id))
		li.append($("e" + r.id + "-form") || editForm(r));
	if (boards.has(r.id)) {
		const box = el("div", null, "panel board-box");
		box.dataset.round = r.id;
		// What the board's drags and keys did is said here, beside it
		// (the board is drawn anew after each change; this line stays).
		const note = el("p", null, "note board-note");
		note.setAttribute("role", "status");
		li.append(note, box);
		loadBoard(r, box, note);
	}
	if (shown.has(r.id)) {
		const box = el("div", null, "live-results");
		box.dataset.round = r.id;
		box.setAttribute("aria-live", "polite");
		li.append(box);
	}
	return li;
}

// --- editing a round in place ------------------------------------------------

// A row of the options' list: its label in a field, a button to take it
// out.  id: the option's (absent for a new one).
function optionRow(list, id, label) {
	const li = el("li", null, "row");
	const i = el("input");
	i.maxLength = 300;
	i.value = label;
	i.setAttribute("aria-label", t("console.optionLabel"));
	if (id)
		li.dataset.id = id;
	const x = button("×", "secondary", () => {
		const next = li.nextElementSibling || li.previousElementSibling;
		li.remove();
		if (next)
			next.querySelector("input").focus();
	});
	x.setAttribute("aria-label", t("console.removeOption") + ": " + (label || "…"));
	li.append(i, x);
	list.append(li);
	return i;
}

// Round r's fields, to change in place: its title, its options (unless
// a brainstorm feeds them when it opens), its type's settings (the
// type's own fields of the add-round form, filled in), Save and Cancel.
// An option taken out that has answers is confirmed first, naming how
// many; the server refuses what answers keep (has_answers), and says so
// beside Save.
function editForm(r) {
	const mod = roundType(r.type);
	const pre = "e" + r.id + "-";
	const f = el("form", null, "plain panel edit-round");
	f.id = pre + "form";
	const title = el("input");
	title.id = pre + "title";
	title.required = true;
	title.maxLength = 300;
	title.value = r.title;
	// Its texts follow a change of language (data-i18n), as the form
	// itself survives the agenda's new drawing.
	const tr = (node, key) => {
		node.dataset.i18n = key;
		return node;
	};
	const tl = tr(el("label", t("console.question")), "console.question");
	tl.htmlFor = title.id;
	f.append(tl, title);
	let list = null;
	if (mod && mod.options && !(r.options_from && r.state === "draft")) {
		const fs = el("fieldset");
		fs.append(tr(el("legend", t("console.optionsFrom")), "console.optionsFrom"));
		list = el("ul", null, "option-rows");
		for (const o of r.options)
			optionRow(list, o.id, o.label);
		fs.append(list, tr(button(t("console.addOption"), "secondary",
		    () => optionRow(list, null, "").focus()), "console.addOption"));
		f.append(fs);
	}
	const box = el("div");
	if (mod && mod.fill) {
		box.append(...mod.settings());
		rekey(box, pre);
		within(box, () => mod.fill(r));
		f.append(box);
	}
	const save = tr(el("button", t("console.save"), "btn small"), "console.save");
	save.type = "submit";
	const row = el("p", null, "row");
	// Save last: what it says comes right after it.
	row.append(tr(button(t("console.cancel"), "secondary", () => {
		editing.delete(r.id);
		renderRounds();
	}), "console.cancel"), save);
	f.append(row);
	f.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		const b = { title: title.value.trim() };
		if (list) {
			b.options = [...list.children].map((li) => {
				const o = { label: li.querySelector("input").value.trim() };
				if (li.dataset.id)
					o.id = Number(li.dataset.id);
				return o;
			}).filter((o) => o.label);
			const kept = new Set(b.options.map((o) => o.id));
			const gone = r.options.filter((o) => !kept.has(o.id));
			if (gone.length && r.state !== "draft") {
				const x = await call("GET", "/sessions/" + sid + "/rounds/" + r.id + "/results");
				if (!x.ok)
					return;
				// The values each option was given: "count" or (points)
				// "voters", an entry per criterion of a rating.
				const count = new Map();
				for (const o of (x.data.round.results || {}).options || [])
					count.set(o.option, (count.get(o.option) || 0) +
					    (o.count !== undefined ? o.count : o.voters || 0));
				for (const o of gone.filter((g) => count.get(g.id) > 0)) {
					if (!window.confirm(tn("console.confirmRemoveOption.", count.get(o.id),
					    { option: o.label })))
						return;
					b.confirm_remove = true;
				}
			}
		}
		if (mod && mod.fill)
			Object.assign(b, within(box, () => mod.read()));
		// Criteria by their place: the first line renames the first one.
		if (b.criteria)
			b.criteria = b.criteria.map((name, i) => r.criteria && r.criteria[i] ?
			    { id: r.criteria[i].id, name } : { name });
		const y = await call("PATCH", "/sessions/" + sid + "/rounds/" + r.id, b);
		if (y.ok) {
			editing.delete(r.id);
			say(t("console.saved"));
			await loadRounds();
			const again = $("round-" + r.id);
			if (again)
				again.querySelector(".edit-round-btn").focus();
		}
	});
	return f;
}

// The session's leaderboard (a quiz): every entry, and whether the room
// and the phones see it (GET / PATCH .../leaderboard); only when the
// agenda has a scored round.
async function renderBoard() {
	const box = $("board-panel");
	box.hidden = !rounds.some((r) => roundType(r.type)?.info?.scored);
	if (box.hidden)
		return;
	const x = await call("GET", "/sessions/" + sid + "/leaderboard");
	if (!x.ok)
		return;
	const hide = el("input");
	hide.type = "checkbox";
	hide.id = "board-hide";
	hide.checked = x.data.hidden;
	hide.addEventListener("change", async () => {
		if ((await call("PATCH", "/sessions/" + sid + "/leaderboard",
		    { hidden: hide.checked })).ok)
			renderBoard();
	});
	const l = el("label", null, "check");
	l.append(hide, " ", el("span", t("leaderboard.hide")));
	const h = el("h2", t("leaderboard.title"));
	box.replaceChildren(h, l, leaderboardView(x.data.leaderboard));
}

function renderRounds() {
	renderBoard();
	const ol = $("rounds");
	ol.replaceChildren(...rounds.map(roundItem));
	if (rounds.length === 0)
		ol.append(el("li", t("console.noRounds"), "muted"));
	// Results poll once their box is in the page (a poll of a box that
	// left the page stops).
	for (const r of rounds.filter((x) => shown.has(x.id))) {
		resultTags.delete(r.id);
		pollResults(r, ol.querySelector('.live-results[data-round="' + r.id + '"]'));
	}
}

async function roundAction(r, what) {
	const x = await call("POST", "/sessions/" + sid + "/rounds/" + r.id + "/" + what);
	if (x.ok) {
		if (what === "open")
			shown.add(r.id);
		say("");
		await loadRounds();
	}
}

async function pollResults(r, box) {
	if (!box || !box.isConnected)
		return;
	const headers = { Accept: "application/json" };
	const tag = resultTags.get(r.id);
	if (tag)
		headers["If-None-Match"] = tag;
	try {
		const res = await fetch("/api/sessions/" + sid + "/rounds/" + r.id +
		    "/results", { headers, cache: "no-store", credentials: "same-origin" });
		if (res.status === 200) {
			resultTags.set(r.id, res.headers.get("ETag"));
			const d = await res.json();
			const mod = await loadRoundType(d.round.type);
			// A quiz's correct options: the facilitator's, before the reveal too.
			if (mod && mod.info.scored) {
				const c = await call("GET", "/sessions/" + sid + "/rounds/" + r.id + "/correct");
				if (c.ok)
					d.round.correct = c.data.correct;
			}
			box.replaceChildren(renderResults(d.round, d.round.results,
			    { cloud: true, cloudHide: (entry, hidden) => call("POST",
			    "/sessions/" + sid + "/rounds/" + r.id + "/cloud",
			    { entry, hidden }),
			    answerHide: async (id, hidden) => (await call("PATCH",
			    "/sessions/" + sid + "/rounds/" + r.id + "/answers/" + id,
			    { hidden })).ok }));
			const gbox = el("div", null, "panel groups-panel");
			box.append(gbox);
			groupsPanel(sid, call, d.round, gbox);
		}
	} catch (e) {
		// The next poll tries again.
	}
	setTimeout(() => pollResults(r, box), 2500);
}

// --- ideas and clusters -------------------------------------------------------

// The board of a round whose type has one (the brainstorm's ideas and
// clusters: rounds/brainstorm.js), drawn by its module.
function loadBoard(r, box, note) {
	roundType(r.type).board(r, box, {
		call,
		say: (text, state) => {
			note.textContent = text || "";
			note.dataset.state = state || "ok";
		},
		button,
		path: "/sessions/" + sid + "/rounds/" + r.id,
		// A new round made from this one (a vote on its clusters).
		addRound: async (body) => {
			const y = await call("POST", "/sessions/" + sid + "/rounds", body);
			if (y.ok) {
				shown.add(y.data.round.id);
				await loadRounds();
			}
		},
	});
}

// --- adding a round -----------------------------------------------------------

// The round types' own fields, built once from the server's list and
// the types' modules (each in a box shown only for its type, so what was
// typed survives a change of type), and the choice of type, in the
// server's order.
const typeBoxes = new Map();
for (const mod of await typesReady) {
	const o = new Option(t("round." + mod.type + ".name"), mod.type);
	o.dataset.i18n = "round." + mod.type + ".name";
	$("r-type").append(o);
	const box = el("div");
	box.dataset.type = mod.type;
	box.append(...mod.settings());
	typeBoxes.set(mod.type, box);
	$("r-fields").append(box);
}

function typeFields() {
	const mod = roundType($("r-type").value);
	if (!mod)
		return;
	const src = $("r-source").value;
	$("f-source").hidden = !mod.options;
	$("f-options").hidden = !mod.options || src !== "";
	for (const [type, box] of typeBoxes)
		box.hidden = type !== mod.type || box.childElementCount === 0;
}
$("r-type").addEventListener("change", typeFields);
$("r-source").addEventListener("change", typeFields);

const lines = (s) => s.split("\n").map((x) => x.trim()).filter((x) => x);

$("add-round").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const mod = roundType($("r-type").value);
	if (!mod)
		return;
	const b = { type: mod.type, title: $("r-title").value.trim() };
	const src = $("r-source").value;
	if (!$("f-source").hidden && src) {
		const [use, from] = src.split(":");
		b.options_from = Number(from);
		b.options_use = use;
	} else if (!$("f-options").hidden)
		b.options = lines($("r-options").value);
	Object.assign(b, mod.read());
	const r = await call("POST", "/sessions/" + sid + "/rounds", b);
	if (r.ok) {
		$("r-title").value = "";
		$("r-options").value = "";
		say(t("console.saved"));
		await loadRounds();
		$("r-title").focus();
	}
});

// --- session actions ----------------------------------------------------------

async function act(what, confirmText) {
	if (confirmText && !window.confirm(confirmText))
		return;
	const r = await call("POST", "/sessions/" + sid + "/" + what);
	if (r.ok) {
		session = r.data.session;
		renderSession();
		say("");
		liveTag = null;
	}
}
$("start").addEventListener("click", () => act("start"));
$("stop").addEventListener("click", () => act("stop", t("console.confirmStop")));
$("lock").addEventListener("click", () => act("lock"));
$("unlock").addEventListener("click", () => act("unlock"));
$("save-template").addEventListener("click", async () => {
	const name = window.prompt(t("console.templateName"), session.title);
	if (name && (await call("POST", "/sessions/" + sid + "/template", { name })).ok)
		say(t("console.saved"));
});
$("duplicate").addEventListener("click", async () => {
	const r = await call("POST", "/sessions/" + sid + "/duplicate");
	if (r.ok)
		location.href = "/console.html?session=" + r.data.session.id;
});
$("delete").addEventListener("click", async () => {
	if (window.confirm(t("console.confirmDelete")) &&
	    (await call("DELETE", "/sessions/" + sid)).ok)
		location.href = "/console.html";
});
$("settings").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const b = {
		title: $("st-title").value.trim(),
		description: $("st-desc").value.trim(),
		language: $("st-lang").value,
		named: $("st-named").checked,
		allow_change: $("st-change").checked,
		max_participants: Number($("st-max").value) || 0,
	};
	if (session.state !== "running") {
		b.teams_on = $("st-teams-on").checked;
		b.teams = lines($("st-teams").value);
	}
	const r = await call("PATCH", "/sessions/" + sid, b);
	if (r.ok) {
		session = r.data.session;
		renderSession();
		say(t("console.saved"));
	}
});
for (const tab of document.querySelectorAll("[role=tab]"))
	tab.addEventListener("click", () => {
		for (const x of document.querySelectorAll("[role=tab]")) {
			const on = x === tab;
			x.setAttribute("aria-selected", String(on));
			$(x.getAttribute("aria-controls")).hidden = !on;
		}
	});

// The "Who is in" list.  Two people of the same name and team (a phone
// that rejoined, two Piets at one table) are told apart by a number in
// joining order and their joining time; removing anyone asks first,
// naming whom, since a remove cannot be undone (their answers stay).
function drawPeople() {
	$("people").replaceChildren(...people(participants));
}

function people(list) {
	const label = (p) => (p.display_name || t("console.anonymous")) +
	    (p.team ? " · " + p.team : "");
	const total = new Map(), seen = new Map();
	for (const p of list)
		total.set(label(p), (total.get(label(p)) || 0) + 1);
	return list.map((p) => {
		const base = label(p), n = (seen.get(base) || 0) + 1;
		seen.set(base, n);
		const time = p.joined_at ? formatTime(p.joined_at) : "";
		const name = (p.display_name || t("console.anonymous")) +
		    (total.get(base) > 1 ? " #" + n : "") + (p.team ? " · " + p.team : "");
		const li = el("li", null, "row spread");
		li.append(el("span", name +
		    (total.get(base) > 1 && time ? " · " + t("console.joinedAt", { time }) : "")));
		const b = button(t("console.removePerson"), "secondary", async () => {
			if (!window.confirm(t("console.confirmRemove", { name, time })))
				return;
			await call("DELETE", "/sessions/" + sid + "/participants/" + p.id);
			liveTag = null;
		});
		b.setAttribute("aria-label", t("console.removeWho", { name }));
		b.dataset.needs = "run";
		li.append(b);
		return li;
	});
}

// Who is in, and the count: /live with its ETag every two seconds.
async function pollLive() {
	const headers = { Accept: "application/json" };
	if (liveTag)
		headers["If-None-Match"] = liveTag;
	try {
		const at = performance.now();
		const r = await fetch("/api/sessions/" + sid + "/live",
		    { headers, cache: "no-store", credentials: "same-origin" });
		if (r.status === 200) {
			liveTag = r.headers.get("ETag");
			const d = await r.json();
			pres.live(d, at);
			const changed = d.session.state !== session.state ||
			    d.session.locked !== session.locked;
			session = Object.assign(session, d.session);
			if (changed)
				renderSession();
			$("count").textContent = String(d.participant_count);
			participants = d.participants;
			drawPeople();
		}
	} catch (e) {
		// Next time.
	}
	setTimeout(pollLive, $("presenter").hidden ? 2000 : 1000);
}

// --- start ------------------------------------------------------------------------

$("logout").addEventListener("click", async () => {
	await api("POST", "/logout");
	location.href = "/login.html";
});

async function main() {
	const me = await api("GET", "/account");
	if (!me.ok) {
		location.href = "/login.html";
		return;
	}
	if (!sid) {
		invitationPanel(call, () => showList(false));
		showList(true);
		return;
	}
	$("session-view").hidden = false;
	profileForm(sid, call);
	if (await loadSession()) {
		await loadRounds();
		pollLive();
	}
}
main();
