// SPDX-License-Identifier: ISC
// rounds/_form.js: what the round types' forms share.  For the
// facilitator's settings (console): labelled fields whose texts are
// catalogue keys (data-i18n, so a language switch re-labels them).  For
// the participant's answer (join): a scale of radio buttons and the
// participant's earlier answer.
import { el } from "../charts.js";
import { t } from "../i18n.js";

function label(key, forId) {
	const l = el("label", t(key));
	l.dataset.i18n = key;
	if (forId)
		l.htmlFor = forId;
	return l;
}

function input(id, type, attrs) {
	const i = el("input");
	i.id = id;
	if (type)
		i.type = type;
	for (const [k, v] of Object.entries(attrs || {}))
		i.setAttribute(k, String(v));
	return i;
}

// A label above its field: [label, field].
export function field(key, f) {
	return [label(key, f.id), f];
}

// A label around "text <input type=number>", for a row of them.
export function inlineNumber(key, id, min, max, value) {
	const l = el("label");
	const s = el("span", t(key));
	s.dataset.i18n = key;
	l.append(s, " ", input(id, "number", { min, max, value }));
	return l;
}

export function number(key, id, min, max, value) {
	return field(key, input(id, "number", { min, max, value }));
}

export function text(key, id, maxlength) {
	return field(key, input(id, null, { maxlength }));
}

export function area(key, id, rows) {
	const a = el("textarea");
	a.id = id;
	a.rows = rows;
	return field(key, a);
}

export function choices(key, id, values) {
	const s = el("select");
	s.id = id;
	for (const v of values)
		s.append(el("option", v));
	return field(key, s);
}

// A checkbox with its text: <label class=check><input> <span></span>.
export function check(key, id) {
	const l = el("label", null, "check");
	const s = el("span", t(key));
	s.dataset.i18n = key;
	l.append(input(id, "checkbox"), " ", s);
	return l;
}

// The fields of a type's settings() are found by their ids, in the
// add-round form; an edit of a round (console) draws the same fields
// once more, with ids made its own (rekey()), and reads or fills them
// within(its box, ...), where $ finds a field by its first id.
let scope = null;
export const $ = (id) => scope ? scope.querySelector('[data-key="' + id + '"]') :
    document.getElementById(id);

export function within(box, fn) {
	scope = box;
	try {
		return fn();
	} finally {
		scope = null;
	}
}

// Gives the fields under box ids starting with prefix, each keeping its
// first as data-key (and the labels follow), so no id is there twice.
export function rekey(box, prefix) {
	for (const x of box.querySelectorAll("[id]")) {
		x.dataset.key = x.id;
		x.id = prefix + x.id;
	}
	for (const l of box.querySelectorAll("label[for]"))
		l.htmlFor = prefix + l.htmlFor;
}

// The lines of a textarea's text, trimmed, without empty ones.
export const lines = (s) => s.split("\n").map((x) => x.trim()).filter((x) => x);

// A scale of radio buttons 1..max (and optionally extra: [value, label],
// e.g. 0 for "pass" or "" for "no opinion"); ends: the two ends' labels.
export function scale(name, max, legendText, extra, current, ends) {
	const fs = el("fieldset");
	fs.append(el("legend", legendText));
	const row = el("div", null, "scale");
	const values = [];
	for (let v = 1; v <= max; v++)
		values.push([String(v), String(v)]);
	if (extra)
		values.push(extra);
	for (const [v, lab] of values) {
		const l = el("label");
		const i = el("input");
		i.type = "radio";
		i.name = name;
		i.value = v;
		if (current !== undefined && String(current) === v)
			i.checked = true;
		l.append(i, el("span", lab));
		row.append(l);
	}
	fs.append(row);
	if (ends) {
		const e = el("div", null, "ends");
		e.append(el("span", ends[0]), el("span", ends[1]));
		fs.append(e);
	}
	return fs;
}

// The participant's earlier value for option (and criterion).
export function answerOf(r, option, criterion) {
	for (const a of r.answer || [])
		if (a.option === option && (criterion === undefined || a.criterion === criterion))
			return a.value;
	return undefined;
}

// The options' labels by id.
export function labels(round) {
	const label = {};
	for (const o of round.options || [])
		label[o.id] = o.label;
	return label;
}
