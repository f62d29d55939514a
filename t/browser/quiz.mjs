// SPDX-License-Identifier: ISC
// quiz.mjs URL EMAIL PASSWORD SESSION CODE LINK SHOTS Q1 Q2 Q3: a quiz of
// three questions in Chromium, in team mode: the facilitator marks the
// first question's correct option on the console's board (the other two
// came marked), two phones (360x740 in table Red, 320x568 in table Blue)
// answer by tapping, the facilitator opens, closes and reveals through
// the API and puts the leaderboard on the projector (1280x720 and
// 1920x1080).  No speed bonus, so the points are hand-computable:
// Red right on 1 and 3 (2000), Blue right on 2 and 3 (2000): Red ahead
// (1000 to 0) after one, a tie at rank 1 after two and after three.  Prints
// "name: value" lines for presenter.t; screenshots of every screen.
import { axeSerious, launch } from "./lib.mjs";

const [url, email, password, sid, code, link, shots, ...qs] = process.argv.slice(2);
const problems = [];
const out = (k, v) => console.log(k + ": " + v);

function watch(page, who) {
	page.on("console", (m) => {
		if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
			problems.push(who + " console: " + m.text());
	});
	page.on("pageerror", (e) => problems.push(who + " pageerror: " + e.message));
}

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

async function shot(page, name) {
	if (shots)
		await page.screenshot({ path: shots + "/" + name + ".png" });
}

// The board on a page as "rank:name:points ..." (leaderboard.js's rows).
async function boardOf(page, sel) {
	return (await page.$$eval(sel + " .board-row", (l) => l.map((li) =>
	    [".board-rank", ".board-name", ".board-points"].map((c) =>
	    li.querySelector(c).textContent.replace(/ points$/, "").replace(/ \(you\)$/, ""))
	    .join(":")))).join(" ");
}

const browser = await launch();
try {
	const fctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en-GB",
	    viewport: { width: 1280, height: 860 } });
	const fac = await fctx.newPage();
	watch(fac, "facilitator");
	await fac.goto(url + "/");
	await fac.evaluate(async ([e, p]) => (await fetch("/api/login", { method: "POST",
	    headers: { "Content-Type": "application/json" },
	    body: JSON.stringify({ email: e, password: p }) })).status, [email, password]);
	const csrf = await fac.evaluate(async () =>
	    (await (await fetch("/api/account")).json()).csrf_token);
	const api = (method, path, body) => fac.evaluate(async ([m, p, b, c]) => {
		const r = await fetch("/api" + p, { method: m, headers: { "Content-Type":
		    "application/json", "X-CSRF-Token": c }, body: b ? JSON.stringify(b) : undefined });
		return r.status;
	}, [method, path, body, csrf]);
	await fac.goto(url + "/console.html?session=" + sid);
	// The first question's correct option, marked on its board.
	const li = "#round-" + qs[0];
	await fac.click(li + " button:has-text('Mark correct')");
	await fac.waitForSelector(li + " .board-box fieldset input");
	await fac.check(li + " .board-box label:has-text('Paris') input");
	await fac.click(li + " .board-box button:has-text('Save the correct options')");
	await fac.waitForFunction((s) => /Saved: 1 correct/.test(document.querySelector(s +
	    " .board-note").textContent), li);
	out("console marks", await fac.textContent(li + " .board-note"));
	await shot(fac, "quiz-console-mark-1280");

	const rooms = [];
	for (const [w, h] of [[1280, 720], [1920, 1080]]) {
		const c = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en-GB",
		    viewport: { width: w, height: h } });
		const p = await c.newPage();
		watch(p, "projector" + w);
		await p.goto(link);
		rooms.push({ p, name: w + "x" + h });
	}
	const phones = [];
	for (const [w, h, loc, team] of [[360, 740, "en-GB", "Red"], [320, 568, "nl-NL", "Blue"]]) {
		const c = await browser.newContext({ ignoreHTTPSErrors: true, locale: loc,
		    viewport: { width: w, height: h }, isMobile: true, hasTouch: true });
		const p = await c.newPage();
		watch(p, "phone" + w);
		await p.goto(url + "/j/" + code.replace("-", ""));
		await p.click("#join button[type=submit]");
		await p.waitForSelector("#f-team:not([hidden])");
		await p.fill("#team", team);
		await p.click("#join button[type=submit]");
		await p.waitForSelector("#in-view:not([hidden])");
		phones.push({ p, name: w + "x" + h, team });
	}

	// Red picks Paris, 3, Blue; Blue picks Rome, 4, Blue.  Correct:
	// Paris, 4, Blue.
	const picks = [["Paris", "Rome"], ["3", "4"], ["Blue", "Blue"]];
	for (let i = 0; i < 3; i++) {
		const q = qs[i];
		out("open " + (i + 1), await api("POST", "/sessions/" + sid + "/rounds/" + q + "/open"));
		await api("POST", "/sessions/" + sid + "/step", { kind: "round", round: Number(q), view: "question" });
		for (const [k, ph] of phones.entries()) {
			const card = "#round-" + q + ":not([hidden])";
			await ph.p.waitForSelector(card + " form", { timeout: 8000 });
			await ph.p.click(card + " label:has-text('" + picks[i][k] + "')");
			await ph.p.click(card + " button[type=submit]");
			await ph.p.waitForSelector(card + " .done-msg:not(:empty)", { timeout: 5000 })
			    .catch(() => {});
			if (i === 0)
				await shot(ph.p, "quiz-phone-answering-" + ph.name);
		}
		if (i === 0)
			for (const r of rooms) {
				await r.p.waitForSelector("body[data-step=round] #rr-body .question", { timeout: 5000 });
				await shot(r.p, "quiz-projector-question-" + r.name);
			}
		await api("POST", "/sessions/" + sid + "/rounds/" + q + "/close");
		await api("POST", "/sessions/" + sid + "/rounds/" + q + "/reveal");
		await api("POST", "/sessions/" + sid + "/step", { kind: "round", round: Number(q), view: "results" });
		if (i === 0)
			for (const r of rooms) {
				await r.p.waitForSelector("#rr-body .quiz-answer", { timeout: 5000 });
				out("projector answer " + r.name, await r.p.textContent("#rr-body .quiz-answer"));
				await shot(r.p, "quiz-projector-answer-" + r.name);
			}
		await api("POST", "/sessions/" + sid + "/step", { kind: "round", round: Number(q), view: "leaderboard" });
		for (const r of rooms) {
			// The board after this question: wait for its count to say so.
			await r.p.waitForFunction((k) => document.getElementById("rr-count").textContent
			    .includes("after " + k + " "), i + 1, { timeout: 5000 }).catch(() => {});
			out("projector board " + (i + 1) + " " + r.name, await boardOf(r.p, "#rr-body"));
			if (i === 0 || i === 2)
				await shot(r.p, "quiz-projector-leaderboard-" + (i + 1) + "-" + r.name);
		}
		for (const ph of phones) {
			// The own score comes from the worker after the document moved.
			await ph.p.waitForFunction((want) => {
				const t = document.getElementById("ms-line").textContent;
				return !document.getElementById("my-score").hidden && t.startsWith(want);
			}, String([[1000, 0], [1000, 1000], [2000, 2000]][i][phones.indexOf(ph)]), { timeout: 8000 })
			    .catch(() => {});
			out("phone score " + (i + 1) + " " + ph.team, await ph.p.textContent("#ms-line"));
			out("phone board " + (i + 1) + " " + ph.team, await boardOf(ph.p, "#ms-board"));
			if (i === 0 || i === 2)
				await shot(ph.p, "quiz-phone-score-" + (i + 1) + "-" + ph.name);
		}
	}
	// The last board and scores in Dutch too (screenshots), then English.
	if (shots) {
		for (const r of rooms) {
			await toLang(r.p, "nl");
			await shot(r.p, "quiz-projector-leaderboard-3-nl-" + r.name);
			await toLang(r.p, "en");
		}
		for (const ph of phones) {
			await toLang(ph.p, "nl", "Nederlands");
			await shot(ph.p, "quiz-phone-score-3-nl-" + ph.name);
			await toLang(ph.p, "en", "English");
		}
	}
	// Hidden: the projector says it is not shown, the phones keep points.
	await api("PATCH", "/sessions/" + sid + "/leaderboard", { hidden: true });
	await rooms[0].p.waitForSelector("#rr-body p.meta-big", { timeout: 5000 }).catch(() => {});
	out("projector hidden", await rooms[0].p.evaluate(() =>
	    document.querySelectorAll("#rr-body .board-row").length + " " +
	    document.getElementById("rr-body").textContent));
	await fac.reload();
	await fac.waitForSelector("#board-panel:not([hidden]) .board-row", { timeout: 5000 }).catch(() => {});
	out("console board", await boardOf(fac, "#board-panel"));
	out("console hidden", await fac.isChecked("#board-hide"));
	await fac.locator("#board-panel").scrollIntoViewIfNeeded();
	await shot(fac, "quiz-console-board-1280");
	// The question's live results in the console, the correct one marked.
	await fac.click(li + " button:text-is('Results')");
	await fac.waitForSelector(li + " .live-results .quiz-answer", { timeout: 6000 }).catch(() => {});
	out("console answer", await fac.textContent(li + " .live-results .quiz-answer").catch(() => "none"));
	await fac.locator(li).scrollIntoViewIfNeeded();
	await shot(fac, "quiz-console-results-1280");
	// A question made in the console's form, its correct option by number.
	await fac.selectOption("#r-type", "quiz");
	await fac.fill("#r-title", "Made in the console");
	await fac.fill("#r-options", "A\nB\nC");
	await fac.fill("#r-qcorrect", "2");
	await fac.locator("#add-round").scrollIntoViewIfNeeded();
	await shot(fac, "quiz-console-add-1280");
	await fac.click("#add-round button[type=submit]");
	await fac.waitForSelector("#rounds li h2:has-text('Made in the console')", { timeout: 5000 })
	    .catch(() => {});
	out("console correct by number", await fac.evaluate(async (s) => {
		const rs = (await (await fetch("/api/sessions/" + s + "/rounds")).json()).rounds;
		const r = rs.find((x) => x.title === "Made in the console");
		if (!r)
			return "no round";
		const c = (await (await fetch("/api/sessions/" + s + "/rounds/" + r.id + "/correct")).json()).correct;
		return JSON.stringify(c) === JSON.stringify([r.options[1].id]) ? "B" : JSON.stringify(c);
	}, sid));
	for (const [n, p] of [["console", fac], ["projector", rooms[0].p], ["phone", phones[0].p]]) {
		const bad = await axeSerious(p);
		out("axe " + n, bad.length + (bad.length ? " " + JSON.stringify(bad) : ""));
	}
	out("problems", problems.length + " " + problems.join(" | "));
} finally {
	await browser.close();
}
