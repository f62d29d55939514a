// SPDX-License-Identifier: ISC
// ui.js: what the pages share beyond api.js and i18n.js: messages beside
// the control that caused them (or in the status line, #result, a live
// region), API calls that report their failure so in the person's
// language, and the language switch.
import { api } from "./api.js";
import { buildSelects, buildSwitch, chooseLanguage, rememberLanguage,
    setLanguage, t } from "./i18n.js";

// The control a person last used (a button, or a form they sent), and
// the nearest element with an id around it: the place for what comes of
// it.  A list drawn again after the answer has a new button but the same
// id (round-12), so the message still finds its place.
let used = null;
function remember(el) {
	if (!(el instanceof Element) || el.closest("#result"))
		return;
	const anchor = el.closest("[id]");
	used = { el, anchor: anchor ? anchor.id : null, at: Date.now() };
}
document.addEventListener("click", (e) => {
	const c = e.target instanceof Element && e.target.closest("button, a.btn, input[type=submit]");
	if (c)
		remember(c);
}, true);
document.addEventListener("submit", (e) => remember(e.submitter || e.target), true);
// A key (a presenter's shortcut) acts without a control: its messages go
// to the status line, unless the key clicks or sends one (set above).
document.addEventListener("keydown", () => { used = null; }, true);

// Where a message about the last action goes: right after the control
// that caused it (in its form or its row), if it was used a moment ago
// and is still on the page; else null (the status line).
function beside() {
	if (!used || Date.now() - used.at > 15000)
		return null;
	let el = used.el.isConnected ? used.el : null;
	if (!el && used.anchor) {
		const a = document.getElementById(used.anchor);
		if (a)
			return { parent: a, after: null };
	}
	if (!el || el.closest("[hidden]"))
		return null;
	return { parent: el.parentNode, after: el };
}

// Removes every message said beside a control (a board's own line
// stays, emptied).
function clearNotes() {
	for (const n of document.querySelectorAll(".note"))
		if (n.classList.contains("board-note"))
			n.textContent = "";
		else
			n.remove();
}

// Says text beside the control that caused it (else in the page's status
// line), in the colour of its kind: state "ok" or "error".  The next
// message, or an empty one, takes the last away.
export function say(text, state) {
	const r = document.getElementById("result");
	clearNotes();
	r.textContent = "";
	r.dataset.state = state || "ok";
	if (!text)
		return;
	const at = beside();
	if (!at) {
		r.textContent = text;
		return;
	}
	const n = document.createElement("p");
	n.className = "note";
	n.dataset.state = state || "ok";
	n.setAttribute("role", state === "error" ? "alert" : "status");
	n.textContent = text;
	if (at.after)
		at.after.after(n);
	else
		at.parent.append(n);
	n.scrollIntoView({ block: "nearest" });
}

// The page's language, set from the browser or a remembered choice, and
// its switch built.  Resolves to { lang } once the catalogue is in;
// onChange(lang) runs after each switch by the person.
export async function languages(onChange) {
	const s = { lang: await setLanguage(chooseLanguage()) };
	buildSelects();
	buildSwitch(async (code) => {
		rememberLanguage(code);
		s.lang = await setLanguage(code);
		if (onChange)
			await onChange(s.lang);
	});
	return s;
}

// api(), and a failure said in the status line after the page's
// "that did not work".
export function caller() {
	return async (method, path, body) => {
		const r = await api(method, path, body);
		if (!r.ok)
			say(t("common.failed") + r.text, "error");
		else if (document.querySelector('.note[data-state="error"]') ||
		    document.getElementById("result").dataset.state === "error")
			say("");	/* a success takes an old error away */
		return r;
	};
}
