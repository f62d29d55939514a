// SPDX-License-Identifier: ISC
// rounds/_scale.js: what rating and statements share: every option (and
// criterion) answered on a scale of radio buttons; results as a
// distribution with the mean and spread, or agree/disagree/pass counts.
import { bar, distribution, el, scaleLegend, table } from "../charts.js";
import { t } from "../i18n.js";
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

// The report's table: mean, median, spread, a bar, and "no opinion"
// (rating) or pass, agree and disagree (statements).
export function scaleReport(round, res, max, statements) {
	const label = labels(round);
	const head = [t("results.option"), t("results.mean"), t("results.median"), t("results.sd"), ""];
	head.push(statements ? t("results.pass") : t("results.noOpinion"));
	if (statements)
		head.push(t("results.agree"), t("results.disagree"));
	return [table(head, (res.options || []).map((o) => {
		const row = [label[o.option], o.mean, o.median, o.sd,
		    bar((Number(o.mean) - 1) / (max - 1) * 100),
		    statements ? o.pass : o.no_opinion];
		if (statements)
			row.push(o.agree, o.disagree);
		return row;
	}))];
}
