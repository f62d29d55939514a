// SPDX-License-Identifier: ISC
// presenter.js: the console's presenter mode, for a running session.  The
// session is a sequence of steps, computed here from the agenda: the join
// screen, then for each round its question, its answering (the server
// opens a draft round on entering it) and its results; B toggles a blank
// screen, R reveals the round's results to the participants.  The step
// goes to the server (POST /api/sessions/{id}/step), which the projector
// link and the phones follow.  /live (polled by console.js) brings the
// step, the timer, how many answered and which teams have not.  The
// timer's end is this browser's clock at the answer plus remaining_ms,
// never the server's absolute time.  A /live answer to a request sent
// before this page's last step was answered may carry the step before
// it: its step is ignored (the next poll brings the truth), or the
// display would jump back for a second and the next key would repeat a
// step.
import { t } from "./i18n.js";
import { roundType } from "./rounds/index.js";

const $ = (id) => document.getElementById(id);
const VIEWS = ["question", "answer", "results"];

export function presenter(ctx) {
	// ctx: { sid, call, rounds() (the agenda), changed() (reload it) }
	let step = null, live = null, timerEnd = null, beforeBlank = null;
	let stepAt = -Infinity;	// performance.now() at the last step's answer

	// A scored round (a quiz) has a fourth view: the leaderboard after it.
	const views = (r) => roundType(r.type)?.info?.scored ? [...VIEWS, "leaderboard"] : VIEWS;
	const steps = () => [{ kind: "join" }, ...ctx.rounds().flatMap((r) =>
	    views(r).map((view) => ({ kind: "round", round: r.id, view })))];
	const same = (a, b) => a && b && a.kind === b.kind &&
	    (a.kind !== "round" || (a.round === b.round && a.view === b.view));
	const round = (id) => ctx.rounds().find((r) => r.id === id);

	function describe(s) {
		if (!s)
			return "–";
		if (s.kind === "join")
			return t("console.stepJoin");
		if (s.kind === "blank")
			return t("console.stepBlank");
		const r = round(s.round);
		return (r ? r.position + ". " + r.title : "?") + " · " + t("console.view." + s.view);
	}

	function index() {
		const list = steps();
		const at = step && step.kind === "blank" ? beforeBlank : step;
		const i = list.findIndex((x) => same(x, at));
		return [list, i < 0 ? 0 : i];
	}

	async function go(s) {
		const x = await ctx.call("POST", "/sessions/" + ctx.sid + "/step", s);
		if (x.ok) {
			step = (x.data && x.data.step) || s;
			stepAt = performance.now();
			draw();
			ctx.changed();
		}
	}

	function next(d) {
		const [list, i] = index();
		if (step && step.kind === "blank")
			return go(beforeBlank || list[i]);
		const j = Math.max(0, Math.min(list.length - 1, i + d));
		if (j !== i || !step)
			go(list[j]);
	}

	function blank() {
		if (step && step.kind === "blank")
			return go(beforeBlank || { kind: "join" });
		beforeBlank = step;
		go({ kind: "blank" });
	}

	async function reveal() {
		const id = step && step.kind === "round" ? step.round :
		    beforeBlank && beforeBlank.round;
		if (!id)
			return;
		const x = await ctx.call("POST", "/sessions/" + ctx.sid + "/rounds/" + id + "/reveal");
		if (x.ok) {
			ctx.changed();
			$("p-now").textContent = describe(step) + " · " + t("console.revealed");
		}
	}

	function draw() {
		$("p-now").textContent = describe(step);
		const [list, i] = index();
		const n = step && step.kind === "blank" ? list[i] : list[i + 1];
		$("p-next-txt").textContent = n ? describe(n) : t("console.stepEnd");
		$("p-prev").disabled = !step || (step.kind !== "blank" && i === 0);
		$("p-next").disabled = step && step.kind !== "blank" && i === list.length - 1;
		$("p-blank").setAttribute("aria-pressed", String(!!step && step.kind === "blank"));
		const r = step && step.kind === "round" ? round(step.round) : null;
		$("p-reveal").disabled = !r;
		const a = live && r && live.rounds ? live.rounds.find((x) => x.id === r.id) : null;
		const answered = a ? a.answered : r && r.answered;
		$("p-answered").textContent = r && answered !== undefined ?
		    t("console.answeredOf", { n: answered, total: live ? live.participant_count : 0 }) : "";
		const waiting = live && live.teams_waiting;
		$("p-waiting").textContent = r && waiting && waiting.length ?
		    t("console.teamsWaiting") + " " + waiting.join(", ") : "";
	}

	function tick() {
		const x = $("p-timer");
		if (timerEnd === null) {
			x.textContent = "";
			return;
		}
		const left = Math.max(0, Math.ceil((timerEnd - performance.now()) / 1000));
		x.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
	}
	setInterval(tick, 250);

	function timerFrom(tm, at) {
		timerEnd = tm && typeof tm.remaining_ms === "number" ? at + tm.remaining_ms : null;
		tick();
	}

	async function timer(body, method) {
		const at = performance.now();
		const x = await ctx.call(method || "POST", "/sessions/" + ctx.sid + "/timer", body);
		if (x.ok)
			timerFrom(x.data && x.data.timer, at);
	}

	$("p-prev").addEventListener("click", () => next(-1));
	$("p-next").addEventListener("click", () => next(1));
	$("p-blank").addEventListener("click", blank);
	$("p-reveal").addEventListener("click", reveal);
	$("p-start").addEventListener("click", () => {
		const id = step && step.kind === "round" ? step.round : null;
		if (id)
			timer({ round: id, seconds: Number($("p-seconds").value) || 60,
			    close: $("p-close").checked });
	});
	$("p-add").addEventListener("click", () => timer({ add: 30 }));
	$("p-stop").addEventListener("click", () => timer(undefined, "DELETE"));
	$("p-link-make").addEventListener("click", async () => {
		const x = await ctx.call("POST", "/sessions/" + ctx.sid + "/projector");
		if (x.ok) {
			$("p-link").value = x.data.projector_link;
			$("p-link").hidden = $("p-copy").hidden = $("p-open").hidden = false;
			$("p-open").href = x.data.projector_link;
			$("p-link-make").textContent = t("console.projectorRenew");
		}
	});
	$("p-copy").addEventListener("click", async () => {
		try {
			await navigator.clipboard.writeText($("p-link").value);
		} catch (e) {
			$("p-link").select();
			document.execCommand("copy");
		}
		$("result").textContent = t("console.copied");
	});
	document.addEventListener("keydown", (ev) => {
		// A moderator's page has no presenter mode (members.js).
		if ($("presenter").hidden || document.body.dataset.role === "moderator" ||
		    ev.ctrlKey || ev.metaKey || ev.altKey)
			return;
		const tag = ev.target && ev.target.tagName;
		if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag) || (ev.target && ev.target.isContentEditable))
			return;
		if (ev.key === " " && /^(BUTTON|A|SUMMARY)$/.test(tag))
			return;	// a focused button's own space
		const k = ev.key;
		if (k === "ArrowRight" || k === "PageDown" || k === " ")
			next(1);
		else if (k === "ArrowLeft" || k === "PageUp")
			next(-1);
		else if (k === "b" || k === "B")
			blank();
		else if (k === "r" || k === "R")
			reveal();
		else
			return;
		ev.preventDefault();
	});

	return {
		// The /live answer, and when it came (performance.now()).
		live(d, at) {
			live = d;
			if (d.step && at > stepAt &&
			    !(step && step.kind === "blank" && d.step.kind === "blank"))
				step = d.step;
			timerFrom(d.timer, at);
			draw();
		},
		draw,
	};
}
