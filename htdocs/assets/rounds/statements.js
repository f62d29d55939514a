// SPDX-License-Identifier: ISC
// rounds/statements.js: agree or disagree with each statement (the
// options) on a scale of 1 (strongly disagree) to 5 (strongly agree), or
// pass.  Results: the distribution and the agree, disagree and pass
// counts.
import { t } from "../i18n.js";
import { scaleForm, scaleReport, scaleResults } from "./_scale.js";

export default {
	settings() {
		return [];
	},
	read() {
		return {};
	},
	answerForm(r) {
		return scaleForm(r, {
			max: 5,
			ends: [t("round.statements.disagree"), t("round.statements.agree")],
			extra: ["0", t("round.statements.pass")],
			key: "answers",
		});
	},
	resultsView(round, res) {
		return scaleResults(round, res, 5, true);
	},
	reportView(round, res) {
		return scaleReport(round, res, 5, true);
	},
};
