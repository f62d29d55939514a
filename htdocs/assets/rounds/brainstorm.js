// SPDX-License-Identifier: ISC
// rounds/brainstorm.js: a brainstorm: participants send ideas, as many
// as they like (ideas: true: they go to .../ideas, not .../answer); with
// open_wall they see everyone's, and with participants_cluster they
// group them too.  The facilitator clusters and moderates them on the
// console's board of ideas (board(), below).  Results: the ideas by cluster, with a word
// cloud where there is room.
import { el, ideaWall, longList, wordCloud } from "../charts.js";
import { t, tn } from "../i18n.js";
import { $, check } from "./_form.js";

let grabbed = null;	// the idea picked up by keyboard: { id, bucket }

// The console's board: ctx { call, say, button, path, addRound }.
async function loadBoard(r, box, ctx) {
	const x = await ctx.call("GET", ctx.path + "/ideas");
	if (x.ok)
		renderBoard(r, box, x.data, ctx);
}

function renderBoard(r, box, d, ctx) {
	const { call, say, button, path } = ctx;
	box.replaceChildren();
	box.append(el("p", t("console.dragHelp"), "meta"));
	const board = el("div", null, "board");
	const buckets = [{ id: null, name: t("console.unclustered") },
	    ...d.clusters.map((c) => ({ id: c.id, name: c.name }))];
	const move = async (idea, cluster) => {
		const y = await call("PATCH", path + "/ideas/" + idea, { cluster });
		if (y.ok)
			loadBoard(r, box, ctx);
		return y.ok;
	};
	buckets.forEach((b, bi) => {
		const sec = el("section", null, "bucket");
		sec.dataset.cluster = b.id === null ? "" : String(b.id);
		sec.append(el("h3", b.name));
		const ul = el("ul");
		for (const i of d.ideas.filter((x) => !x.merged_into &&
		    (x.cluster ?? null) === b.id)) {
			const li = el("li", null, "idea" + (i.hidden ? " hidden-idea" : ""));
			li.draggable = true;
			li.dataset.idea = i.id;
			// The idea itself is a toggle button: pressed = picked up.
			const pick = el("button", i.text, "idea-text");
			pick.type = "button";
			pick.setAttribute("aria-pressed", String(!!(grabbed && grabbed.id === i.id)));
			li.append(pick);
			li.addEventListener("dragstart", (ev) => {
				ev.dataTransfer.setData("text/plain", String(i.id));
			});
			pick.addEventListener("keydown", async (ev) => {
				if (ev.key === "Enter" || ev.key === " ") {
					ev.preventDefault();
					if (grabbed && grabbed.id === i.id) {
						grabbed = null;
						say(t("console.dropped"));
						pick.setAttribute("aria-pressed", "false");
					} else {
						grabbed = { id: i.id, bucket: bi };
						pick.setAttribute("aria-pressed", "true");
						say(t("console.picked") + i.text);
					}
				} else if (grabbed && grabbed.id === i.id &&
				    (ev.key === "ArrowRight" || ev.key === "ArrowLeft")) {
					ev.preventDefault();
					const to = (bi + (ev.key === "ArrowRight" ? 1 : -1) +
					    buckets.length) % buckets.length;
					grabbed.bucket = to;
					if (await move(i.id, buckets[to].id)) {
						say(i.text + t("console.movedTo") + buckets[to].name);
						setTimeout(() => {
							const again = box.querySelector('[data-idea="' + i.id + '"] .idea-text');
							if (again)
								again.focus();
						}, 300);
					}
				} else if (ev.key === "Escape") {
					grabbed = null;
					pick.setAttribute("aria-pressed", "false");
				}
			});
			const hide = button(i.hidden ? t("console.showIdea") : t("console.hideIdea"), "secondary", async () => {
				if ((await call("PATCH", path + "/ideas/" + i.id, { hidden: !i.hidden })).ok)
					loadBoard(r, box, ctx);
			});
			hide.setAttribute("aria-label", (i.hidden ? t("console.showIdea") : t("console.hideIdea")) + ": " + i.text);
			// Moderation: mend the wording (a typo, a name that should
			// not be on the wall).
			const edit = button(t("console.editIdea"), "secondary", async () => {
				const text = window.prompt(t("console.editIdea"), i.text);
				if (text && text.trim() && text.trim() !== i.text &&
				    (await call("PATCH", path + "/ideas/" + i.id, { text: text.trim() })).ok)
					loadBoard(r, box, ctx);
			});
			edit.setAttribute("aria-label", t("console.editIdea") + ": " + i.text);
			li.append(" ", hide, " ", edit);
			ul.append(li);
		}
		sec.append(ul);
		sec.addEventListener("dragover", (ev) => { ev.preventDefault(); sec.classList.add("over"); });
		sec.addEventListener("dragleave", () => sec.classList.remove("over"));
		sec.addEventListener("drop", (ev) => {
			ev.preventDefault();
			sec.classList.remove("over");
			const id = Number(ev.dataTransfer.getData("text/plain"));
			if (id)
				move(id, b.id);
		});
		board.append(sec);
	});
	box.append(board);
	const f = el("form", null, "row");
	const inp = el("input");
	inp.id = "new-cluster-" + r.id;
	inp.maxLength = 100;
	const lab = el("label", t("console.newCluster"));
	lab.htmlFor = inp.id;
	const sub = el("button", t("console.addCluster"), "btn small");
	sub.type = "submit";
	f.append(lab, inp, sub);
	f.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		if (!inp.value.trim())
			return;
		if ((await call("POST", path + "/clusters", { name: inp.value.trim() })).ok)
			loadBoard(r, box, ctx);
	});
	box.append(f);
	if (d.clusters.length > 1)
		// Right after this brainstorm, titled from its question.
		box.append(button(t("console.voteClusters"), "", () => ctx.addRound({
			type: "points", title: t("console.voteTitle", { title: r.title }),
			options_from: r.id, options_use: "clusters", budget: 10, after: r.id })));
}

export default {
	submitKey: "round.brainstorm.sendIdea",
	thanksKey: "round.brainstorm.thanksIdea",
	countKey: "results.ideas",
	settings() {
		return [check("round.brainstorm.openWall", "r-wall"),
		    check("round.brainstorm.pCluster", "r-pcluster")];
	},
	read() {
		return { open_wall: $("r-wall").checked,
		    participants_cluster: $("r-pcluster").checked };
	},
	// The settings of round r in the fields (an edit, console).
	fill(r) {
		$("r-wall").checked = !!r.open_wall;
		$("r-pcluster").checked = !!r.participants_cluster;
	},
	answerForm(r) {
		const ta = el("textarea");
		ta.id = "txt" + r.id;
		ta.maxLength = r.max_length || 500;
		ta.required = true;
		const l = el("label", t("round.brainstorm.yourIdea"));
		l.htmlFor = ta.id;
		return { nodes: [l, ta], body: () => ({ text: ta.value.trim() }) };
	},
	// The console's board of the ideas: clusters by drag and drop or by
	// keyboard, hiding and mending ideas, a points vote on the clusters.
	board(r, box, ctx) {
		return loadBoard(r, box, ctx);
	},
	// The open wall on the participant's phone; with clusters, each idea
	// gets a cluster to choose and the group can add clusters.
	// post(path, body) sends to /participant/rounds/ID/path.
	wall(r, post) {
		const w = el("div");
		w.append(el("h3", t("round.brainstorm.wall")));
		const ul = el("ul", null, "cards");
		for (const i of r.wall) {
			const li = el("li", i.text, "card");
			if (r.clusters) {
				const sel = el("select");
				sel.setAttribute("aria-label", t("round.brainstorm.clusterFor") + i.text);
				sel.append(new Option(t("round.brainstorm.noCluster"), ""));
				for (const c of r.clusters) {
					const o = new Option(c.name, String(c.id));
					o.selected = c.name === i.cluster;
					sel.append(o);
				}
				sel.addEventListener("change", () => post("/ideas/" + i.id +
				    "/cluster", { cluster: sel.value ? Number(sel.value) : null }));
				li.append(" ", sel);
			}
			ul.append(li);
		}
		w.append(ul);
		if (r.clusters) {
			const f = el("form", null, "row");
			const inp = el("input");
			inp.id = "nc" + r.id;
			inp.maxLength = 100;
			const l = el("label", t("round.brainstorm.newCluster"));
			l.htmlFor = inp.id;
			const b = el("button", t("round.brainstorm.addCluster"), "btn small");
			b.type = "submit";
			f.append(l, inp, b);
			f.addEventListener("submit", (ev) => {
				ev.preventDefault();
				if (inp.value.trim())
					post("/clusters", { name: inp.value.trim() });
			});
			w.append(f);
		}
		return w;
	},
	resultsView(round, res, opts) {
		const out = [];
		if (opts && opts.cloud)
			out.push(wordCloud(res.cloud, opts.cloudHide));
		out.push(ideaWall(res.ideas || []));
		return out;
	},
	// The report: the ideas by cluster (the clusters by name, the ideas
	// in no cluster last), each cluster with how many ideas it holds.
	reportView(round, res) {
		const out = [];
		const groups = new Map();
		for (const i of res.ideas || []) {
			const k = i.cluster || "";
			if (!groups.has(k))
				groups.set(k, []);
			groups.get(k).push(i.text);
		}
		for (const [k, ideas] of [...groups].sort((a, b) =>
		    (a[0] === "") - (b[0] === "") || a[0].localeCompare(b[0]))) {
			const c = el("div", null, "cluster");
			c.append(el("h3", (k || t("results.unclustered")) + " · " +
			    tn("report.ideas.", ideas.length)));
			const ul = el("ul", null, "ideas" + (longList(ideas) ? " long" : ""));
			for (const x of ideas)
				ul.append(el("li", x));
			c.append(ul);
			out.push(c);
		}
		return out;
	},
};
