// SPDX-License-Identifier: ISC
// rounds/quiz.js: a quiz question (for trainings): a choice of
// min_picks to max_picks options, one or more of them correct, with an
// optional time limit (the presenter's timer closes it) and speed bonus.
// The facilitator marks the correct options on the console's board
// (PUT .../correct); participants and the room learn them only once the
// round is revealed (round.correct).  Results: each option's count and
// share, the correct ones marked.  Points and the leaderboard are the
// server's (leaderboard.js draws them).
import { bars, countShare, el } from "../charts.js";
import { t } from "../i18n.js";
import { $, inlineNumber, labels } from "./_form.js";
import choice from "./choice.js";

// "✓ Paris" for a correct option once revealed.
function marked(round, label, id) {
	const ok = Array.isArray(round.correct) && round.correct.includes(id);
	return ok ? "✓ " + label : label;
}

export default {
	settings() {
		const row = el("div", null, "row");
		row.append(inlineNumber("round.choice.minPicks", "r-qmin", 1, 100, 1),
		    inlineNumber("round.choice.maxPicks", "r-qmax", 1, 100, 1));
		const row2 = el("div", null, "row");
		row2.append(inlineNumber("round.quiz.timeLimit", "r-qlimit", 0, 3600, 20),
		    inlineNumber("round.quiz.speedBonus", "r-qbonus", 0, 1000, 0));
		// The correct options by their numbers, when the question is
		// made (correct_places); later: "Mark correct" on its board.
		const c = el("label");
		const cs = el("span", t("round.quiz.correctPlaces"));
		cs.dataset.i18n = "round.quiz.correctPlaces";
		const ci = el("input");
		ci.id = "r-qcorrect";
		ci.inputMode = "numeric";
		ci.maxLength = 60;
		c.append(cs, " ", ci);
		const hint = el("p", t("round.quiz.hint"), "meta");
		hint.dataset.i18n = "round.quiz.hint";
		return [row, row2, c, hint];
	},
	read() {
		const b = { min_picks: Number($("r-qmin").value), max_picks: Number($("r-qmax").value),
		    time_limit: Number($("r-qlimit").value), speed_bonus: Number($("r-qbonus").value) };
		const c = $("r-qcorrect");
		const places = c && !c.closest("label").hidden ?
		    (c.value.match(/\d+/g) || []).map(Number) : [];
		if (places.length)
			b.correct_places = places;
		return b;
	},
	fill(r) {
		// An edit marks them on the board (PUT .../correct), not here.
		$("r-qcorrect").closest("label").hidden = true;
		$("r-qmin").value = r.min_picks;
		$("r-qmax").value = r.max_picks;
		$("r-qlimit").value = r.time_limit;
		$("r-qbonus").value = r.speed_bonus;
	},
	// The phone's form is a choice's; once revealed the correct options
	// carry their mark and the participant's own picks say right or wrong.
	answerForm(r) {
		const f = choice.answerForm(r);
		if (Array.isArray(r.correct)) {
			for (const l of f.nodes[0].querySelectorAll("label")) {
				const i = l.querySelector("input");
				const right = r.correct.includes(Number(i.value));
				l.classList.add(right ? "quiz-right" : "quiz-other");
				if (right)
					l.append(el("span", " ✓ " + t("round.quiz.correct"), "quiz-mark"));
			}
		}
		return f;
	},
	resultsView(round, res) {
		const label = labels(round);
		const out = [bars((res.options || []).map((o) => [marked(round, label[o.option], o.option),
		    o.count + " (" + o.percent + "%)", o.percent]))];
		if (Array.isArray(round.correct) && round.correct.length)
			out.push(el("p", t("round.quiz.answerIs", { answer: round.correct.map((id) =>
			    label[id]).join(", ") }), "quiz-answer"));
		// The phone: whether their own answer was right (all correct
		// options and no other, as the server scores it).
		if (Array.isArray(round.correct) && Array.isArray(round.answer) && round.answer.length) {
			const picked = round.answer.map((a) => a.option);
			const right = picked.length === round.correct.length &&
			    picked.every((id) => round.correct.includes(id));
			out.push(el("p", t(right ? "round.quiz.youRight" : "round.quiz.youWrong"),
			    "quiz-you " + (right ? "right" : "wrong")));
		}
		return out;
	},
	reportView(round, res) {
		return choice.reportView(round, res);
	},
	scoreText(res, id) {
		return choice.scoreText(res, id);
	},
	// The console's board of a quiz question: which options are correct.
	boardKey: "round.quiz.markCorrect",
	async board(r, box, ctx) {
		const x = await ctx.call("GET", ctx.path + "/correct");
		const have = new Set(x.ok ? x.data.correct : []);
		const fs = el("fieldset");
		fs.append(el("legend", t("round.quiz.markCorrect")));
		for (const o of r.options || []) {
			const l = el("label", null, "check");
			const i = el("input");
			i.type = "checkbox";
			i.value = o.id;
			i.checked = have.has(o.id);
			l.append(i, " ", el("span", o.label));
			fs.append(l);
		}
		const save = ctx.button(t("round.quiz.saveCorrect"), "", async () => {
			const ids = [...fs.querySelectorAll("input:checked")].map((i) => Number(i.value));
			const y = await ctx.call("PUT", ctx.path + "/correct", { correct: ids });
			if (y.ok)
				ctx.say(t("round.quiz.correctSaved", { n: y.data.correct.length }));
		});
		box.replaceChildren(fs, save);
		if (have.size === 0)
			ctx.say(t("round.quiz.noneYet"), "error");
	},
};
