// SPDX-License-Identifier: ISC
// join.mjs LINK LOCALE NAME TEAM STOPFILE: a participant's phone.  Opens
// the join link, types a name and team, joins, waits until STOPFILE
// exists (the test stops the session then), and reports what the page
// says, one "key: value" a line, for t/browser/join.t.
import { existsSync } from "node:fs";
import { launch, newPage } from "./lib.mjs";

const [link, locale, name, team, stopfile] = process.argv.slice(2);
const browser = await launch();
try {
	const { page, problems } = await newPage(browser, locale);
	await page.goto(link);
	console.log("code-field: " + (await page.inputValue("#code")));
	// The name and team fields appear when the session asks for them,
	// each with the reason next to it, and take the focus.
	console.log("fields-before: " + (await page.locator("#f-name:not([hidden]), #f-team:not([hidden])").count()));
	await page.click("#join button[type=submit]");
	await page.waitForSelector("#f-name:not([hidden])");
	console.log("name-asked: " + (await page.textContent("#name-error")));
	await page.waitForFunction(() => document.activeElement.id === "name");
	await page.keyboard.type(name);
	await page.keyboard.press("Enter");
	await page.waitForSelector("#f-team:not([hidden])");
	console.log("team-asked: " + (await page.textContent("#team-error")));
	await page.waitForFunction(() => document.activeElement.id === "team");
	await page.keyboard.type(team);
	await page.keyboard.press("Enter");
	await page.waitForSelector("#in-view:not([hidden])", { timeout: 10000 });
	console.log("title: " + (await page.textContent("#session-title")));
	console.log("who: " + (await page.textContent("#who")));
	console.log("joined: yes");
	while (!existsSync(stopfile))
		await page.waitForTimeout(200);
	const t0 = Date.now();
	await page.waitForSelector("#ended-view:not([hidden])", { timeout: 15000 });
	console.log("ended-after-ms: " + (Date.now() - t0));
	console.log("ended: " + (await page.textContent("#ended-view h1")));
	if (process.env.PF_SHOT)
		await page.screenshot({ path: process.env.PF_SHOT });
	console.log("problems: " + problems.length + " " + problems.join(" | "));
} finally {
	await browser.close();
}
