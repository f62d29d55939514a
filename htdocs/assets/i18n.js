// i18n.js: the interface's two languages.  The choice comes from the
// browser's preferences unless the person picked one with the switch,
// which is remembered in localStorage.
const SUPPORTED = ["nl", "en"];
const KEY = "pf_lang";

export function chooseLanguage() {
	let saved = null;
	try {
		saved = localStorage.getItem(KEY);
	} catch (e) {
		// Storage can be off (private mode): fall back to the browser.
	}
	if (SUPPORTED.includes(saved))
		return saved;
	for (const tag of navigator.languages || [navigator.language || "en"]) {
		const base = String(tag).toLowerCase().split("-")[0];
		if (SUPPORTED.includes(base))
			return base;
	}
	return "en";
}

export function rememberLanguage(lang) {
	try {
		localStorage.setItem(KEY, lang);
	} catch (e) {
		// Not remembered; the page still switches.
	}
}

// Fills every [data-i18n] element with its text in lang.
export function apply(texts, lang) {
	const t = texts[lang] || texts.en;
	document.documentElement.lang = lang;
	for (const el of document.querySelectorAll("[data-i18n]")) {
		const k = el.dataset.i18n;
		if (k in t)
			el.textContent = t[k];
	}
	for (const b of document.querySelectorAll("button.lang"))
		b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
	return t;
}
