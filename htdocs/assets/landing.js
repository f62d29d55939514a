// landing.js: the landing page: join with a code, or log in as a
// facilitator.  It also asks /api/health and says whether the service
// and its database are up, proving the static path (this file) and the
// API path (the fetch) end to end.
import { apply, chooseLanguage, rememberLanguage } from "./i18n.js";

const TEXTS = {
	en: {
		title: "Live group sessions, together in one room",
		lead: "Brainstorm, cluster, vote and decide with groups of 8, 80 or thousands. Participants join with a code, without an account.",
		statusHeading: "Service status",
		checking: "Checking…",
		joinHeading: "Take part",
		code: "Join code (on the screen in the room)",
		joinButton: "Join",
		facHeading: "Lead a session",
		facLead: "Prepare an agenda of rounds, start it, and show the results live on the projector.",
		logIn: "Log in",
		register: "Create an account",
		ok: "The service is running and its database is reachable.",
		down: "The service is running, but its database is not reachable right now.",
		error: "The service cannot be reached right now.",
	},
	nl: {
		title: "Live groepssessies, samen in één ruimte",
		lead: "Brainstorm, cluster, stem en besluit met groepen van 8, 80 of duizenden. Deelnemers doen mee met een code, zonder account.",
		statusHeading: "Status van de dienst",
		checking: "Bezig met controleren…",
		joinHeading: "Doe mee",
		code: "Deelnamecode (op het scherm in de zaal)",
		joinButton: "Doe mee",
		facHeading: "Begeleid een sessie",
		facLead: "Bereid een agenda van rondes voor, start die, en toon de resultaten live op het projectiescherm.",
		logIn: "Inloggen",
		register: "Maak een account",
		ok: "De dienst draait en de database is bereikbaar.",
		down: "De dienst draait, maar de database is nu niet bereikbaar.",
		error: "De dienst is nu niet bereikbaar.",
	},
};

let lang = chooseLanguage();
let state = "checking";

function render() {
	const t = apply(TEXTS, lang);
	const el = document.getElementById("status");
	el.dataset.state = state;
	el.textContent = t[state];
}

async function check() {
	try {
		const r = await fetch("/api/health", {
			headers: { Accept: "application/json" },
			cache: "no-store",
		});
		const body = await r.json();
		state = r.ok && body.status === "ok" ? "ok" :
		    r.status === 503 ? "down" : "error";
	} catch (e) {
		state = "error";
	}
	render();
}

for (const b of document.querySelectorAll("button.lang")) {
	b.addEventListener("click", () => {
		lang = b.dataset.lang;
		rememberLanguage(lang);
		render();
	});
}
// The code goes to the participant's page as its own link: /j/CODE.
document.getElementById("join").addEventListener("submit", (ev) => {
	ev.preventDefault();
	const code = document.getElementById("code").value.replace(/[^0-9A-Za-z]/g, "");
	if (code)
		location.href = "/j/" + encodeURIComponent(code.toUpperCase());
});
render();
check();
