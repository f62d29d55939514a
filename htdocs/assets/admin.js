// admin.js: the admin area (/admin/).  nginx lets only the operators'
// addresses reach it; the API lets only staff logins with two-factor use
// it (admins: everything here; auditors: the audit trail and the
// configuration report).  Nothing here shows a session's content: the
// API does not give it.
import { api } from "./api.js";
import { el } from "./results.js";
import { languages, say } from "./ui.js";

const TEXTS = {
	en: {
		area: "administration",
		title: "Administration",
		lead: "For operators and auditors. Reachable only from the operators' addresses, with a staff account and two-factor. Every action here is in the audit trail.",
		loginTitle: "Log in",
		email: "Email address",
		password: "Password",
		code: "Code from your authenticator app",
		logIn: "Log in",
		loggedInAs: "Logged in as",
		logOut: "Log out",
		statusTitle: "System status",
		accountsTitle: "Accounts",
		search: "Email, name or id",
		find: "Find",
		accountsCaption: "Accounts found (identity, plan and state; never session content)",
		colAccount: "Account",
		colPlan: "Plan",
		colState: "State",
		colSeen: "Last seen",
		colActions: "Actions",
		auditTitle: "Audit trail",
		from: "From (UTC)",
		to: "Until (UTC, not included)",
		show: "Show",
		csv: "Download as CSV",
		json: "Download as JSON",
		auditCaption: "The newest events of the period",
		colTime: "Time (UTC)",
		colActor: "Actor",
		colAddress: "Address",
		colAction: "Action",
		colTarget: "Target",
		colOutcome: "Outcome",
		configTitle: "Configuration report",
		notStaff: "This account is not a staff account: the admin area is for admins and auditors.",
		active: "active",
		disabled: "disabled",
		disable: "Disable",
		enable: "Enable",
		endLogins: "End logins",
		resetLink: "Reset link",
		planFor: "Plan of",
		done: "Done.",
		linkMade: "Single-use reset link (one hour; give it to the owner only): ",
		failed: "That did not work: ",
		secretSet: "set",
		secretUnset: "not set",
		sessions: "sessions",
		logins: "logins",
		twoFactor: "two-factor",
	},
	nl: {
		area: "beheer",
		title: "Beheer",
		lead: "Voor beheerders en auditors. Alleen bereikbaar vanaf de adressen van de beheerders, met een medewerkersaccount en tweestapsverificatie. Elke handeling hier staat in het auditlogboek.",
		loginTitle: "Inloggen",
		email: "E-mailadres",
		password: "Wachtwoord",
		code: "Code uit uw authenticator-app",
		logIn: "Inloggen",
		loggedInAs: "Ingelogd als",
		logOut: "Uitloggen",
		statusTitle: "Systeemstatus",
		accountsTitle: "Accounts",
		search: "E-mail, naam of nummer",
		find: "Zoek",
		accountsCaption: "Gevonden accounts (identiteit, abonnement en status; nooit inhoud van sessies)",
		colAccount: "Account",
		colPlan: "Abonnement",
		colState: "Status",
		colSeen: "Laatst gezien",
		colActions: "Acties",
		auditTitle: "Auditlogboek",
		from: "Vanaf (UTC)",
		to: "Tot (UTC, niet inbegrepen)",
		show: "Toon",
		csv: "Download als CSV",
		json: "Download als JSON",
		auditCaption: "De nieuwste gebeurtenissen van de periode",
		colTime: "Tijd (UTC)",
		colActor: "Wie",
		colAddress: "Adres",
		colAction: "Handeling",
		colTarget: "Doel",
		colOutcome: "Uitkomst",
		configTitle: "Configuratierapport",
		notStaff: "Dit is geen medewerkersaccount: het beheer is voor beheerders en auditors.",
		active: "actief",
		disabled: "geblokkeerd",
		disable: "Blokkeer",
		enable: "Deblokkeer",
		endLogins: "Log overal uit",
		resetLink: "Herstellink",
		planFor: "Abonnement van",
		done: "Gedaan.",
		linkMade: "Herstellink voor één keer (een uur geldig; alleen aan de eigenaar geven): ",
		failed: "Dat lukte niet: ",
		secretSet: "ingesteld",
		secretUnset: "niet ingesteld",
		sessions: "sessies",
		logins: "logins",
		twoFactor: "tweestaps",
	},
};

const L = languages(TEXTS, async () => {
	t = L.t;
	if (me && me.role === "admin")
		await search();
});
let t = L.t;
let me = null;
let plans = [];
const $ = (id) => document.getElementById(id);

// An element with text and attributes.
function tag(name, text, attrs) {
	const e = el(name, text);
	for (const [k, v] of Object.entries(attrs || {}))
		e.setAttribute(k, v);
	return e;
}

function facts(dl, pairs) {
	dl.replaceChildren();
	for (const [k, v] of pairs) {
		dl.append(el("dt", k), el("dd", v));
	}
}

async function loadStatus() {
	const r = await api("GET", "/admin/status");
	if (!r.ok)
		return say(t.failed + r.message, "error");
	const d = r.data.database;
	facts($("status-list"), [
		...Object.entries(d),
		["workers", r.data.workers.configured],
		["version", r.data.version],
	]);
}

function accountRow(a) {
	const tr = el("tr");
	const who = el("td");
	who.append(el("strong", a.display_name), el("br"), el("span", a.email),
	    el("br"), el("small", "#" + a.id + " · " + a.role + " · " +
	    a.sessions + " " + t.sessions + " · " + a.logins + " " + t.logins +
	    (a.two_factor ? " · " + t.twoFactor : "")));
	const plan = el("td");
	const sel = tag("select", null, { "aria-label": t.planFor + " " + a.email });
	for (const p of plans) {
		const o = tag("option", p.title, { value: p.name });
		if (p.name === a.plan)
			o.selected = true;
		sel.append(o);
	}
	sel.addEventListener("change", () =>
	    act("PUT", a, "/plan", { plan: sel.value }));
	plan.append(sel);
	const state = el("td", a.disabled ? t.disabled : t.active);
	const seen = el("td", a.last_seen || "–");
	const acts = el("td");
	const toggle = tag("button", a.disabled ? t.enable : t.disable,
	    { type: "button" });
	toggle.addEventListener("click", () =>
	    act("POST", a, a.disabled ? "/enable" : "/disable"));
	const end = tag("button", t.endLogins, { type: "button" });
	end.addEventListener("click", () => act("DELETE", a, "/logins"));
	const reset = tag("button", t.resetLink, { type: "button" });
	reset.addEventListener("click", async () => {
		const r = await api("POST", "/admin/accounts/" + a.id + "/reset-link");
		if (!r.ok)
			return say(t.failed + r.message, "error");
		$("link-out").textContent = t.linkMade + r.data.link;
	});
	acts.append(toggle, end, reset);
	tr.append(who, plan, state, seen, acts);
	return tr;
}

async function act(method, a, suffix, body) {
	const r = await api(method, "/admin/accounts/" + a.id + suffix, body);
	if (!r.ok)
		return say(t.failed + r.message, "error");
	say(t.done);
	await search();
}

async function search() {
	const q = $("q").value.trim();
	const r = await api("GET", "/admin/accounts?q=" + encodeURIComponent(q));
	if (!r.ok)
		return say(t.failed + r.message, "error");
	$("account-table").tBodies[0].replaceChildren(...r.data.accounts.map(accountRow));
}

function period() {
	const p = new URLSearchParams();
	if ($("from").value)
		p.set("from", $("from").value);
	if ($("to").value)
		p.set("to", $("to").value);
	return p;
}

async function loadAudit() {
	const p = period();
	p.set("limit", "10000");
	const r = await api("GET", "/admin/audit?" + p.toString());
	if (!r.ok)
		return say(t.failed + r.message, "error");
	const rows = r.data.events.slice(-200).reverse().map((e) => {
		const tr = el("tr");
		for (const v of [e.seq, e.at, e.actor, e.address, e.action, e.target, e.outcome])
			tr.append(el("td", v === null ? "–" : v));
		return tr;
	});
	$("audit-table").tBodies[0].replaceChildren(...rows);
	const csv = new URLSearchParams(period());
	csv.set("format", "csv");
	$("csv").href = "/api/admin/audit?" + csv.toString();
	csv.set("format", "json");
	$("json").href = "/api/admin/audit?" + csv.toString();
}

async function loadConfig() {
	const r = await api("GET", "/admin/config");
	if (!r.ok)
		return say(t.failed + r.message, "error");
	plans = r.data.plans;
	facts($("config-list"), [
		...Object.entries(r.data.settings),
		...Object.entries(r.data.secrets_set).map(([k, v]) =>
		    [k, v ? t.secretSet : t.secretUnset]),
	]);
}

async function show() {
	const r = await api("GET", "/account");
	if (!r.ok) {
		$("login").hidden = false;
		return;
	}
	me = r.data.account;
	$("login").hidden = true;
	$("who").hidden = false;
	$("who-name").textContent = me.display_name + " <" + me.email + ">";
	$("who-role").textContent = me.role;
	if (me.role !== "admin" && me.role !== "auditor")
		return say(t.notStaff, "error");
	$("audit").hidden = false;
	$("config").hidden = false;
	await loadConfig();
	await loadAudit();
	if (me.role === "admin") {
		$("status").hidden = false;
		$("accounts").hidden = false;
		await loadStatus();
		await search();
	}
}


$("login-form").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const r = await api("POST", "/login", {
		email: $("email").value,
		password: $("password").value,
		code: $("code").value,
	});
	$("password").value = "";
	$("code").value = "";
	if (!r.ok)
		return say(t.failed + r.message, "error");
	say("");
	await show();
});
$("logout").addEventListener("click", async () => {
	await api("POST", "/logout");
	location.reload();
});
$("search").addEventListener("submit", (ev) => {
	ev.preventDefault();
	search();
});
$("audit-form").addEventListener("submit", (ev) => {
	ev.preventDefault();
	loadAudit();
});
show();
