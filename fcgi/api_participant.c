/*
 * api_participant.c: participants, who join without an account (P6, P7,
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
#include "db.h"
#include "banned.h"

#define COOKIE		"__Host-pf_part"
#define JOIN_FREE	20	/* failed joins per address before back-off */

struct partrow {
	long long	 id, session, version, allow_change, team_id;
	char		*name, *team, *title, *lang;
};

static void
partrow_release(struct partrow *p)
{
	free(p->name);
	free(p->team);
	free(p->title);
	free(p->lang);
	memset(p, 0, sizeof(*p));
}

static int
part_row(void *arg, const struct dbcol *c, size_t n)
{
	struct partrow	*p = arg;

	if (n != 9 || parse_int(c[0].s, c[0].len, 1, INT64_MAX, &p->id) ||
	    parse_int(c[1].s, c[1].len, 1, INT64_MAX, &p->session) ||
	    parse_int(c[4].s, c[4].len, 0, INT64_MAX, &p->version) ||
	    parse_int(c[7].s, c[7].len, 0, 1, &p->allow_change))
		return -1;
	if (!c[8].null && parse_int(c[8].s, c[8].len, 1, INT64_MAX,
	    &p->team_id) == -1)
		return -1;
	p->name = c[2].null ? NULL : xstrndup(c[2].s, c[2].len);
	p->team = c[3].null ? NULL : xstrndup(c[3].s, c[3].len);
	p->title = xstrndup(c[5].s, c[5].len);
	p->lang = xstrndup(c[6].s, c[6].len);
	return 0;
}

/* The participant's poll: the participant, then their answers. */
struct staterow {
	struct partrow	 p;
	struct mine	*m;
	int		 rows;
};

static int
state_row(void *arg, const struct dbcol *c, size_t n)
{
	struct staterow	*s = arg;

	if (n != 14)
		return -1;
	if (s->rows++ == 0 && part_row(&s->p, c, 9) == -1)
		return -1;
	return c[9].null ? 0 : mine_row(s->m, c + 9, 5);
}

/*
 * Finds the participant of the request's cookie, in a running session;
 * h receives the token's SHA-256.  Returns 1 (row filled), 0 (none: the
 * session ended, or the participant was removed), -1 (database down).
 */
static int
part_find(struct request *r, struct partrow *row, unsigned char h[32])
{
	const struct kv	*ck;
	struct dbparam	 p[2];
	int		 rc;

	memset(row, 0, sizeof(*row));
	ck = kvlist_get(&r->cookies, COOKIE);
	if (ck == NULL || ck->vallen != 64)
		return 0;
	sha256(ck->val, ck->vallen, h);
	p[0] = (struct dbparam)DBP_BLOB(h, 32);
	p[1] = (struct dbparam)DBP_INT(r->cfg->num[CFG_SESSION_MAX_HOURS] *
	    3600);
	rc = db_exec(r->db, STMT_PARTICIPANT_AUTH, p, 2, part_row, row);
	if (rc < 0) {
		partrow_release(row);
		return -1;
	}
	return rc == 1;
}

/* The ids of a participant's writes (STMT_PARTICIPANT_WHO). */
static int
who_row(void *arg, const struct dbcol *c, size_t n)
{
	struct partn	*p = arg;

	if (n != 4 || parse_int(c[0].s, c[0].len, 1, INT64_MAX, &p->id) ||
	    parse_int(c[1].s, c[1].len, 1, INT64_MAX, &p->session_id) ||
	    parse_int(c[3].s, c[3].len, 0, 1, &p->allow_change))
		return -1;
	p->team_id = 0;
	if (!c[2].null && parse_int(c[2].s, c[2].len, 1, INT64_MAX,
	    &p->team_id) == -1)
		return -1;
	return 0;
}

/*
 * For routes of participants: sets r->part, or answers 401 ("the session
 * has ended") or 503.  Returns 1 if the request may go on.
 */
int
participant_authenticate(struct request *r)
{
	const struct kv	*ck;
	unsigned char	 h[32];
	struct dbparam	 p[2];
	int		 rc = 0;

	ck = kvlist_get(&r->cookies, COOKIE);
	if (ck != NULL && ck->vallen == 64) {
		sha256(ck->val, ck->vallen, h);
		p[0] = (struct dbparam)DBP_BLOB(h, sizeof(h));
		p[1] = (struct dbparam)DBP_INT(
		    r->cfg->num[CFG_SESSION_MAX_HOURS] * 3600);
		rc = db_exec(r->db, STMT_PARTICIPANT_WHO, p, 2, who_row,
		    &r->part);
	}
	if (rc < 0) {
		db_unavailable(r);
		return -1;
	}
	if (rc == 0) {
		memset(&r->part, 0, sizeof(r->part));
		resp_error(r, 401, "session_ended", "this session has ended, "
		    "or you are no longer in it");
		return 0;
	}
	return 1;
}

/* Writes what a participant sees of themself and their session. */
static void
part_write(struct jw *w, const struct partrow *p)
{
	jw_key(w, "participant");
	jw_obj(w);
	jw_kint(w, "id", p->id);
	jw_kstr(w, "display_name", p->name);
	jw_kstr(w, "team", p->team);
	jw_end(w);
	jw_key(w, "session");
	jw_obj(w);
	jw_kstr(w, "title", p->title);
	jw_kstr(w, "language", p->lang);
	jw_kstr(w, "state", "running");
	jw_kbool(w, "allow_change", p->allow_change != 0);
	jw_end(w);
}

/*
 * GET /api/participant/state: polled every second or two by every
 * participant.  An unchanged session is a 304 from the poll cache
 * (pollcache.c) without the database; otherwise one query finds the
 * participant, the session's version and the participant's own answers
 * (an unchanged version is still a 304), and the rest of the state is
 * the session's shared part (api_round.c).  The ETag is bound to the
 * token (pollcache_etag()).
 */
int
api_participant_state(struct request *r)
{
	const struct kv		*ck;
	struct staterow		 st;
	struct dbparam		 p[2];
	struct jw		*w;
	unsigned char		 h[32];
	unsigned long long	 gen = 0;
	long long		 sess = 0;
	int			 rc;

	memset(&st, 0, sizeof(st));
	ck = kvlist_get(&r->cookies, COOKIE);
	if (ck == NULL || ck->vallen != 64)
		return resp_error(r, 401, "session_ended", "this session has "
		    "ended, or you are no longer in it");
	sha256(ck->val, ck->vallen, h);
	if (pollcache_unchanged(r->if_none_match, h, &sess)) {
		/* The tag was checked: it is this poll's ETag. */
		snprintf(r->resp.etag, sizeof(r->resp.etag), "%s",
		    r->if_none_match);
		r->resp.status = 304;
		return 304;
	}
	/* Read before the query: a change in between is not kept. */
	if (sess != 0)
		gen = pollcache_snapshot(sess);

	/* One query: the participant, the session, their own answers. */
	st.m = mine_new();
	p[0] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	p[1] = (struct dbparam)DBP_INT(r->cfg->num[CFG_SESSION_MAX_HOURS] *
	    3600);
	if ((rc = db_exec(r->db, STMT_PARTICIPANT_STATE, p, 2, state_row,
	    &st)) < 0) {
		rc = db_unavailable(r);
		goto out;
	}
	if (rc == 0) {
		rc = resp_error(r, 401, "session_ended", "this session has "
		    "ended, or you are no longer in it");
		goto out;
	}
	if (gen != 0 && st.p.session == sess)
		pollcache_store(sess, gen, st.p.version);
	pollcache_etag(r->resp.etag, sizeof(r->resp.etag), h, st.p.session,
	    st.p.id, st.p.version);
	if (etag_matches(r)) {
		rc = 304;
		goto out;
	}
	w = resp_json(r, 200);
	jw_obj(w);
	part_write(w, &st.p);
	if (rounds_for_participant(r, w, st.p.session, st.p.version,
	    st.m) == -1) {
		jw_free(w);
		r->resp.etag[0] = '\0';
		rc = db_unavailable(r);
		goto out;
	}
	jw_kint(w, "version", st.p.version);
	jw_end(w);
	rc = resp_done(r, w);
out:
	mine_free(st.m);
	partrow_release(&st.p);
	return rc;
}

/* The running session of a join code. */
struct bycode {
	long long	 id, run, locked, named, teams_on, maxp, account;
	long long	 planmax;	/* the owner's plan's participants */
	char		*title, *lang;
};

static int
bycode_row(void *arg, const struct dbcol *c, size_t n)
{
	struct bycode	*b = arg;

	if (n != 10 || parse_int(c[0].s, c[0].len, 1, INT64_MAX, &b->id) ||
	    parse_int(c[1].s, c[1].len, 0, INT64_MAX, &b->run) ||
	    parse_int(c[2].s, c[2].len, 0, 1, &b->locked) ||
	    parse_int(c[3].s, c[3].len, 0, 1, &b->named) ||
	    parse_int(c[4].s, c[4].len, 0, 1, &b->teams_on) ||
	    parse_int(c[5].s, c[5].len, 0, INT64_MAX, &b->maxp) ||
	    parse_int(c[6].s, c[6].len, 0, INT64_MAX, &b->planmax) ||
	    parse_int(c[7].s, c[7].len, 1, INT64_MAX, &b->account))
		return -1;
	b->title = xstrndup(c[8].s, c[8].len);
	b->lang = xstrndup(c[9].s, c[9].len);
	return 0;
}

static int
id_row(void *arg, const struct dbcol *c, size_t n)
{
	return n >= 1 && parse_int(c[0].s, c[0].len, 1, INT64_MAX, arg) == 0 ?
	    0 : -1;
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
		snprintf(target, sizeof(target), "failed joins: %lld", f);
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
	struct bycode	 b;
	struct partrow	 me;
	struct throttle	 t;
	struct dbparam	 p[5];
	unsigned char	 akey[32], h[32], mine[32];
	char		 code[JOINCODE_LEN + 1], tok[65], target[48];
	const char	*s, *name, *team;
	size_t		 len, namelen = 0, teamlen = 0;
	long long	 count = 0, limit, team_id = 0, id;
	struct jw	*w;
	int		 rc;

	memset(&b, 0, sizeof(b));
	memset(&me, 0, sizeof(me));
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
	name = field_str(r, "display_name", &namelen);
	team = field_str(r, "team", &teamlen);

	if (db_begin(r->db) != 0)
		return db_unavailable(r);
	p[0] = (struct dbparam)DBP_STR(code);
	p[1] = (struct dbparam)DBP_INT(r->cfg->num[CFG_SESSION_MAX_HOURS] *
	    3600);
	if ((rc = db_exec(r->db, STMT_SESSION_BY_CODE, p, 2, bycode_row,
	    &b)) < 0)
		goto down;
	if (rc == 0) {
		db_rollback(r->db);
		rc = join_refused(r, akey);
		goto out;
	}
	throttle_clear(r->db, "j", akey);

	/* The same browser, the same participant: no second vote. */
	if ((rc = part_find(r, &me, mine)) < 0)
		goto down;
	if (rc == 1 && me.session == b.id) {
		db_rollback(r->db);
		w = resp_json(r, 200);
		jw_obj(w);
		jw_kbool(w, "resumed", 1);
		part_write(w, &me);
		jw_end(w);
		rc = resp_done(r, w);
		goto out;
	}
	if (b.locked) {
		db_rollback(r->db);
		rc = resp_error(r, 403, "locked", "this session is closed to "
		    "new participants; ask the facilitator");
		goto out;
	}
	if (b.named && (name == NULL || namelen == 0)) {
		db_rollback(r->db);
		rc = resp_error(r, 422, "missing_field", "display_name is "
		    "required: this session asks for names");
		goto out;
	}
	if (!b.named)
		name = NULL;	/* anonymous: no name is kept, even if sent */
	if (b.teams_on) {
		if (team == NULL) {
			db_rollback(r->db);
			rc = resp_error(r, 422, "missing_field", "team is "
			    "required: this session works in teams");
			goto out;
		}
		p[0] = (struct dbparam)DBP_INT(b.id);
		p[1] = (struct dbparam)DBP_TEXT(team, teamlen);
		if ((rc = db_exec(r->db, STMT_TEAM_BY_NAME, p, 2, id_row,
		    &team_id)) < 0)
			goto down;
		if (rc == 0) {
			db_rollback(r->db);
			rc = resp_error(r, 422, "invalid_field", "there is no "
			    "team \"%.40s\" in this session", team);
			goto out;
		}
	}
	limit = b.planmax;
	if (b.maxp > 0 && b.maxp < limit)
		limit = b.maxp;
	p[0] = (struct dbparam)DBP_INT(b.id);
	p[1] = (struct dbparam)DBP_INT(b.run);
	if (db_exec(r->db, STMT_PARTICIPANT_COUNT, p, 2, db_row_int,
	    &count) != 1)
		goto down;
	if (count >= limit) {
		db_rollback(r->db);
		snprintf(target, sizeof(target), "session:%lld full", b.id);
		audit(r, "join_refused", b.account, target, "refused");
		rc = resp_error(r, 409, "session_full", "this session is full "
		    "(%lld participants)", limit);
		goto out;
	}
	if (token_new(tok, h) == -1)
		goto down;
	p[2] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	p[3] = name != NULL ? (struct dbparam)DBP_TEXT(name, namelen) :
	    (struct dbparam)DBP_NULL;
	p[4] = team_id > 0 ? (struct dbparam)DBP_INT(team_id) :
	    (struct dbparam)DBP_NULL;
	if (db_exec(r->db, STMT_PARTICIPANT_INSERT, p, 5, NULL, NULL) != 1)
		goto down;
	id = db_last_id(r->db);
	if (db_exec(r->db, STMT_SESSION_BUMP, p, 1, NULL, NULL) != 1 ||
	    db_commit(r->db) != 0)
		goto down;
	free(r->resp.cookie);
	r->resp.cookie = xasprintf(COOKIE "=%s; Path=/; Secure; HttpOnly; "
	    "SameSite=Strict", tok);
	w = resp_json(r, 201);
	jw_obj(w);
	jw_kbool(w, "resumed", 0);
	jw_key(w, "participant");
	jw_obj(w);
	jw_kint(w, "id", id);
	jw_key(w, "display_name");
	if (name != NULL)
		jw_strn(w, name, namelen);
	else
		jw_null(w);
	jw_key(w, "team");
	if (team_id > 0)
		jw_strn(w, team, teamlen);
	else
		jw_null(w);
	jw_end(w);
	jw_key(w, "session");
	jw_obj(w);
	jw_kstr(w, "title", b.title);
	jw_kstr(w, "language", b.lang);
	jw_kstr(w, "state", "running");
	jw_end(w);
	jw_end(w);
	rc = resp_done(r, w);
	goto out;
down:
	db_rollback(r->db);
	rc = db_unavailable(r);
out:
	free(b.title);
	free(b.lang);
	partrow_release(&me);
	return rc;
}
