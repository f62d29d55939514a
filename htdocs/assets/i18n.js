// SPDX-License-Identifier: ISC
// i18n.js: the interface's languages.  LANGUAGES is the one list of them:
// each has a catalogue, assets/i18n/<code>.js, an ES module whose default
// export maps keys ("console.open", "error.not_found", ...) to texts.
// The language switches (every element with data-lang-switch) and the
// session-language selects (select[data-lang-select]) are built from
// this list, so a new language is a catalogue file and one line here.
//
// The choice comes from the browser's preferences unless the person
// picked one with the switch, which is remembered in localStorage.  Only
// the chosen catalogue is fetched, and English beside it: a key missing
// from a catalogue (t/integration/catalogues.t fails on that) would show
// in English rather than as its key.
export const LANGUAGES = [
	{ code: "nl", name: "Nederlands" },
	{ code: "en", name: "English" },
	{ code: "de", name: "Deutsch" },
];
const FALLBACK = "en";
const KEY = "pf_lang";

const loaded = new Map();	// code -> catalogue object
let current = FALLBACK;

export function known(code) {
	return LANGUAGES.some((l) => l.code === code);
}

export function chooseLanguage() {
	let saved = null;
	try {
		saved = localStorage.getItem(KEY);
	} catch (e) {
		// Storage can be off (private mode): fall back to the browser.
	}
	if (known(saved))
		return saved;
	for (const tag of navigator.languages || [navigator.language || FALLBACK]) {
		const base = String(tag).toLowerCase().split("-")[0];
		if (known(base))
			return base;
	}
	return FALLBACK;
}

export function rememberLanguage(lang) {
	try {
		localStorage.setItem(KEY, lang);
	} catch (e) {
		// Not remembered; the page still switches.
	}
}

// Fetches the catalogue of code (a known one) once.
async function load(code) {
	if (!loaded.has(code)) {
		const m = await import("./i18n/" + code + ".js");
		loaded.set(code, m.default);
	}
	return loaded.get(code);
}

// The page's language.
export function language() {
	return current;
}

// Makes code (or English, if unknown) the page's language: loads its
// catalogue and fills the page.  Returns the language set.
export async function setLanguage(code) {
	if (!known(code))
		code = FALLBACK;
	await Promise.all([load(code), load(FALLBACK)]);
	current = code;
	apply();
	return code;
}

// Is there a text for key (in the page's language or English)?
export function has(key) {
	const c = loaded.get(current), f = loaded.get(FALLBACK);
	return !!((c && key in c) || (f && key in f));
}

// The text of key in the page's language, "{name}" placeholders filled
// from vars; English when the catalogue lacks it, the key itself when
// no catalogue has it.
export function t(key, vars) {
	const c = loaded.get(current) || {}, f = loaded.get(FALLBACK) || {};
	let s = key in c ? c[key] : key in f ? f[key] : key;
	if (vars)
		s = s.replace(/\{([a-z_]+)\}/g, (m, k) => k in vars ? String(vars[k]) : m);
	return s;
}

// The text of prefix + the plural form of n in the page's language
// (Intl.PluralRules: "one", "other", ...), "{n}" filled with n as the
// language writes numbers: tn("report.ideas.", 3) is "3 ideeën".  A
// catalogue has .one and .other (what nl, en and de need); a form the
// catalogue lacks falls back to .other.
export function tn(prefix, n, vars) {
	const form = new Intl.PluralRules(current).select(n);
	return t(has(prefix + form) ? prefix + form : prefix + "other",
	    Object.assign({ n: formatNumber(n) }, vars));
}

// A number as the page's language writes it ("3,8" in Dutch), with at
// most digits decimals (0 unless given).
export function formatNumber(x, digits) {
	return new Intl.NumberFormat(current, { maximumFractionDigits: digits || 0 })
	    .format(Number(x));
}

// A whole percentage (0..100) as the page's language writes it: "67%",
// "67 %".
export function formatPercent(p) {
	return new Intl.NumberFormat(current, { style: "percent" }).format(Number(p) / 100);
}

// A day (an ISO time, in the reader's time zone) as the page's language
// writes it in full: "1 december 2026", "1. Dezember 2026".
export function formatDay(iso) {
	return new Intl.DateTimeFormat(current, { dateStyle: "long" })
	    .format(new Date(iso));
}

// A time of day (an ISO time, in the reader's time zone) as hours and
// minutes on the 24-hour clock, "10:42" (bare "en" would say "10:42
// AM"; a short list of times reads best in one form in every language).
export function formatTime(iso) {
	return new Intl.DateTimeFormat(current, { hour: "2-digit", minute: "2-digit",
	    hourCycle: "h23" })
	    .format(new Date(iso));
}

// Fills every [data-i18n] element with its text, sets <html lang>, the
// switches' label (common.language) and which switch button is pressed.
export function apply() {
	document.documentElement.lang = current;
	for (const el of document.querySelectorAll("[data-i18n]")) {
		if (has(el.dataset.i18n))
			el.textContent = t(el.dataset.i18n);
	}
	// (Those that carry a label: the <nav> ones, not a <span> in a bar.)
	for (const box of document.querySelectorAll("[data-lang-switch][aria-label]"))
		box.setAttribute("aria-label", t("common.language"));
	for (const b of document.querySelectorAll("button.lang"))
		b.setAttribute("aria-pressed", String(b.dataset.lang === current));
}

// Builds the switch's buttons (button.lang, data-lang, each labelled in
// its own language) in every [data-lang-switch]; onPick(code) runs when
// one is pressed.
export function buildSwitch(onPick) {
	// The other catalogues, fetched once the page is idle, so that a
	// switch is at once.
	setTimeout(() => LANGUAGES.forEach((l) => load(l.code).catch(() => {})), 500);
	for (const box of document.querySelectorAll("[data-lang-switch]")) {
		box.replaceChildren();
		for (const l of LANGUAGES) {
			const b = document.createElement("button");
			b.type = "button";
			b.className = "lang";
			b.dataset.lang = l.code;
			b.lang = l.code;
			b.textContent = l.name;
			b.setAttribute("aria-pressed", String(l.code === current));
			b.addEventListener("click", () => onPick(l.code));
			box.append(b);
		}
	}
}

// Fills every select[data-lang-select] (a session's language) with the
// languages, each named in its own language.
export function buildSelects() {
	for (const sel of document.querySelectorAll("select[data-lang-select]")) {
		const keep = sel.value;
		sel.replaceChildren();
		for (const l of LANGUAGES) {
			const o = new Option(l.name, l.code);
			o.lang = l.code;
			sel.append(o);
		}
		if (keep)
			sel.value = keep;
	}
}
