// SPDX-License-Identifier: ISC
// report.js: a printable report of one session (report.html?session=ID),
// for a facilitator to hand out: a header with how many took part, the
// day and how long it ran, then every round with its results as its type
// draws them for paper (the type's reportView(): distributions, bars
// with their numbers, answers, ideas by cluster).  It reads the session
// export, in the session's language; the facilitator prints it, or saves
// it as PDF, from the browser (report.css lays it out on A4).
import { api } from "./api.js";
import { chooseLanguage, formatDay, known, setLanguage, t, tn } from "./i18n.js";
import { el } from "./charts.js";
import { loadRoundTypes, roundType } from "./rounds/index.js";

// How long the session ran, from the export's whole minutes: "1 uur 35 min".
function duration(minutes) {
	const h = Math.floor(minutes / 60), m = minutes % 60;
	return t(h === 0 ? "report.durationM" : m === 0 ? "report.durationH" :
	    "report.durationHM", { h, m });
}

// The header's line of facts: "12 deelnemers · 1 december 2026 · 1 uur 35 min"
// (the day it started, else the day it was made; "still running" when
// it has no stop yet).
function facts(s) {
	const parts = [tn("report.participants.", s.participants || 0)];
	const day = s.started_at || s.created_at;
	if (day)
		parts.push(formatDay(day));
	if (typeof s.duration_minutes === "number")
		parts.push(duration(s.duration_minutes));
	else if (s.state === "running")
		parts.push(t("report.running"));
	return parts.join(" · ");
}

function roundSection(r) {
	const s = el("section", null, "round");
	s.dataset.type = r.type;
	s.append(el("h2", r.position + ". " + r.title));
	const res = r.results || {};
	const mod = roundType(r.type);
	// What the results count: answers, or a brainstorm's ideas (the
	// type's countKey, results.X, has its counted form in report.X.).
	const n = res.responses ?? (res.ideas ? res.ideas.length : undefined);
	const counted = ((mod && mod.countKey) || "results.responses")
	    .replace(/^results\./, "report.") + ".";
	const meta = t("round." + r.type + ".label");
	s.append(el("p", n !== undefined ? meta + " · " + tn(counted, n) : meta, "meta"));
	if (n === 0)
		s.append(el("p", t("results.noResults"), "summary"));
	else if (mod)
		s.append(...mod.reportView(r, res));
	return s;
}

// The path of each idea of a brainstorm that fed a vote: the idea, its
// cluster, and what the cluster (or the idea itself) scored in each round
// that took its options from the brainstorm (option_sources, feed.c).
// Null when no round was fed.
function ideaPaths(rounds) {
	const rows = [];
	for (const b of rounds) {
		const res = b.results || {};
		const votes = rounds.filter((v) => v.options_from === b.id && v.option_sources);
		if (!res.ideas || votes.length === 0)
			continue;
		const cid = new Map((res.clusters || []).map((c) => [c.name, c.id]));
		for (const idea of res.ideas) {
			const c = idea.cluster ? cid.get(idea.cluster) : undefined;
			const steps = [];
			for (const v of votes) {
				const src = v.option_sources.find((x) =>
				    (c !== undefined && x.cluster === c) || x.idea === idea.id);
				const mod = roundType(v.type);
				if (src && mod && mod.scoreText)
					steps.push(v.position + ". " + v.title + ": " +
					    mod.scoreText(v.results || {}, src.option));
			}
			rows.push([idea.text, idea.cluster || t("report.noCluster"),
			    steps.length ? steps.join("; ") : t("report.notVoted")]);
		}
	}
	if (rows.length === 0)
		return null;
	const s = el("section", null, "round paths");
	s.append(el("h2", t("report.paths")), el("p", t("report.pathsNote"), "meta"));
	const table = el("table");
	const head = el("tr");
	for (const k of ["report.pathIdea", "report.pathCluster", "report.pathVote"])
		head.append(el("th", t(k)));
	table.append(el("thead"), el("tbody"));
	table.tHead.append(head);
	for (const r of rows) {
		const tr = el("tr");
		for (const x of r)
			tr.append(el("td", x));
		table.tBodies[0].append(tr);
	}
	s.append(table);
	return s;
}

// The screen's tools (print, back to the console); print hides them.
function tools(id) {
	const nav = el("nav", null, "report-tools");
	const back = el("a", t("report.back"));
	back.href = "/console.html?session=" + encodeURIComponent(id);
	const print = el("button", t("report.print"), "btn");
	print.type = "button";
	print.addEventListener("click", () => window.print());
	nav.append(back, print);
	return nav;
}

async function main() {
	const id = new URLSearchParams(location.search).get("session");
	const out = document.getElementById("report");
	const say = document.getElementById("result");
	const r = await api("GET", "/sessions/" + encodeURIComponent(id) + "/export");
	if (!r.ok) {
		await setLanguage(chooseLanguage());
		say.textContent = t("report.failed") + r.text;
		say.dataset.state = "error";
		return;
	}
	const d = r.data;
	await setLanguage(known(d.session.language) ? d.session.language : "en");
	document.title = "Primoforum: " + d.session.title;
	out.before(tools(id));
	const head = el("header", null, "report-header");
	head.append(el("p", t("report.title"), "kicker"), el("h1", d.session.title));
	if (d.session.description)
		head.append(el("p", d.session.description, "description"));
	head.append(el("p", facts(d.session), "facts"));
	out.append(head);
	await loadRoundTypes(d.rounds.map((x) => x.type));
	for (const round of d.rounds)
		out.append(roundSection(round));
	const paths = ideaPaths(d.rounds);
	if (paths)
		out.append(paths);
	out.dataset.ready = "true";
}

main();
