// SPDX-License-Identifier: ISC
// rounds/rating.js: rate each option on a scale of 1 to scale_max (5, 7
// or 10), optionally on several criteria, with labels at the two ends and
// optionally "no opinion".  Results: the distribution, mean and spread.
import { t } from "../i18n.js";
import { $, area, choices, lines, text } from "./_form.js";
import { scaleForm, scaleReport, scaleResults } from "./_scale.js";

export default {
	settings() {
		return [...choices("round.rating.scale", "r-scale", [5, 7, 10]),
		    ...text("round.rating.labelLow", "r-low", 60),
		    ...text("round.rating.labelHigh", "r-high", 60),
		    ...area("round.rating.criteria", "r-criteria", 2)];
	},
	read() {
		const b = { scale_max: Number($("r-scale").value) };
		if ($("r-low").value.trim())
			b.label_low = $("r-low").value.trim();
		if ($("r-high").value.trim())
			b.label_high = $("r-high").value.trim();
		if (lines($("r-criteria").value).length)
			b.criteria = lines($("r-criteria").value);
		return b;
	},
	// The settings of round r in the fields (an edit, console).
	fill(r) {
		$("r-scale").value = String(r.scale_max);
		$("r-low").value = r.label_low || "";
		$("r-high").value = r.label_high || "";
		$("r-criteria").value = (r.criteria || []).map((c) => c.name).join("\n");
	},
	answerForm(r) {
		const max = r.scale_max || 5;
		return scaleForm(r, {
			max,
			ends: r.label_low || r.label_high ?
			    [r.label_low || "1", r.label_high || String(max)] : null,
			extra: r.no_opinion ? ["", t("round.rating.noOpinion")] : null,
			key: "ratings",
		});
	},
	resultsView(round, res) {
		return scaleResults(round, res, round.scale_max || 5, false);
	},
	reportView(round, res) {
		return scaleReport(round, res, round.scale_max || 5, false);
	},
};
