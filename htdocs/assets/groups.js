// SPDX-License-Identifier: ISC
// groups.js: a round's results by group of a profile question, for the
// console and the projector, from the server's "groups" object (groups.c:
// groups below the minimum are already merged into "other", so nothing
// here can show fewer people than the session's minimum).  Two views:
// side by side (a bar per group for each option or statement) or one
// group highlighted against everyone; and the cross-group view: per
// option, in plain words, whether the groups agree or which differ.
import { bar, el } from "./charts.js";
import { formatNumber, formatPercent, t } from "./i18n.js";

// The name of group key k ("a12" or "other") in g.
export function groupName(g, key) {
	if (key === "other")
		return t("groups.other");
	const id = Number(String(key).slice(1));
	const a = (g.question.answers || []).find((x) => x.id === id);
	return a ? a.text : t("groups.other");
}

// The key of the group that shows answer key hl: itself, or "other" if
// it was merged (or null if it is in no group shown).
export function shownKey(g, hl) {
	if ((g.groups || []).some((x) => x.key === hl))
		return hl;
	return (g.groups || []).some((x) => x.key === "other") ? "other" : null;
}

// The label of a cross-group item: its option, and its criterion.
function itemLabel(round, x) {
	const o = (round.options || []).find((y) => y.id === x.option);
	let s = o ? o.label : "?";
	if (x.criterion) {
		const c = (round.criteria || []).find((y) => y.id === x.criterion);
		s += " · " + (c ? c.name : "?");
	}
	return s;
}

// A measure as text and as a bar's share (0..100).
function measured(g, m) {
	if (g.measure === "mean")
		return [formatNumber(m, 1), g.points > 0 ? m / g.points * 100 : 0];
	return [formatPercent(Math.round(m)), m];
}

const sideClass = { "1": "above", "-1": "below", "0": "middle" };

// The verdict of item x in plain words.
export function verdictText(g, x) {
	if (x.verdict === "differ")
		return t("groups.differ", { a: groupName(g, x.above),
		    b: groupName(g, x.below) });
	return t(x.verdict === "agree" ? "groups.agree" : "groups.none");
}

// One bar row: [name, measure] with the side's colour.
function row(g, name, side, m) {
	const li = el("li");
	li.append(el("span", name, "bar-label"));
	const track = el("span", null, "bar-track");
	const [text, share] = measured(g, m);
	track.append(bar(side === null ? 0 : share, "g-" + (sideClass[String(side)] || "none")));
	li.append(track, el("span", side === null ? "–" : text, "bar-value"));
	return li;
}

// The notes: who was merged, who is left out.
function notes(g) {
	const out = [];
	if ((g.merged || []).length)
		out.push(el("p", t("groups.merged", { min: g.min,
		    names: g.merged.map((id) => groupName(g, "a" + id)).join(", ") }),
		    "meta groups-merged"));
	if (g.left_out > 0 && (g.groups || []).length)
		out.push(el("p", t("groups.leftOut", { n: g.left_out, min: g.min }),
		    "meta groups-left"));
	return out;
}

// The per-group view of round (its "groups" object g) as a DOM node.
// opts.mode: "side" (default) or "highlight"; opts.highlight: a group's
// key; opts.big: the projector's (fewer words).
export function groupsView(round, g, opts) {
	opts = opts || {};
	const box = el("div", null, "groups-box" + (opts.big ? " big" : ""));
	box.dataset.mode = opts.mode || "side";
	box.append(el("h3", t("groups.title", { question: g.question.text })));
	const shown = g.groups || [];
	if (!shown.length) {
		box.append(el("p", t("groups.noGroups", { min: g.min }), "meta groups-none"));
		return box;
	}
	const counts = el("p", shown.map((x) => groupName(g, x.key) + " " +
	    t("groups.n", { n: x.responses })).join(" · "), "meta groups-counts");
	box.append(counts, ...notes(g));
	const hl = opts.mode === "highlight" ? shownKey(g, opts.highlight || shown[0].key) : null;
	// The projector, more than two options: one table, a row each.
	if (opts.big && (g.cross || []).length > 2) {
		box.append(table(round, g, hl));
		return box;
	}
	const items = el("div", null, "groups-items");
	box.append(items);
	for (const x of g.cross || []) {
		const item = el("section", null, "groups-item");
		item.dataset.option = String(x.option);
		item.append(el("h4", itemLabel(round, x)));
		const ul = el("ul", null, "bars groups-bars");
		if (hl) {
			const k = shown.findIndex((y) => y.key === hl);
			const mine = x.groups[k];
			ul.append(row(g, groupName(g, hl), mine ? mine.side : null,
			    mine ? mine.measure : 0));
			ul.append(row(g, t("groups.all"), x.all ? x.all.side : null,
			    x.all ? x.all.measure : 0));
			ul.lastChild.classList.add("groups-all");
		} else {
			x.groups.forEach((y) => ul.append(row(g, groupName(g, y.key),
			    y.side, y.measure)));
		}
		item.append(ul);
		const v = el("p", verdictText(g, x), "groups-verdict " + x.verdict);
		item.append(v);
		items.append(item);
	}
	return box;
}

// A table of the options (rows) by group (columns: every group, or the
// highlighted one and everyone), each cell a bar and its measure, and
// the verdict last: the projector's, when there are many options.
function table(round, g, hl) {
	const tb = el("table", null, "groups-table");
	const cols = hl ? [[groupName(g, hl), (x) => x.groups[g.groups.findIndex((y) => y.key === hl)]],
	    [t("groups.all"), (x) => x.all]] :
	    g.groups.map((y, i) => [groupName(g, y.key), (x) => x.groups[i]]);
	const head = el("tr");
	head.append(el("th", ""));
	for (const [name] of cols)
		head.append(el("th", name));
	head.append(el("th", ""));
	const thead = el("thead");
	thead.append(head);
	const body = el("tbody");
	for (const x of g.cross || []) {
		const tr = el("tr");
		tr.dataset.option = String(x.option);
		tr.append(el("th", itemLabel(round, x)));
		for (const [, pick] of cols) {
			const c = pick(x);
			const td = el("td");
			const [text, share] = measured(g, c ? c.measure : 0);
			const side = c ? c.side : null;
			const track = el("span", null, "bar-track");
			track.append(bar(side === null ? 0 : share, "g-" + (sideClass[String(side)] || "none")));
			td.append(el("span", side === null ? "–" : text, "bar-value"), track);
			tr.append(td);
		}
		tr.append(el("td", verdictText(g, x), "groups-verdict " + x.verdict));
		body.append(tr);
	}
	tb.append(thead, body);
	return tb;
}

// The cross-group view alone: per item, where the groups agree and
// differ, in a list (the console's summary).
export function crossView(round, g) {
	const box = el("div", null, "groups-cross");
	box.append(el("h3", t("groups.cross")));
	const ul = el("ul", null, "cross-list");
	for (const x of g.cross || []) {
		const li = el("li", null, "cross " + x.verdict);
		li.dataset.option = String(x.option);
		li.append(el("strong", itemLabel(round, x)), ": ", verdictText(g, x));
		const sides = (x.groups || []).map((y, i) => groupName(g, g.groups[i].key) +
		    " " + (y.side === null ? "–" : t("groups.side" + (sideClass[String(y.side)] || "none")) +
		    " (" + measured(g, y.measure)[0] + ")"));
		li.append(el("span", " — " + sides.join(", "), "meta"));
		ul.append(li);
	}
	box.append(ul);
	return box;
}
