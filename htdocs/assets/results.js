// SPDX-License-Identifier: ISC
// results.js: a round's results, for the projector, the console and the
// participants (when revealed): a heading line (the type and how many
// answered) and the round type's own view (rounds/*.js, resultsView).
// The charts themselves are built by charts.js; el and bar are exported
// again here for the pages that take them from this module.
import { el } from "./charts.js";
import { t } from "./i18n.js";
import { roundType } from "./rounds/index.js";

export { bar, el } from "./charts.js";

// The results of one round as a DOM node.  round: the round object
// (type, options, settings); res: its results.  opts.cloud: add a word
// cloud to brainstorms and open questions.
export function renderResults(round, res, opts) {
	const box = el("div", null, "results-box");
	const mod = roundType(round.type);
	res = res || {};
	const responses = res.responses !== undefined ? res.responses :
	    (res.ideas || res.texts || []).length;
	box.append(el("p", t("round." + round.type + ".label") + " · " +
	    responses + " " + t(mod && mod.countKey || "results.responses"), "meta"));
	if (mod)
		box.append(...mod.resultsView(round, res, opts));
	if (responses === 0)
		box.append(el("p", t("results.noResults"), "meta"));
	return box;
}
