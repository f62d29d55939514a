// SPDX-License-Identifier: ISC
// admin.js: the admin area (/admin/).  nginx lets only the operators'
// addresses reach it; the API lets only staff logins with two-factor use
// it (admins: everything here; auditors: the audit trail and the
// configuration report).  Nothing here shows a session's content: the
// API does not give it.
import { api } from "./api.js";
import { el } from "./results.js";
import { t } from "./i18n.js";
import { languages, say } from "./ui.js";

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
		return say(t("common.failed") + r.text, "error");
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
	    a.sessions + " " + t("admin.sessions") + " · " + a.logins + " " + t("admin.logins") +
	    (a.two_factor ? " · " + t("admin.twoFactor") : "")));
	const plan = el("td");
	const sel = tag("select", null, { "aria-label": t("admin.planFor") + " " + a.email });
	for (const p of plans) {
		const o = tag("option", p.title, { value: p.name });
		if (p.name === a.plan)
			o.selected = true;
		sel.append(o);
	}
	sel.addEventListener("change", () =>
	    act("PUT", a, "/plan", { plan: sel.value }));
	plan.append(sel);
	const state = el("td", a.disabled ? t("admin.disabled") : t("admin.active"));
	const seen = el("td", a.last_seen || "–");
	const acts = el("td");
	const toggle = tag("button", a.disabled ? t("admin.enable") : t("admin.disable"),
	    { type: "button" });
	toggle.addEventListener("click", () =>
	    act("POST", a, a.disabled ? "/enable" : "/disable"));
	const end = tag("button", t("admin.endLogins"), { type: "button" });
	end.addEventListener("click", () => act("DELETE", a, "/logins"));
	const reset = tag("button", t("admin.resetLink"), { type: "button" });
	reset.addEventListener("click", async () => {
		const r = await api("POST", "/admin/accounts/" + a.id + "/reset-link");
		if (!r.ok)
			return say(t("common.failed") + r.text, "error");
		$("link-out").textContent = t("admin.linkMade") + r.data.link;
	});
	acts.append(toggle, end, reset);
	tr.append(who, plan, state, seen, acts);
	return tr;
}

async function act(method, a, suffix, body) {
	const r = await api(method, "/admin/accounts/" + a.id + suffix, body);
	if (!r.ok)
		return say(t("common.failed") + r.text, "error");
	say(t("admin.done"));
	await search();
}

async function search() {
	const q = $("q").value.trim();
	const r = await api("GET", "/admin/accounts?q=" + encodeURIComponent(q));
	if (!r.ok)
		return say(t("common.failed") + r.text, "error");
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
		return say(t("common.failed") + r.text, "error");
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
		return say(t("common.failed") + r.text, "error");
	plans = r.data.plans;
	facts($("config-list"), [
		...Object.entries(r.data.settings),
		...Object.entries(r.data.secrets_set).map(([k, v]) =>
		    [k, v ? t("admin.secretSet") : t("admin.secretUnset")]),
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
		return say(t("admin.notStaff"), "error");
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
		return say(t("common.failed") + r.text, "error");
	say("");
	await await languages(async () => {
	if (me && me.role === "admin")
		await search();
});
show();
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
await languages(async () => {
	if (me && me.role === "admin")
		await search();
});
show();
