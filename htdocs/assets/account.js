// SPDX-License-Identifier: ISC
// account.js: the facilitator's own account: who they are and their
// plan, password, two-factor, where they are logged in, their data
// (export), and deleting the account.
import { api } from "./api.js";
import { el } from "./results.js";
import { t } from "./i18n.js";
import { caller, languages, say } from "./ui.js";

// The plan's limits in a line.
function planLine(p) {
	return t("account.planLine", { participants: p.max_participants,
	    running: p.max_running_sessions }) +
	    (p.teams ? t("account.planTeams") : "") +
	    (p.reports ? t("account.planReports") : "");
}

await languages(() => load());
const call = caller();
let me = null;
const $ = (id) => document.getElementById(id);

async function load() {
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
	for (const [k, v] of [[t("account.name"), me.display_name], [t("account.email"), me.email],
	    [t("account.organisation"), me.organisation || "–"],
	    [t("account.plan"), plan ? plan.title : me.plan],
	    [t("account.limits"), plan ? planLine(plan) : "–"],
	    [t("account.since"), (me.created_at || "").slice(0, 10)]])
		dl.append(el("dt", k), el("dd", v));
	$("tf-state").textContent = me.totp_enabled ? t("account.tfOn") : t("account.tfIsOff");
	$("tf-setup").hidden = !!me.totp_enabled;
	$("tf-disable").hidden = !me.totp_enabled;
	const lg = await api("GET", "/account/logins");
	if (lg.ok)
		$("logins").replaceChildren(...lg.data.logins.map((l) => {
			const li = el("li", null, "row spread");
			li.append(el("span", (l.browser || l.user_agent || "?") +
			    " · " + (l.last_seen || "").slice(0, 16).replace("T", " ") +
			    (l.current ? " (" + t("account.thisBrowser") + ")" : "")));
			if (!l.current) {
				const b = el("button", t("account.end"), "btn small secondary");
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
		say(t("account.changed"));
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
	if (!window.confirm(t("account.confirmDelete")))
		return;
	const r = await call("DELETE", "/account", { password: $("del-pw").value });
	if (r.ok)
		location.href = "/";
});
load();
