// SPDX-License-Identifier: ISC
// report.js: a printable report of one session (report.html?session=ID):
// every round with its results as bars and numbers, and a brainstorm's
// ideas by cluster.  It reads the session export; the facilitator prints
// it to PDF from the browser.
import { api } from "./api.js";
import { chooseLanguage, known, setLanguage, t } from "./i18n.js";
import { el } from "./charts.js";
import { loadRoundTypes, roundType } from "./rounds/index.js";

function roundSection(r) {
	const s = el("section", null, "round");
	s.append(el("h2", r.position + ". " + r.title));
	const res = r.results || {};
	const meta = t("round." + r.type + ".label");
	s.append(el("p", res.responses !== undefined ?
	    meta + " · " + res.responses + " " + t("results.responses") : meta, "meta"));
	const mod = roundType(r.type);
	if (mod)
		s.append(...mod.reportView(r, res));
	return s;
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
	const head = el("header", null, "report-header");
	head.append(el("h1", d.session.title));
	if (d.session.description)
		head.append(el("p", d.session.description));
	head.append(el("p", t("report.title") + " · " + (d.session.started_at ||
	    d.session.created_at || "").slice(0, 10), "meta"));
	out.append(head);
	await loadRoundTypes(d.rounds.map((x) => x.type));
	for (const round of d.rounds)
		out.append(roundSection(round));
	out.dataset.ready = "true";
}

main();
