// SPDX-License-Identifier: ISC
// leaderboard.js: the session's leaderboard over its revealed scored
// rounds (a quiz), as the server computes it (fcgi/leaderboard.c): for
// the projector's leaderboard view, the phones and the console.  Ranks
// are the server's (a tie shares its rank); an entry without a name is
// a participant of an anonymous session, shown by a neutral label with
// its place.  No page computes a point.
import { el } from "./charts.js";
import { t } from "./i18n.js";

// The leaderboard b ({teams, entries, more}) as a list.  opts.place: the
// viewer's own entry's place (1-based, their score's "place"), marked.
// The phones get no person's name (P8): only a table's, or the label.
export function leaderboardView(b, opts) {
	const box = el("div", null, "leaderboard");
	if (!b || !b.entries || b.entries.length === 0) {
		box.append(el("p", t("leaderboard.none"), "meta"));
		return box;
	}
	const ol = el("ol", null, "board-list");
	b.entries.forEach((e, i) => {
		const li = el("li", null, "board-row" + (e.rank === 1 ? " first" : ""));
		const mine = opts && opts.place === i + 1;
		let who = e.name ?? t("leaderboard.someone", { n: i + 1 });
		if (mine) {
			li.classList.add("mine");
			who += " (" + t("leaderboard.you") + ")";
		}
		li.append(el("span", String(e.rank), "board-rank"),
		    el("span", who, "board-name"),
		    el("span", t("leaderboard.points", { n: e.points }), "board-points"));
		ol.append(li);
	});
	box.append(ol);
	if (b.more > 0)
		box.append(el("p", t("leaderboard.more", { n: b.more }), "meta"));
	return box;
}

// The viewer's own line: "1494 points · rank 1 of 3" (no rank while the
// board is hidden, or before they scored).
export function scoreText(s) {
	if (!s)
		return "";
	const pts = t("leaderboard.points", { n: s.points });
	return s.rank ? pts + " · " + t("leaderboard.rank", { rank: s.rank, of: s.of }) : pts;
}
