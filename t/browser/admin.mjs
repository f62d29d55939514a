// SPDX-License-Identifier: ISC
// admin.mjs URL EMAIL PASSWORD CODE SHOTS: logs in to the admin area with
// two-factor, finds an account, disables it, makes a reset link, reads
// the audit trail and the configuration report, in English and Dutch.
import { launch, newPage } from "./lib.mjs";

const [url, email, password, code, shots] = process.argv.slice(2);
const browser = await launch();
try {
	const { ctx, page, problems } = await newPage(browser, "en-GB");
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto(url + "/admin/");
	await page.waitForSelector("#login:not([hidden])");
	await page.fill("#email", email);
	await page.fill("#password", password);
	await page.fill("#code", code);
	await page.click("#login-form button[type=submit]");
	await page.waitForSelector("#account-table tbody tr", { timeout: 10000 });
	console.log("who: " + (await page.textContent("#who")).replace(/\s+/g, " "));
	console.log("status: " + (await page.textContent("#status-list")).replace(/\s+/g, " "));
	await page.fill("#q", "fac@");
	await page.click("#search button");
	await page.waitForFunction(() =>
	    document.querySelectorAll("#account-table tbody tr").length === 1);
	const row = page.locator("#account-table tbody tr").first();
	console.log("row: " + (await row.textContent()).replace(/\s+/g, " "));
	await row.getByRole("button", { name: "Disable" }).click();
	await page.waitForFunction(() => /disabled/.test(
	    document.querySelector("#account-table tbody tr").textContent));
	console.log("after: " + (await page.locator("#account-table tbody tr").first().textContent()).replace(/\s+/g, " "));
	await page.locator("#account-table tbody tr").first().getByRole("button", { name: "Reset link" }).click();
	await page.waitForFunction(() => /token=/.test(document.querySelector("#link-out").textContent));
	console.log("link: " + (await page.textContent("#link-out")));
	await page.click("#audit-form button");
	await page.waitForFunction(() => /account_disabled/.test(
	    document.querySelector("#audit-table tbody").textContent));
	console.log("audit rows: " + (await page.locator("#audit-table tbody tr").count()));
	console.log("audit: " + (await page.textContent("#audit-table tbody")).replace(/\s+/g, " ").slice(0, 400));
	console.log("config: " + (await page.textContent("#config-list")).replace(/\s+/g, " "));
	console.log("csv: " + (await page.getAttribute("#csv", "href")));
	if (shots)
		await page.screenshot({ path: shots + "/admin-en.png", fullPage: true });
	await page.click("button.lang[data-lang=nl]");
	await page.waitForFunction(() => document.documentElement.lang === "nl");
	console.log("nl h1: " + (await page.textContent("h1")));
	console.log("nl lang: " + (await page.getAttribute("html", "lang")));
	if (shots)
		await page.screenshot({ path: shots + "/admin-nl.png", fullPage: true });
	console.log("problems: " + problems.length + " " + problems.join(" | "));
	await ctx.close();
} finally {
	await browser.close();
}
