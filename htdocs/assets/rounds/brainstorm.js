// rounds/brainstorm.js: a brainstorm: participants send ideas, as many
// as they like (ideas: true: they go to .../ideas, not .../answer); with
// open_wall they see everyone's, and with participants_cluster they
// group them too.  The facilitator clusters and moderates them in the
// console's idea board.  Results: the ideas by cluster, with a word
// cloud where there is room.
import { el, ideaWall, wordCloud } from "../charts.js";
import { t } from "../i18n.js";
import { $, check } from "./form.js";

export default {
	type: "brainstorm",
	options: false,
	ideas: true,
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
	answerForm(r) {
		const ta = el("textarea");
		ta.id = "txt" + r.id;
		ta.maxLength = r.max_length || 500;
		ta.required = true;
		const l = el("label", t("round.brainstorm.yourIdea"));
		l.htmlFor = ta.id;
		return { nodes: [l, ta], body: () => ({ text: ta.value.trim() }) };
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
			out.push(wordCloud((res.ideas || []).map((i) => i.text)));
		out.push(ideaWall(res.ideas || []));
		return out;
	},
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
			c.append(el("h3", k || t("results.unclustered")));
			const ul = el("ul");
			for (const x of ideas)
				ul.append(el("li", x));
			c.append(ul);
			out.push(c);
		}
		return out;
	},
};
