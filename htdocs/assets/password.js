// SPDX-License-Identifier: ISC
// password.js: the "forgot password" and "choose a new password" pages.
// The reset token comes in the link's fragment (#token=...), which the
// browser never sends to a server; it is removed from the address bar at
// once so it does not linger in history.
import { api } from "./api.js";
import { t } from "./i18n.js";
import { languages } from "./ui.js";

// The token first, out of the address bar before anything else runs.
const reset = document.getElementById("reset");
let token = null;
if (reset) {
	const m = /(?:^#|&)token=([0-9a-f]{64})/.exec(location.hash);
	token = m ? m[1] : null;
	history.replaceState(null, "", location.pathname);
}
const L = await languages();
const result = document.getElementById("result");

function say(text, state) {
	result.textContent = text;
	result.dataset.state = state;
}

const forgot = document.getElementById("forgot");
if (forgot) {
	forgot.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		const r = await api("POST", "/password/forgot", {
			email: forgot.email.value,
			language: L.lang,
		});
		if (r.ok)
			say(t("password.sent"), "ok");
		else
			say(t("common.failed") + r.text, "error");
	});
}

if (reset) {
	if (!token)
		say(t("password.noToken"), "error");
	reset.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		if (!token)
			return say(t("password.noToken"), "error");
		if (reset.password.value !== reset.password2.value)
			return say(t("password.mismatch"), "error");
		const r = await api("POST", "/password/reset", {
			token,
			password: reset.password.value,
		});
		if (r.ok) {
			reset.reset();
			say(t("password.done"), "ok");
		} else
			say(t("common.failed") + r.text, "error");
	});
}
