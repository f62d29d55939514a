// SPDX-License-Identifier: ISC
// answers.mjs URL CODE: a participant on a 360-pixel phone answers one
// open round of every type through the page: a multiple choice, a rating
// with "no opinion", a ranking by the arrow buttons only (keyboard), a
// points round, statements and an open question.  Prints what the page
// said after each answer.
import { launch } from "./lib.mjs";

const [url, code] = process.argv.slice(2);
const browser = await launch();
const problems = [];
try {
	const ctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en-GB",
	    viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
	const p = await ctx.newPage();
	p.on("pageerror", (e) => problems.push(e.message));
	p.on("console", (m) => {
		if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
			problems.push(m.text());
	});
	await p.goto(url + "/j/" + code);
	await p.click("#join button[type=submit]");
	await p.waitForSelector("section.round-card[data-type=open]", { state: "attached" });
	// Several rounds open and no step on one: a list, one round at a time.
	await p.waitForSelector("#round-list:not([hidden])");
	console.log("list: " + (await p.locator("#round-list button").count()));
	const card = (type) => p.locator("section.round-card[data-type=" + type + "]");
	const pick = async (type) => {
		if (await card(type).isVisible())
			return;
		if (await p.locator("#back-list").isVisible())
			await p.click("#back-list");
		const id = (await card(type).getAttribute("id")).replace("round-", "");
		await p.click('#round-list button[data-round="' + id + '"]');
		await card(type).waitFor({ state: "visible" });
	};
	const send = async (type) => {
		await card(type).locator("button[type=submit]").click();
		await p.waitForFunction((t) => /answer is in/.test(document.querySelector(
		    "section.round-card[data-type=" + t + "] .done-msg").textContent), type);
		console.log(type + ": " + (await card(type).locator(".done-msg").textContent()));
	};
	await pick("choice");
	// Choice: two of three.
	await card("choice").getByLabel("Soup").check();
	await card("choice").getByLabel("Bread").check();
	await send("choice");
	await pick("rating");
	// Rating: 4 for the first option, "no opinion" for the second.
	const groups = card("rating").locator("fieldset");
	await groups.nth(0).locator("label", { hasText: /^4$/ }).click();
	await groups.nth(1).locator("label", { hasText: "No opinion" }).click();
	await send("rating");
	await pick("ranking");
	// Ranking: by keyboard on the arrow buttons: C to the top.
	await card("ranking").getByRole("button", { name: "Move up: C" }).focus();
	await p.keyboard.press("Enter");
	await p.keyboard.press("Enter");	// the focus stays on C's up button
	console.log("order: " + (await card("ranking").locator(".lbl").allTextContents()).join(","));
	await send("ranking");
	await pick("points");
	// Points: 6 + 4 by typing.
	await card("points").locator("input").nth(0).fill("6");
	await card("points").locator("input").nth(1).fill("4");
	console.log("left: " + (await card("points").locator(".budget").textContent()));
	await send("points");
	await pick("statements");
	// Statements: agree with the first, pass the second.
	const st = card("statements").locator("fieldset");
	await st.nth(0).locator("label", { hasText: /^5$/ }).click();
	await st.nth(1).locator("label", { hasText: "Pass" }).click();
	await send("statements");
	await pick("open");
	await card("open").locator("textarea").fill("More breaks, please");
	await send("open");
	await pick("brainstorm");
	// A brainstorm with an open wall that the participants cluster.
	await card("brainstorm").locator("textarea").fill("Walk outside at lunch");
	await card("brainstorm").locator("form.answer button[type=submit]").click();
	await card("brainstorm").locator(".wall-box li", { hasText: "Walk outside at lunch" }).waitFor();
	await card("brainstorm").getByLabel("New cluster").fill("Health");
	await card("brainstorm").getByRole("button", { name: "Add", exact: true }).click();
	await p.waitForFunction(() => [...document.querySelectorAll(
	    "section.round-card[data-type=brainstorm] .wall-box option")].some((o) => o.textContent === "Health"));
	await card("brainstorm").getByLabel("Cluster for: Walk outside at lunch").selectOption({ label: "Health" });
	await p.waitForTimeout(300);
	console.log("clustered: " + (await card("brainstorm").getByLabel("Cluster for: Walk outside at lunch")
	    .evaluate((s) => s.options[s.selectedIndex].textContent)));
	console.log("problems: " + problems.length + " " + problems.join(" | "));
} finally {
	await browser.close();
}
