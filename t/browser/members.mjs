// SPDX-License-Identifier: ISC
// members.mjs URL SHOTS MAILDIR SESSION: co-facilitators and moderators
// as people meet them, for t/browser/scenario.t.  The owner (logged in
// as oona@example.org) invites two people from the session's People tab;
// each opens the mailed link in a browser of their own, registers, and
// accepts; the co-facilitator's console lists the shared session with
// the role; the moderator's session page offers no stop, delete or
// export; the owner revokes the co-facilitator.  Prints "key: value"
// lines; screenshots at 1280 wide go to SHOTS.
import { readdirSync, readFileSync } from "node:fs";
import { axeSerious, launch, newPage } from "./lib.mjs";

const [url, shots, maildir, sid] = process.argv.slice(2);
const browser = await launch();
const all = [];
const wide = { width: 1280, height: 900 };

// The link of the mail to email, once it is there (sent after the answer).
async function mailedLink(email) {
	for (let i = 0; i < 100; i++) {
		for (const f of readdirSync(maildir).filter((x) => x.startsWith("mail.")).sort()) {
			const m = readFileSync(maildir + "/" + f, "utf8");
			if (m.includes("To: " + email)) {
				const l = /https:\/\/\S+console\.html#invite=[0-9a-f]+/.exec(m);
				if (l)
					return l[0];
			}
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return "";
}

// The page's module is running (its language switch is drawn).
const ready = (page) => page.waitForSelector("button.lang[data-lang=en]");

// A new person: opens the link, registers on the page it leads to,
// comes back to the console and accepts.
async function invitee(email, name) {
	const p = await newPage(browser, "en-GB");
	all.push(p.problems);
	await p.page.setViewportSize(wide);
	const link = await mailedLink(email);
	await p.page.goto(link);
	await p.page.waitForURL(/login\.html/);
	await p.page.goto(url + "/login.html#register");
	await ready(p.page);
	await p.page.fill("#r-name", name);
	await p.page.fill("#r-email", email);
	await p.page.fill("#r-password", name + " has a long passphrase");
	await p.page.click("#register button[type=submit]");
	await p.page.waitForURL(/console\.html/);
	await p.page.waitForSelector("#invitation:not([hidden])");
	await p.page.click("#invite-accept");
	await p.page.waitForSelector("#shared-box:not([hidden]) #shared li");
	console.log(name + " accepted: " + (await p.page.textContent("#result")));
	console.log(name + " shared: " + (await p.page.textContent("#shared")).replace(/\s+/g, " ").trim());
	return p;
}

try {
	// The owner's People tab: invite, the list.
	const o = await newPage(browser, "en-GB");
	all.push(o.problems);
	await o.page.setViewportSize(wide);
	await o.page.goto(url + "/login.html");
	await ready(o.page);
	await o.page.fill("#email", "oona@example.org");
	await o.page.fill("#password", "oona has a long passphrase");
	await o.page.click("#login button[type=submit]");
	await o.page.waitForURL(/console\.html/, { timeout: 5000 }).catch(async (e) => {
		console.log("login: " + (await o.page.textContent("#result")));
		throw e;
	});
	await o.page.goto(url + "/console.html?session=" + sid);
	await o.page.click("#tab-people");
	await o.page.waitForSelector("#members li");
	for (const [email, role] of [["cleo@example.org", "cofacilitator"], ["max@example.org", "moderator"]]) {
		await o.page.fill("#m-email", email);
		await o.page.selectOption("#m-role", role);
		await o.page.click("#invite button[type=submit]");
		await o.page.waitForFunction((e) => document.getElementById("members").textContent.includes(e), email);
	}
	console.log("members: " + (await o.page.textContent("#members")).replace(/\s+/g, " ").trim());
	console.log("axe people tab: " + (await axeSerious(o.page)).map((v) => v.id).length);
	await o.page.screenshot({ path: shots + "/members-panel.png", fullPage: true });

	const c = await invitee("cleo@example.org", "Cleo");
	console.log("axe shared list: " + (await axeSerious(c.page)).map((v) => v.id).length);
	await c.page.screenshot({ path: shots + "/members-invitee.png", fullPage: true });
	const m = await invitee("max@example.org", "Max");
	await m.page.click("#shared a");
	await m.page.waitForSelector("#rounds li");
	const seen = async (id) => m.page.isVisible(id);
	const offered = [];
	for (const id of ["#start", "#stop", "#delete", "#export", "#xlsx", "#report", "#tab-settings", "#tab-people", "#add-round"])
		if (await seen(id))
			offered.push(id);
	console.log("moderator offered: " + (offered.join(" ") || "none"));
	console.log("moderator ideas button: " + (await m.page.isVisible("#rounds button:has-text('Ideas')")));
	console.log("moderator open button: " + (await m.page.isVisible("#rounds button:has-text('Open')")));
	await m.page.click("#rounds button:has-text('Ideas')");
	await m.page.waitForSelector(".board-box form", { state: "attached" });
	console.log("moderator cluster form: " + (await m.page.isVisible(".board-box form")));
	await m.page.screenshot({ path: shots + "/members-moderator.png", fullPage: true });

	// The owner revokes the co-facilitator, after a question.
	let asked = "";
	o.page.once("dialog", (d) => { asked = d.message(); d.accept(); });
	await o.page.click("#members li:has-text('cleo@example.org') button");
	await o.page.waitForFunction(() => !document.getElementById("members").textContent.includes("cleo@"));
	console.log("revoke asks: " + asked);
	// The same panel in Dutch, for the eye.
	await o.page.click("button.lang[data-lang=nl]");
	await o.page.waitForFunction(() => document.documentElement.lang === "nl");
	await o.page.waitForFunction(() => document.getElementById("members").textContent.includes("Intrekken"));
	console.log("members in Dutch: " + (await o.page.textContent("#members")).replace(/\s+/g, " ").trim());
	await o.page.screenshot({ path: shots + "/members-panel-nl.png", fullPage: true });
	await c.page.goto(url + "/console.html?session=" + sid);
	await c.page.waitForFunction(() => document.getElementById("result").textContent !== "");
	console.log("revoked sees: " + (await c.page.textContent("#result")));
	console.log("problems: " + all.flat().length + " " + all.flat().join(" | "));
} finally {
	await browser.close();
}
