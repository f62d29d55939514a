// account.js: the facilitator's own account: who they are and their
// plan, password, two-factor, where they are logged in, their data
// (export), and deleting the account.
import { api } from "./api.js";
import { el } from "./results.js";
import { caller, languages, say } from "./ui.js";

const TEXTS = {
	en: {
		navSessions: "Sessions", logOut: "Log out", title: "Your account",
		you: "You", passwordTitle: "Change your password",
		current: "Current password", newPassword: "New password (at least 12 characters)",
		change: "Change the password", twoFactor: "Two-factor authentication",
		tfSetup: "Turn on two-factor",
		tfScan: "Scan this code with your authenticator app, or enter the secret by hand. Then type the six digits it shows.",
		code: "Code from the app", tfConfirm: "Confirm and turn on",
		tfCodes: "Your recovery codes. Keep them somewhere safe: each works once, if you lose your phone.",
		password: "Password", tfOff: "Turn two-factor off",
		logins: "Where you are logged in", yourData: "Your data",
		exportLead: "Everything this account holds, as one JSON file: your account, your sessions with their rounds and results, and its audit events.",
		export: "Download my data", deleteTitle: "Delete the account",
		deleteLead: "This removes the account and every session in it, at once and for good. Download your data first if you want to keep it.",
		deleteButton: "Delete my account", name: "Name", email: "Email",
		organisation: "Organisation", plan: "Plan", since: "Since",
		limits: "Limits", tfOn: "Two-factor is on.", tfIsOff: "Two-factor is off.",
		thisBrowser: "this browser", end: "Log out there", changed: "Saved. Other browsers were logged out.",
		confirmDelete: "Delete your account and all its sessions for good?",
		failed: "That did not work: ", planLine: (p) => p.max_participants +
		    " participants per session, " + p.max_running_sessions +
		    " running sessions" + (p.teams ? ", teams" : "") + (p.reports ? ", reports" : ""),
	},
	nl: {
		navSessions: "Sessies", logOut: "Uitloggen", title: "Uw account",
		you: "U", passwordTitle: "Wijzig uw wachtwoord",
		current: "Huidig wachtwoord", newPassword: "Nieuw wachtwoord (minstens 12 tekens)",
		change: "Wijzig het wachtwoord", twoFactor: "Tweestapsverificatie",
		tfSetup: "Zet tweestapsverificatie aan",
		tfScan: "Scan deze code met uw authenticator-app, of typ het geheim over. Vul dan de zes cijfers in die de app toont.",
		code: "Code uit de app", tfConfirm: "Bevestig en zet aan",
		tfCodes: "Uw herstelcodes. Bewaar ze op een veilige plek: elke code werkt één keer, als u uw telefoon kwijt bent.",
		password: "Wachtwoord", tfOff: "Zet tweestapsverificatie uit",
		logins: "Waar u bent ingelogd", yourData: "Uw gegevens",
		exportLead: "Alles wat dit account bevat, als één JSON-bestand: uw account, uw sessies met hun rondes en resultaten, en de auditgebeurtenissen.",
		export: "Download mijn gegevens", deleteTitle: "Verwijder het account",
		deleteLead: "Dit verwijdert het account en elke sessie erin, meteen en voorgoed. Download eerst uw gegevens als u ze wilt houden.",
		deleteButton: "Verwijder mijn account", name: "Naam", email: "E-mail",
		organisation: "Organisatie", plan: "Abonnement", since: "Sinds",
		limits: "Grenzen", tfOn: "Tweestapsverificatie staat aan.", tfIsOff: "Tweestapsverificatie staat uit.",
		thisBrowser: "deze browser", end: "Log daar uit", changed: "Bewaard. Andere browsers zijn uitgelogd.",
		confirmDelete: "Uw account en al zijn sessies voorgoed verwijderen?",
		failed: "Dat lukte niet: ", planLine: (p) => p.max_participants +
		    " deelnemers per sessie, " + p.max_running_sessions +
		    " lopende sessies" + (p.teams ? ", teams" : "") + (p.reports ? ", verslagen" : ""),
	},
};

const L = languages(TEXTS, () => load());
const call = caller(L);
let me = null;
const $ = (id) => document.getElementById(id);

async function load() {
	const t = L.t;
	const r = await api("GET", "/account");
	if (!r.ok) {
		location.href = "/login.html";
		return;
	}
	me = r.data.account;
	const plans = await api("GET", "/plans");
	const plan = plans.ok ? plans.data.plans.find((p) => p.name === me.plan) : null;
	const dl = $("me");
	dl.replaceChildren();
	for (const [k, v] of [[t.name, me.display_name], [t.email, me.email],
	    [t.organisation, me.organisation || "–"],
	    [t.plan, plan ? plan.title : me.plan],
	    [t.limits, plan ? t.planLine(plan) : "–"],
	    [t.since, (me.created_at || "").slice(0, 10)]])
		dl.append(el("dt", k), el("dd", v));
	$("tf-state").textContent = me.totp_enabled ? t.tfOn : t.tfIsOff;
	$("tf-setup").hidden = !!me.totp_enabled;
	$("tf-disable").hidden = !me.totp_enabled;
	const lg = await api("GET", "/account/logins");
	if (lg.ok)
		$("logins").replaceChildren(...lg.data.logins.map((l) => {
			const li = el("li", null, "row spread");
			li.append(el("span", (l.browser || l.user_agent || "?") +
			    " · " + (l.last_seen || "").slice(0, 16).replace("T", " ") +
			    (l.current ? " (" + t.thisBrowser + ")" : "")));
			if (!l.current) {
				const b = el("button", t.end, "btn small secondary");
				b.type = "button";
				b.addEventListener("click", async () => {
					if ((await call("DELETE", "/account/logins/" + l.id)).ok)
						load();
				});
				li.append(b);
			}
			return li;
		}));
}

$("logout").addEventListener("click", async () => {
	await api("POST", "/logout");
	location.href = "/login.html";
});
$("password").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const r = await call("POST", "/account/password", {
		current_password: $("pw-current").value, new_password: $("pw-new").value });
	$("pw-current").value = "";
	$("pw-new").value = "";
	if (r.ok)
		say(L.t.changed);
});
$("tf-setup").addEventListener("click", async () => {
	const r = await call("POST", "/account/totp/setup", {});
	if (!r.ok)
		return;
	const svg = new DOMParser().parseFromString(r.data.qr_svg, "image/svg+xml");
	$("tf-qr").replaceChildren(document.importNode(svg.documentElement, true));
	$("tf-secret").textContent = r.data.secret;
	$("tf-enrol").hidden = false;
	$("tf-code").focus();
});
$("tf-enable").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const r = await call("POST", "/account/totp/enable", { code: $("tf-code").value.trim() });
	if (!r.ok)
		return;
	$("tf-enrol").hidden = true;
	$("tf-codes").hidden = false;
	$("tf-code-list").replaceChildren(...(r.data.recovery_codes || []).map((c) => el("li", c)));
	load();
});
$("tf-disable").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	const r = await call("POST", "/account/totp/disable", {
		password: $("tf-d-pw").value, code: $("tf-d-code").value.trim() });
	$("tf-d-pw").value = "";
	if (r.ok)
		load();
});
$("delete").addEventListener("submit", async (ev) => {
	ev.preventDefault();
	if (!window.confirm(L.t.confirmDelete))
		return;
	const r = await call("DELETE", "/account", { password: $("del-pw").value });
	if (r.ok)
		location.href = "/";
});
load();
