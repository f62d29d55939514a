// SPDX-License-Identifier: ISC
// rounds/_scale.js: what rating and statements share: every option (and
// criterion) answered on a scale of radio buttons; results as a
// distribution with the mean and spread, or agree/disagree/pass counts;
// in the report, a bar per point of the scale.
import { bars, countShare, distribution, el, percentOf, phrases, scaleLegend }
    from "../charts.js";
import { formatNumber, t, tn } from "../i18n.js";
import { answerOf, labels, scale } from "./_form.js";

// The participant's scales.  how: { max, ends, extra, key } (key: the
// body's member, "ratings" or "answers").
export function scaleForm(r, how) {
	const opts = r.options || [];
	const crits = r.criteria && r.criteria.length ? r.criteria : [null];
	const name = (o, c) => "r" + r.id + "-" + o.id + (c ? "-" + c.id : "");
	const nodes = [];
	for (const o of opts)
		for (const c of crits) {
			const cur = answerOf(r, o.id, c ? c.id : undefined);
			nodes.push(scale(name(o, c), how.max, o.label + (c ? " · " + c.name : ""),
			    how.extra, cur === null ? "" : cur, how.ends));
		}
	const body = () => {
		const list = [];
		for (const o of opts)
			for (const c of crits) {
				const i = nodes.map((n) => n.querySelector('input[name="' + name(o, c) +
				    '"]:checked')).find((x) => x);
				if (!i)
					continue;
				const a = { option: o.id, value: i.value === "" ? null : Number(i.value) };
				if (c)
					a.criterion = c.id;
				list.push(a);
			}
		return { [how.key]: list };
	};
	return { nodes, body };
}

// The live results: a distribution per option (and criterion).
export function scaleResults(round, res, max, statements) {
	const label = labels(round);
	const ul = el("ul", null, "bars dists");
	for (const o of res.options || []) {
		const li = el("li");
		const rows = o.criteria && o.criteria.length ? o.criteria : [o];
		li.append(el("span", label[o.option], "bar-label"));
		for (const c of rows) {
			const track = el("span", null, "bar-track");
			track.append(distribution(c.distribution || [], max));
			li.append(track);
			let v = t("results.mean") + " " + (c.mean ?? "–") + " · " + t("results.sd") +
			    " " + (c.sd ?? "–");
			if (statements)
				v = t("results.agree") + " " + (c.agree || 0) + " · " +
				    t("results.disagree") + " " + (c.disagree || 0) + " · " +
				    t("results.pass") + " " + (c.pass || 0);
			li.append(el("span", v, "bar-value"));
		}
		ul.append(li);
	}
	return [ul, scaleLegend(max, statements ?
	    [t("round.statements.disagree"), t("round.statements.agree")] :
	    [round.label_low || "", round.label_high || ""])];
}

// One option's (or option and criterion's) block in the report: its
// name, what the group said in words, and a bar per point of the scale
// with how many chose it; a bar's length is its share of those who chose
// a point (not of who passed or had no opinion), so that the blocks of a
// round compare.  statements: the points are named (strongly disagree ..
// strongly agree) and coloured from disagreement to agreement.
function scaleBlock(name, c, round, max, statements) {
	const dist = c.distribution || [];
	const n = dist.reduce((a, b) => a + b, 0);
	const box = el("div", null, "dist-block");
	box.append(el("h3", name));
	const words = [];
	if (n > 0 && statements)
		words.push(tn("report.agree.", c.agree || 0),
		    tn("report.neutral.", dist[2] || 0),
		    tn("report.disagree.", c.disagree || 0));
	else if (n > 0)
		words.push(t("report.mean", { mean: formatNumber(c.mean, 1), max }),
		    t("report.median", { median: formatNumber(c.median, 1) }),
		    tn("report.responses.", n));
	if (statements && c.pass)
		words.push(tn("report.pass.", c.pass));
	if (!statements && c.no_opinion)
		words.push(tn("report.noOpinion.", c.no_opinion));
	box.append(words.length ? phrases(words) :
	    el("p", t("results.noResults"), "summary"));
	const rows = [];
	for (let v = 1; v <= max; v++) {
		let point = String(v);
		if (statements)
			point = t("report.level." + v);
		else if (v === 1 && round.label_low)
			point += " " + round.label_low;
		else if (v === max && round.label_high)
			point += " " + round.label_high;
		const k = dist[v - 1] || 0;
		rows.push([point, countShare(k, percentOf(k, n)), percentOf(k, n), k,
		    statements ? "level" + (v - 1) : ""]);
	}
	box.append(bars(rows, "dist-bars"));
	return box;
}

// The report: a block per option (and criterion), then a note on what
// the words mean (the median; agree and disagree).
export function scaleReport(round, res, max, statements) {
	const label = labels(round);
	const crit = Object.fromEntries((round.criteria || []).map((c) => [c.id, c.name]));
	const out = el("div", null, "dists");
	for (const o of res.options || []) {
		if (o.criteria && o.criteria.length)
			for (const c of o.criteria)
				out.append(scaleBlock(label[o.option] + " · " + crit[c.criterion],
				    c, round, max, statements));
		else
			out.append(scaleBlock(label[o.option], o, round, max, statements));
	}
	return [out, el("p", t(statements ? "report.statementsNote" :
	    "report.medianNote"), "note")];
}
