// SPDX-License-Identifier: ISC
// rounds/ranking.js: put the options in order, best first (or only the
// best top_n), by dragging or by the arrow buttons (keyboard).  Results:
// the options by Borda score.
import { bars, el } from "../charts.js";
import { t, tn } from "../i18n.js";
import { $, labels, number } from "./_form.js";

export default {
	settings() {
		return number("round.ranking.topN", "r-top", 0, 100, 0);
	},
	read() {
		return { top_n: Number($("r-top").value) };
	},
	// The settings of round r in the fields (an edit, console).
	fill(r) {
		$("r-top").value = r.top_n;
	},
	answerForm(r) {
		const opts = r.options || [];
		const n = r.top_n || 0;
		const help = el("p", n ? t("round.ranking.helpTop", { n }) :
		    t("round.ranking.helpAll"), "meta");
		const ol = el("ol", null, "rank-list");
		let order = opts.map((o) => o.id);
		if (r.answer && r.answer.length) {
			const ranked = [...r.answer].sort((a, b) => a.value - b.value).map((a) => a.option);
			order = [...ranked, ...order.filter((x) => !ranked.includes(x))];
		}
		const label = Object.fromEntries(opts.map((o) => [o.id, o.label]));
		let dragging = null;
		let moved = !!(r.answer && r.answer.length);
		// Sending the order as it came needs a word: "this order is right".
		const okBox = el("label", null, "check");
		const ok = el("input");
		ok.type = "checkbox";
		ok.name = "ok" + r.id;
		okBox.append(ok, el("span", t("round.ranking.orderRight")));
		const draw = (focusId, dir) => {
			ol.replaceChildren(...order.map((id, i) => {
				const li = el("li");
				li.draggable = true;
				li.dataset.id = id;
				li.append(el("span", (n === 0 || i < n) ? String(i + 1) : "–", "pos"),
				    el("span", label[id], "lbl"));
				for (const [d, txt, sym] of [[-1, t("round.ranking.up"), "↑"],
				    [1, t("round.ranking.down"), "↓"]]) {
					const b = el("button", sym, "btn small secondary");
					b.type = "button";
					b.setAttribute("aria-label", txt + ": " + label[id]);
					b.dataset.dir = String(d);
					b.disabled = (d < 0 && i === 0) || (d > 0 && i === order.length - 1);
					b.addEventListener("click", () => {
						const j = i + d;
						[order[i], order[j]] = [order[j], order[i]];
						moved = true;
						draw(id, d);
					});
					li.append(b);
				}
				li.addEventListener("dragstart", () => { dragging = id; li.classList.add("dragging"); });
				li.addEventListener("dragend", () => li.classList.remove("dragging"));
				li.addEventListener("dragover", (ev) => ev.preventDefault());
				li.addEventListener("drop", (ev) => {
					ev.preventDefault();
					if (dragging === null || dragging === id)
						return;
					order = order.filter((x) => x !== dragging);
					order.splice(order.indexOf(id), 0, dragging);
					moved = true;
					draw();
				});
				return li;
			}));
			if (focusId !== undefined) {
				const li = ol.querySelector('li[data-id="' + focusId + '"]');
				const b = li && (li.querySelector('button[data-dir="' + dir + '"]:not([disabled])') ||
				    li.querySelector("button:not([disabled])"));
				if (b)
					b.focus();
			}
		};
		draw();
		return { nodes: [help, ol, okBox],
		    body: () => ({ ranking: n ? order.slice(0, n) : order }),
		    check: () => moved || ok.checked ? null : t("round.ranking.moveFirst") };
	},
	resultsView(round, res) {
		const label = labels(round);
		const list = res.options || [];
		const top = Math.max(1, ...list.map((o) => o.borda));
		const sorted = [...list].sort((a, b) => b.borda - a.borda);
		return [bars(sorted.map((o, i) => [(i + 1) + ". " + label[o.option],
		    t("results.borda") + " " + o.borda, o.borda / top * 100]), "ranked")];
	},
	// The report: the options by score, the highest a full bar, each
	// with its place (shared by equal scores) and how often it was put
	// first; a note says how the score is counted, with the points of a
	// first place (the ranks asked: all options, or top_n).
	reportView(round, res) {
		const label = labels(round);
		const opts = res.options || [];
		const top = Math.max(1, ...opts.map((o) => o.borda));
		const sorted = [...opts].sort((a, b) => b.borda - a.borda);
		const m = Math.max(0, ...opts.map((o) => (o.ranks || []).length)) || opts.length;
		return [bars(sorted.map((o) => {
			const place = 1 + opts.filter((x) => x.borda > o.borda).length;
			const first = (o.ranks || [])[0] || 0;
			return [place + ". " + label[o.option], t("report.score", { n: o.borda }) +
			    (first ? " · " + tn("report.firsts.", first) : ""),
			    o.borda / top * 100, o.borda];
		}), "ranked"), el("p", t("report.bordaNote", { m }), "note")];
	},
	// What option id scored, in words (the report's path of an idea).
	scoreText(res, id) {
		const opts = res.options || [];
		const o = opts.find((x) => x.option === id);
		if (!o)
			return "";
		const place = 1 + opts.filter((x) => x.borda > o.borda).length;
		return t("report.place", { n: place }) + " · " + t("report.score", { n: o.borda });
	},
};
