// SPDX-License-Identifier: ISC
// rounds/choice.js: a vote, multiple choice: pick min_picks to max_picks
// of the options.  Results: each option's count and share.
import { bars, countShare, el } from "../charts.js";
import { t } from "../i18n.js";
import { $, inlineNumber, labels } from "./_form.js";

// The legend of a choice of several: "Pick 2", "Pick 1 to 3".
function pickSome(min, max) {
	return min === max ? t("round.choice.pickN", { n: min }) :
	    t("round.choice.pickRange", { min, max });
}

export default {
	settings() {
		const row = el("div", null, "row");
		row.append(inlineNumber("round.choice.minPicks", "r-min", 1, 100, 1),
		    inlineNumber("round.choice.maxPicks", "r-max", 1, 100, 1));
		return [row];
	},
	read() {
		return { min_picks: Number($("r-min").value), max_picks: Number($("r-max").value) };
	},
	// The settings of round r in the fields (an edit, console).
	fill(r) {
		$("r-min").value = r.min_picks;
		$("r-max").value = r.max_picks;
	},
	answerForm(r) {
		const fs = el("fieldset");
		const multi = (r.max_picks || 1) > 1;
		fs.append(el("legend", multi ? pickSome(r.min_picks || 1, r.max_picks) :
		    t("round.choice.pickOne")));
		const picked = new Set((r.answer || []).map((a) => a.option));
		for (const o of r.options || []) {
			const l = el("label", null, "choice-opt");
			const i = el("input");
			i.type = multi ? "checkbox" : "radio";
			i.name = "c" + r.id;
			i.value = o.id;
			i.checked = picked.has(o.id);
			l.append(i, el("span", o.label));
			fs.append(l);
		}
		// The limit before sending: at max_picks, the others wait.
		const max = r.max_picks || 1, min = r.min_picks || 1;
		const limit = () => {
			if (!multi)
				return;
			const n = fs.querySelectorAll("input:checked").length;
			for (const i of fs.querySelectorAll("input"))
				i.disabled = !i.checked && n >= max;
		};
		fs.addEventListener("change", limit);
		limit();
		return { nodes: [fs], body: () => ({ choices: [...fs.querySelectorAll("input:checked")]
		    .map((i) => Number(i.value)) }),
		    check: () => {
			const n = fs.querySelectorAll("input:checked").length;
			return n < min || n > max ? pickSome(min, max) : null;
		    } };
	},
	resultsView(round, res) {
		const label = labels(round);
		return [bars((res.options || []).map((o) => [label[o.option], o.count +
		    " (" + o.percent + "%)", o.percent]))];
	},
	// The report: the options by votes, each bar its share of those
	// who voted.
	reportView(round, res) {
		const label = labels(round);
		const sorted = [...(res.options || [])].sort((a, b) => b.count - a.count);
		return [bars(sorted.map((o) => [label[o.option],
		    countShare(o.count, o.percent), o.percent, o.count]))];
	},
	// What option id scored, in words (the report's path of an idea).
	scoreText(res, id) {
		const o = (res.options || []).find((x) => x.option === id);
		return o ? countShare(o.count, o.percent) : "";
	},
};
