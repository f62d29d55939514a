/* SPDX-License-Identifier: ISC */
/*
 * api_participant.c: the routes of participants, who join without an account (P6, P7,
 * P8).
 *
 *	POST /api/join			code (+ name, + team): join
 *	GET  /api/participant/state	what the participant's page polls
 *
 * Joining sets the cookie __Host-pf_part (Secure, HttpOnly,
 * SameSite=Strict): a 256-bit random token of which only the SHA-256 is
 * stored.  The same browser joining again with the same code is the same
 * participant (no second vote).  An unknown code, a stopped session's
 * code and a malformed code get one and the same answer; failed joins are
 * counted per address (back-off after 20) and written to the audit trail
 * in aggregate (at 1, 10, 100, ... failures of an address), on top of
 * nginx's limit_req.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

#define COOKIE		"__Host-pf_part"
#define JOIN_FREE	20	/* failed joins per address before back-off */
#define MAXAGE(r)	((r)->cfg->num[CFG_SESSION_MAX_HOURS] * 3600)

/* The SHA-256 of the request's participant token: 1, or 0 for none. */
static int
token_hash(const struct request *r, unsigned char h[32])
{
	const struct kv	*ck;

	ck = kvlist_get(&r->cookies, COOKIE);
	if (ck == NULL || ck->vallen != 64)
		return 0;
	sha256(ck->val, ck->vallen, h);
	return 1;
}

static int
session_ended(struct request *r)
{
	return resp_error(r, 401, "session_ended", "this session has ended, "
	    "or you are no longer in it");
}

/*
 * The 401 of a token that is no longer good (hash h): "removed" when the
 * facilitator removed this participant, else session_ended.
 */
static int
not_in(struct request *r, const unsigned char *h)
{
	if (participant_was_removed(r->db, h) == 1)
		return resp_error(r, 401, "removed", "you were removed from "
		    "this session");
	return session_ended(r);
}

/*
 * For routes of participants: sets r->part, or answers 401 ("the session
 * has ended") or 503.  Returns 1 if the request may go on.
 */
int
participant_authenticate(struct request *r)
{
	unsigned char	 h[32];
	enum outcome	 o = OUT_UNAUTHENTICATED;

	if (token_hash(r, h))
		o = participant_who(r->db, h, MAXAGE(r), &r->part);
	if (o == OUT_DB_DOWN) {
		db_unavailable(r);
		return -1;
	}
	if (o != OUT_OK) {
		memset(&r->part, 0, sizeof(r->part));
		if (o == OUT_UNAUTHENTICATED && token_hash(r, h))
			not_in(r, h);
		else
			session_ended(r);
		return 0;
	}
	return 1;
}

/*
 * Writes "live": the path of the participants' document that nginx
 * serves (null without one), and "server_time_ms", the host's clock, by
 * which the page reads the document's timer.
 */
static void
live_path_write(struct jw *w, const char *tok)
{
	char		 path[LIVE_TOKEN_LEN + 16];

	if (livedir_token_ok(tok) && strfmt(path, sizeof(path),
	    "/live/%s.json", tok) == 0)
		jw_kstr(w, "live", path);
	else
		jw_kstr(w, "live", NULL);
	jw_kint(w, "server_time_ms", wall_ms());
}

/*
 * GET /api/participant/state: what a participant's page asks a worker
 * when it loads, when its live document is gone (a removal renewed the
 * token, or the session ended) and, in team mode, every few seconds for
 * the team's answers; the room's polls go to the live document.  An unchanged session is a 304 from the poll cache
 * (pollcache.c) without the database; otherwise one query finds the
 * participant, the session's version and the participant's own answers
 * (an unchanged version is still a 304), and the rest of the state is
 * the session's shared part (state.c).  The ETag is bound to the token
 * (pollcache_etag()).
 */
int
api_participant_state(struct request *r)
{
	struct participant	 me;
	struct mine		*m;
	struct jw		*w;
	const char		*tag, *end;
	char			 key[32];
	unsigned char		 h[32];
	unsigned long long	 gen = 0;
	long long		 sess = 0;
	enum outcome		 o;
	int			 rc;

	if (!token_hash(r, h))
		return session_ended(r);
	if (pollcache_unchanged(r->if_none_match, h, &sess)) {
		/*
		 * The first tag of If-None-Match was checked: it, and only
		 * it, is this poll's ETag (not the client's list, and our
		 * tags are strong: no W/).  If it did not fit, no tag.
		 */
		tag = r->if_none_match;
		if (strncmp(tag, "W/", 2) == 0)
			tag += 2;
		end = strchr(tag + 1, '"');
		if (end == NULL || strfmt(r->resp.etag, sizeof(r->resp.etag),
		    "%.*s", (int)(end - tag + 1), tag) == -1)
			r->resp.etag[0] = '\0';
		r->resp.status = 304;
		return 304;
	}
	/* Read before the query: a change in between is not kept. */
	if (sess != 0)
		gen = pollcache_snapshot(sess);

	/* One query: the participant, the session, their own answers. */
	m = mine_new();
	if ((o = participant_state(r->db, h, MAXAGE(r), &me, m)) != OUT_OK) {
		rc = o == OUT_DB_DOWN ? db_unavailable(r) : not_in(r, h);
		goto out;
	}
	if (gen != 0 && me.session == sess)
		pollcache_store(sess, gen, me.version);
	pollcache_etag(r->resp.etag, sizeof(r->resp.etag), h, me.session,
	    me.id, me.version);
	if (etag_matches(r)) {
		rc = 304;
		goto out;
	}
	w = resp_json(r, 200);
	jw_obj(w);
	participant_write(w, &me);
	/* The responder as answers key it: the table in team mode. */
	if (me.team_id > 0)
		xsnprintf(key, sizeof(key), "t%lld", me.team_id);
	else
		xsnprintf(key, sizeof(key), "p%lld", me.id);
	if (state_rounds_write(r->db, w, me.session, me.version, m) !=
	    OUT_OK || state_score_write(r->db, w, me.session, me.version,
	    key) != OUT_OK) {
		jw_free(w);
		r->resp.etag[0] = '\0';
		rc = db_unavailable(r);
		goto out;
	}
	jw_kint(w, "version", me.version);
	live_path_write(w, me.live);
	jw_end(w);
	rc = resp_done(r, w);
out:
	mine_free(m);
	participant_release(&me);
	return rc;
}

/*
 * The one answer for every code that does not open a session: unknown,
 * stopped or malformed.  The address's failure is counted, and written
 * to the audit trail at 1, 10, 100, ... failures.
 */
static int
join_refused(struct request *r, const unsigned char *akey)
{
	long long	 f;
	char		 target[48];

	f = throttle_fail(r->db, "j", akey, JOIN_FREE);
	if (f == 1 || f == 10 || f == 100 || f == 1000 || f == 10000) {
		xsnprintf(target, sizeof(target), "failed joins: %lld",
		    f);
		audit(r, "join_refused", 0, target, "refused");
	}
	return resp_error(r, 404, "unknown_code",
	    "no running session has this code; check it and try again");
}

static const struct field join_fields[] = {
	{ "code", FT_STRING, 1, 1, 32 },
	{ "display_name", FT_STRING, 0, 1, 100 },
	{ "team", FT_STRING, 0, 1, 100 },
};

int
api_join(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct joinreq	 q;
	struct joined	 j;
	struct throttle	 t;
	unsigned char	 akey[32], h[32];
	char		 code[JOINCODE_LEN + 1], target[48];
	const char	*s;
	size_t		 len;
	struct jw	*w;
	enum outcome	 o;
	int		 rc;

	if ((rc = fields_check(r, join_fields, 3)) != 0)
		return rc;
	sha256(r->remote_addr != NULL ? r->remote_addr : "-",
	    r->remote_addr != NULL ? strlen(r->remote_addr) : 1, akey);
	if (throttle_get(r->db, "j", akey, &t) == -1)
		return db_unavailable(r);
	if (t.wait > 0)
		return throttle_answer(r, t.wait);
	s = field_str(r, "code", &len);
	if (joincode_parse(s, len, code) == -1)
		return join_refused(r, akey);
	memset(&q, 0, sizeof(q));
	q.code = code;
	q.akey = akey;
	q.hash = token_hash(r, h) ? h : NULL;
	q.maxage = MAXAGE(r);
	q.name = field_str(r, "display_name", &q.namelen);
	q.team = field_str(r, "team", &q.teamlen);
	o = participant_join(r->db, &q, &j, &why);
	if (o == OUT_NOT_FOUND) {
		rc = join_refused(r, akey);
		goto out;
	}
	if (o != OUT_OK) {
		if (j.full) {
			xsnprintf(target, sizeof(target),
			    "session:%lld full", j.session);
			audit(r, "join_refused", j.account, target,
			    "refused");
		}
		rc = resp_outcome(r, o, &why);
		goto out;
	}
	if (j.resumed) {
		w = resp_json(r, 200);
		jw_obj(w);
		jw_kbool(w, "resumed", 1);
		participant_write(w, &j.me);
		jw_end(w);
		rc = resp_done(r, w);
		goto out;
	}
	free(r->resp.cookie);
	r->resp.cookie = xasprintf(COOKIE "=%s; Path=/; Secure; HttpOnly; "
	    "SameSite=Strict", j.token);
	w = resp_json(r, 201);
	jw_obj(w);
	jw_kbool(w, "resumed", 0);
	jw_key(w, "participant");
	jw_obj(w);
	jw_kint(w, "id", j.id);
	jw_key(w, "display_name");
	if (j.named)
		jw_strn(w, q.name, q.namelen);
	else
		jw_null(w);
	jw_key(w, "team");
	if (j.teamed)
		jw_strn(w, q.team, q.teamlen);
	else
		jw_null(w);
	jw_end(w);
	jw_key(w, "session");
	jw_obj(w);
	jw_kstr(w, "title", j.title);
	jw_kstr(w, "language", j.lang);
	jw_kstr(w, "state", "running");
	jw_end(w);
	jw_end(w);
	rc = resp_done(r, w);
out:
	joined_release(&j);
	return rc;
}
