/* SPDX-License-Identifier: ISC */
/*
 * stmtsess.c: the statements of a session and what it holds (its rounds,
 * participants, teams, answers, ideas, templates, presenter mode and
 * live documents), a table of the shape stmt.c reads (stmtdef.h).
 */
#include <stddef.h>

#include "extern.h"
#include "db.h"
#include "stmtdef.h"
#include "banned.h"

/*
 * The profile answer (0: none, "rather not say") of the participant of
 * row w to the session's question at place n, for responses.csv's group
 * column (export.c maps it to the round's merged group).
 */
#define PROFILE_OF(w, n) "(SELECT COALESCE(pp.answer_id, 0) FROM " \
	"participant_profile pp JOIN profile_question q ON q.id = " \
	"pp.question_id WHERE pp.participant_id = " w ".participant_id " \
	"AND q.position = " n ")"

/* The columns of a round, as api_round.c reads them. */
#define ROUND_COLS_V(version) "r.id, r.position, r.type, r.title, " \
	"r.state, r.revealed, r.min_picks, r.max_picks, r.scale_max, " \
	"r.no_opinion, r.top_n, r.budget, r.max_per_option, r.max_length, " \
	version ", r.open_wall, r.label_low, r.label_high, " \
	"r.participants_cluster, " \
	"r.closes_at IS NOT NULL AND r.closes_at <= UTC_TIMESTAMP(6), " \
	"r.projector_results, r.feed_round, r.feed_use, r.upvotes, " \
	"r.moderated, r.session_wide, r.time_limit, r.speed_bonus"
/*
 * A round's version moves with its state and with every answer; answers
 * count on their worker's tally row (011_round_tally.sql), so the
 * version is the round's own plus its tally.
 */
#define ROUND_COLS ROUND_COLS_V("r.version + (SELECT COALESCE(SUM(t.n), " \
	"0) FROM round_tally t WHERE t.round_id = r.id)")

/*
 * A participant token is good only while its session runs the same run
 * and the participant was not removed (P7): the one condition of every
 * statement that finds a participant by token (the token's hash, then
 * the session's maximum age in seconds).
 */
#define PARTICIPANT_GOOD "WHERE p.token_hash = ? AND p.removed = 0 AND " \
	"p.run = s.run AND s.state = 'running' AND " \
	"s.started_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND"

/*
 * What a stop clears of presenter mode: the step goes back to the join
 * screen and the timer stops.  The projector token's hash stays, so the
 * room's screen learns that the session ended (STMT_PROJECTOR_ENDED)
 * rather than that its link is unknown; the next start clears it.
 */
#define STEP_RESET "step_kind = 'join', step_round = NULL, " \
	"step_view = NULL, timer_round = NULL, timer_ends_at = NULL, " \
	"timer_close = 0, live_token = NULL, room_token = NULL, "

/* Responders to a round r: responses, and those who sent ideas. */
#define ANSWERED "(SELECT COUNT(*) FROM response q WHERE " \
	"q.round_id = r.id) + (SELECT COUNT(DISTINCT IF(i.team_id IS NULL, " \
	"CONCAT('p', i.participant_id), CONCAT('t', i.team_id))) FROM idea i " \
	"WHERE i.round_id = r.id)"

/*
 * The likes of idea i: the participants who like it or an idea merged
 * into it, each once.
 */
#define LIKES "(SELECT COUNT(DISTINCT l.participant_id) FROM idea_like l " \
	"JOIN idea m ON m.id = l.idea_id WHERE m.id = i.id OR " \
	"m.merged_into = i.id)"

/*
 * The asker of idea i, by name: only if they asked to be named and the
 * session names people (022_qa.sql); else NULL.  IDEA_BY_JOIN after
 * "JOIN round r".
 */
#define IDEA_BY "IF(i.named AND s.named, p.display_name, NULL)"
#define IDEA_BY_JOIN "JOIN session s ON s.id = r.session_id LEFT JOIN " \
	"participant p ON p.id = i.participant_id"

const struct stmtdef stmts_session[STMT__MAX] = {
	/*
	 * Sessions (api_session.c).  Every statement a facilitator reaches
	 * names the account too: a session id of another account is simply
	 * not found (P4).  Its owner and those who run it with them pass
	 * (MAY_RUN, MAY_SEE of stmtdef.h); deleting is the owner's alone.
	 */
	[STMT_SESSION_INSERT] = { "INSERT INTO session (account_id, title, "
	    "description, language, named, teams_on, max_participants, "
	    "allow_change) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", 0 },
	[STMT_SESSION_GET] = { "SELECT " SESSION_COLS " FROM session s "
	    "WHERE s.id = ? AND " MAY_SEE("s"), 1 },
	[STMT_SESSION_LIST] = { "SELECT " SESSION_COLS " FROM session s "
	    "WHERE s.account_id = ? ORDER BY s.id DESC", 1 },
	[STMT_SESSION_UPDATE] = { "UPDATE session SET title = ?, "
	    "description = ?, language = ?, named = ?, teams_on = ?, "
	    "max_participants = ?, allow_change = ?, version = version + 1 "
	    "WHERE id = ? AND " MAY_RUN("session"), 0 },
	[STMT_SESSION_DELETE] = { "DELETE FROM session WHERE id = ? AND "
	    "account_id = ? AND state <> 'running'", 0 },
	/*
	 * A new run with a new code; the unique index refuses a code in use.
	 * The last run's projector link does not come back to life.
	 */
	[STMT_SESSION_START] = { "UPDATE session SET state = 'running', "
	    "join_code = ?, live_token = ?, run = run + 1, locked = 0, "
	    "projector_token_hash = NULL, room_token = NULL, "
	    "started_at = UTC_TIMESTAMP(6), stopped_at = NULL, "
	    "version = version + 1 WHERE id = ? AND " MAY_RUN("session")
	    " AND state <> 'running'", 0 },
	/* From this commit every participant token of the session is dead. */
	[STMT_SESSION_STOP] = { "UPDATE session SET state = 'stopped', "
	    "join_code = NULL, stopped_at = UTC_TIMESTAMP(6), " STEP_RESET
	    "version = version + 1 WHERE id = ? AND " MAY_RUN("session")
	    " AND state = 'running'", 0 },
	[STMT_SESSION_SET_LOCK] = { "UPDATE session SET locked = ?, "
	    "version = version + 1 WHERE id = ? AND " MAY_RUN("session")
	    " AND state = 'running'", 0 },
	[STMT_SESSION_VERSION] = { "SELECT version FROM session WHERE id = ? "
	    "AND " MAY_RUN("session"), 1 },
	[STMT_SESSION_BUMP] = { "UPDATE session SET version = version + 1 "
	    "WHERE id = ?", 0 },
	/* Join: the running session of a code, locked for the count. */
	[STMT_SESSION_BY_CODE] = { "SELECT s.id, s.run, s.locked, s.named, "
	    "s.teams_on, s.max_participants, pl.max_participants, "
	    "s.account_id, s.title, s.language FROM session s "
	    "JOIN account a ON a.id = s.account_id "
	    "JOIN plan pl ON pl.name = a.plan "
	    "WHERE s.join_code = ? AND s.state = 'running' AND "
	    "s.started_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND FOR UPDATE",
	    0 },
	[STMT_SESSION_EXPIRED] = { "SELECT id, account_id FROM session WHERE "
	    "state = 'running' AND started_at <= UTC_TIMESTAMP(6) - "
	    "INTERVAL ? SECOND", 1 },
	[STMT_SESSION_EXPIRE] = { "UPDATE session SET state = 'stopped', "
	    "join_code = NULL, stopped_at = UTC_TIMESTAMP(6), " STEP_RESET
	    "version = version + 1 WHERE id = ? AND state = 'running' AND "
	    "started_at <= UTC_TIMESTAMP(6) - INTERVAL ? SECOND", 0 },
	/*
	 * A code is taken if it is new, or last used over 30 days ago:
	 * 1 row (new) or 2 (taken over) affected; 0 means in recent use.
	 */
	[STMT_CODE_RESERVE] = { "INSERT INTO join_code_history (code, used_at) "
	    "VALUES (?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE used_at = "
	    "IF(used_at < UTC_TIMESTAMP(6) - INTERVAL 30 DAY, "
	    "VALUES(used_at), used_at)", 0 },
	[STMT_TEAM_LIST] = { "SELECT t.id, t.name, (SELECT COUNT(*) FROM "
	    "participant p JOIN session s ON s.id = p.session_id WHERE "
	    "p.team_id = t.id AND p.run = s.run AND p.removed = 0) "
	    "FROM team t WHERE t.session_id = ? ORDER BY t.position", 1 },
	[STMT_TEAM_DELETE_ALL] = { "DELETE FROM team WHERE session_id = ?", 0 },
	[STMT_TEAM_INSERT] = { "INSERT INTO team (session_id, name, position) "
	    "VALUES (?, ?, ?)", 0 },
	[STMT_TEAM_BY_NAME] = { "SELECT id, name FROM team WHERE "
	    "session_id = ? AND name = ?", 1 },

	/* Participants (api_participant.c). */
	[STMT_PARTICIPANT_INSERT] = { "INSERT INTO participant (session_id, "
	    "run, token_hash, display_name, team_id) VALUES (?, ?, ?, ?, ?)",
	    0 },
	/* Every response of a session (export.c); nobody named. */
	[STMT_SESSION_RESPONSES] = { "SELECT r.position, r.title, r.type, "
	    "o.label, c.name, v.value, NULL, NULL, NULL, t.name, "
	    "DATE_FORMAT(x.updated_at, '%Y-%m-%dT%H:%i:%sZ') AS at, x.id, "
	    "x.round_id, " PROFILE_OF("x", "1") " "
	    "FROM response x JOIN round r ON r.id = x.round_id "
	    "JOIN response_value v ON v.response_id = x.id "
	    "JOIN round_option o ON o.id = v.option_id "
	    "LEFT JOIN round_criterion c ON c.id = v.criterion_id "
	    "LEFT JOIN team t ON t.id = x.team_id WHERE r.session_id = ? "
	    "UNION ALL SELECT r.position, r.title, r.type, NULL, NULL, NULL, "
	    "x.text, NULL, IF(x.hidden, 'hidden', 'shown'), t.name, "
	    "DATE_FORMAT(x.updated_at, '%Y-%m-%dT%H:%i:%sZ'), x.id, "
	    "x.round_id, " PROFILE_OF("x", "1") " "
	    "FROM response x JOIN round r ON r.id = x.round_id "
	    "LEFT JOIN team t ON t.id = x.team_id WHERE r.session_id = ? "
	    "AND x.text IS NOT NULL "
	    "UNION ALL SELECT r.position, r.title, r.type, NULL, NULL, NULL, "
	    "i.text, k.name, CASE WHEN i.merged_into IS NOT NULL THEN "
	    "'merged' WHEN i.hidden THEN 'hidden' ELSE 'shown' END, t.name, "
	    "DATE_FORMAT(i.created_at, '%Y-%m-%dT%H:%i:%sZ'), i.id, "
	    "i.round_id, " PROFILE_OF("i", "1") " "
	    "FROM idea i JOIN round r ON r.id = i.round_id "
	    "LEFT JOIN cluster k ON k.id = i.cluster_id "
	    "LEFT JOIN team t ON t.id = i.team_id WHERE r.session_id = ? "
	    "ORDER BY 1, 11, 12", 1 },
	[STMT_PARTICIPANT_COUNT] = { "SELECT COUNT(*) FROM participant WHERE "
	    "session_id = ? AND run = ? AND removed = 0", 1 },
	/*
	 * A participant with their session (PARTICIPANT_GOOD): checked in
	 * the one query every participant request makes, so a stop holds
	 * from its commit on.  This one for a join's resume.
	 */
	[STMT_PARTICIPANT_AUTH] = { "SELECT p.id, p.session_id, "
	    "p.display_name, t.name, s.version, s.title, s.language, "
	    "s.allow_change, p.team_id, s.live_token FROM participant p "
	    "JOIN session s ON s.id = p.session_id LEFT JOIN team t ON "
	    "t.id = p.team_id " PARTICIPANT_GOOD, 1 },
	/*
	 * The participant's poll: the same check, and with it the
	 * responder's own answers in the rounds the session shows them (as
	 * STMT_ROUNDS_FOR_PARTICIPANT), one row per value; one row of NULLs
	 * after the tenth column if there are none.  No ORDER BY: a sort on
	 * every poll tripled its cost (api_round.c orders the values).
	 */
	[STMT_PARTICIPANT_STATE] = { "SELECT p.id, p.session_id, "
	    "p.display_name, t.name, s.version, s.title, s.language, "
	    "s.allow_change, p.team_id, s.live_token, r.id, q.text, "
	    "v.option_id, "
	    "v.criterion_id, v.value FROM participant p JOIN session s ON "
	    "s.id = p.session_id LEFT JOIN team t ON t.id = p.team_id "
	    "LEFT JOIN (round r JOIN response q ON q.round_id = r.id) ON "
	    "r.session_id = s.id AND (r.state = 'open' OR (r.state = "
	    "'closed' AND r.revealed = 1)) AND q.responder_key = "
	    "IF(p.team_id IS NULL, CONCAT('p', p.id), CONCAT('t', "
	    "p.team_id)) LEFT JOIN response_value v ON v.response_id = q.id "
	    PARTICIPANT_GOOD, 1 },
	/* The same check for the participants' writes: only what they use. */
	[STMT_PARTICIPANT_WHO] = { "SELECT p.id, p.session_id, p.team_id, "
	    "s.allow_change FROM participant p JOIN session s ON "
	    "s.id = p.session_id " PARTICIPANT_GOOD, 1 },
	[STMT_PARTICIPANT_LIST] = { "SELECT p.id, p.display_name, t.name, "
	    "DATE_FORMAT(p.joined_at, '%Y-%m-%dT%H:%i:%sZ') FROM participant p "
	    "JOIN session s ON s.id = p.session_id LEFT JOIN team t ON "
	    "t.id = p.team_id WHERE p.session_id = ? AND p.run = s.run AND "
	    "p.removed = 0 ORDER BY p.id", 1 },
	/* The token stays, refused, so the page can say "removed". */
	[STMT_PARTICIPANT_REMOVE] = { "UPDATE participant SET removed = 1 "
	    "WHERE id = ? AND session_id = ? AND removed = 0", 0 },
	[STMT_PARTICIPANT_WAS_REMOVED] = { "SELECT COUNT(*) FROM participant "
	    "WHERE token_hash = ? AND removed = 1", 1 },
	[STMT_PARTICIPANT_REVOKE_ALL] = { "UPDATE participant SET "
	    "token_hash = NULL WHERE session_id = ? AND token_hash IS NOT NULL",
	    0 },

	/*
	 * Rounds (api_round.c).  The facilitator's statements name the
	 * session, whose ownership the handler has checked; participants'
	 * name their own session from their token.
	 */
	[STMT_ROUND_NEXTPOS] = { "SELECT COALESCE(MAX(position), 0) + 1 FROM "
	    "round WHERE session_id = ?", 0 },
	[STMT_ROUND_INSERT] = { "INSERT INTO round (session_id, position, "
	    "type, title, min_picks, max_picks, scale_max, no_opinion, top_n, "
	    "budget, max_per_option, max_length, open_wall, label_low, "
	    "label_high, participants_cluster, projector_results, upvotes, "
	    "moderated, session_wide, time_limit, speed_bonus) VALUES (?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 0 },
	[STMT_ROUND_LIST] = { "SELECT " ROUND_COLS " FROM round r WHERE "
	    "r.session_id = ? ORDER BY r.position", 1 },
	[STMT_ROUND_GET] = { "SELECT " ROUND_COLS " FROM round r WHERE "
	    "r.id = ? AND r.session_id = ?", 1 },
	/* A timer's deadline that has passed goes with any change of state. */
	[STMT_ROUND_SET_STATE] = { "UPDATE round SET state = ?, "
	    "closes_at = IF(closes_at <= UTC_TIMESTAMP(6), NULL, closes_at), "
	    "version = version + 1 WHERE id = ? AND session_id = ? AND "
	    "state <> ?", 0 },
	[STMT_ROUND_SET_REVEALED] = { "UPDATE round SET revealed = ?, "
	    "version = version + 1 WHERE id = ? AND session_id = ?", 0 },
	[STMT_ROUND_DELETE] = { "DELETE FROM round WHERE id = ? AND "
	    "session_id = ? AND state <> 'open'", 0 },
	[STMT_ROUND_BUMP] = { "UPDATE round SET version = version + 1 WHERE "
	    "id = ?", 0 },
	/* A round the participant may answer: open, in their session. */
	[STMT_ROUND_FOR_PARTICIPANT] = { "SELECT " ROUND_COLS_V("r.version")
	    " FROM round r WHERE r.id = ? AND r.session_id = ? FOR UPDATE",
	    0 },
	/*
	 * An answer's round: read with a shared lock, which answers hold
	 * together and which a close (an exclusive lock) waits for, so no
	 * answer lands after the close and answers do not wait for each
	 * other.  Without the tally (the version is not needed here).
	 */
	[STMT_ROUND_FOR_ANSWER] = { "SELECT " ROUND_COLS_V("r.version")
	    " FROM round r WHERE r.id = ? AND r.session_id = ? "
	    "LOCK IN SHARE MODE", 0 },
	/* A text in a moderated round waits, hidden, and again when changed. */
	[STMT_RESPONSE_INSERT] = { "INSERT INTO response (round_id, "
	    "responder_key, participant_id, team_id, text, hidden, pending) "
	    "SELECT r.id, ?, ?, ?, t.v, r.moderated AND t.v IS NOT NULL, "
	    "r.moderated AND t.v IS NOT NULL FROM (SELECT ? AS v) t JOIN "
	    "round r WHERE r.id = ?", 0 },
	[STMT_RESPONSE_UPDATE] = { "UPDATE response x JOIN round r ON r.id = "
	    "x.round_id SET x.participant_id = ?, x.text = ?, x.updated_at = "
	    "UTC_TIMESTAMP(6), x.hidden = IF(r.moderated AND x.text IS NOT "
	    "NULL, 1, x.hidden), x.pending = IF(r.moderated AND x.text IS NOT "
	    "NULL, 1, x.pending) WHERE x.id = ?", 0 },
	/*
	 * An answer's fast path (answer.c) in one statement: the token's
	 * check (PARTICIPANT_GOOD: the token hash, then the maximum age), the
	 * round open in the participant's session with no timer run out and
	 * its results not revealed (those bump the session: the full path),
	 * its version the one whose options the worker keeps (an edit moves
	 * it: roundedit.c),
	 * the round read with the shared lock of STMT_ROUND_FOR_ANSWER, and
	 * the response added or, where the session allows changes, changed.
	 * The derived table is read without a lock: only the round is locked,
	 * so a session's version can move while answers are in flight.  The
	 * first parameter is the text.  Affected rows: 1 added, 2 changed
	 * (LAST_INSERT_ID() is then the response's id), 0 refused or no
	 * change allowed: the full path says which.
	 */
	[STMT_ANSWER_UPSERT] = { "INSERT INTO response (round_id, "
	    "responder_key, participant_id, team_id, text, hidden, pending) "
	    "SELECT r.id, w.k, w.id, w.team_id, t.v, r.moderated AND t.v IS "
	    "NOT NULL, r.moderated AND t.v IS NOT NULL FROM (SELECT ? AS v) t "
	    "JOIN round r JOIN (SELECT p.id, p.team_id, "
	    "p.session_id, s.allow_change, IF(p.team_id IS NULL, "
	    "CONCAT('p', p.id), CONCAT('t', p.team_id)) AS k FROM participant "
	    "p JOIN session s ON s.id = p.session_id " PARTICIPANT_GOOD ") w "
	    "ON w.session_id = r.session_id WHERE r.id = ? AND r.version = ? "
	    "AND r.state = 'open' AND r.revealed = 0 AND (r.closes_at IS NULL "
	    "OR r.closes_at > UTC_TIMESTAMP(6)) LOCK IN SHARE MODE "
	    "ON DUPLICATE KEY UPDATE response.id = LAST_INSERT_ID(response.id), "
	    "response.participant_id = IF(w.allow_change, "
	    "VALUES(participant_id), response.participant_id), "
	    "response.text = IF(w.allow_change, VALUES(text), response.text), "
	    "response.hidden = IF(w.allow_change AND VALUES(pending), 1, "
	    "response.hidden), response.pending = IF(w.allow_change AND "
	    "VALUES(pending), 1, response.pending), "
	    "response.updated_at = IF(w.allow_change, UTC_TIMESTAMP(6), "
	    "response.updated_at)", 0 },
	/*
	 * One row per round and worker slot: no two workers of a host share
	 * one.  Made by a worker's first answer to a round, then bumped.
	 */
	[STMT_TALLY_ADD] = { "INSERT INTO round_tally (round_id, slot, n) "
	    "VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE n = n + 1", 0 },
	[STMT_TALLY_BUMP] = { "UPDATE round_tally SET n = n + 1 WHERE "
	    "round_id = ? AND slot = ?", 0 },
	/* What participants see: open rounds and revealed closed ones. */
	[STMT_ROUNDS_FOR_PARTICIPANT] = { "SELECT " ROUND_COLS " FROM round r "
	    "WHERE r.session_id = ? AND (r.state = 'open' OR (r.state = "
	    "'closed' AND r.revealed = 1)) ORDER BY r.position", 1 },
	[STMT_OPTION_INSERT] = { "INSERT INTO round_option (round_id, "
	    "position, label) VALUES (?, ?, ?)", 0 },
	/* Not the options removed after they had answers (roundedit.c). */
	[STMT_OPTION_LIST] = { "SELECT id, label FROM round_option WHERE "
	    "round_id = ? AND removed = 0 ORDER BY position", 1 },
	[STMT_RESPONSE_FIND] = { "SELECT id FROM response WHERE "
	    "round_id = ? AND responder_key = ?", 1 },
	[STMT_VALUES_DELETE] = { "DELETE FROM response_value WHERE "
	    "response_id = ?", 0 },
	[STMT_VALUE_INSERT] = { "INSERT INTO response_value (response_id, "
	    "option_id, criterion_id, value) VALUES (?, ?, ?, ?)", 0 },
	/*
	 * A response's values in one round trip, whatever their number: a
	 * JSON array of [option, criterion, value] that answer.c writes from
	 * numbers it checked (never text from the request).
	 */
	[STMT_VALUES_INSERT] = { "INSERT INTO response_value (response_id, "
	    "option_id, criterion_id, value) SELECT ?, j.o, j.c, j.v FROM "
	    "JSON_TABLE(?, '$[*]' COLUMNS (o BIGINT UNSIGNED PATH '$[0]', "
	    "c BIGINT UNSIGNED PATH '$[1]', v INT PATH '$[2]')) j", 0 },
	[STMT_RESULTS_VALUES] = { "SELECT v.option_id, v.criterion_id, "
	    "v.value FROM response_value v JOIN response p ON "
	    "p.id = v.response_id WHERE p.round_id = ?", 1 },
	/* Multi-criteria ratings: a round's criteria, in order. */
	[STMT_CRITERION_INSERT] = { "INSERT INTO round_criterion (round_id, "
	    "position, name) VALUES (?, ?, ?)", 0 },
	[STMT_CRITERION_LIST] = { "SELECT id, name FROM round_criterion WHERE "
	    "round_id = ? ORDER BY position", 1 },
	[STMT_RESULTS_COUNT] = { "SELECT COUNT(*) FROM response WHERE "
	    "round_id = ?", 1 },
	/* An open round's texts, with their ids and states (opentext.c). */
	/* hidden: 0 shown, 1 hidden, 2 waiting for approval. */
	[STMT_RESULTS_TEXTS] = { "SELECT id, text, IF(pending, 2, hidden) "
	    "FROM response WHERE round_id = ? AND text IS NOT NULL ORDER BY id",
	    1 },
	/* The word cloud (cloudhide.c): hidden entries by normal form. */
	[STMT_CLOUD_LANG] = { "SELECT r.session_id, r.type, s.language FROM "
	    "round r JOIN session s ON s.id = r.session_id WHERE r.id = ?",
	    1 },
	[STMT_CLOUD_HIDDEN] = { "SELECT entry FROM cloud_hidden WHERE "
	    "round_id = ? ORDER BY entry", 1 },
	[STMT_CLOUD_HIDE] = { "INSERT IGNORE INTO cloud_hidden (round_id, "
	    "entry) VALUES (?, ?)", 0 },
	[STMT_CLOUD_SHOW] = { "DELETE FROM cloud_hidden WHERE round_id = ? "
	    "AND entry = ?", 0 },
	/* In a moderated round an idea waits, hidden (021_moderation.sql). */
	/* named: the asker asked to be named (read with session.named). */
	[STMT_IDEA_INSERT] = { "INSERT INTO idea (round_id, participant_id, "
	    "team_id, text, named, hidden, pending) SELECT r.id, ?, ?, ?, ?, "
	    "r.moderated, r.moderated FROM round r WHERE r.id = ?", 0 },
	/* The wall: ideas not hidden and not merged into another. */
	/* With upvotes: by likes (LIKES), then by time; else -1 likes. */
	/*
	 * The one being answered first, the answered last (ideamark.c);
	 * the asker's name only if they asked to be named in a session
	 * that names people (IDEA_BY).
	 */
	[STMT_IDEA_LIST] = { "SELECT i.id, i.text, c.name, IF(r.upvotes, "
	    LIKES ", -1), i.mark, " IDEA_BY " FROM idea i JOIN round r ON "
	    "r.id = i.round_id " IDEA_BY_JOIN " LEFT "
	    "JOIN cluster c ON c.id = i.cluster_id WHERE i.round_id = ? AND "
	    "i.hidden = 0 AND i.merged_into IS NULL ORDER BY i.mark = 1 DESC, "
	    "i.mark = 2, 4 DESC, i.id", 1 },
	/* Moderation (api_idea.c): every idea, with its state. */
	[STMT_IDEA_ALL] = { "SELECT i.id, i.text, i.hidden, i.cluster_id, "
	    "i.merged_into, IF(r.upvotes, " LIKES ", -1), i.pending, i.mark, "
	    IDEA_BY " FROM idea i JOIN round r ON r.id = i.round_id "
	    IDEA_BY_JOIN " WHERE i.round_id = ? ORDER BY i.mark = 1 DESC, "
	    "i.mark = 2, 6 DESC, i.id", 1 },
	[STMT_IDEA_SET_TEXT] = { "UPDATE idea SET text = ? WHERE id = ? AND "
	    "round_id = ?", 0 },
	/* Shown: approved; hidden: rejected.  Either way it waits no more. */
	[STMT_IDEA_SET_HIDDEN] = { "UPDATE idea SET hidden = ?, pending = 0 "
	    "WHERE id = ? AND round_id = ?", 0 },
	[STMT_IDEA_SET_CLUSTER] = { "UPDATE idea SET cluster_id = ? WHERE "
	    "id = ? AND round_id = ?", 0 },
	[STMT_IDEA_MERGE] = { "UPDATE idea SET merged_into = ?, hidden = 1 "
	    "WHERE id = ? AND round_id = ? AND id <> ?", 0 },
	[STMT_IDEA_EXISTS] = { "SELECT id FROM idea WHERE id = ? AND "
	    "round_id = ? AND merged_into IS NULL", 1 },
	[STMT_CLUSTER_INSERT] = { "INSERT INTO cluster (round_id, name) "
	    "VALUES (?, ?)", 0 },
	[STMT_CLUSTER_RENAME] = { "UPDATE cluster SET name = ? WHERE id = ? "
	    "AND round_id = ?", 0 },
	[STMT_CLUSTER_DELETE] = { "DELETE FROM cluster WHERE id = ? AND "
	    "round_id = ?", 0 },
	[STMT_CLUSTER_EXISTS] = { "SELECT id FROM cluster WHERE id = ? AND "
	    "round_id = ?", 1 },
	[STMT_CLUSTER_MOVE] = { "UPDATE idea SET cluster_id = ? WHERE "
	    "cluster_id = ? AND round_id = ?", 0 },
	[STMT_CLUSTER_LIST] = { "SELECT c.id, c.name, (SELECT COUNT(*) FROM "
	    "idea i WHERE i.cluster_id = c.id AND i.hidden = 0 AND "
	    "i.merged_into IS NULL) FROM cluster c WHERE c.round_id = ? "
	    "ORDER BY c.id", 1 },
	/* In team mode: each table's answer, for results per team. */
	[STMT_RESULTS_BY_TEAM] = { "SELECT t.name, v.option_id, "
	    "v.criterion_id, v.value FROM response p JOIN team t ON "
	    "t.id = p.team_id JOIN response_value v ON v.response_id = p.id "
	    "WHERE p.round_id = ? ORDER BY t.position, v.option_id, "
	    "v.criterion_id", 1 },
	/* Templates (api_template.c): built-in ones have no account. */
	[STMT_SESSION_LANG] = { "SELECT language FROM session WHERE id = ? "
	    "AND " MAY_RUN("session"), 1 },
	[STMT_TEMPLATE_INSERT] = { "INSERT INTO template (account_id, name, "
	    "language, agenda) VALUES (?, ?, ?, ?)", 0 },
	[STMT_TEMPLATE_LIST] = { "SELECT id, name, language, account_id IS "
	    "NULL FROM template WHERE account_id IS NULL OR account_id = ? "
	    "ORDER BY account_id IS NULL DESC, language, name", 1 },
	[STMT_TEMPLATE_GET] = { "SELECT name, language, agenda FROM template "
	    "WHERE id = ? AND (account_id IS NULL OR account_id = ?)", 1 },
	[STMT_TEMPLATE_DELETE] = { "DELETE FROM template WHERE id = ? AND "
	    "account_id = ?", 0 },
	/* Options from a brainstorm: its visible ideas, or its clusters. */
	/* What feeds a round (feed.c): ideas or clusters, with their ids. */
	[STMT_IDEAS_AS_OPTIONS] = { "SELECT id, text FROM idea WHERE "
	    "round_id = ? AND hidden = 0 AND merged_into IS NULL ORDER BY id "
	    "LIMIT 100", 1 },
	[STMT_CLUSTERS_AS_OPTIONS] = { "SELECT id, name FROM cluster WHERE "
	    "round_id = ? ORDER BY id LIMIT 100", 1 },
	[STMT_FEED_SOURCE] = { "SELECT type FROM round WHERE id = ? AND "
	    "session_id = ?", 1 },
	[STMT_FEED_SET] = { "UPDATE round SET feed_round = ?, feed_use = ? "
	    "WHERE id = ?", 0 },
	[STMT_FEED_LOCK] = { "SELECT r.feed_round, r.feed_use, r.type, "
	    "r.state, r.min_picks, r.max_picks, r.top_n, (SELECT COUNT(*) FROM "
	    "response x WHERE x.round_id = r.id), (SELECT f.position FROM round "
	    "f WHERE f.id = r.feed_round) FROM round r WHERE r.id = ? AND "
	    "r.session_id = ? FOR UPDATE", 0 },
	[STMT_FEED_OPTION_INSERT] = { "INSERT INTO round_option (round_id, "
	    "position, label, source_idea, source_cluster) VALUES (?, ?, ?, ?, "
	    "?)", 0 },
	[STMT_FEED_OPTIONS_CLEAR] = { "DELETE FROM round_option WHERE "
	    "round_id = ?", 0 },
	[STMT_FEED_PICKS] = { "UPDATE round SET min_picks = ?, max_picks = ?, "
	    "top_n = ? WHERE id = ?", 0 },
	[STMT_OPTION_SOURCES] = { "SELECT id, source_idea, source_cluster "
	    "FROM round_option WHERE round_id = ? AND (source_idea IS NOT NULL "
	    "OR source_cluster IS NOT NULL) ORDER BY position", 1 },
	/* A new round right after another: the ones after it move down. */
	[STMT_ROUND_POSITION] = { "SELECT position FROM round WHERE id = ? "
	    "AND session_id = ?", 0 },
	[STMT_ROUND_MAKE_ROOM] = { "UPDATE round SET position = position + 1 "
	    "WHERE session_id = ? AND position > ?", 0 },

	/*
	 * Reordering the agenda (api_round.c): a round swaps places with
	 * its neighbour, both rows locked in one transaction.
	 */
	[STMT_ROUND_POS_LOCK] = { "SELECT r.position FROM round r JOIN session s "
	    "ON s.id = r.session_id WHERE r.id = ? AND r.session_id = ? AND "
	    MAY_RUN("s") " FOR UPDATE", 0 },
	[STMT_ROUND_ABOVE] = { "SELECT id, position FROM round WHERE "
	    "session_id = ? AND position < ? ORDER BY position DESC LIMIT 1 "
	    "FOR UPDATE", 0 },
	[STMT_ROUND_BELOW] = { "SELECT id, position FROM round WHERE "
	    "session_id = ? AND position > ? ORDER BY position LIMIT 1 "
	    "FOR UPDATE", 0 },
	[STMT_ROUND_SET_POS] = { "UPDATE round SET position = ? WHERE id = ? "
	    "AND session_id = ?", 0 },
	/*
	 * Presenter mode (step.c, projector.c).  The step and the timer are
	 * the session's; the facilitator's statements name the account.
	 */
	[STMT_ROUND_SET_PROJECTOR] = { "UPDATE round SET projector_results = "
	    "?, version = version + 1 WHERE id = ? AND session_id = ?", 0 },
	/* The remaining time by the database's clock, at this read. */
	[STMT_STEP_GET] = { "SELECT step_kind, step_round, step_view, "
	    "IF(timer_ends_at IS NULL, NULL, timer_round), GREATEST(0, "
	    "TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), timer_ends_at) DIV "
	    "1000), timer_close, teams_on FROM session WHERE id = ?", 1 },
	[STMT_STEP_SET] = { "UPDATE session SET step_kind = ?, "
	    "step_round = ?, step_view = ?, version = version + 1 "
	    "WHERE id = ? AND " MAY_RUN("session") " AND state = 'running'",
	    0 },
	[STMT_TIMER_SET] = { "UPDATE session SET timer_round = ?, "
	    "timer_ends_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND, "
	    "timer_close = ?, version = version + 1 WHERE id = ? AND "
	    MAY_RUN("session") " AND state = 'running'", 0 },
	[STMT_TIMER_ADD] = { "UPDATE session SET timer_ends_at = "
	    "GREATEST(timer_ends_at, UTC_TIMESTAMP(6)) + INTERVAL ? SECOND, "
	    "version = version + 1 WHERE id = ? AND " MAY_RUN("session")
	    " AND state = 'running' AND timer_ends_at IS NOT NULL", 0 },
	[STMT_TIMER_CLEAR] = { "UPDATE session SET timer_round = NULL, "
	    "timer_ends_at = NULL, timer_close = 0, version = version + 1 "
	    "WHERE id = ? AND " MAY_RUN("session"), 0 },
	/*
	 * The deadline an answer reads with its round (ROUND_COLS): the
	 * timer's end on the timer's round when it closes it, else none.
	 */
	[STMT_ROUND_SET_CLOSES] = { "UPDATE round r JOIN session s ON "
	    "s.id = r.session_id SET r.closes_at = IF(s.timer_close = 1 AND "
	    "s.timer_round = r.id, s.timer_ends_at, NULL) WHERE "
	    "r.session_id = ?", 0 },
	[STMT_TIMER_CLOSE_DUE] = { "UPDATE round SET state = 'closed', "
	    "closes_at = NULL, version = version + 1 WHERE session_id = ? AND "
	    "state = 'open' AND closes_at <= UTC_TIMESTAMP(6)", 0 },
	/* The session's version, and its rounds' versions with answers. */
	[STMT_LIVE_TAG] = { "SELECT s.version, (SELECT COALESCE(SUM(r.version), "
	    "0) + COALESCE((SELECT SUM(t.n) FROM round_tally t JOIN round r2 "
	    "ON r2.id = t.round_id WHERE r2.session_id = s.id), 0) FROM round r "
	    "WHERE r.session_id = s.id) FROM session s WHERE s.id = ? AND "
	    MAY_SEE("s"), 1 },
	[STMT_ROUND_ANSWERED] = { "SELECT r.id, r.position, r.state, "
	    "r.revealed, r.projector_results, " ANSWERED " FROM round r "
	    "WHERE r.session_id = ? ORDER BY r.position", 1 },
	[STMT_ROUND_ANSWERED_ONE] = { "SELECT r.id, r.position, r.state, "
	    "r.revealed, r.projector_results, " ANSWERED " FROM round r "
	    "WHERE r.id = ? AND r.session_id = ?", 1 },
	[STMT_TEAMS_WAITING] = { "SELECT t.name FROM team t WHERE "
	    "t.session_id = ? AND NOT EXISTS (SELECT 1 FROM response q WHERE "
	    "q.round_id = ? AND q.team_id = t.id) AND NOT EXISTS (SELECT 1 "
	    "FROM idea i WHERE i.round_id = ? AND i.team_id = t.id) "
	    "ORDER BY t.position", 1 },
	[STMT_PROJECTOR_SET] = { "UPDATE session SET projector_token_hash = ?, "
	    "room_token = ? WHERE id = ? AND " MAY_RUN("session")
	    " AND state = 'running'", 0 },
	/* What changes the projector: the version, the step round's answers. */
	[STMT_PROJECTOR_FIND] = { "SELECT s.id, s.version, COALESCE((SELECT "
	    "r.version + (SELECT COALESCE(SUM(t.n), 0) FROM round_tally t "
	    "WHERE t.round_id = r.id) FROM round r WHERE r.id = s.step_round "
	    "AND r.session_id = s.id), 0), (SELECT COUNT(*) FROM participant p "
	    "WHERE p.session_id = s.id AND p.run = s.run AND p.removed = 0), "
	    "s.title, s.language, s.join_code FROM session s WHERE "
	    "s.projector_token_hash = ? AND s.state = 'running' AND "
	    "s.started_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND", 1 },
	/*
	 * A token that STMT_PROJECTOR_FIND did not find: is it of a session
	 * that ended (stopped, or past its age)?  Reads nothing else of it.
	 */
	[STMT_PROJECTOR_ENDED] = { "SELECT COUNT(*) FROM session WHERE "
	    "projector_token_hash = ?", 1 },

	/*
	 * The live documents (live.c).  The publisher's look over every
	 * running session, each period: what moves the participants'
	 * document (the version, the token), what moves the room's (the
	 * step round's version and answers, the last to join, its token),
	 * and the milliseconds until a timer closes a round (-1: none).
	 */
	[STMT_LIVE_SCAN] = { "SELECT s.id, s.version, COALESCE((SELECT "
	    "r.version + (SELECT COALESCE(SUM(t.n), 0) FROM round_tally t "
	    "WHERE t.round_id = r.id) FROM round r WHERE r.id = s.step_round "
	    "AND r.session_id = s.id), 0), COALESCE((SELECT MAX(p.id) FROM "
	    "participant p WHERE p.session_id = s.id), 0), s.live_token, "
	    "s.room_token, COALESCE((SELECT GREATEST(0, TIMESTAMPDIFF("
	    "MICROSECOND, UTC_TIMESTAMP(6), MIN(r.closes_at)) DIV 1000) FROM "
	    "round r WHERE r.session_id = s.id AND r.state = 'open' AND "
	    "r.closes_at IS NOT NULL), -1) FROM session s WHERE s.state = "
	    "'running'", 1 },
	[STMT_LIVE_SESSION] = { "SELECT s.title, s.language, s.allow_change, "
	    "s.join_code, (SELECT COUNT(*) FROM participant p WHERE "
	    "p.session_id = s.id AND p.run = s.run AND p.removed = 0) FROM "
	    "session s WHERE s.id = ? AND s.state = 'running'", 1 },
	/*
	 * In the transaction of a change that ends a session or retires a
	 * token: the row is locked, so the tokens read are the ones the
	 * commit retires (live_end()).
	 */
	[STMT_LIVE_LOCK] = { "SELECT id, live_token, room_token FROM session "
	    "WHERE id = ? AND state = 'running' FOR UPDATE", 0 },
	[STMT_LIVE_LOCK_ACCOUNT] = { "SELECT id, live_token, room_token FROM "
	    "session WHERE account_id = ? AND state = 'running' FOR UPDATE", 0 },
	[STMT_LIVE_RENEW] = { "UPDATE session SET live_token = ?, version = "
	    "version + 1 WHERE id = ? AND state = 'running'", 0 },
	[STMT_DB_TABLES] = { "SELECT COUNT(*) FROM information_schema.TABLES "
	    "WHERE TABLE_SCHEMA = DATABASE()", 0 },
	/* With the default role active this lists the role's grants too. */
	[STMT_SHOW_GRANTS] = { "SHOW GRANTS", 0 },
	[STMT_SERVER_VARS] = { "SELECT @@GLOBAL.local_infile, "
	    "@@GLOBAL.innodb_flush_log_at_trx_commit, "
	    "@@GLOBAL.skip_networking, @@GLOBAL.require_secure_transport, "
	    "@@GLOBAL.innodb_encrypt_tables, (SELECT PLUGIN_STATUS FROM "
	    "information_schema.PLUGINS WHERE PLUGIN_NAME = "
	    "'FILE_KEY_MANAGEMENT')", 0 },
	/*
	 * The idea wall and open answers (opentext.c, wall.c).  An open
	 * answer is a response with a text; the facilitator hides it from
	 * the room.  A participant edits or deletes only the ideas they
	 * wrote themselves (not a teammate's), and not one merged away.
	 */
	[STMT_TEXT_EXISTS] = { "SELECT id FROM response WHERE id = ? AND "
	    "round_id = ? AND text IS NOT NULL", 1 },
	[STMT_TEXT_SET_HIDDEN] = { "UPDATE response SET hidden = ?, "
	    "pending = 0 WHERE id = ? AND round_id = ?", 0 },
	[STMT_IDEA_OWN] = { "SELECT id FROM idea WHERE id = ? AND "
	    "round_id = ? AND participant_id = ? AND merged_into IS NULL", 1 },
	[STMT_IDEA_OWN_SET_TEXT] = { "UPDATE idea SET text = ? WHERE id = ? "
	    "AND round_id = ? AND participant_id = ? AND merged_into IS NULL",
	    0 },
	[STMT_IDEA_OWN_DELETE] = { "DELETE FROM idea WHERE id = ? AND "
	    "round_id = ? AND participant_id = ? AND merged_into IS NULL", 0 },
	/* What was merged into a deleted idea stays hidden, merged no more. */
	[STMT_IDEA_UNMERGE] = { "UPDATE idea SET merged_into = NULL WHERE "
	    "merged_into = ? AND round_id = ?", 0 },
	/* hidden: 2 while it waits for approval (a moderated round). */
	[STMT_IDEAS_MINE] = { "SELECT id, text, IF(pending, 2, hidden) FROM "
	    "idea WHERE round_id = ? AND participant_id = ? AND merged_into "
	    "IS NULL "
	    "ORDER BY id", 1 },
	/*
	 * Likes (wall.c): one per participant per idea (the key); a like
	 * of an idea merged into another counts for that one, and so does
	 * taking it back there.  LIKES counts the participants.
	 */
	[STMT_IDEA_ON_WALL] = { "SELECT id FROM idea WHERE id = ? AND "
	    "round_id = ? AND hidden = 0 AND merged_into IS NULL", 1 },
	[STMT_LIKE_ADD] = { "INSERT IGNORE INTO idea_like (idea_id, "
	    "participant_id) VALUES (?, ?)", 0 },
	[STMT_LIKE_DELETE] = { "DELETE l FROM idea_like l JOIN idea i ON "
	    "i.id = l.idea_id WHERE l.participant_id = ? AND i.round_id = ? "
	    "AND (i.id = ? OR i.merged_into = ?)", 0 },
	[STMT_LIKES_MINE] = { "SELECT DISTINCT COALESCE(i.merged_into, i.id) "
	    "FROM idea_like l JOIN idea i ON i.id = l.idea_id WHERE "
	    "l.participant_id = ? AND i.round_id = ? ORDER BY 1", 1 },
	[STMT_IDEA_REMERGE] = { "UPDATE idea SET merged_into = ? WHERE "
	    "merged_into = ? AND round_id = ?", 0 },

	/*
	 * Editing a round (roundedit.c).  The lock is exclusive, so no
	 * answer (which reads the round in share mode) lands between the
	 * check of "has it answers?" and the change.  An option removed
	 * after it had answers is marked removed, so its answers stay in
	 * responses.csv; STMT_OPTION_LIST leaves it out of everything else.
	 */
	[STMT_EDIT_LOCK] = { "SELECT r.state, (SELECT COUNT(*) FROM response "
	    "x WHERE x.round_id = r.id) FROM round r WHERE r.id = ? AND "
	    "r.session_id = ? FOR UPDATE", 0 },
	[STMT_EDIT_ROUND] = { "UPDATE round SET title = ?, min_picks = ?, "
	    "max_picks = ?, scale_max = ?, no_opinion = ?, top_n = ?, "
	    "budget = ?, max_per_option = ?, max_length = ?, open_wall = ?, "
	    "label_low = ?, label_high = ?, participants_cluster = ?, "
	    "projector_results = ?, session_wide = ?, time_limit = ?, "
	    "speed_bonus = ?, version = version + 1 WHERE id = ?", 0 },
	[STMT_EDIT_OPTION_ANSWERS] = { "SELECT COUNT(*) FROM response_value "
	    "WHERE option_id = ?", 0 },
	[STMT_EDIT_OPTION_SET] = { "UPDATE round_option SET label = ?, "
	    "position = ? WHERE id = ? AND round_id = ?", 0 },
	[STMT_EDIT_OPTION_HIDE] = { "UPDATE round_option SET removed = 1 "
	    "WHERE id = ? AND round_id = ?", 0 },
	[STMT_EDIT_OPTION_DELETE] = { "DELETE FROM round_option WHERE id = ? "
	    "AND round_id = ?", 0 },
	[STMT_EDIT_CRITERION_SET] = { "UPDATE round_criterion SET name = ?, "
	    "position = ? WHERE id = ? AND round_id = ?", 0 },
	[STMT_EDIT_CRITERION_DELETE] = { "DELETE FROM round_criterion WHERE "
	    "id = ? AND round_id = ?", 0 },
	/* Before a round opens: are its options still placeholders? */
	[STMT_OPEN_LABELS] = { "SELECT o.label FROM round_option o JOIN round "
	    "r ON r.id = o.round_id WHERE o.round_id = ? AND r.session_id = ? "
	    "AND o.removed = 0 ORDER BY o.position", 1 },
	/* A template's fed round names its brainstorm by place (feed.c). */
	[STMT_ROUND_AT] = { "SELECT id FROM round WHERE session_id = ? AND "
	    "position = ?", 1 },
};
