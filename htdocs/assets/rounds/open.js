// SPDX-License-Identifier: ISC
// rounds/open.js: an open question: each participant answers in a text
// (which they can change).  Results: the answers as cards, with a word
// cloud where there is room.
import { el, longList, wordCloud } from "../charts.js";
import { t } from "../i18n.js";

export default {
	settings() {
		return [];
	},
	read() {
		return {};
	},
	answerForm(r) {
		const ta = el("textarea");
		ta.id = "txt" + r.id;
		ta.maxLength = r.max_length || 500;
		ta.required = true;
		if (r.text)
			ta.value = r.text;
		const l = el("label", t("round.open.answerLabel"));
		l.htmlFor = ta.id;
		return { nodes: [l, ta], body: () => ({ text: ta.value.trim() }) };
	},
	resultsView(round, res, opts) {
		const out = [];
		if (opts && opts.cloud)
			out.push(wordCloud(res.cloud, opts.cloudHide));
		const ul = el("ul", null, "cards");
		for (const x of res.texts || [])
			ul.append(el("li", x, "card"));
		out.push(ul);
		return out;
	},
	// The report: every answer, as given.
	reportView(round, res) {
		const ul = el("ul", null, "answers" + (longList(res.texts) ? " long" : ""));
		for (const x of res.texts || [])
			ul.append(el("li", x));
		return [ul];
	},
};
