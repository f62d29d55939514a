// SPDX-License-Identifier: ISC
// rounds/points.js: distribute a budget of points over the options (at
// most max_per_option each, when set).  Results: the options by points,
// with how many gave them points.
import { bars, el } from "../charts.js";
import { t, tn } from "../i18n.js";
import { $, answerOf, inlineNumber, labels } from "./_form.js";

export default {
	settings() {
		const row = el("div", null, "row");
		row.append(inlineNumber("round.points.budget", "r-budget", 1, 1000, 10),
		    inlineNumber("round.points.maxPer", "r-maxper", 0, 1000, 0));
		return [row];
	},
	read() {
		return { budget: Number($("r-budget").value),
		    max_per_option: Number($("r-maxper").value) };
	},
	// The settings of round r in the fields (an edit, console).
	fill(r) {
		$("r-budget").value = r.budget;
		$("r-maxper").value = r.max_per_option;
	},
	answerForm(r) {
		const opts = r.options || [];
		const budget = r.budget || 10;
		const left = el("p", "", "budget");
		left.setAttribute("aria-live", "polite");
		const inputs = [];
		const update = () => {
			const used = inputs.reduce((s, i) => s + (Number(i.value) || 0), 0);
			left.textContent = used > budget ? t("round.points.over") :
			    t("round.points.left") + (budget - used) + " / " + budget;
			left.dataset.state = used > budget ? "over" : "";
		};
		const nodes = [left];
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
			for (const [d, txt, sym] of [[-1, t("round.points.less"), "−"],
			    [1, t("round.points.more"), "+"]]) {
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
			nodes.push(row);
		}
		update();
		return { nodes, body: () => ({ points: opts.map((o, k) => ({ option: o.id,
		    points: Number(inputs[k].value) || 0 })).filter((p) => p.points > 0) }) };
	},
	resultsView(round, res) {
		const label = labels(round);
		const list = res.options || [];
		const top = Math.max(1, ...list.map((o) => o.points));
		const sorted = [...list].sort((a, b) => b.points - a.points);
		return [bars(sorted.map((o) => [label[o.option], o.points +
		    " " + t("results.pointsUnit") + " · " + o.voters + " " +
		    t("results.voters"), o.points / top * 100]))];
	},
	// The report: the options by points, the most a full bar, with how
	// many gave each points.
	reportView(round, res) {
		const label = labels(round);
		const opts = res.options || [];
		const top = Math.max(1, ...opts.map((o) => o.points));
		const sorted = [...opts].sort((a, b) => b.points - a.points);
		return [bars(sorted.map((o) => [label[o.option], tn("report.points.", o.points) +
		    " · " + tn("report.from.", o.voters), o.points / top * 100, o.points]))];
	},
	// What option id scored, in words (the report's path of an idea).
	scoreText(res, id) {
		const o = (res.options || []).find((x) => x.option === id);
		return o ? tn("report.points.", o.points) + " · " + tn("report.from.", o.voters) : "";
	},
};
