// SPDX-License-Identifier: ISC
// qa.mjs URL CODE TOKEN SHOTS EMAIL PASSWORD SESSION QA: the audience
// Q&A.  SESSION is named; its step is another round ("Quick
// poll") and QA, session-wide, has two questions.  A phone (360x740)
// joins by name, reaches the Q&A through its "Questions" button, asks
// one question by name and one anonymously; the facilitator (console
// 1280 wide) puts the Q&A on the projector (TOKEN, 1280x720); the phone
// votes and the projector's order follows; the phone sorts by time; the
// facilitator marks a question as being answered on the board and the
// projector puts it on top.  Prints what it saw; screenshots into SHOTS.
import { consoleOf, launch, watch } from "./lib.mjs";

const [url, code, token, shots, email, password, sid, qa] = process.argv.slice(2);
// Switches a projector's room language with its "l" key, or a phone's with
// its language button, to code; for the screenshots in each language.
async function toLang(page, code, name) {
	for (let i = 0; i < 3; i++) {
		if (await page.evaluate(() => document.documentElement.lang) === code)
			break;
		if (name)
			await page.getByRole("button", { name, exact: true }).first().click();
		else
			await page.keyboard.press("l");
		await page.waitForTimeout(400);
	}
}

const browser = await launch();
const problems = [];
try {
	// The phone: the step is another round; the Q&A one tap away.
	const ctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en-GB",
	    viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
	const p = await ctx.newPage();
	watch(p, problems);
	await p.goto(url + "/j/" + code);
	// A named session: the page asks for the name after the code.
	await p.click("#join button[type=submit]");
	await p.locator("#name").waitFor({ state: "visible" });
	await p.fill("#name", "Phone Pat");
	await p.click("#join button[type=submit]");
	await p.locator("section.round-card", { hasText: "Quick poll" }).waitFor({ state: "visible" });
	const tab = p.locator("#aside-btn");
	await tab.waitFor({ state: "visible" });
	console.log("step: Quick poll, tab: " + (await tab.textContent()));
	await tab.click();
	const card = p.locator("section.round-card", { hasText: "Ask the mayor" });
	await card.waitFor({ state: "visible" });
	console.log("aside: " + (await p.locator("section.round-card:not([hidden]) h2").textContent()) +
	    ", back: " + (await tab.textContent()));
	console.log("anonymous box: " + (await card.getByLabel("Ask anonymously").count()));
	await card.locator("textarea").first().fill("Is there parking?");
	await card.locator("form.answer button[type=submit]").click();
	await card.locator(".wall-box li", { hasText: "Is there parking?" }).waitFor({ timeout: 8000 });
	await card.locator("textarea").first().fill("Who decides in the end?");
	await card.getByLabel("Ask anonymously").check();
	await p.screenshot({ path: shots + "/qa-ask-360x740.png" });
	await card.locator("form.answer button[type=submit]").click();
	await card.locator(".wall-box li", { hasText: "Who decides" }).waitFor({ timeout: 8000 });
	const asker = async (t) => (await card.locator(".wall-box li", { hasText: t })
	    .locator(".qa-by").allTextContents()).join("") || "(nobody)";
	console.log("by: parking " + await asker("Is there parking?") + ", decides " +
	    await asker("Who decides"));

	// The facilitator puts the Q&A on the projector.
	const pctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en-GB",
	    viewport: { width: 1280, height: 720 } });
	const proj = await pctx.newPage();
	watch(proj, problems);
	await proj.goto(url + "/projector.html#" + token);
	const fac = await consoleOf(browser, url, email, password, sid, problems);
	await fac.locator("#rounds > li", { hasText: "Ask the mayor" }).waitFor();
	const st = await fac.evaluate(async ([s, r]) => {
		const { api } = await import("/v/1/assets/api.js");
		const x = await api("POST", "/sessions/" + s + "/step",
		    { kind: "round", round: Number(r), view: "answer" });
		return x.status + (x.ok ? "" : " " + x.code + " " + x.message);
	}, [sid, qa]);
	console.log("step set: " + st);
	const order = () => proj.evaluate(() => [...document.querySelectorAll(
	    "#room > .step:not([hidden]) .qa-top li")].map((c) => c.textContent).join(" | "));
	await proj.waitForFunction(() => /Who decides/.test(document.querySelector(
	    "#room > .step:not([hidden]) .qa-room")?.textContent || ""), null, { timeout: 8000 });
	console.log("projector before: " + await order());
	console.log("projector names: " + (/Phone Pat|Quinn/.test(await proj.textContent("#room")) ? "yes" : "none"));

	// The phone, now on the step's Q&A, votes: the projector follows.
	await p.locator("#aside-btn").waitFor({ state: "hidden" });
	const vote = card.locator(".wall-box li", { hasText: "bike lanes" }).locator("button.like");
	console.log("vote button: " + (await vote.getAttribute("aria-label")) + " " +
	    (await vote.getAttribute("aria-pressed")));
	const t0 = Date.now();
	await vote.click();
	await p.waitForFunction(() => [...document.querySelectorAll(".wall-box button.like")]
	    .some((x) => x.getAttribute("aria-pressed") === "true"));
	await proj.waitForFunction(() => /^2\s*What about bike lanes/.test(document.querySelector(
	    "#room > .step:not([hidden]) .qa-top li")?.textContent || ""), null, { timeout: 8000 });
	console.log("projector after: " + await order() + " (" + (Date.now() - t0) + " ms)");
	await card.locator(".wall-box li").first().filter({ hasText: "bike lanes" }).waitFor({ timeout: 8000 });
	console.log("phone by votes: " + (await card.locator(".wall-box .qa-list li .qa-text").allTextContents()).join(","));
	await card.locator(".wall-box").scrollIntoViewIfNeeded();
	await p.screenshot({ path: shots + "/qa-vote-360x740.png" });
	await card.getByRole("button", { name: "Newest" }).click();
	await card.locator(".wall-box li").first().filter({ hasText: "Who decides" }).waitFor();
	console.log("phone by time: " + (await card.locator(".wall-box .qa-list li .qa-text").allTextContents()).join(","));
	await p.setViewportSize({ width: 320, height: 568 });
	await card.locator(".wall-box").scrollIntoViewIfNeeded();
	await p.screenshot({ path: shots + "/qa-vote-320x568.png" });

	// The console's board: "Answer now" puts a question on top of the room.
	const li = fac.locator("#rounds > li", { hasText: "Ask the mayor" });
	// Always live: nothing to reveal, no projector setting to choose.
	console.log("qa controls: reveal " + await li.getByRole("button", { name: "Show results to participants" }).count() +
	    ", projector setting " + await li.locator("select[id^=pr-]").count());
	await li.getByRole("button", { name: "Questions: approve, merge, mark" }).click();
	const now = li.getByRole("button", { name: "Answer now: Is there parking?" });
	await now.click();
	await li.locator(".board .idea.qa-answering", { hasText: "Is there parking?" }).waitFor();
	console.log("board: " + (await li.locator(".board .idea.qa-answering").textContent()));
	await proj.waitForFunction(() => /Is there parking/.test(document.querySelector(
	    "#room > .step:not([hidden]) .qa-now")?.textContent || ""), null, { timeout: 8000 });
	console.log("projector now: " + (await proj.textContent("#room > .step:not([hidden]) .qa-now")) +
	    " | then: " + await order());
	await card.locator(".wall-box li.qa-answering", { hasText: "Is there parking?" }).waitFor({ timeout: 8000 });
	console.log("phone: answering first " + (await card.locator(".wall-box li").first().textContent()));
	await card.locator(".wall-box").scrollIntoViewIfNeeded();
	await p.screenshot({ path: shots + "/qa-answering-320x568.png" });
	await card.locator("textarea").first().fill("Will the market stay on Saturdays?");
	await card.locator("textarea").first().scrollIntoViewIfNeeded();
	await p.screenshot({ path: shots + "/qa-ask-320x568.png" });
	await li.scrollIntoViewIfNeeded();
	await fac.screenshot({ path: shots + "/qa-console-board-1280.png" });
	await proj.screenshot({ path: shots + "/qa-projector-1280x720.png" });
	await proj.setViewportSize({ width: 1920, height: 1080 });
	await proj.waitForTimeout(300);
	await proj.screenshot({ path: shots + "/qa-projector-1920x1080.png" });
	// The same screens in Dutch.
	await toLang(proj, "nl");
	await proj.screenshot({ path: shots + "/qa-projector-nl-1920x1080.png" });
	await proj.setViewportSize({ width: 1280, height: 720 });
	await proj.waitForTimeout(300);
	await proj.screenshot({ path: shots + "/qa-projector-nl-1280x720.png" });
	await toLang(p, "nl", "Nederlands");
	await card.locator(".wall-box").scrollIntoViewIfNeeded();
	await p.screenshot({ path: shots + "/qa-vote-nl-320x568.png" });
	await p.setViewportSize({ width: 360, height: 740 });
	await p.waitForTimeout(300);
	await p.screenshot({ path: shots + "/qa-vote-nl-360x740.png" });
	console.log("problems: " + problems.length + " " + problems.join(" | "));
} finally {
	await browser.close();
}
