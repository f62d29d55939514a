// SPDX-License-Identifier: ISC
// rounds/brainstorm.js: a brainstorm: participants send ideas, as many
// as they like (ideas: true: they go to .../ideas, not .../answer); with
// open_wall they see everyone's, and with participants_cluster they
// group them too.  The facilitator clusters and moderates them on the
// console's board of ideas (board(), below).  Results: the ideas by cluster, with a word
// cloud where there is room.  Other rounds of ideas build on it (the
// Q&A, qa.js): likeButton(), likedOf(), the board's per-idea hook ctx.ideaTools(li,
// idea, reload) and the catalogue prefix of yours() are theirs.
import { el, ideaWall, longList, wordCloud } from "../charts.js";
import { t, tn } from "../i18n.js";
import { $, check } from "./_form.js";

let grabbed = null;	// the idea picked up by keyboard: { id, bucket }
const liked = new Map();	// round id -> Set of the ideas this phone likes

// A like button for idea i of round r on the phone: pressed when this
// phone likes it, the count beside its mark; a press likes it or takes
// the like back (call as for yours()).  k: the texts and marks, the
// brainstorm's by default ({ on, off, like, unlike, count }).
const LIKE = { on: "♥ ", off: "♡ ", like: "round.brainstorm.likeLabel",
    unlike: "round.brainstorm.unlikeLabel", count: "results.likes." };
export function likeButton(r, i, call, k = LIKE) {
	const mine = likedOf(r.id);
	let on = mine.has(i.id), n = i.likes || 0;
	const b = el("button", null, "btn small secondary like");
	b.type = "button";
	const draw = () => {
		b.textContent = (on ? k.on : k.off) + n;
		b.setAttribute("aria-pressed", String(on));
		b.setAttribute("aria-label", t(on ? k.unlike : k.like, { text: i.text }) +
		    " (" + tn(k.count, n) + ")");
	};
	draw();
	b.addEventListener("click", async () => {
		const x = await call(on ? "DELETE" : "POST", "/ideas/" + i.id + "/like");
		if (!x.ok)
			return;
		n += on ? -1 : 1;
		on = !on;
		if (on)
			mine.add(i.id);
		else
			mine.delete(i.id);
		draw();
	});
	return b;
}

// The ideas of round id that this phone likes (a Set, filled by yours()).
export function likedOf(id) {
	if (!liked.has(id))
		liked.set(id, new Set());
	return liked.get(id);
}

// The console's board: ctx { call, say, button, path, addRound }.
async function loadBoard(r, box, ctx) {
	const gen = box.dataset.gen = String(Number(box.dataset.gen || 0) + 1);
	const x = await ctx.call("GET", ctx.path + "/ideas");
	if (x.ok && box.dataset.gen === gen) {
		box.dataset.sig = JSON.stringify(x.data);
		renderBoard(r, box, x.data, ctx);
	}
	follow(r, box, ctx);
}

// While the board is on the page it follows the ideas as they come in:
// every few seconds, drawn again when they changed, unless the
// facilitator is in the middle of something there (typing, an idea
// picked up or being dragged).
function follow(r, box, ctx) {
	if (box.dataset.follows)
		return;
	box.dataset.follows = "1";
	const tick = async () => {
		if (!box.isConnected)
			return;
		try {
			await look();
		} catch (e) {
			// A failed look is tried again at the next tick.
		}
		setTimeout(tick, 3000);
	};
	const look = async () => {
		// Busy: an idea picked up or dragged, a text edited in place,
		// a merge being chosen.  (The new cluster's field is kept.)
		// An idea picked up but no longer focused was let go.
		if (grabbed && !(document.activeElement && document.activeElement.closest &&
		    document.activeElement.closest('[data-idea="' + grabbed.id + '"]')))
			grabbed = null;
		const busy = grabbed || box.querySelector(".dragging, .idea input, h3 input") ||
		    (document.activeElement && box.contains(document.activeElement) &&
		    document.activeElement.matches("select"));
		if (!busy) {
			// A board drawn meanwhile (an action's answer) is newer.
			const gen = box.dataset.gen;
			const x = await ctx.call("GET", ctx.path + "/ideas");
			const sig = x.ok ? JSON.stringify(x.data) : box.dataset.sig;
			if (x.ok && sig !== box.dataset.sig && box.isConnected &&
			    box.dataset.gen === gen && !grabbed) {
				const focused = document.activeElement && document.activeElement.closest("[data-idea]");
				const nc = document.getElementById("new-cluster-" + r.id);
				const typing = nc && document.activeElement === nc;
				const typed = nc ? nc.value : "";
				box.dataset.sig = sig;
				renderBoard(r, box, x.data, ctx);
				const nc2 = document.getElementById("new-cluster-" + r.id);
				if (nc2) {
					nc2.value = typed;
					if (typing)
						nc2.focus();
				}
				// Keep the keyboard where it was.
				const again = focused && box.querySelector('[data-idea="' +
				    focused.dataset.idea + '"] .idea-text');
				if (again)
					again.focus();
			}
		}
	};
	setTimeout(tick, 3000);
}

// Swaps node's content for a text field with Save and Cancel: editing in
// place.  save(text) resolves true when it was stored.
function editInPlace(node, text, label, save, ctx) {
	const keep = [...node.childNodes];
	const inp = el("input");
	inp.value = text;
	inp.maxLength = 1000;
	inp.setAttribute("aria-label", label);
	const ok = ctx.button(t("console.save"), "small", async () => {
		const v = inp.value.trim();
		if (!v || v === text || await save(v))
			done();
	});
	const cancel = ctx.button(t("console.cancel"), "secondary", () => done());
	const done = () => node.replaceChildren(...keep);
	inp.addEventListener("keydown", (ev) => {
		if (ev.key === "Enter") {
			ev.preventDefault();
			ok.click();
		} else if (ev.key === "Escape") {
			ev.preventDefault();
			done();
		}
	});
	node.replaceChildren(inp, " ", ok, " ", cancel);
	inp.focus();
	inp.select();
}

function renderBoard(r, box, d, ctx) {
	const { call, say, button, path } = ctx;
	box.replaceChildren();
	box.append(el("p", t("console.dragHelp"), "meta"));
	const board = el("div", null, "board");
	const buckets = [{ id: null, name: t("console.unclustered") },
	    ...d.clusters.map((c) => ({ id: c.id, name: c.name }))];
	const move = async (idea, cluster) => {
		const y = await call("PATCH", path + "/ideas/" + idea, { cluster });
		if (y.ok)
			await loadBoard(r, box, ctx);
		return y.ok;
	};
	const merge = async (from, into) => {
		const a = d.ideas.find((x) => x.id === from), b = d.ideas.find((x) => x.id === into);
		if (!a || !b || from === into ||
		    !window.confirm(t("console.confirmMergeIdea", { idea: a.text, into: b.text })))
			return;
		if ((await call("POST", path + "/ideas/" + from + "/merge", { into })).ok) {
			say(t("console.mergedIdea", { idea: a.text, into: b.text }));
			loadBoard(r, box, ctx);
		}
	};
	buckets.forEach((b, bi) => {
		const sec = el("section", null, "bucket");
		sec.dataset.cluster = b.id === null ? "" : String(b.id);
		const h = el("h3", b.name);
		sec.append(h);
		if (b.id !== null) {
			// A cluster: renamed in place, deleted (its ideas go back to
			// "not in a cluster"), or merged into another.
			const n = d.ideas.filter((x) => !x.merged_into && x.cluster === b.id).length;
			const tools = el("div", null, "row cluster-tools");
			const ren = button(t("console.renameCluster"), "secondary", () =>
			    editInPlace(h, b.name, t("console.renameCluster") + ": " + b.name, async (v) => {
				if (!(await call("PATCH", path + "/clusters/" + b.id, { name: v })).ok)
					return false;
				loadBoard(r, box, ctx);
				return true;
			}, ctx));
			ren.setAttribute("aria-label", t("console.renameCluster") + ": " + b.name);
			const del = button(t("console.remove"), "secondary", async () => {
				if (!window.confirm(t("console.confirmDeleteCluster", { cluster: b.name, n })))
					return;
				if ((await call("DELETE", path + "/clusters/" + b.id)).ok)
					loadBoard(r, box, ctx);
			});
			del.setAttribute("aria-label", t("console.remove") + ": " + b.name);
			// Making, deleting and merging clusters is for those who
			// run the session, not a moderator (members.js).
			del.dataset.needs = "run";
			tools.append(ren, del);
			const others = buckets.filter((x) => x.id !== null && x.id !== b.id);
			if (others.length) {
				const sel = el("select");
				sel.setAttribute("aria-label", t("console.mergeClusterInto") + " (" + b.name + ")");
				sel.append(new Option(t("console.mergeClusterInto"), ""));
				for (const o of others)
					sel.append(new Option(o.name, String(o.id)));
				sel.addEventListener("change", async () => {
					const into = others.find((o) => String(o.id) === sel.value);
					if (!into || !window.confirm(t("console.confirmMergeCluster",
					    { cluster: b.name, into: into.name, n }))) {
						sel.value = "";
						return;
					}
					if ((await call("POST", path + "/clusters/" + b.id + "/merge",
					    { into: into.id })).ok)
						loadBoard(r, box, ctx);
				});
				sel.dataset.needs = "run";
				tools.append(sel);
			}
			sec.append(tools);
		}
		const ul = el("ul");
		for (const i of d.ideas.filter((x) => !x.merged_into &&
		    (x.cluster ?? null) === b.id)) {
			const li = el("li", null, "idea" + (i.hidden ? " hidden-idea" : ""));
			li.draggable = true;
			li.dataset.idea = i.id;
			// The idea itself is a toggle button: pressed = picked up.
			const pick = el("button", i.text, "idea-text");
			pick.type = "button";
			pick.setAttribute("aria-pressed", String(!!(grabbed && grabbed.id === i.id)));
			li.append(pick);
			if (typeof i.likes === "number")
				li.append(" ", el("span", tn(ctx.likesKey || "results.likes.", i.likes), "likes"));
			li.addEventListener("dragstart", (ev) => {
				ev.dataTransfer.setData("text/plain", String(i.id));
				li.classList.add("dragging");
			});
			li.addEventListener("dragend", () => li.classList.remove("dragging"));
			// An idea dropped onto another is its duplicate: merged.
			li.addEventListener("dragover", (ev) => { ev.preventDefault(); li.classList.add("over"); });
			li.addEventListener("dragleave", () => li.classList.remove("over"));
			li.addEventListener("drop", (ev) => {
				ev.preventDefault();
				ev.stopPropagation();
				li.classList.remove("over");
				const from = Number(ev.dataTransfer.getData("text/plain"));
				if (from && from !== i.id)
					merge(from, i.id);
			});
			pick.addEventListener("keydown", async (ev) => {
				// Shortcuts on the focused idea: H hides (or shows) it,
				// E edits it, M merges the idea picked up into it.
				const k = ev.key.toLowerCase();
				if (!ev.ctrlKey && !ev.metaKey && !ev.altKey && (k === "h" || k === "e" || k === "m" || k === "a")) {
					ev.preventDefault();
					if (k === "a") {
						if (i.pending)
							hide.click();	/* approve */
					} else if (k === "h")
						(reject || hide).click();
					else if (k === "e")
						edit.click();
					else if (grabbed && grabbed.id !== i.id) {
						const from = grabbed.id;
						grabbed = null;
						merge(from, i.id);
					}
					return;
				}
				if (ev.key === "Enter" || ev.key === " ") {
					ev.preventDefault();
					if (grabbed && grabbed.id === i.id) {
						grabbed = null;
						say(t("console.dropped"));
						pick.setAttribute("aria-pressed", "false");
					} else {
						grabbed = { id: i.id, bucket: bi };
						pick.setAttribute("aria-pressed", "true");
						say(t("console.picked") + i.text);
					}
				} else if (grabbed && grabbed.id === i.id &&
				    (ev.key === "ArrowRight" || ev.key === "ArrowLeft")) {
					ev.preventDefault();
					const to = (bi + (ev.key === "ArrowRight" ? 1 : -1) +
					    buckets.length) % buckets.length;
					grabbed.bucket = to;
					if (await move(i.id, buckets[to].id)) {
						say(i.text + t("console.movedTo") + buckets[to].name);
						// Drawn anew: the keyboard stays on it.
						const again = box.querySelector('[data-idea="' + i.id + '"] .idea-text');
						if (again)
							again.focus();
					}
				} else if (ev.key === "Escape") {
					grabbed = null;
					pick.setAttribute("aria-pressed", "false");
				}
			});
			// Waiting for approval (a moderated round): Approve shows it
			// to the room; Hide rejects it.  A (or H) on the focused idea.
			const word = i.pending ? t("console.approve") :
			    i.hidden ? t("console.showIdea") : t("console.hideIdea");
			const hide = button(word, i.pending ? "" : "secondary", async () => {
				if ((await call("PATCH", path + "/ideas/" + i.id, { hidden: !i.hidden })).ok)
					loadBoard(r, box, ctx);
			});
			hide.setAttribute("aria-label", word + ": " + i.text);
			let reject = null;
			if (i.pending) {
				li.classList.add("pending-idea");
				li.append(el("span", t("console.pending"), "badge"));
				reject = button(t("console.hideIdea"), "secondary", async () => {
					if ((await call("PATCH", path + "/ideas/" + i.id, { hidden: true })).ok)
						loadBoard(r, box, ctx);
				});
				reject.setAttribute("aria-label", t("console.hideIdea") + ": " + i.text);
				li.append(" ", reject);
			}
			// Moderation: mend the wording (a typo, a name that should
			// not be on the wall), in place.
			const edit = button(t("console.editIdea"), "secondary", () =>
			    editInPlace(li, i.text, t("console.editIdea") + ": " + i.text, async (v) => {
				if (!(await call("PATCH", path + "/ideas/" + i.id, { text: v })).ok)
					return false;
				loadBoard(r, box, ctx);
				return true;
			}, ctx));
			edit.setAttribute("aria-label", t("console.editIdea") + ": " + i.text);
			li.append(" ", hide, " ", edit);
			// A type's own tools on each idea (a Q&A's marks).
			if (ctx.ideaTools)
				ctx.ideaTools(li, i, () => loadBoard(r, box, ctx));
			ul.append(li);
		}
		sec.append(ul);
		sec.addEventListener("dragover", (ev) => { ev.preventDefault(); sec.classList.add("over"); });
		sec.addEventListener("dragleave", () => sec.classList.remove("over"));
		sec.addEventListener("drop", (ev) => {
			ev.preventDefault();
			sec.classList.remove("over");
			const id = Number(ev.dataTransfer.getData("text/plain"));
			if (id)
				move(id, b.id);
		});
		board.append(sec);
	});
	box.append(board);
	const f = el("form", null, "row");
	const inp = el("input");
	inp.id = "new-cluster-" + r.id;
	inp.maxLength = 100;
	const lab = el("label", t("console.newCluster"));
	lab.htmlFor = inp.id;
	const sub = el("button", t("console.addCluster"), "btn small");
	sub.type = "submit";
	f.append(lab, inp, sub);
	f.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		if (!inp.value.trim())
			return;
		if ((await call("POST", path + "/clusters", { name: inp.value.trim() })).ok)
			loadBoard(r, box, ctx);
	});
	f.dataset.needs = "run";
	box.append(f);
	if (d.clusters.length > 1) {
		// Right after this brainstorm, titled from its question.
		const vote = button(t("console.voteClusters"), "", () => ctx.addRound({
			type: "points", title: t("console.voteTitle", { title: r.title }),
			options_from: r.id, options_use: "clusters", budget: 10, after: r.id }));
		vote.dataset.needs = "run";
		box.append(vote);
	}
}

// The participant's own ideas on the phone, each with Edit (in place)
// and Delete (asked first) while the round is open; call(method, path,
// body) is the page's api() for /participant/rounds/ID + path.
// k: the catalogue's prefix of the texts ("round.brainstorm.").
async function loadYours(r, box, call, k) {
	const x = await call("GET", "/ideas");
	if (x.ok) {
		liked.set(r.id, new Set(x.data.liked || []));
		renderYours(r, box, call, x.data.ideas || [], k);
	}
}

function renderYours(r, box, call, ideas, k) {
	box.replaceChildren();
	if (ideas.length === 0)
		return;
	box.append(el("h3", t(k + "yours")));
	const ul = el("ul", null, "cards yours");
	const btn = (key, cls, label, fn) => {
		const b = el("button", t(key), "btn small " + cls);
		b.type = "button";
		if (label)
			b.setAttribute("aria-label", label);
		b.addEventListener("click", fn);
		return b;
	};
	for (const i of ideas) {
		const li = el("li", null, "card mine");
		const msg = el("p", "", "done-msg");
		msg.setAttribute("role", "status");
		const failed = (x) => {
			msg.textContent = x.text;
			msg.dataset.state = "error";
		};
		const view = () => {
			li.replaceChildren(el("span", i.text));
			// Waiting in a moderated round is not the same as hidden.
			if (i.hidden)
				li.append(" ", el("em", t(k + (i.pending ? "pendingIdea" :
				    "hiddenIdea")), "meta"));
			const row = el("div", null, "row mine-actions");
			row.append(btn(k + "edit", "secondary",
			    t(k + "editLabel", { text: i.text }), edit),
			    btn(k + "delete", "secondary",
			    t(k + "deleteLabel", { text: i.text }), ask));
			li.append(row, msg);
		};
		const edit = () => {
			const f = el("form", null, "stack");
			const ta = el("textarea");
			ta.id = "mine-" + i.id;
			ta.maxLength = r.max_length || 500;
			ta.required = true;
			ta.value = i.text;
			const l = el("label", t(k + "editField"));
			l.htmlFor = ta.id;
			const save = el("button", t(k + "save"), "btn small");
			save.type = "submit";
			const row = el("div", null, "row mine-actions");
			row.append(save, btn(k + "cancel", "secondary", null, view));
			f.append(l, ta, row);
			f.addEventListener("submit", async (ev) => {
				ev.preventDefault();
				const text = ta.value.trim();
				if (!text)
					return;
				const x = await call("PATCH", "/ideas/" + i.id, { text });
				if (!x.ok)
					return failed(x);
				i.text = text;
				view();
			});
			li.replaceChildren(f, msg);
			ta.focus();
		};
		const ask = () => {
			li.replaceChildren(el("p", t(k + "deleteAsk", { text: i.text })));
			const row = el("div", null, "row mine-actions");
			const yes = btn(k + "deleteYes", "danger", null, async () => {
				const x = await call("DELETE", "/ideas/" + i.id);
				if (!x.ok)
					return failed(x);
				li.remove();
				if (!ul.children.length)
					box.replaceChildren();
			});
			row.append(yes, btn(k + "cancel", "secondary", null, view));
			li.append(row, msg);
			yes.focus();
		};
		view();
		ul.append(li);
	}
	box.append(ul);
}

export default {
	submitKey: "round.brainstorm.sendIdea",
	thanksKey: "round.brainstorm.thanksIdea",
	countKey: "results.ideas",
	settings() {
		return [check("round.brainstorm.openWall", "r-wall"),
		    check("round.brainstorm.pCluster", "r-pcluster"),
		    check("round.brainstorm.upvotes", "r-upvotes"),
		    check("round.moderated", "r-bmod")];
	},
	read() {
		return { open_wall: $("r-wall").checked,
		    participants_cluster: $("r-pcluster").checked,
		    upvotes: $("r-upvotes").checked,
		    moderated: $("r-bmod").checked };
	},
	// The settings of round r in the fields (an edit, console).
	fill(r) {
		$("r-wall").checked = !!r.open_wall;
		$("r-pcluster").checked = !!r.participants_cluster;
		$("r-upvotes").checked = !!r.upvotes;
		$("r-bmod").checked = !!r.moderated;
	},
	answerForm(r) {
		const ta = el("textarea");
		ta.id = "txt" + r.id;
		ta.maxLength = r.max_length || 500;
		ta.required = true;
		const l = el("label", t("round.brainstorm.yourIdea"));
		l.htmlFor = ta.id;
		return { nodes: [l, ta], body: () => ({ text: ta.value.trim() }) };
	},
	// The console's board of the ideas: clusters by drag and drop or by
	// keyboard, hiding and mending ideas, a points vote on the clusters.
	board(r, box, ctx) {
		return loadBoard(r, box, ctx);
	},
	// The participant's own ideas, to mend or take back (open rounds).
	yours(r, box, call, k) {
		return loadYours(r, box, call, k || "round.brainstorm.");
	},
	// The open wall on the participant's phone; with clusters, each idea
	// gets a cluster to choose and the group can add clusters.
	// post(path, body) sends to /participant/rounds/ID/path.
	// With upvotes, each idea shows its likes and a like button
	// (pressed: this participant likes it; again: takes it back);
	// call(method, path, body) as for yours().
	wall(r, post, call) {
		const w = el("div");
		w.append(el("h3", t("round.brainstorm.wall")));
		const ul = el("ul", null, "cards");
		for (const i of r.wall) {
			const li = el("li", null, "card");
			li.append(el("span", i.text));
			if (r.upvotes && typeof i.likes === "number" && call)
				li.append(" ", likeButton(r, i, call));
			if (r.clusters) {
				const sel = el("select");
				sel.setAttribute("aria-label", t("round.brainstorm.clusterFor") + i.text);
				sel.append(new Option(t("round.brainstorm.noCluster"), ""));
				for (const c of r.clusters) {
					const o = new Option(c.name, String(c.id));
					o.selected = c.name === i.cluster;
					sel.append(o);
				}
				sel.addEventListener("change", () => post("/ideas/" + i.id +
				    "/cluster", { cluster: sel.value ? Number(sel.value) : null }));
				li.append(" ", sel);
			}
			ul.append(li);
		}
		w.append(ul);
		if (r.clusters) {
			const f = el("form", null, "row");
			const inp = el("input");
			inp.id = "nc" + r.id;
			inp.maxLength = 100;
			const l = el("label", t("round.brainstorm.newCluster"));
			l.htmlFor = inp.id;
			const b = el("button", t("round.brainstorm.addCluster"), "btn small");
			b.type = "submit";
			f.append(l, inp, b);
			f.addEventListener("submit", (ev) => {
				ev.preventDefault();
				if (inp.value.trim())
					post("/clusters", { name: inp.value.trim() });
			});
			w.append(f);
		}
		return w;
	},
	resultsView(round, res, opts) {
		const out = [];
		if (opts && opts.cloud)
			out.push(wordCloud(res.cloud, opts.cloudHide));
		out.push(ideaWall(res.ideas || []));
		return out;
	},
	// The report: the ideas by cluster (the clusters by name, the ideas
	// in no cluster last), each cluster with how many ideas it holds.
	reportView(round, res) {
		const out = [];
		const groups = new Map();
		for (const i of res.ideas || []) {
			const k = i.cluster || "";
			if (!groups.has(k))
				groups.set(k, []);
			groups.get(k).push(i.text);
		}
		for (const [k, ideas] of [...groups].sort((a, b) =>
		    (a[0] === "") - (b[0] === "") || a[0].localeCompare(b[0]))) {
			const c = el("div", null, "cluster");
			c.append(el("h3", (k || t("results.unclustered")) + " · " +
			    tn("report.ideas.", ideas.length)));
			const ul = el("ul", null, "ideas" + (longList(ideas) ? " long" : ""));
			for (const x of ideas)
				ul.append(el("li", x));
			c.append(ul);
			out.push(c);
		}
		return out;
	},
};
