// SPDX-License-Identifier: ISC
// members.js: the people who run a session with its owner, in the
// console.  The owner's panel invites by email as co-facilitator or
// moderator, lists the invitations (pending, accepted, expired) and
// revokes one after asking; an invitee's console accepts the mailed link
// (console.html#invite=TOKEN: kept in this tab's storage across the
// login or registration, then accepted on a button) and lists the
// sessions shared with them, with their role.  What a role may do is
// the server's (member.c); the pages hide what it may not (roleClass()).
import { el } from "./results.js";
import { t } from "./i18n.js";
import { say } from "./ui.js";

const KEY = "pf-invite";

// The token of a mailed link, taken out of the address bar at once (it
// works once; no need to keep it in history).
export function inviteFromLink() {
	const m = /^#invite=([0-9a-f]{16,128})$/.exec(location.hash);
	if (m) {
		sessionStorage.setItem(KEY, m[1]);
		history.replaceState(null, "", location.pathname + location.search);
	}
	return sessionStorage.getItem(KEY);
}

// The panel that accepts a pending invitation: after a login of the
// invited account, one button.
export function invitationPanel(call, done) {
	const tok = sessionStorage.getItem(KEY);
	const box = document.getElementById("invitation");
	if (!tok || !box)
		return;
	box.hidden = false;
	document.getElementById("invite-accept").onclick = async () => {
		const r = await call("POST", "/invitations/accept", { token: tok });
		if (r.ok || r.code === "invalid_token")
			sessionStorage.removeItem(KEY);
		if (!r.ok)
			return;
		box.hidden = true;
		say(t("members.accepted", { title: r.data.session.title,
		    role: t("members.role." + r.data.session.role) }));
		done();
	};
	document.getElementById("invite-decline").onclick = () => {
		sessionStorage.removeItem(KEY);
		box.hidden = true;
	};
}

// The sessions shared with the caller, into ul.
export function sharedList(ul, list) {
	ul.replaceChildren();
	for (const s of list) {
		const li = el("li");
		const row = el("div", null, "row spread");
		const a = el("a", s.title);
		a.href = "/console.html?session=" + s.id;
		const h = el("h2");
		h.append(a);
		const badges = el("span");
		badges.append(el("span", t("members.role." + s.role), "badge role"), " ",
		    el("span", t("console.state." + s.state), "badge " + s.state));
		row.append(h, badges);
		li.append(row);
		ul.append(li);
	}
	document.getElementById("shared-box").hidden = list.length === 0;
}

// The page hides what the caller's role may not do: elements marked
// data-needs="run" (owner, co-facilitator) or "owner".
export function roleClass(role) {
	document.body.dataset.role = role || "owner";
}

// The owner's panel: invite, the list, revoke.
export function membersPanel(sid, call) {
	const list = document.getElementById("members");
	async function load() {
		const r = await call("GET", "/sessions/" + sid + "/members");
		if (r.ok)
			draw(r.data.members);
	}
	function draw(members) {
		list.replaceChildren();
		for (const m of members) {
			const li = el("li", null, "row spread");
			const who = el("span", m.display_name ? m.display_name + " · " + m.email : m.email);
			const badges = el("span");
			badges.append(el("span", t("members.role." + m.role), "badge role"), " ",
			    el("span", t("members.state." + m.state), "badge " + m.state));
			const b = el("button", t("members.revoke"), "btn small secondary");
			b.type = "button";
			b.setAttribute("aria-label", t("members.revokeWho", { email: m.email }));
			b.addEventListener("click", async () => {
				if (!window.confirm(t("members.confirmRevoke", { email: m.email,
				    role: t("members.role." + m.role) })))
					return;
				if ((await call("DELETE", "/sessions/" + sid + "/members/" + m.id)).ok) {
					say(t("members.revoked", { email: m.email }));
					load();
				}
			});
			li.append(who, badges, b);
			list.append(li);
		}
		if (members.length === 0)
			list.append(el("li", t("members.none"), "muted"));
	}
	document.getElementById("invite").addEventListener("submit", async (ev) => {
		ev.preventDefault();
		const email = document.getElementById("m-email").value.trim();
		const r = await call("POST", "/sessions/" + sid + "/members",
		    { email, role: document.getElementById("m-role").value });
		if (r.ok) {
			document.getElementById("m-email").value = "";
			say(t("members.invited", { email }));
			draw(r.data.members);
		}
	});
	return load;
}
