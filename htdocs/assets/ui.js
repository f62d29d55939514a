// ui.js: what the pages share beyond api.js and i18n.js: the status line
// (#result, a live region), API calls that report their failure there,
// and the language switch.
import { api } from "./api.js";
import { apply, chooseLanguage, rememberLanguage } from "./i18n.js";

// Says text in the page's status line; state "ok" or "error".
export function say(text, state) {
	const r = document.getElementById("result");
	r.textContent = text;
	r.dataset.state = state || "ok";
}

// The page's language: { lang, t } from the browser or the switch;
// onChange(lang) runs after each switch.
export function languages(texts, onChange) {
	const s = { lang: chooseLanguage() };
	s.t = apply(texts, s.lang);
	for (const b of document.querySelectorAll("button.lang"))
		b.addEventListener("click", () => {
			s.lang = b.dataset.lang;
			rememberLanguage(s.lang);
			s.t = apply(texts, s.lang);
			if (onChange)
				onChange(s.lang);
		});
	return s;
}

// api(), and a failure said in the status line after the page's
// "that did not work" (s.t.failed).
export function caller(s) {
	return async (method, path, body) => {
		const r = await api(method, path, body);
		if (!r.ok)
			say(s.t.failed + r.message, "error");
		return r;
	};
}
