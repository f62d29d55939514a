// join.js: the participant's page.  Join with the code (from the link
// /j/CODE or typed), then poll the state every two seconds with the last
// ETag (a 304 costs the server one lookup); on a weak network the poll
// backs off to 15 s and recovers.  When the session stops the server
// answers 401 and the page says the session has ended.
import { api } from "./api.js";
import { apply, chooseLanguage, rememberLanguage } from "./i18n.js";

const TEXTS = {
	en: {
		joinTitle: "Join a session",
		code: "Join code",
		name: "Your name (only if the session asks for it)",
		team: "Your table or team (only if the session works in teams)",
		joinButton: "Join",
		waiting: "You are in. Wait for the facilitator to open a round.",
		endedTitle: "This session has ended",
		ended: "Thank you for taking part. You can close this page.",
		joined: "You are in as ",
		anonymous: "You take part anonymously.",
		offline: "The connection is weak; trying again…",
		failed: "That did not work: ",
	},
	nl: {
		joinTitle: "Doe mee met een sessie",
		code: "Deelnamecode",
		name: "Uw naam (alleen als de sessie erom vraagt)",
		team: "Uw tafel of team (alleen als de sessie met teams werkt)",
		joinButton: "Doe mee",
		waiting: "U doet mee. Wacht tot de begeleider een ronde opent.",
		endedTitle: "Deze sessie is afgelopen",
		ended: "Bedankt voor uw deelname. U kunt deze pagina sluiten.",
		joined: "U doet mee als ",
		anonymous: "U doet anoniem mee.",
		offline: "De verbinding is zwak; we proberen het opnieuw…",
		failed: "Dat lukte niet: ",
	},
};

let lang = chooseLanguage();
let t = apply(TEXTS, lang);
let etag = null;
let delay = 2000;
let me = null;
const $ = (id) => document.getElementById(id);

function say(text, state) {
	$("result").textContent = text;
	$("result").dataset.state = state || "";
}

function show(view) {
	for (const v of ["join-view", "in-view", "ended-view"])
		$(v).hidden = v !== view;
}

function renderMe() {
	if (!me)
		return;
	$("session-title").textContent = me.session.title;
	$("who").textContent = me.participant.display_name ?
	    t.joined + me.participant.display_name +
	    (me.participant.team ? " (" + me.participant.team + ")" : "") :
	    t.anonymous;
}

async function poll() {
	const headers = { Accept: "application/json" };
	if (etag)
		headers["If-None-Match"] = etag;
	let r;
	try {
		r = await fetch("/api/participant/state", { headers, cache: "no-store" });
	} catch (e) {
		r = null;
	}
	if (r && r.status === 401) {
		show("ended-view");
		say("");
		return;
	}
	if (r && (r.status === 200 || r.status === 304)) {
		if (r.status === 200) {
			etag = r.headers.get("ETag");
			me = await r.json();
			if (me.session.language && me.session.language !== lang) {
				lang = me.session.language;
				t = apply(TEXTS, lang);
			}
			renderMe();
		}
		delay = 2000;
		say("");
	} else {
		delay = Math.min(delay * 2, 15000);
		say(t.offline, "error");
	}
	setTimeout(poll, delay);
}

for (const b of document.querySelectorAll("button.lang")) {
	b.addEventListener("click", () => {
		lang = b.dataset.lang;
		rememberLanguage(lang);
		t = apply(TEXTS, lang);
		renderMe();
	});
}

const m = /^\/j\/([0-9A-Za-z-]{8,9})$/.exec(location.pathname);
if (m)
	$("code").value = m[1].toUpperCase();

$("join").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const body = { code: $("code").value };
	if ($("name").value.trim() !== "")
		body.display_name = $("name").value.trim();
	if ($("team").value.trim() !== "")
		body.team = $("team").value.trim();
	const r = await api("POST", "/join", body);
	if (!r.ok) {
		say(t.failed + r.message, "error");
		if (/display_name/.test(r.message))
			$("name").focus();
		else if (/team/.test(r.message))
			$("team").focus();
		return;
	}
	me = r.data;
	show("in-view");
	renderMe();
	say("");
	poll();
});
