// SPDX-License-Identifier: ISC
// ui.js: what the pages share beyond api.js and i18n.js: the status line
// (#result, a live region), API calls that report their failure there
// in the person's language, and the language switch.
import { api } from "./api.js";
import { buildSelects, buildSwitch, chooseLanguage, rememberLanguage,
    setLanguage, t } from "./i18n.js";

// Says text in the page's status line; state "ok" or "error".
export function say(text, state) {
	const r = document.getElementById("result");
	r.textContent = text;
	r.dataset.state = state || "ok";
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
		return r;
	};
}
