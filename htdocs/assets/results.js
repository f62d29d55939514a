// results.js: a round's results as charts, for the projector, the
// console, the participants (when revealed) and the printed report.
// Plain DOM and CSS: bars are boxes sized by a custom property set from
// script (the CSP forbids inline styles, not CSSOM), the word cloud is
// words sized by how often they come.  Every chart has its numbers in
// text too, for screen readers and for print.
import { t } from "./i18n.js";

export function el(tag, text, cls) {
	const e = document.createElement(tag);
	if (text !== undefined && text !== null)
		e.textContent = String(text);
	if (cls)
		e.className = cls;
	return e;
}

export function bar(share, cls) {
	const b = el("span", "", "bar" + (cls ? " " + cls : ""));
	b.style.setProperty("--share", String(Math.max(0, Math.min(100, share))));
	b.setAttribute("aria-hidden", "true");
	return b;
}

// A list of labelled bars: [label, value text, share 0..100].
function bars(rows, cls) {
	const ul = el("ul", null, "bars" + (cls ? " " + cls : ""));
	for (const [label, value, share] of rows) {
		const li = el("li");
		const l = el("span", label, "bar-label");
		const v = el("span", value, "bar-value");
		const track = el("span", null, "bar-track");
		track.append(bar(share));
		li.append(l, track, v);
		ul.append(li);
	}
	return ul;
}

// A distribution over a scale 1..max: one stacked bar.
function distribution(dist, max, lowHigh) {
	const wrap = el("span", null, "dist");
	const total = dist.reduce((a, b) => a + b, 0) || 1;
	dist.forEach((n, i) => {
		const seg = el("span", null, "seg v" + Math.round((i / Math.max(1, max - 1)) * 4));
		seg.style.setProperty("--share", String(n / total * 100));
		seg.title = (i + 1) + ": " + n;
		wrap.append(seg);
	});
	wrap.setAttribute("aria-hidden", "true");
	if (lowHigh)
		wrap.dataset.ends = lowHigh;
	return wrap;
}

const STOP = new Set(("de het een en van in op te dat die is met voor niet " +
    "zijn er aan ook als bij of om dan nog wel maar door naar meer over " +
    "the a an and of to in on for is are be with that this it as at by " +
    "or from we our more less").split(" "));

// The words of texts, counted, most frequent first (at most max).
export function wordCounts(texts, max) {
	const n = new Map();
	for (const x of texts)
		for (const w of String(x).toLowerCase().split(/[^\p{L}\p{N}'-]+/u)) {
			if (w.length < 3 || STOP.has(w))
				continue;
			n.set(w, (n.get(w) || 0) + 1);
		}
	return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
	    .slice(0, max || 40);
}

// A word cloud: the words in a shuffled but stable order, sized by count.
function wordCloud(texts) {
	const words = wordCounts(texts, 40);
	const cloud = el("p", null, "cloud");
	if (words.length === 0)
		return cloud;
	const top = words[0][1];
	const order = [...words].sort((a, b) =>
	    (a[0].length * 7 + a[0].charCodeAt(0)) % 11 -
	    (b[0].length * 7 + b[0].charCodeAt(0)) % 11);
	for (const [w, c] of order) {
		const s = el("span", w, "w" + Math.max(1, Math.round(c / top * 5)));
		s.title = w + ": " + c;
		cloud.append(s, document.createTextNode(" "));
	}
	return cloud;
}

// The idea wall: ideas as cards, grouped by cluster.
function ideaWall(ideas) {
	const wall = el("div", null, "wall");
	const groups = new Map();
	for (const i of ideas) {
		const k = i.cluster || "";
		if (!groups.has(k))
			groups.set(k, []);
		groups.get(k).push(i.text);
	}
	for (const [k, list] of [...groups].sort((a, b) =>
	    (a[0] === "") - (b[0] === "") || a[0].localeCompare(b[0]))) {
		const c = el("section", null, "cluster");
		c.append(el("h3", (k || t("results.unclustered")) + " (" + list.length + ")"));
		const ul = el("ul", null, "cards");
		for (const x of list)
			ul.append(el("li", x, "card"));
		c.append(ul);
		wall.append(c);
	}
	return wall;
}

// The results of one round as a DOM node.  round: the round object
// (type, options, settings); res: its results.  opts.cloud: add a word
// cloud to brainstorms and open questions.
export function renderResults(round, res, opts) {
	const box = el("div", null, "results-box");
	res = res || {};
	const label = {};
	for (const o of round.options || [])
		label[o.id] = o.label;
	const list = res.options || [];
	const responses = res.responses !== undefined ? res.responses :
	    (res.ideas || res.texts || []).length;
	box.append(el("p", t("round." + round.type + ".label") + " · " +
	    responses + " " + (round.type === "brainstorm" ? t("results.ideas") :
	    t("results.responses")), "meta"));
	if (round.type === "choice") {
		box.append(bars(list.map((o) => [label[o.option], o.count +
		    " (" + o.percent + "%)", o.percent])));
	} else if (round.type === "rating" || round.type === "statements") {
		const max = round.type === "rating" ? round.scale_max || 5 : 5;
		const ul = el("ul", null, "bars dists");
		for (const o of list) {
			const li = el("li");
			const rows = o.criteria && o.criteria.length ? o.criteria : [o];
			li.append(el("span", label[o.option], "bar-label"));
			for (const c of rows) {
				const track = el("span", null, "bar-track");
				track.append(distribution(c.distribution || [], max));
				li.append(track);
				let v = t("results.mean") + " " + (c.mean ?? "–") + " · " + t("results.sd") +
				    " " + (c.sd ?? "–");
				if (round.type === "statements")
					v = t("results.agree") + " " + (c.agree || 0) + " · " +
					    t("results.disagree") + " " + (c.disagree || 0) + " · " +
					    t("results.pass") + " " + (c.pass || 0);
				li.append(el("span", v, "bar-value"));
			}
			ul.append(li);
		}
		box.append(ul);
	} else if (round.type === "ranking") {
		const top = Math.max(1, ...list.map((o) => o.borda));
		const sorted = [...list].sort((a, b) => b.borda - a.borda);
		const ol = bars(sorted.map((o, i) => [(i + 1) + ". " +
		    label[o.option], t("results.borda") + " " + o.borda, o.borda / top * 100]),
		    "ranked");
		box.append(ol);
	} else if (round.type === "points") {
		const top = Math.max(1, ...list.map((o) => o.points));
		const sorted = [...list].sort((a, b) => b.points - a.points);
		box.append(bars(sorted.map((o) => [label[o.option], o.points +
		    " " + t("results.points").toLowerCase() + " · " + o.voters + " " +
		    t("results.voters"), o.points / top * 100])));
	} else if (round.type === "open") {
		if (opts && opts.cloud)
			box.append(wordCloud(res.texts || []));
		const ul = el("ul", null, "cards");
		for (const x of res.texts || [])
			ul.append(el("li", x, "card"));
		box.append(ul);
	} else if (round.type === "brainstorm") {
		if (opts && opts.cloud)
			box.append(wordCloud((res.ideas || []).map((i) => i.text)));
		box.append(ideaWall(res.ideas || []));
	}
	if (responses === 0)
		box.append(el("p", t("results.noResults"), "meta"));
	return box;
}
