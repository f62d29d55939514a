// report.js: a printable report of one session (report.html?session=ID):
// every round with its results as bars and numbers, and a brainstorm's
// ideas by cluster.  It reads the session export; the facilitator prints
// it to PDF from the browser.
import { api } from "./api.js";
import { chooseLanguage, known, setLanguage, t } from "./i18n.js";
import { bar, el } from "./results.js";


function table(head, rows) {
	const tb0 = el("table", null, "results");
	const tr = el("tr");
	for (const h of head)
		tr.append(el("th", h));
	tb0.append(el("thead"));
	tb0.firstChild.append(tr);
	const tb = el("tbody");
	for (const r of rows) {
		const row = el("tr");
		for (const c of r) {
			if (c instanceof Node) {
				const td = el("td");
				td.append(c);
				row.append(td);
			} else
				row.append(el("td", c, typeof c === "number" ||
				    /^[0-9.]+$/.test(String(c)) ? "num" : ""));
		}
		tb.append(row);
	}
	tb0.append(tb);
	return tb0;
}

function roundSection(r) {
	const s = el("section", null, "round");
	s.append(el("h2", r.position + ". " + r.title));
	const res = r.results || {};
	const meta = t("round." + r.type + ".label");
	s.append(el("p", res.responses !== undefined ?
	    meta + " · " + res.responses + " " + t("results.responses") : meta, "meta"));
	const label = {};
	for (const o of r.options || [])
		label[o.id] = o.label;
	const opts = res.options || [];
	if (r.type === "choice") {
		s.append(table([t("results.option"), t("results.count"), t("results.percent"), ""], opts.map((o) =>
		    [label[o.option], o.count, o.percent, bar(o.percent)])));
	} else if (r.type === "rating" || r.type === "statements") {
		const max = r.type === "rating" ? r.scale_max : 5;
		const head = [t("results.option"), t("results.mean"), t("results.median"), t("results.sd"), ""];
		head.push(r.type === "rating" ? t("results.noOpinion") : t("results.pass"));
		if (r.type === "statements")
			head.push(t("results.agree"), t("results.disagree"));
		s.append(table(head, opts.map((o) => {
			const row = [label[o.option], o.mean, o.median, o.sd,
			    bar((Number(o.mean) - 1) / (max - 1) * 100),
			    r.type === "rating" ? o.no_opinion : o.pass];
			if (r.type === "statements")
				row.push(o.agree, o.disagree);
			return row;
		})));
	} else if (r.type === "ranking") {
		const top = Math.max(1, ...opts.map((o) => o.borda));
		const sorted = [...opts].sort((a, b) => b.borda - a.borda);
		s.append(table([t("results.option"), t("results.borda"), ""], sorted.map((o) =>
		    [label[o.option], o.borda, bar(o.borda / top * 100)])));
	} else if (r.type === "points") {
		const top = Math.max(1, ...opts.map((o) => o.points));
		const sorted = [...opts].sort((a, b) => b.points - a.points);
		s.append(table([t("results.option"), t("results.points"), ""], sorted.map((o) =>
		    [label[o.option], o.points, bar(o.points / top * 100)])));
	} else if (r.type === "open") {
		const ul = el("ul");
		for (const x of res.texts || [])
			ul.append(el("li", x));
		s.append(ul);
	} else if (r.type === "brainstorm") {
		const groups = new Map();
		for (const i of res.ideas || []) {
			const k = i.cluster || "";
			if (!groups.has(k))
				groups.set(k, []);
			groups.get(k).push(i.text);
		}
		for (const [k, ideas] of [...groups].sort((a, b) =>
		    (a[0] === "") - (b[0] === "") || a[0].localeCompare(b[0]))) {
			const c = el("div", null, "cluster");
			c.append(el("h3", k || t("results.unclustered")));
			const ul = el("ul");
			for (const x of ideas)
				ul.append(el("li", x));
			c.append(ul);
			s.append(c);
		}
	}
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
	for (const round of d.rounds)
		out.append(roundSection(round));
	out.dataset.ready = "true";
}

main();
