// SPDX-License-Identifier: ISC
// wall.mjs URL CODE TOKEN SHOTS EMAIL PASSWORD SESSION: the idea wall
// with upvotes, and an open answer hidden on the console.  The
// projector (TOKEN: the room's link, no cookie, 1280x720) shows the
// step's brainstorm; a phone (360x740) joins, sends an idea, edits it in
// place and deletes it (asked first), then likes the second idea on the
// wall, and the projector's order follows.  The facilitator (EMAIL,
// PASSWORD; console 1280 wide) hides an open answer in the results of
// SESSION's open question.  Prints what it saw;
// screenshots into SHOTS.
import { consoleOf, launch, watch } from "./lib.mjs";

const [url, code, token, shots, email, password, sid] = process.argv.slice(2);
const browser = await launch();
const problems = [];
try {
	const pctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en-GB",
	    viewport: { width: 1280, height: 720 } });
	const proj = await pctx.newPage();
	watch(proj, problems);
	await proj.goto(url + "/projector.html#" + token);
	const order = () => proj.evaluate(() => [...document.querySelectorAll(
	    "#room > .step:not([hidden]) .wall .card")].map((c) => c.textContent).join(" | "));
	await proj.waitForFunction(() => /Idea B/.test(document.querySelector(
	    "#room > .step:not([hidden])")?.textContent || ""), null, { timeout: 8000 });
	console.log("projector before: " + await order());

	const ctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en-GB",
	    viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
	const p = await ctx.newPage();
	watch(p, problems);
	await p.goto(url + "/j/" + code);
	await p.click("#join button[type=submit]");
	const card = p.locator("section.round-card", { hasText: "Vote the ideas" });
	await card.waitFor({ state: "visible" });
	await card.locator("textarea").first().fill("My own idea");
	await card.locator("form.answer button[type=submit]").click();
	const yours = card.locator(".yours-box");
	await yours.locator("li", { hasText: "My own idea" }).waitFor();
	console.log("yours: " + (await yours.locator("h3").textContent()));
	await yours.scrollIntoViewIfNeeded();
	await p.screenshot({ path: shots + "/wall-yours-360x740.png" });
	// Edit in place: the card becomes a form, no prompt box.
	await yours.getByRole("button", { name: "Edit your idea: My own idea" }).click();
	await yours.getByLabel("Your idea, edited").fill("My own idea, better");
	await yours.scrollIntoViewIfNeeded();
	await p.screenshot({ path: shots + "/wall-edit-360x740.png" });
	await yours.getByRole("button", { name: "Save" }).click();
	await yours.locator("li span", { hasText: "My own idea, better" }).waitFor();
	console.log("edited: " + (await yours.locator("li span").first().textContent()));
	await card.locator(".wall-box li", { hasText: "My own idea, better" }).waitFor();
	console.log("on the wall: edited");
	// Delete: asked first.
	await yours.getByRole("button", { name: "Delete your idea: My own idea, better" }).click();
	console.log("asked: " + (await yours.locator("li p").first().textContent()));
	await p.screenshot({ path: shots + "/wall-delete-360x740.png" });
	await yours.getByRole("button", { name: "Yes, delete" }).click();
	await p.waitForFunction(() => !/My own idea/.test(document.querySelector(
	    ".yours-box")?.textContent || "x"));
	await p.waitForFunction(() => ![...document.querySelectorAll(".wall-box li")]
	    .some((l) => /My own idea/.test(l.textContent)), null, { timeout: 8000 });
	console.log("deleted: gone from yours and the wall");
	// A like on the second idea: the projector puts it first.
	const b = card.locator(".wall-box li", { hasText: "Idea B" }).locator("button.like");
	console.log("like button: " + (await b.getAttribute("aria-label")) + " " +
	    (await b.getAttribute("aria-pressed")));
	const t0 = Date.now();
	await b.click();
	await p.waitForFunction(() => [...document.querySelectorAll(".wall-box button.like")]
	    .some((x) => x.getAttribute("aria-pressed") === "true"));
	console.log("liked: " + (await b.textContent()) + " " + (await b.getAttribute("aria-pressed")));
	await proj.waitForFunction(() => /^Idea B/.test(document.querySelector(
	    "#room > .step:not([hidden]) .wall .card")?.textContent || ""), null, { timeout: 8000 });
	console.log("projector after: " + await order() + " (" + (Date.now() - t0) + " ms)");
	await card.locator(".wall-box li").first().filter({ hasText: "Idea B" }).waitFor({ timeout: 8000 });
	console.log("phone order: " + (await card.locator(".wall-box li > span").allTextContents()).join(","));
	await p.screenshot({ path: shots + "/wall-liked-360x740.png" });
	await proj.screenshot({ path: shots + "/wall-projector-1280x720.png" });
	await p.setViewportSize({ width: 320, height: 568 });
	await card.locator(".wall-box").scrollIntoViewIfNeeded();
	await p.screenshot({ path: shots + "/wall-liked-320x568.png" });
	// Taken back.
	await b.click();
	await p.waitForFunction(() => [...document.querySelectorAll(".wall-box button.like")]
	    .every((x) => x.getAttribute("aria-pressed") === "false"));
	console.log("taken back: " + (await card.locator(".wall-box li", { hasText: "Idea B" })
	    .locator("button.like").textContent()));
	// The console: an open answer hidden from the room.
	const fac = await consoleOf(browser, url, email, password, sid, problems);
	const li = fac.locator("#rounds > li", { hasText: "Anything else?" });
	await li.getByRole("button", { name: "Results", exact: true }).click();
	const hide = li.getByRole("button", { name: "Hide “More breaks, please” from the screen and the phones" });
	await hide.click();
	await li.locator(".hidden-answer").waitFor();
	console.log("console: " + (await li.locator(".hidden-answer").textContent()));
	// The next poll of the results: out of the word cloud too.
	await fac.waitForFunction(() => [...document.querySelectorAll("#rounds > li")]
	    .some((x) => /Anything else/.test(x.textContent) && x.querySelector(".hidden-answer") &&
	    !x.querySelector(".cloud span")), null, { timeout: 8000 });
	console.log("console cloud: empty");
	await li.scrollIntoViewIfNeeded();
	await fac.screenshot({ path: shots + "/wall-console-hidden-1280.png" });
	console.log("problems: " + problems.length + " " + problems.join(" | "));
} finally {
	await browser.close();
}
