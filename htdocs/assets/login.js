// SPDX-License-Identifier: ISC
// login.js: log in (with the second factor when the account has one) and
// register.  Both lead to the console.
import { api } from "./api.js";
import { t } from "./i18n.js";
import { languages, say } from "./ui.js";

const L = await languages(() => view());
const $ = (id) => document.getElementById(id);

function view() {
	const reg = location.hash === "#register";
	$("register-view").hidden = !reg;
	$("login-view").hidden = reg;
	document.title = "Primoforum: " + (reg ? t("login.registerTitle") : t("login.loginTitle"));
}

window.addEventListener("hashchange", () => { say(""); view(); });
view();

$("login").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const body = { email: $("email").value.trim(), password: $("password").value };
	if (!$("code-box").hidden && $("code").value.trim())
		body.code = $("code").value.trim();
	say(t("login.busy"));
	const r = await api("POST", "/login", body);
	if (r.ok) {
		location.href = "/console.html";
		return;
	}
	if (r.code === "code_required") {
		$("code-box").hidden = false;
		$("code").focus();
		say(t("login.codeNeeded"), "error");
		return;
	}
	say(t("common.failed") + r.text, "error");
});

$("register").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const body = {
		display_name: $("r-name").value.trim(),
		email: $("r-email").value.trim(),
		password: $("r-password").value,
		language: L.lang,
	};
	if ($("r-org").value.trim())
		body.organisation = $("r-org").value.trim();
	say(t("login.busy"));
	const r = await api("POST", "/accounts", body);
	if (r.ok) {
		location.href = "/console.html";
		return;
	}
	say(t("common.failed") + r.text, "error");
});
