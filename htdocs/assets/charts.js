// SPDX-License-Identifier: ISC
// charts.js: the building blocks of results, shared by the round types'
// views (rounds/*.js): elements, bars, a distribution over a scale, a
// word cloud and an idea wall.  Plain DOM and CSS: bars are
// boxes sized by a custom property set from script (the CSP forbids
// inline styles, not CSSOM), the word cloud is the server's entries
// sized by how many said them.
import { formatNumber, formatPercent, t, tn } from "./i18n.js";

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

// A list of labelled bars: [label, value text, share 0..100, count, bar
// class].  With a count (the report's), the bar carries it (data-count)
// and is marked "some" when it is more than none, so that the style
// keeps one vote visible however small its share of a large room.
export function bars(rows, cls) {
	const ul = el("ul", null, "bars" + (cls ? " " + cls : ""));
	for (const [label, value, share, count, barCls] of rows) {
		const li = el("li");
		const l = el("span", label, "bar-label");
		const v = el("span", value, "bar-value");
		const track = el("span", null, "bar-track");
		const b = bar(share, count === undefined ? barCls :
		    (count > 0 ? "some" : "none") + (barCls ? " " + barCls : ""));
		if (count !== undefined)
			b.dataset.count = String(count);
		track.append(b);
		li.append(l, track, v);
		ul.append(li);
	}
	return ul;
}

// A share as a whole percentage of a total (0 of none).
export function percentOf(n, total) {
	return total > 0 ? Math.round(n / total * 100) : 0;
}

// A line of short phrases ("gemiddeld 3,8 van 5 · mediaan 4"), each
// kept whole: a narrow column wraps the line between them.
export function phrases(list, cls) {
	const p = el("p", null, cls || "summary");
	list.forEach((x, i) => {
		if (i > 0)
			p.append(" · ");
		p.append(el("span", x, "phrase"));
	});
	return p;
}

// Is a list of texts long enough for the report to set it in columns?
// (More than 8, and short ones: a column of paragraphs reads badly.)
export function longList(texts) {
	const list = texts || [];
	return list.length > 8 && list.every((x) => String(x).length <= 120);
}

// A count with its share, as the report writes them: "2 (67%)"; "0".
export function countShare(n, percent) {
	return n > 0 ? formatNumber(n) + " (" + formatPercent(percent) + ")" : "0";
}

// A distribution over a scale 1..max: one stacked bar.
export function distribution(dist, max, lowHigh) {
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

// The legend of a distribution: a swatch per value, with the ends'
// words when the scale has them ("1 Not at all ... 5 Very").
export function scaleLegend(max, ends) {
	const ul = el("ul", null, "legend");
	ul.setAttribute("aria-label", t("results.legend"));
	for (let v = 1; v <= max; v++) {
		const li = el("li");
		li.append(el("span", null, "swatch seg v" + Math.round(((v - 1) / Math.max(1, max - 1)) * 4)));
		let txt = String(v);
		if (ends && v === 1 && ends[0])
			txt += " " + ends[0];
		if (ends && v === max && ends[1])
			txt += " " + ends[1];
		li.append(el("span", txt));
		ul.append(li);
	}
	return ul;
}

// Makes the node old look like the node fresh while keeping old's
// elements where both have the same shape: texts, classes, attributes
// and custom properties are copied, so that a poll updates a chart in
// place (no flicker, no lost scroll or focus) instead of replacing it.
export function morph(old, fresh) {
	if (old.nodeType !== fresh.nodeType || old.nodeName !== fresh.nodeName) {
		old.replaceWith(fresh);
		return;
	}
	if (old.nodeType === Node.TEXT_NODE) {
		if (old.nodeValue !== fresh.nodeValue)
			old.nodeValue = fresh.nodeValue;
		return;
	}
	if (old.nodeType !== Node.ELEMENT_NODE)
		return;
	for (const a of [...old.attributes])
		if (!fresh.hasAttribute(a.name))
			old.removeAttribute(a.name);
	for (const a of [...fresh.attributes])
		if (old.getAttribute(a.name) !== a.value)
			old.setAttribute(a.name, a.value);
	const oc = [...old.childNodes], fc = [...fresh.childNodes];
	for (let i = 0; i < fc.length; i++) {
		if (i < oc.length)
			morph(oc[i], fc[i]);
		else
			old.append(fc[i]);
	}
	for (let i = fc.length; i < oc.length; i++)
		oc[i].remove();
}

// A word cloud from the server's entries (results.cloud: {entry, n,
// hidden}, most frequent first, normalized and without stop words by the
// server): each sized by its n against the largest, the largest first.
// Hidden entries are left out, unless hide (the facilitator's console)
// is given: then every entry has a button that hides it or shows it
// again, calling hide(entry, hidden).
export function wordCloud(entries, hide) {
	const cloud = el("p", null, "cloud");
	const list = (entries || []).filter((x) => hide || !x.hidden);
	if (list.length === 0)
		return cloud;
	const top = Math.max(1, ...list.filter((x) => !x.hidden).map((x) => x.n));
	for (const x of list) {
		const s = el("span", x.entry, "w" + Math.max(1, Math.min(5,
		    Math.round(x.n / top * 5))) + (x.hidden ? " cloud-hidden" : ""));
		s.title = x.entry + ": " + x.n;
		if (hide) {
			const b = el("button", t(x.hidden ? "results.cloudShow" :
			    "results.cloudHide"), "btn small cloud-toggle");
			b.type = "button";
			b.setAttribute("aria-label", t(x.hidden ?
			    "results.cloudShowEntry" : "results.cloudHideEntry",
			    { entry: x.entry }));
			b.addEventListener("click", () => hide(x.entry, !x.hidden));
			s.append(" ", b);
		}
		cloud.append(s, document.createTextNode(" "));
	}
	return cloud;
}

// The idea wall: ideas as cards, grouped by cluster.
export function ideaWall(ideas) {
	const wall = el("div", null, "wall");
	const groups = new Map();
	for (const i of ideas) {
		const k = i.cluster || "";
		if (!groups.has(k))
			groups.set(k, []);
		groups.get(k).push(i);
	}
	for (const [k, list] of [...groups].sort((a, b) =>
	    (a[0] === "") - (b[0] === "") || a[0].localeCompare(b[0]))) {
		const c = el("section", null, "cluster");
		c.append(el("h3", (k || t("results.unclustered")) + " (" + list.length + ")"));
		const ul = el("ul", null, "cards");
		// With upvotes the server sends each idea's likes, the most
		// liked first.
		for (const x of list) {
			const li = el("li", x.text, "card");
			if (typeof x.likes === "number")
				li.append(" ", el("span", tn("results.likes.", x.likes), "likes"));
			ul.append(li);
		}
		c.append(ul);
		wall.append(c);
	}
	return wall;
}
