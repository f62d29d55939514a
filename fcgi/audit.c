/* SPDX-License-Identifier: ISC */
/*
 * audit.c: the audit trail (P9, P12).  Every security-relevant event becomes
 * one row of audit_event: time (UTC), account, actor, address, request
 * id, action, target and outcome.  Never a secret: the callers pass fixed
 * action words and ids.  The application's database account may only
 * INSERT and SELECT this table (sql/002_accounts.sql).
 *
 * The rows form a hash chain: each carries a sequence number, the hash
 * of the row before it, and its own hash, SHA-256 over the canonical text
 * of the row (audit_canonical()).  A writer locks the chain's head row
 * (audit_head), so the chain has one order whatever the number of
 * workers and hosts.  A row changed, removed or inserted by anyone,
 * a database administrator included, breaks the chain where it happened:
 * audit_verify() names the first such row.  (Rewriting the whole chain
 * from that row on stays possible for someone with full access to the
 * database; operators keep the head hash that verify prints elsewhere,
 * and compare.)
 *
 * A failure to write the trail is logged; the request it describes has
 * already happened and is not undone by it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* The fields of one row, as text; NULL for SQL NULL. */
struct auditrow {
	long long	 seq;
	const char	*at;
	size_t		 atlen;
	const char	*f[7];	/* account .. outcome */
	size_t		 flen[7];
	const char	*prev;	/* 64 hex */
	const char	*hash;	/* 64 hex, as stored */
};

/* The names of the export's columns, in AUDIT_COLS order (db.c). */
static const char *const auditcols[] = { "seq", "at", "account_id",
	"actor", "address", "request_id", "action", "target", "outcome",
	"prev_hash", "hash" };

static int
canon_field(struct buf *b, const char *s, size_t len)
{
	if (s == NULL)
		return buf_append(b, "-\n", 2);
	return buf_appendf(b, "%zu:", len) == -1 ||
	    buf_append(b, s, len) == -1 || buf_append(b, "\n", 1) == -1 ?
	    -1 : 0;
}

/*
 * The canonical text of a row and its SHA-256 as hex in out.  The
 * migration sql/009_admin_billing.sql writes the same text for the rows
 * that existed before the chain.  Returns 0, or -1 on memory.
 */
static int
audit_canonical(const struct auditrow *a, char out[65])
{
	struct buf	 b;
	unsigned char	 h[32];
	size_t		 i;
	int		 rc = -1;

	buf_init(&b, 4096);
	if (buf_appendf(&b, "pf-audit-1\n%lld\n", a->seq) == -1 ||
	    buf_append(&b, a->at, a->atlen) == -1 ||
	    buf_append(&b, "\n", 1) == -1)
		goto out;
	for (i = 0; i < 7; i++)
		if (canon_field(&b, a->f[i], a->flen[i]) == -1)
			goto out;
	if (buf_append(&b, a->prev, 64) == -1)
		goto out;
	sha256(b.data, b.len, h);
	hex_encode(h, sizeof(h), out);
	rc = 0;
out:
	buf_release(&b);
	return rc;
}

struct head {
	long long	 seq;
	char		 hash[65];
};

static int
head_row(void *arg, const struct dbcol *c, size_t n)
{
	struct head	*h = arg;

	if (n < 2 || c[1].len != 64 ||
	    parse_int(c[0].s, c[0].len, 0, INT64_MAX, &h->seq) == -1)
		return -1;
	memcpy(h->hash, c[1].s, 64);
	h->hash[64] = '\0';
	return 0;
}

/* Now, UTC, as the database stores DATETIME(6) and prints it back. */
static void
audit_now(char *at, size_t sz)
{
	struct timespec	 ts;
	struct tm	 tm;
	char		 sec[20];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(sec, sizeof(sec), "%Y-%m-%d %H:%M:%S", &tm);
	xsnprintf(at, sz, "%.19s.%06d", sec, (int)(ts.tv_nsec / 1000 % 1000000));
}

static struct dbparam
opt(const char *s)
{
	return s != NULL ? (struct dbparam)DBP_STR(s) :
	    (struct dbparam)DBP_NULL;
}

/* Adds one row to the chain, inside the caller's transaction. */
static int
audit_append(struct db *db, struct auditrow *a)
{
	struct dbparam	 p[11];
	struct head	 h;
	char		 hash[65];
	size_t		 i;

	if (db_exec(db, STMT_AUDIT_HEAD_LOCK, NULL, 0, head_row, &h) != 1)
		return -1;
	a->seq = h.seq + 1;
	a->prev = h.hash;
	if (audit_canonical(a, hash) == -1)
		return -1;
	p[0] = (struct dbparam)DBP_INT(a->seq);
	p[1] = (struct dbparam)DBP_STR(a->at);
	for (i = 0; i < 7; i++)
		p[2 + i] = opt(a->f[i]);
	p[9] = (struct dbparam)DBP_STR(h.hash);
	p[10] = (struct dbparam)DBP_STR(hash);
	if (db_exec(db, STMT_AUDIT_INSERT, p, 11, NULL, NULL) != 1)
		return -1;
	p[0] = (struct dbparam)DBP_INT(a->seq);
	p[1] = (struct dbparam)DBP_STR(hash);
	return db_exec(db, STMT_AUDIT_HEAD_SET, p, 2, NULL, NULL) == 1 ? 0 : -1;
}

static void
audit_write(struct db *db, long long account, const char *actor,
    const char *address, const char *rid, const char *action,
    const char *target, const char *outcome)
{
	struct auditrow	 a;
	char		 at[40], acct[24];
	size_t		 i;
	int		 tries, ok = 0;

	memset(&a, 0, sizeof(a));
	audit_now(at, sizeof(at));
	a.at = at;
	a.atlen = strlen(at);
	xsnprintf(acct, sizeof(acct), "%lld", account);
	a.f[0] = account > 0 ? acct : NULL;
	a.f[1] = actor;
	a.f[2] = address;
	a.f[3] = rid != NULL && *rid != '\0' ? rid : NULL;
	a.f[4] = action;
	a.f[5] = target;
	a.f[6] = outcome;
	for (i = 0; i < 7; i++)
		a.flen[i] = a.f[i] != NULL ? strlen(a.f[i]) : 0;

	/*
	 * Inside the caller's transaction the row commits (or not) with
	 * the work it describes.  Alone, it is its own transaction, tried
	 * again once if the head's lock timed out or deadlocked.
	 */
	if (db_in_transaction(db)) {
		ok = audit_append(db, &a) == 0;
	} else {
		for (tries = 0; tries < 2 && !ok; tries++) {
			if (db_begin(db) != 0)
				break;
			if (audit_append(db, &a) == 0 && db_commit(db) == 0)
				ok = 1;
			else
				db_rollback(db);
		}
	}
	if (!ok)
		log_warnx("rid=%s audit event %s for account %lld not written",
		    rid != NULL ? rid : "-", action, account);
}

/*
 * Records an event of a request: action about account (0: none known),
 * with an optional target and the outcome ("ok", "failed", "refused").
 */
void
audit(struct request *r, const char *action, long long account,
    const char *target, const char *outcome)
{
	char	 actor[32];

	if (r->auth.account_id > 0)
		xsnprintf(actor, sizeof(actor), "account:%lld",
		    r->auth.account_id);
	else if (r->part.id > 0)
		xsnprintf(actor, sizeof(actor), "participant:%lld",
		    r->part.id);
	else
		xsnprintf(actor, sizeof(actor), "anonymous");
	audit_write(r->db, account, actor, r->remote_addr, r->id, action,
	    target, outcome);
}

/* Records an event of primoforumctl (the operator on the host). */
void
audit_ctl(struct db *db, const char *action, long long account,
    const char *target, const char *outcome)
{
	audit_write(db, account, "operator", NULL, NULL, action, target,
	    outcome);
}

/* Records an event the program does by itself (an automatic stop). */
void
audit_system(struct db *db, const char *action, long long account,
    const char *target, const char *outcome)
{
	audit_write(db, account, "system", NULL, NULL, action, target,
	    outcome);
}

/* Reads a row of AUDIT_COLS; the pointers are valid in the callback. */
static int
audit_row_read(const struct dbcol *c, size_t n, struct auditrow *a)
{
	size_t	 i;

	if (n < 11 || parse_int(c[0].s, c[0].len, 1, INT64_MAX, &a->seq) ==
	    -1 || c[9].len != 64 || c[10].len != 64)
		return -1;
	a->at = c[1].s;
	a->atlen = c[1].len;
	for (i = 0; i < 7; i++) {
		a->f[i] = c[2 + i].null ? NULL : c[2 + i].s;
		a->flen[i] = c[2 + i].len;
	}
	a->prev = c[9].s;
	a->hash = c[10].s;
	return 0;
}

struct verify {
	long long	 last;		/* seq of the last row read */
	char		 prev[65];	/* its hash, as computed */
	long long	 rows;
	long long	 broken;	/* first broken seq, or 0 */
	const char	*why;
	char		 anchor[128];	/* the purge event the start needs */
	int		 anchored;	/* that event was found in the chain */
};

/* The target of a purge event: where the remaining chain starts. */
static void
purge_target(char *buf, size_t sz, long long seq, const char *hash)
{
	xsnprintf(buf, sz, "through seq:%lld hash:%.64s", seq, hash);
}

static int
verify_row(void *arg, const struct dbcol *c, size_t n)
{
	struct verify	*v = arg;
	struct auditrow	 a;
	char		 hash[65];

	if (v->broken)
		return 0;
	if (audit_row_read(c, n, &a) == -1) {
		v->broken = v->last + 1;
		v->why = "the row cannot be read";
		return 0;
	}
	v->rows++;
	/*
	 * The first row: after a purge the chain starts past 1, at the row
	 * whose previous hash a purge event (further on) names.
	 */
	if (v->rows == 1 && a.seq > 1) {
		v->last = a.seq - 1;
		memcpy(v->prev, a.prev, 64);
		purge_target(v->anchor, sizeof(v->anchor), a.seq - 1, a.prev);
	}
	if (v->anchor[0] != '\0' && a.f[4] != NULL &&
	    a.flen[4] == strlen("audit_purged") &&
	    memcmp(a.f[4], "audit_purged", a.flen[4]) == 0 && a.f[5] != NULL &&
	    a.flen[5] == strlen(v->anchor) &&
	    memcmp(a.f[5], v->anchor, a.flen[5]) == 0)
		v->anchored = 1;
	if (a.seq != v->last + 1) {
		v->broken = v->last + 1;
		v->why = "the row is missing";
	} else if (memcmp(a.prev, v->prev, 64) != 0) {
		v->broken = a.seq;
		v->why = "its previous hash is not the hash of the row before";
	} else if (audit_canonical(&a, hash) == -1 ||
	    memcmp(hash, a.hash, 64) != 0) {
		v->broken = a.seq;
		v->why = "its content does not match its hash";
	}
	if (!v->broken)
		memcpy(v->prev, a.hash, 65 - 1);
	v->last = a.seq;
	return 0;
}

/*
 * Checks the whole chain and its head.  Prints the outcome on out.
 * Returns 0 if intact, 1 if broken (the first broken row named), -1 if
 * the database could not be read.
 */
int
audit_verify(struct db *db, FILE *out)
{
	struct verify	 v;
	struct dbparam	 p[1];
	struct head	 h;
	long long	 before;

	memset(&v, 0, sizeof(v));
	memset(v.prev, '0', 64);
	do {
		before = v.rows;
		p[0] = (struct dbparam)DBP_INT(v.last);
		if (db_exec(db, STMT_AUDIT_CHAIN, p, 1, verify_row, &v) < 0)
			return -1;
	} while (v.rows > before && !v.broken);
	if (v.broken) {
		fprintf(out, "audit chain BROKEN at seq %lld: %s\n",
		    v.broken, v.why);
		return 1;
	}
	if (db_exec(db, STMT_AUDIT_HEAD_GET, NULL, 0, head_row, &h) != 1)
		return -1;
	if (h.seq != v.last || memcmp(h.hash, v.prev, 64) != 0) {
		fprintf(out, "audit chain BROKEN at seq %lld: rows after it "
		    "are missing (the head is at seq %lld)\n", v.last + 1,
		    h.seq);
		return 1;
	}
	if (v.anchor[0] != '\0' && !v.anchored) {
		fprintf(out, "audit chain BROKEN at seq %lld: the rows before "
		    "it were removed, and no purge event records it\n",
		    v.last - v.rows + 1);
		return 1;
	}
	fprintf(out, "audit chain intact: %lld rows, head seq %lld hash %s\n",
	    v.rows, h.seq, h.hash);
	return 0;
}

/* Export: one row as CSV or as a JSON object (jw), in AUDIT_COLS order. */
struct export {
	struct jw	*jw;	/* JSON, or NULL */
	struct buf	*csv;	/* CSV, or NULL */
	long long	 last;
	long long	 rows;
};

static int
export_row(void *arg, const struct dbcol *c, size_t n)
{
	struct export	*e = arg;
	size_t		 i;
	long long	 seq;

	if (n < 11 || parse_int(c[0].s, c[0].len, 1, INT64_MAX, &seq) == -1)
		return -1;
	e->last = seq;
	e->rows++;
	if (e->jw != NULL) {
		jw_obj(e->jw);
		jw_kint(e->jw, "seq", seq);
		for (i = 1; i < 11; i++) {
			jw_key(e->jw, auditcols[i]);
			if (c[i].null)
				jw_null(e->jw);
			else
				jw_strn(e->jw, c[i].s, c[i].len);
		}
		jw_end(e->jw);
		return 0;
	}
	for (i = 0; i < 11; i++)
		csv_field(e->csv, c[i].null ? "" : c[i].s, c[i].len, i == 0);
	csv_row(e->csv);
	return 0;
}

/*
 * Writes the rows with from <= at < to (UTC, "YYYY-MM-DD[ HH:MM:SS]")
 * as CSV (jw NULL) into csv, or as a JSON array into jw.  At most max
 * rows; returns the number written, or -1 on a database error.
 */
long long
audit_export(struct db *db, const char *from, const char *to, long long max,
    struct jw *jw, struct buf *csv)
{
	struct export	 e;
	struct dbparam	 p[4];
	long long	 before;
	size_t		 i;

	memset(&e, 0, sizeof(e));
	e.jw = jw;
	e.csv = csv;
	if (jw == NULL) {
		csv_begin(csv);
		for (i = 0; i < 11; i++)
			csv_field(csv, auditcols[i], strlen(auditcols[i]),
			    i == 0);
		csv_row(csv);
	}
	do {
		before = e.rows;
		p[0] = (struct dbparam)DBP_STR(from);
		p[1] = (struct dbparam)DBP_STR(to);
		p[2] = (struct dbparam)DBP_INT(e.last);
		p[3] = (struct dbparam)DBP_INT(max - e.rows < 5000 ?
		    max - e.rows : 5000);
		if (db_exec(db, STMT_AUDIT_RANGE, p, 4, export_row, &e) < 0)
			return -1;
	} while (e.rows > before && e.rows < max);
	return e.rows;
}

/*
 * Removes the rows older than days (retention: audit_retention_days), oldest first, and
 * records the purge as an event that names where the chain now starts,
 * so audit_verify() can tell a purge from a removal.  db must be the
 * migrations account's.  Returns the number of rows removed, or -1.
 */
long long
audit_purge(struct db *db, long long days)
{
	struct dbparam	 p[1];
	struct head	 h;
	char		 target[128];
	long long	 n = 0;
	int		 rc;

	p[0] = (struct dbparam)DBP_INT(days);
	if ((rc = db_exec(db, STMT_AUDIT_PURGE_POINT, p, 1, head_row, &h)) < 0)
		return -1;
	if (rc == 0)
		return 0;
	p[0] = (struct dbparam)DBP_INT(h.seq);
	while ((rc = db_exec(db, STMT_AUDIT_PURGE, p, 1, NULL, NULL)) > 0)
		n += rc;
	if (rc < 0)
		return -1;
	purge_target(target, sizeof(target), h.seq, h.hash);
	audit_ctl(db, "audit_purged", 0, target, "ok");
	return n;
}
