// SPDX-License-Identifier: ISC
// scenario.mjs URL SHOTS: the whole product in Chromium, as people use it.
// A facilitator registers, builds a session with a brainstorm, starts it
// and puts the projector screen up; three participants on phone-sized
// screens join with the code and send ideas; the facilitator clusters the
// ideas (by mouse and by keyboard) and turns the clusters into a points
// vote; the participants distribute their points; the projector shows
// the result live; the facilitator downloads the results and the report
// and stops the session; the participants see that it ended.  Every main
// screen is checked with axe-core and saved as a screenshot, in English,
// German and Dutch (the projector by its "l" key), and in German the
// projector at 1280x720 and 1920x1080 and a phone at 320x568 and 360x740
// (names ending in -de-WxH), for long words to be looked at.  Prints "name: value" lines for scenario.t.
import { readFileSync } from "node:fs";
import { axeSerious, launch } from "./lib.mjs";

const [url, shots] = process.argv.slice(2);
const problems = [];
const out = (k, v) => console.log(k + ": " + v);

let promptText = null;	// what the next prompt() gets typed into it
let dismissNext = false;	// the next dialog: said, and answered "Cancel"
let lastDialog = "";		// what the last dialog said
const dialogs = [];		// what each dialog asked
function watch(page, who) {
	page.on("console", (m) => {
		if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
			problems.push(who + " console: " + m.text());
	});
	page.on("pageerror", (e) => problems.push(who + " pageerror: " + e.message));
	page.on("dialog", (d) => {
		lastDialog = d.message();
		dialogs.push(d.message());
		if (dismissNext) {
			dismissNext = false;
			out("dialog", d.message());
			return d.dismiss();
		}
		return d.accept(promptText === null ? undefined : promptText);
	});
}

// The serious and critical accessibility problems of a screen
// (axeSerious(), lib.mjs), printed for the test to count.
async function axe(page, name) {
	const bad = await axeSerious(page);
	out("axe " + name, bad.length + (bad.length ? " " + JSON.stringify(bad) : ""));
}

async function shot(page, name) {
	if (shots)
		await page.screenshot({ path: shots + "/" + name + ".png", fullPage: true });
}

// The projector has no switch: "l" steps through the languages (for the
// room's screen); its results are drawn again in the new one.
// One press at a time, each waited for (a catalogue loads): pressing on
// before the switch is done would step past the language under load.
async function roomLanguage(page, l) {
	for (let i = 0; i < 3; i++) {
		const cur = await page.evaluate(() => document.documentElement.lang);
		if (cur === l)
			break;
		await page.evaluate(() => {
			const r = document.querySelector("#results > *");
			if (r)
				r.dataset.old = "1";
		});
		await page.keyboard.press("l");
		await page.waitForFunction((c) => document.documentElement.lang !== c, cur,
		    { timeout: 10000 });
	}
	await page.waitForFunction((x) => document.documentElement.lang === x, l);
	await page.waitForFunction(() => !document.querySelector("#results > [data-old]"),
	    null, { timeout: 10000 });
}

async function both(page, name, check) {
	for (const l of ["en", "de", "nl"]) {
		const b = page.locator("button.lang[data-lang=" + l + "]");
		if (await b.count()) {
			await b.first().click();
			await page.waitForFunction((x) => document.documentElement.lang === x, l);
		} else if (await page.locator("body.projector").count())
			await roomLanguage(page, l);
		await page.waitForTimeout(150);
		if (check)
			await axe(page, name + "-" + l);
		await shot(page, name + "-" + l);
	}
}

const browser = await launch();
try {
	// --- the facilitator ------------------------------------------------
	const fctx = await browser.newContext({ ignoreHTTPSErrors: true,
	    locale: "en-GB", viewport: { width: 1280, height: 860 }, acceptDownloads: true });
	const fac = await fctx.newPage();
	watch(fac, "facilitator");
	await fac.goto(url + "/");
	await both(fac, "landing", true);
	await fac.goto(url + "/login.html#register");
	await fac.click("button.lang[data-lang=en]");
	await fac.fill("#r-name", "Fiona Facilitator");
	await fac.fill("#r-email", "fiona@example.org");
	await fac.fill("#r-password", "a long and careful passphrase");
	await both(fac, "register", true);
	await fac.click("button.lang[data-lang=en]");
	await fac.click("#register button[type=submit]");
	await fac.waitForURL(/console\.html/);
	await fac.waitForSelector("#list-view:not([hidden])");
	out("registered", "yes");
	await fac.fill("#new-title", "Team day: what next?");
	await fac.selectOption("#new-lang", "en");
	await both(fac, "console-list", true);
	await fac.click("button.lang[data-lang=en]");
	await fac.click("#new-session button[type=submit]");
	await fac.waitForSelector("#session-view:not([hidden])");
	const sid = new URL(fac.url()).searchParams.get("session");
	out("session", sid);

	// A refused round: the message beside the form's button, in view,
	// in the error's colour; the next success takes it away.
	await fac.selectOption("#r-type", "choice");
	await fac.fill("#r-title", "No options yet");
	await fac.click("#add-round button[type=submit]");
	await fac.waitForSelector('#add-round .note[data-state="error"]');
	out("error beside the form", await fac.$eval("#add-round .note", (n) => {
		const r = n.getBoundingClientRect();
		const prev = n.previousElementSibling;
		return n.textContent + " | after " + (prev ? prev.tagName + "." + prev.type : "-") +
		    " | " + (r.top >= 0 && r.bottom <= innerHeight ? "in view" : "out of view") +
		    " | " + getComputedStyle(n).color;
	}));
	out("status line", (await fac.textContent("#result")) || "(empty)");

	// The agenda: a brainstorm (the points vote comes from its clusters).
	await fac.selectOption("#r-type", "brainstorm");
	await fac.fill("#r-title", "What should we improve?");
	await fac.click("#add-round button[type=submit]");
	await fac.waitForSelector("#rounds li h2");
	out("errors after a success", await fac.locator('.note[data-state="error"]').count());
	out("saved beside the form", await fac.locator("#add-round .note").textContent());
	// The cluster vote prepared before the brainstorm has run: a points
	// round from its clusters, which has none yet; the agenda says where
	// its options will come from.  (Deleted again: the vote is added from
	// the board below.)
	await fac.selectOption("#r-type", "points");
	await fac.fill("#r-title", "Prepared vote");
	await fac.selectOption("#r-source", { label: "The clusters of: What should we improve?" });
	await fac.click("#add-round button[type=submit]");
	await fac.waitForFunction(() => document.querySelectorAll("#rounds > li").length === 2);
	out("prepared vote", (await fac.textContent("#rounds > li:nth-child(2)")).replace(/\s+/g, " "));
	await fac.locator("#rounds > li").nth(1).getByRole("button", { name: "Delete", exact: true }).click();
	await fac.waitForFunction(() => document.querySelectorAll("#rounds > li").length === 1);
	await fac.selectOption("#r-source", "");
	await fac.click("#start");
	await fac.waitForSelector("#running:not([hidden])");
	const code = (await fac.textContent("#join-code")).trim();
	out("code", code);
	await fac.locator("#rounds li").first().getByRole("button", { name: "Open", exact: true }).click();
	await fac.waitForSelector("#rounds .badge.open");

	// --- the projector ----------------------------------------------------
	const proj = await fctx.newPage();
	watch(proj, "projector");
	await proj.setViewportSize({ width: 1280, height: 720 });
	await proj.goto(url + "/projector.html?session=" + sid);
	await proj.waitForFunction(() => document.getElementById("code").textContent.length > 0);
	out("projector code", await proj.textContent("#code"));

	// --- three participants on phones -----------------------------------
	const ideas = [["Shorter meetings", "Clearer goals"],
	    ["More time for training", "Shorter meetings please"],
	    ["Clear goals per quarter", "Training budget"]];
	const parts = [];
	for (let i = 0; i < 3; i++) {
		const ctx = await browser.newContext({ ignoreHTTPSErrors: true,
		    locale: i === 1 ? "nl-NL" : "en-GB", viewport: { width: 360, height: 740 },
		    isMobile: true, hasTouch: true });
		const p = await ctx.newPage();
		watch(p, "participant" + (i + 1));
		await p.goto(url + "/j/" + code.replace("-", ""));
		if (i === 0)
			await both(p, "participant-join", true);
		await p.click("#join button[type=submit]");
		await p.waitForSelector("section.round-card[data-type=brainstorm] textarea");
		for (const idea of ideas[i]) {
			await p.fill("section.round-card[data-type=brainstorm] textarea", idea);
			await p.click("section.round-card[data-type=brainstorm] form.answer button[type=submit]");
			// In "your ideas" (each with Edit and Delete beside it).
			await p.waitForFunction((txt) => [...document.querySelectorAll(".round-card .yours li > span")]
			    .some((li) => li.textContent === txt), idea);
		}
		if (i === 0)
			await both(p, "participant-brainstorm", true);
		parts.push(p);
	}
	out("participants joined", parts.length);
	await fac.waitForFunction(() => document.getElementById("count").textContent === "3");
	out("console count", await fac.textContent("#count"));
	// Three anonymous phones: one name, told apart by a number and the
	// joining time; removing one asks first, naming whom (cancelled
	// here: no DELETE goes out).
	out("people", (await fac.$$eval("#people li span", (l) => l.map((x) => x.textContent))).join(" | "));
	let removals = 0;
	fac.on("request", (r) => { if (r.method() === "DELETE" && /\/participants\//.test(r.url())) removals++; });
	await fac.click("#running details summary");
	dismissNext = true;
	await fac.locator("#people li").nth(1).getByRole("button", { name: /^Remove anonymous #2/ }).click();
	await fac.waitForTimeout(200);
	out("remove asks", lastDialog);
	out("removals after cancel", removals);
	await both(fac, "console-people", true);
	await fac.click("button.lang[data-lang=en]");
	await fac.waitForFunction(() => document.documentElement.lang === "en");
	await fac.click("#running details summary");
	await proj.waitForFunction(() => document.querySelectorAll("#results .card").length >= 6);
	out("projector ideas", await proj.locator("#results .card").count());
	out("projector cloud words", await proj.locator("#results .cloud span").count());
	await both(proj, "projector-brainstorm", true);
	await roomLanguage(proj, "en");

	// --- clustering: by mouse and by keyboard --------------------------------
	const r1 = fac.locator("#rounds > li").first();
	await r1.getByRole("button", { name: "Ideas and clusters" }).click();
	await fac.waitForSelector(".board .idea");
	for (const name of ["Meetings", "Goals", "Training", "Extra"]) {
		await fac.fill(".board-box form input", name);
		await fac.click(".board-box form button[type=submit]");
		await fac.waitForFunction((n) => [...document.querySelectorAll(".bucket h3")]
		    .some((h) => h.textContent === n), name);
	}
	// Two clusters merged: "Extra" into "Goals" (it asks first).
	await fac.getByRole("combobox", { name: "Merge into… (Extra)" }).selectOption({ label: "Goals" });
	await fac.waitForFunction(() => ![...document.querySelectorAll(".bucket h3")]
	    .some((h) => h.textContent === "Extra"));
	out("clusters merged", lastDialog);
	// Moderation: mend an idea's wording, in place (no prompt box).
	await fac.getByRole("button", { name: "Edit: Training budget" }).click();
	await fac.fill(".board .idea input", "A training budget for everyone");
	await fac.keyboard.press("Enter");
	await fac.waitForFunction(() => [...document.querySelectorAll(".board .idea-text")]
	    .some((b) => b.textContent === "A training budget for everyone"));
	out("edited", "A training budget for everyone");
	// A cluster renamed in place (and back).
	for (const [from, to] of [["Goals", "Targets"], ["Targets", "Goals"]]) {
		await fac.getByRole("button", { name: "Rename: " + from }).click();
		await fac.fill(".bucket h3 input", to);
		await fac.keyboard.press("Enter");
		await fac.waitForFunction((n) => [...document.querySelectorAll(".bucket h3")]
		    .some((h) => h.textContent === n), to);
	}
	out("renamed", "Goals to Targets and back");
	const bucket = (n) => fac.locator(".bucket", { has: fac.locator("h3", { hasText: n }) });
	const idea = (txt) => fac.locator(".board .idea", { has: fac.locator(".idea-text", { hasText: new RegExp("^" + txt + "$") }) }).first();
	// By mouse: drag and drop.
	for (const [txt, to] of [["Shorter meetings please", "Meetings"], ["Shorter meetings", "Meetings"],
	    ["Clearer goals", "Goals"], ["Clear goals per quarter", "Goals"]]) {
		await idea(txt).dragTo(bucket(to));
		await fac.waitForFunction(([t, n]) => [...document.querySelectorAll(".bucket")]
		    .some((b) => b.querySelector("h3").textContent === n &&
		    [...b.querySelectorAll(".idea-text")].some((i) => i.textContent === t)), [txt, to]);
	}
	// By keyboard: Enter picks up, arrows move, Enter drops.
	for (const txt of ["More time for training", "A training budget for everyone"]) {
		await idea(txt).locator(".idea-text").focus();
		await fac.keyboard.press("Enter");
		await fac.keyboard.press("ArrowLeft");	// from "not in a cluster" to the last: Training
		await fac.waitForFunction((t) => [...document.querySelectorAll(".bucket")]
		    .some((b) => b.querySelector("h3").textContent === "Training" &&
		    [...b.querySelectorAll(".idea-text")].some((i) => i.textContent === t)), txt);
		await fac.keyboard.press("Enter");
	}
	const sizes = await fac.$$eval(".bucket", (bs) => bs.map((b) =>
	    b.querySelector("h3").textContent + "=" + b.querySelectorAll(".idea").length).join(" "));
	out("clusters", sizes);
	// A duplicate dropped onto its twin: merged (after a confirmation).
	await idea("Shorter meetings please").dragTo(idea("Shorter meetings"));
	await fac.waitForFunction(() => ![...document.querySelectorAll(".board .idea-text")]
	    .some((b) => b.textContent === "Shorter meetings please"));
	out("after the merge", await fac.$$eval(".bucket", (bs) => bs.map((b) =>
	    b.querySelector("h3").textContent + "=" + b.querySelectorAll(".idea").length).join(" ")));
	// The board follows new ideas while it is open.
	const t0 = Date.now();
	await parts[0].fill("section.round-card[data-type=brainstorm] textarea", "Fewer slides");
	await parts[0].click("section.round-card[data-type=brainstorm] form.answer button[type=submit]");
	await fac.waitForFunction(() => [...document.querySelectorAll(".board .idea-text")]
	    .some((b) => b.textContent === "Fewer slides"), null, { timeout: 10000 });
	out("new idea on the open board after", (Date.now() - t0) + " ms");
	// H on the focused idea hides it; H again shows it.
	await idea("Fewer slides").locator(".idea-text").focus();
	await fac.keyboard.press("h");
	await fac.waitForSelector(".board .idea.hidden-idea");
	out("h hides", await fac.locator(".board .idea.hidden-idea .idea-text").textContent());
	await fac.locator(".board .idea.hidden-idea .idea-text").focus();
	await fac.keyboard.press("h");
	await fac.waitForFunction(() => !document.querySelector(".board .idea.hidden-idea"));
	out("h shows again", "yes");
	await both(fac, "console-clusters", true);
	await fac.click("button.lang[data-lang=en]");

	// --- the points vote on the clusters ----------------------------------------
	await r1.getByRole("button", { name: "Close", exact: true }).click();
	await fac.waitForSelector("#rounds > li:first-child .badge.closed");
	await fac.getByRole("button", { name: "Vote on these clusters (points)" }).click();
	await fac.waitForFunction(() => document.querySelectorAll("#rounds > li").length === 2);
	// The agenda's order, by keyboard: the vote up, and back down.
	await fac.getByRole("button", { name: "Move up: Vote: What should we improve?" }).focus();
	await fac.keyboard.press("Enter");
	await fac.waitForFunction(() => /^1\. Vote: What should we improve\?/.test(document.querySelector("#rounds > li h2").textContent));
	out("moved up", await fac.textContent("#rounds > li h2"));
	await fac.getByRole("button", { name: "Move down: Vote: What should we improve?" }).click();
	await fac.waitForFunction(() => /^2\. Vote: What should we improve\?/.test(document.querySelectorAll("#rounds > li h2")[1].textContent));
	const r2 = fac.locator("#rounds > li").nth(1);
	out("round 2", (await r2.locator("h2").textContent()));
	await r2.getByRole("button", { name: "Open", exact: true }).click();
	await fac.waitForSelector("#rounds > li:nth-child(2) .badge.open");
	const plan = [[5, 3, 2], [2, 2, 6], [0, 7, 3]];
	for (let i = 0; i < 3; i++) {
		const p = parts[i];
		await p.waitForSelector("section.round-card[data-type=points] .points-row");
		const rows = p.locator("section.round-card[data-type=points] .points-row");
		// The form in every language before it is touched (a form
		// being filled in is not redrawn, not even in a new language).
		if (i === 0)
			await both(p, "participant-points", true);
		const labels = await rows.locator("label").allTextContents();
		const want = { Meetings: plan[i][0], Goals: plan[i][1], Training: plan[i][2] };
		for (let k = 0; k < labels.length; k++) {
			const n = want[labels[k]] || 0;
			for (let c = 0; c < n; c++)
				await rows.nth(k).getByRole("button", { name: /^(More|Meer):/ }).click();
		}
		out("budget p" + (i + 1), await p.textContent("section.round-card[data-type=points] .budget"));
		await p.click("section.round-card[data-type=points] button[type=submit]");
		await p.waitForFunction(() => /answer is in|antwoord is binnen/.test(
		    document.querySelector("section.round-card[data-type=points] .done-msg").textContent));
	}
	out("answers sent", 3);
	await proj.waitForFunction(() => /Goals/.test(document.getElementById("results").textContent) &&
	    /voters|stemmers/.test(document.getElementById("results").textContent) &&
	    document.querySelectorAll("#results .bars li").length === 3 &&
	    /3 (responses|antwoorden)/.test(document.getElementById("results").textContent), null, { timeout: 15000 });
	out("projector results", (await proj.textContent("#results")).replace(/\s+/g, " "));
	await both(proj, "projector-points", true);
	await roomLanguage(proj, "en");
	await fac.waitForFunction(() => /3 responses/.test((document.querySelector(
	    "#rounds > li:nth-child(2) .live-results") || {}).textContent || ""), null, { timeout: 15000 });
	out("console results", (await fac.textContent("#rounds > li:nth-child(2) .live-results")).replace(/\s+/g, " "));
	await both(fac, "console-run", true);
	await fac.click("button.lang[data-lang=en]");

	// --- downloads: CSV and the session, and the report -----------------------
	const [csv] = await Promise.all([fac.waitForEvent("download"),
	    fac.locator("#rounds > li").nth(1).getByRole("link", { name: "CSV" }).click()]);
	out("csv download", csv.suggestedFilename());
	const csvText = readFileSync(await csv.path(), "utf8");
	out("csv", csvText.replace(/\r?\n/g, " | "));
	const [json] = await Promise.all([fac.waitForEvent("download"), fac.click("#export")]);
	out("json download", json.suggestedFilename());
	const [rep] = await Promise.all([fctx.waitForEvent("page"), fac.click("#report")]);
	await rep.waitForSelector("#report[data-ready=true]");
	out("report sections", await rep.locator("section.round:not(.paths)").count());
	out("report paths", await rep.locator("section.paths tbody tr").count());
	await rep.close();

	// Deleting a round asks first, naming what would go; "Cancel" keeps it.
	dismissNext = true;
	await fac.locator("#rounds > li").first().getByRole("button", { name: "Delete", exact: true }).click();
	await fac.waitForFunction(() => true);
	await fac.waitForTimeout(300);
	out("rounds after cancel", await fac.locator("#rounds > li").count());

	// --- editing the vote in place, after its answers ---------------------------
	// A setting answers were given under is refused beside Save; the
	// wording changes, and an option with answers goes once confirmed.
	await fac.getByRole("button", { name: "Edit: Vote: What should we improve?" }).click();
	const ef = fac.locator("#rounds > li:nth-child(2) form.edit-round");
	await ef.locator("[data-key=r-budget]").fill("12");
	await ef.getByRole("button", { name: "Save", exact: true }).click();
	await ef.locator('.note[data-state="error"]').waitFor();
	out("edit refused", await ef.locator(".note").evaluate((n) => n.textContent + " | after " +
	    n.previousElementSibling.tagName + "." + n.previousElementSibling.type));
	await shot(fac, "console-edit-refused-en");
	await ef.locator("[data-key=r-budget]").fill("10");
	await ef.locator("[id$=-title]").fill("Vote: what should we improve first?");
	await ef.getByRole("button", { name: "Remove the option: Training" }).click();
	await both(fac, "console-edit", true);
	await fac.click("button.lang[data-lang=en]");
	await ef.getByRole("button", { name: "Save", exact: true }).click();
	await fac.waitForFunction(() => /what should we improve first/.test(
	    document.querySelectorAll("#rounds > li h2")[1].textContent) &&
	    !document.querySelector("form.edit-round"));
	out("edit confirmed", dialogs[dialogs.length - 1]);
	await fac.waitForFunction(() => !/Training/.test((document.querySelector(
	    "#rounds > li:nth-child(2) .live-results") || {}).textContent || "x"), null, { timeout: 15000 });
	out("edited round", (await fac.textContent("#rounds > li:nth-child(2) h2")) + " | " +
	    (await fac.textContent("#rounds > li:nth-child(2) .live-results")).replace(/\s+/g, " "));
	await shot(fac, "console-edited-en");

	// --- the account page --------------------------------------------------
	const acct = await fctx.newPage();
	watch(acct, "account");
	await acct.goto(url + "/account.html");
	await acct.waitForFunction(() => document.querySelectorAll("#me dd").length > 0);
	out("account", (await acct.textContent("#me")).replace(/\s+/g, " "));
	await both(acct, "account", true);
	await acct.close();

	// --- German on the room's screen and on small phones ----------------------
	// Long German words must neither overflow nor be cut: the projector
	// at 1280x720 and 1920x1080, a phone at 320x568 and 360x740.
	await roomLanguage(proj, "de");
	await axe(proj, "projector-points-de-1280x720");
	await shot(proj, "projector-points-de-1280x720");
	await proj.setViewportSize({ width: 1920, height: 1080 });
	await proj.waitForTimeout(150);
	await axe(proj, "projector-points-de-1920x1080");
	await shot(proj, "projector-points-de-1920x1080");
	await proj.setViewportSize({ width: 1280, height: 720 });
	await roomLanguage(proj, "en");
	const dctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: "de-DE",
	    viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true });
	const de = await dctx.newPage();
	watch(de, "participant-de");
	await de.goto(url + "/j/" + code.replace("-", ""));
	await de.waitForFunction(() => document.documentElement.lang === "de");
	await axe(de, "participant-join-de-320x568");
	await shot(de, "participant-join-de-320x568");
	await de.click("#join button[type=submit]");
	await de.waitForSelector("section.round-card[data-type=points] .points-row");
	await de.click("button.lang[data-lang=de]");
	await de.waitForFunction(() => document.documentElement.lang === "de" &&
	    /Punkte/.test(document.querySelector("section.round-card[data-type=points]").textContent));
	for (const [w, h] of [[320, 568], [360, 740]]) {
		await de.setViewportSize({ width: w, height: h });
		await de.waitForTimeout(150);
		await axe(de, "participant-points-de-" + w + "x" + h);
		await shot(de, "participant-points-de-" + w + "x" + h);
	}
	await de.setViewportSize({ width: 320, height: 568 });

	// --- stop: everyone out ---------------------------------------------------
	await fac.click("#stop");
	await fac.waitForSelector("#s-state.stopped");
	for (let i = 0; i < 3; i++)
		await parts[i].waitForSelector("#ended-view:not([hidden])", { timeout: 20000 });
	out("participants see the end", 3);
	await shot(parts[0], "participant-ended-en");
	await de.waitForSelector("#ended-view:not([hidden])", { timeout: 20000 });
	await shot(de, "participant-ended-de-320x568");
	await dctx.close();
	await proj.waitForSelector("#ended:not([hidden])", { timeout: 10000 });
	out("projector ended", "yes");
	out("problems", problems.length + " " + problems.join(" | "));
} finally {
	await browser.close();
}
