// SPDX-License-Identifier: ISC
// rounds/qa.js: the audience Q&A.  Its questions are ideas (the round
// type's row takes ideas, on an open wall with likes, live on the
// projector: fcgi/round.c), so most of it is the brainstorm's
// (brainstorm.js): sending, "your questions" to mend or take back, the
// likes, the console's board with moderation and merging.  What is its
// own: asking by name or anonymously (a named session), the phone's
// wall sorted by votes or by time, the marks "being answered" (one, on
// top, highlighted) and "answered" (kept apart, dimmed) that the
// facilitator sets on the board (POST .../ideas/{id}/mark), and the
// projector's view of the top questions.  With session_wide the phones
// reach it beside any step (join.js: the "Questions" tab).
import { el } from "../charts.js";
import { t, tn } from "../i18n.js";
import { $, check } from "./_form.js";
import brainstorm, { likeButton } from "./brainstorm.js";

const ROOM_TOP = 6;	// the questions the projector shows below the one answered
const sortBy = new Map();	// round id -> "votes" or "time" (the phone's toggle)

// Votes are the brainstorm's likes, as a triangle and a count.
const VOTE = { on: "▲ ", off: "△ ", like: "round.qa.voteLabel",
    unlike: "round.qa.unvoteLabel", count: "round.qa.votes." };

// One question as a card: its text, who asked (when named), its mark.
function card(q, extra) {
	const li = el("li", null, "card qa-q" + (q.mark ? " qa-" + q.mark : ""));
	li.dataset.idea = String(q.id);
	if (q.mark === "answering") {
		const row = el("div", null, "qa-badge-row");
		row.append(el("span", t("round.qa.answering"), "badge qa-badge"));
		li.append(row);
	}
	li.append(el("span", q.text, "qa-text"));
	if (q.by)
		li.append(el("span", t("round.qa.by", { name: q.by }), "meta qa-by"));
	if (extra)
		li.append(" ", extra);
	return li;
}

// The phone's wall: the one being answered on top, then the open
// questions by votes (the server's order) or newest first, then the
// answered ones apart.
function phoneWall(r, call) {
	const w = el("div", null, "qa-wall");
	const order = sortBy.get(r.id) || "votes";
	const head = el("div", null, "row qa-head");
	head.append(el("h3", t("round.qa.wall")));
	const tg = el("div", null, "row qa-sort");
	tg.setAttribute("role", "group");
	tg.setAttribute("aria-label", t("round.qa.sortLabel"));
	for (const k of ["votes", "time"]) {
		const b = el("button", t("round.qa.sort." + k), "btn small " +
		    (k === order ? "" : "secondary"));
		b.type = "button";
		b.dataset.sort = k;
		b.setAttribute("aria-pressed", String(k === order));
		b.addEventListener("click", () => {
			sortBy.set(r.id, k);
			w.replaceWith(phoneWall(r, call));
		});
		tg.append(b);
	}
	head.append(tg);
	w.append(head);
	const all = r.wall || [];
	if (all.length === 0)
		w.append(el("p", t("round.qa.none"), "meta"));
	const now = all.filter((q) => q.mark === "answering");
	let open = all.filter((q) => !q.mark);
	if (order === "time")
		open = [...open].sort((a, b) => b.id - a.id);
	const ul = el("ul", null, "cards qa-list");
	for (const q of [...now, ...open])
		ul.append(card(q, r.state === "open" && call ? likeButton(r, q, call, VOTE) :
		    el("span", tn("round.qa.votes.", q.likes || 0), "likes")));
	w.append(ul);
	const done = all.filter((q) => q.mark === "answered");
	if (done.length) {
		w.append(el("h4", t("round.qa.answeredHead") + " (" + done.length + ")", "qa-done-h"));
		const d = el("ul", null, "cards qa-list qa-done");
		for (const q of done)
			d.append(card(q, el("span", tn("round.qa.votes.", q.likes || 0), "likes")));
		w.append(d);
	}
	return w;
}

// The projector: the question being answered large on top, then the
// top open questions by votes, the number answered below.
function roomView(r, res) {
	const ideas = res.ideas || [];
	const box = el("div", null, "qa-room");
	const now = ideas.find((q) => q.mark === "answering");
	if (now) {
		const h = el("div", null, "qa-now");
		h.append(el("p", t("round.qa.answering"), "qa-now-label"),
		    el("p", now.text, "qa-now-text"),
		    el("p", tn("round.qa.votes.", now.likes || 0), "qa-now-votes"));
		box.append(h);
	}
	const open = ideas.filter((q) => !q.mark).slice(0, now ? ROOM_TOP - 1 : ROOM_TOP);
	const ol = el("ol", null, "qa-top");
	for (const q of open) {
		const li = el("li");
		li.append(el("span", String(q.likes || 0), "qa-votes"),
		    el("span", q.text, "qa-text"));
		li.firstChild.setAttribute("aria-label", tn("round.qa.votes.", q.likes || 0));
		ol.append(li);
	}
	if (open.length)
		box.append(ol);
	else if (!now)
		box.append(el("p", t("round.qa.none"), "meta-big"));
	const done = ideas.filter((q) => q.mark === "answered").length;
	const rest = ideas.filter((q) => !q.mark).length - open.length;
	const foot = [];
	if (rest > 0)
		foot.push(t("round.qa.more", { n: rest }));
	if (done > 0)
		foot.push(tn("round.qa.answeredN.", done));
	if (foot.length)
		box.append(el("p", foot.join(" · "), "qa-foot"));
	return box;
}

// The console's tools on each question of the board: being answered
// (one at a time; the previous one is then answered), answered, none.
function markTools(ctx) {
	return (li, q, reload) => {
		if (q.hidden || q.merged_into)
			return;
		if (q.mark)
			li.classList.add("qa-" + q.mark);
		const send = async (mark) => {
			if ((await ctx.call("POST", ctx.path + "/ideas/" + q.id + "/mark", { mark })).ok) {
				ctx.say(t("round.qa.marked." + mark, { text: q.text }));
				reload();
			}
		};
		const tools = [];
		if (q.mark !== "answering")
			tools.push(ctx.button(t("round.qa.markAnswering"), "small", () => send("answering")));
		if (q.mark !== "answered")
			tools.push(ctx.button(t("round.qa.markAnswered"), "secondary", () => send("answered")));
		if (q.mark)
			tools.push(ctx.button(t("round.qa.unmark"), "secondary", () => send("none")));
		for (const b of tools) {
			b.setAttribute("aria-label", b.textContent + ": " + q.text);
			li.append(" ", b);
		}
		if (q.mark === "answering")
			li.prepend(el("span", t("round.qa.answering"), "badge qa-badge"));
		else if (q.mark === "answered")
			li.append(" ", el("span", t("round.qa.answered"), "badge"));
		if (q.by)
			li.append(" ", el("span", t("round.qa.by", { name: q.by }), "meta"));
	};
}

export default {
	submitKey: "round.qa.send",
	thanksKey: "round.qa.thanks",
	countKey: "round.qa.count",
	asideKey: "round.qa.tab",
	boardKey: "round.qa.board",
	// Live on the projector and the phones from the start (the row fixes
	// it): the console offers no reveal and no projector setting.
	alwaysLive: true,
	settings() {
		return [check("round.qa.sessionWide", "r-qwide"),
		    check("round.moderated", "r-qmod")];
	},
	read() {
		return { session_wide: $("r-qwide").checked,
		    moderated: $("r-qmod").checked };
	},
	fill(r) {
		$("r-qwide").checked = !!r.session_wide;
		$("r-qmod").checked = !!r.moderated;
	},
	// The question, and in a named session "ask anonymously" (who.named).
	answerForm(r, who) {
		// The brainstorm's field, asking for a question.
		const { nodes, body } = brainstorm.answerForm(r);
		nodes[0].textContent = t("round.qa.yourQuestion");
		let anon = null;
		if (who && who.named) {
			anon = el("input");
			anon.type = "checkbox";
			anon.id = "anon" + r.id;
			const al = el("label", null, "check");
			al.append(anon, " ", t("round.qa.anonymous"));
			al.htmlFor = anon.id;
			nodes.push(al);
		}
		return { nodes, body: () => ({ ...body(),
		    named: !!(who && who.named) && !(anon && anon.checked) }) };
	},
	board(r, box, ctx) {
		return brainstorm.board(r, box, { ...ctx, ideaTools: markTools(ctx),
		    likesKey: "round.qa.votes." });
	},
	yours(r, box, call) {
		return brainstorm.yours(r, box, call, "round.qa.");
	},
	wall(r, post, call) {
		return phoneWall(r, call);
	},
	roomView,
	resultsView(round, res) {
		return [roomView(round, res)];
	},
	reportView(round, res) {
		const ul = el("ol", null, "ideas");
		for (const q of res.ideas || [])
			ul.append(el("li", q.text + " · " + tn("round.qa.votes.", q.likes || 0) +
			    (q.mark === "answered" ? " · " + t("round.qa.answered") : "")));
		return [ul];
	},
};
