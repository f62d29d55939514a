// password.js: the "forgot password" and "choose a new password" pages.
// The reset token comes in the link's fragment (#token=...), which the
// browser never sends to a server; it is removed from the address bar at
// once so it does not linger in history.
import { api } from "./api.js";
import { apply, chooseLanguage, rememberLanguage } from "./i18n.js";

const TEXTS = {
	en: {
		forgotTitle: "Forgot your password?",
		forgotLead: "Enter your email address. If it belongs to an account, we send a link to choose a new password. The link works once, for one hour.",
		email: "Email address",
		send: "Send the link",
		sent: "If an account has this email address, a link is on its way. Check your mail.",
		resetTitle: "Choose a new password",
		resetLead: "At least 12 characters. A sentence you can remember works well; spaces and any characters are welcome.",
		newPassword: "New password",
		repeatPassword: "The same password again",
		save: "Save the new password",
		mismatch: "The two passwords are not the same.",
		noToken: "This page needs the link from the mail. Ask for a new one.",
		done: "Your password is changed. Every browser was logged out; log in with the new password.",
		failed: "That did not work: ",
	},
	nl: {
		forgotTitle: "Wachtwoord vergeten?",
		forgotLead: "Vul uw e-mailadres in. Hoort het bij een account, dan sturen we een link om een nieuw wachtwoord te kiezen. De link werkt één keer, een uur lang.",
		email: "E-mailadres",
		send: "Stuur de link",
		sent: "Als er een account met dit e-mailadres is, is de link onderweg. Kijk in uw mail.",
		resetTitle: "Kies een nieuw wachtwoord",
		resetLead: "Minstens 12 tekens. Een zin die u kunt onthouden werkt goed; spaties en alle tekens zijn welkom.",
		newPassword: "Nieuw wachtwoord",
		repeatPassword: "Nog eens hetzelfde wachtwoord",
		save: "Bewaar het nieuwe wachtwoord",
		mismatch: "De twee wachtwoorden zijn niet gelijk.",
		noToken: "Deze pagina heeft de link uit de mail nodig. Vraag een nieuwe aan.",
		done: "Uw wachtwoord is gewijzigd. Elke browser is uitgelogd; log in met het nieuwe wachtwoord.",
		failed: "Dat lukte niet: ",
	},
};

let lang = chooseLanguage();
let t = apply(TEXTS, lang);
const result = document.getElementById("result");

function say(text, state) {
	result.textContent = text;
	result.dataset.state = state;
}

for (const b of document.querySelectorAll("button.lang")) {
	b.addEventListener("click", () => {
		lang = b.dataset.lang;
		rememberLanguage(lang);
		t = apply(TEXTS, lang);
	});
}

const forgot = document.getElementById("forgot");
if (forgot) {
	forgot.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		const r = await api("POST", "/password/forgot", {
			email: forgot.email.value,
			language: lang,
		});
		if (r.ok)
			say(t.sent, "ok");
		else
			say(t.failed + r.message, "error");
	});
}

const reset = document.getElementById("reset");
if (reset) {
	const m = /(?:^#|&)token=([0-9a-f]{64})/.exec(location.hash);
	const token = m ? m[1] : null;
	history.replaceState(null, "", location.pathname);
	if (!token)
		say(t.noToken, "error");
	reset.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		if (!token)
			return say(t.noToken, "error");
		if (reset.password.value !== reset.password2.value)
			return say(t.mismatch, "error");
		const r = await api("POST", "/password/reset", {
			token,
			password: reset.password.value,
		});
		if (r.ok) {
			reset.reset();
			say(t.done, "ok");
		} else
			say(t.failed + r.message, "error");
	});
}
