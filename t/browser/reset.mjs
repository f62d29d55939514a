// SPDX-License-Identifier: ISC
// reset.mjs LINK LOCALE PASSWORD REPEAT: opens a reset link, fills in the
// form as a person would (keyboard only), submits, and prints what the
// page then says, one "key: value" a line, for t/browser/reset.t.
import { launch, newPage } from "./lib.mjs";

const [link, locale, pw, pw2] = process.argv.slice(2);
const browser = await launch();
try {
	const { page, problems } = await newPage(browser, locale);
	await page.goto(link);
	console.log("url-after-load: " + page.url());
	console.log("heading: " + (await page.textContent("h1")));
	await page.focus("#password");
	await page.keyboard.type(pw);
	await page.keyboard.press("Tab");
	await page.keyboard.type(pw2);
	await page.keyboard.press("Enter");
	await page.waitForFunction(() =>
	    document.getElementById("result").textContent !== "");
	console.log("result: " + (await page.textContent("#result")));
	console.log("state: " + (await page.getAttribute("#result", "data-state")));
	if (process.env.PF_SHOT)
		await page.screenshot({ path: process.env.PF_SHOT });
	console.log("problems: " + problems.length + " " + problems.join(" | "));
} finally {
	await browser.close();
}
