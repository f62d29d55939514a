// SPDX-License-Identifier: ISC
// rounds/open.js: an open question: each participant answers in a text
// (which they can change).  Results: the answers as cards, with a word
// cloud where there is room; on the console the facilitator hides an
// answer from the room (and shows it again), as ideas are hidden.
import { el, longList, wordCloud } from "../charts.js";
import { t } from "../i18n.js";
import { $, check } from "./_form.js";

export default {
	settings() {
		return [check("round.moderated", "r-omod")];
	},
	read() {
		return { moderated: $("r-omod").checked };
	},
	fill(r) {
		$("r-omod").checked = !!r.moderated;
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
		// The console (answerHide given) gets every answer with its id
		// and state, each with a button that hides it from the room's
		// screen and the phones or shows it again.
		if (opts && opts.answerHide && res.answers) {
			const card = (x) => {
				const li = el("li", null, "card" + (x.hidden ? " hidden-answer" : ""));
				li.append(el("span", x.text));
				// Waiting (a moderated round): shown once approved.
				if (x.pending)
					li.append(" ", el("em", t("console.pending"), "meta"));
				else if (x.hidden)
					li.append(" ", el("em", t("results.answerHidden"), "meta"));
				const b = el("button", x.pending ? t("console.approve") :
				    t(x.hidden ? "results.answerShow" : "results.answerHide"),
				    "btn small " + (x.pending ? "" : "secondary ") + "answer-toggle");
				b.type = "button";
				b.setAttribute("aria-label", t(x.hidden ? "results.answerShowLabel" :
				    "results.answerHideLabel", { text: x.text }));
				b.addEventListener("click", async () => {
					if (await opts.answerHide(x.id, !x.hidden)) {
						x.hidden = !x.hidden;
						x.pending = false;
						li.replaceWith(card(x));
					}
				});
				li.append(" ", b);
				return li;
			};
			for (const x of res.answers)
				ul.append(card(x));
		} else
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
