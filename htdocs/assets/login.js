// login.js: log in (with the second factor when the account has one) and
// register.  Both lead to the console.
import { api } from "./api.js";
import { languages, say } from "./ui.js";

const TEXTS = {
	en: {
		loginTitle: "Log in", email: "Email address", password: "Password",
		code: "Code from your authenticator app (or a recovery code)",
		logIn: "Log in", forgot: "Forgot your password?",
		noAccount: "No account yet?", register: "Create one",
		registerTitle: "Create your facilitator account",
		name: "Your name", organisation: "Organisation (optional)",
		newPassword: "Password (at least 12 characters; a sentence works well)",
		create: "Create the account",
		haveAccount: "I have an account: log in",
		codeNeeded: "Enter the code from your authenticator app.",
		failed: "That did not work: ",
		busy: "One moment…",
	},
	nl: {
		loginTitle: "Inloggen", email: "E-mailadres", password: "Wachtwoord",
		code: "Code uit uw authenticator-app (of een herstelcode)",
		logIn: "Inloggen", forgot: "Wachtwoord vergeten?",
		noAccount: "Nog geen account?", register: "Maak er een",
		registerTitle: "Maak uw account als begeleider",
		name: "Uw naam", organisation: "Organisatie (niet verplicht)",
		newPassword: "Wachtwoord (minstens 12 tekens; een zin werkt goed)",
		create: "Maak het account",
		haveAccount: "Ik heb een account: inloggen",
		codeNeeded: "Vul de code uit uw authenticator-app in.",
		failed: "Dat lukte niet: ",
		busy: "Een moment…",
	},
};

const L = languages(TEXTS, () => view());
const $ = (id) => document.getElementById(id);

function view() {
	const reg = location.hash === "#register";
	$("register-view").hidden = !reg;
	$("login-view").hidden = reg;
	document.title = "Primoforum: " + (reg ? L.t.registerTitle : L.t.loginTitle);
}

window.addEventListener("hashchange", () => { say(""); view(); });
view();

$("login").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const body = { email: $("email").value.trim(), password: $("password").value };
	if (!$("code-box").hidden && $("code").value.trim())
		body.code = $("code").value.trim();
	say(L.t.busy);
	const r = await api("POST", "/login", body);
	if (r.ok) {
		location.href = "/console.html";
		return;
	}
	if (r.code === "code_required") {
		$("code-box").hidden = false;
		$("code").focus();
		say(L.t.codeNeeded, "error");
		return;
	}
	say(L.t.failed + r.message, "error");
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
	say(L.t.busy);
	const r = await api("POST", "/accounts", body);
	if (r.ok) {
		location.href = "/console.html";
		return;
	}
	say(L.t.failed + r.message, "error");
});
