/* SPDX-License-Identifier: ISC */
/*
 * extern.h: the one internal header of primoforum, as httpd.h and tmux.h
 * are.  Structures shared between modules, then every module's public
 * functions grouped under the file that defines them.  Modules that own a
 * library (db.c owns MariaDB, json.c owns yajl, auth.c owns argon2) keep
 * that library's types out of this header so that nothing else can reach
 * it by accident.
 */
#ifndef EXTERN_H
#define EXTERN_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "buf.h"

#define PRINTFLIKE(a, b) __attribute__((format(printf, (a), (b))))
/* A switch case that goes on into the next, for gcc and clang alike. */
#define FALLTHROUGH __attribute__((fallthrough))

/* HTTP methods the router knows; anything else is METHOD_OTHER (405). */
enum method {
	METHOD_GET,
	METHOD_HEAD,
	METHOD_POST,
	METHOD_PUT,
	METHOD_PATCH,
	METHOD_DELETE,
	METHOD_OTHER,
	METHOD__MAX
};

/* One decoded key/value pair of a query string, form or cookie header. */
struct kv {
	char	*key;		/* owned, NUL-terminated */
	char	*val;		/* owned, NUL-terminated (may hold NULs) */
	size_t	 vallen;
};

/* A list of pairs in the order they came. */
struct kvlist {
	struct kv	*kv;	/* owned array of n pairs */
	size_t		 n;
};

/* Limits on what a request may carry; from the config file. */
struct limits {
	size_t	 max_body;	/* bytes; larger bodies get 413 */
	size_t	 json_depth;	/* nesting of arrays and objects */
	size_t	 json_nodes;	/* values in one document */
	size_t	 max_pairs;	/* query, form and cookie pairs */
};

/* Why a parser refused its input; the message is for the client. */
struct perr {
	int	 status;	/* HTTP status: 400, 413 or 415 */
	char	 msg[160];
};

/* The languages primoforum speaks (text.c); a new one is one more. */
enum lang {
	LANG_EN,
	LANG_NL,
	LANG_DE,
	LANG__MAX
};

struct jv;
struct route;
struct db;
struct dbcol;

/*
 * The response a handler builds.  Handlers never write to the FastCGI
 * stream: worker.c sends this after the handler returns, so that headers
 * are set in one place (response.c) and a handler can be unit tested.
 */
struct response {
	int		 status;
	const char	*ctype;		/* static string */
	struct buf	 body;		/* owned */
	unsigned int	 retry_after;	/* seconds, 0 for none */
	char		 allow[64];	/* for 405: "GET, HEAD" */
	const char	*errcode;	/* static; set by resp_error, logged */
	char		*cookie;	/* owned; the login's Set-Cookie value */
	char		*device;	/* owned; the device cookie's */
	char		 etag[96];	/* ETag, or "" */
	const char	*disposition;	/* static, or dispo; Content-Disposition */
	char		 dispo[192];	/* a download's, with its file name */
};

/* The participant of this request (api_participant.c); id 0: none. */
struct partn {
	long long	 id;
	long long	 session_id;
	long long	 team_id;	/* 0: none */
	long long	 allow_change;
};

/* Who is logged in on this request (login.c); account_id 0: nobody. */
struct authn {
	long long	 account_id;
	long long	 login_id;
	char		 csrf[65];
	char		*email;		/* owned */
	char		*display_name;	/* owned */
	char		*role;		/* owned */
	int		 totp_enabled;
};

/*
 * One request, parsed from the FastCGI parameters and body.  It owns all
 * its memory and is released after each request: no request state lives
 * anywhere else.
 */
struct request {
	enum method	 method;
	const char	*method_name;	/* static, or "OTHER" */
	char		*path;		/* owned; normalized DOCUMENT_URI */
	struct kvlist	 query;		/* owned */
	struct kvlist	 cookies;	/* owned */
	const struct kv	*login_ck;	/* in cookies: LOGIN_COOKIE, or NULL */
	const struct kv	*device_ck;	/* in cookies: DEVICE_COOKIE, or NULL */
	char		*ctype;		/* owned; Content-Type, or NULL */
	char		*remote_addr;	/* owned; REMOTE_ADDR from nginx */
	char		*user_agent;	/* owned, or NULL */
	char		*origin;	/* owned; Origin header, or NULL */
	char		*fetch_site;	/* owned; Sec-Fetch-Site, or NULL */
	char		*csrf_header;	/* owned; X-CSRF-Token, or NULL */
	char		*signature;	/* owned; the billing webhook's */
	char		*if_none_match;	/* owned; If-None-Match, or NULL */
	char		*projector;	/* owned; X-Projector-Token, or NULL */
	struct authn	 auth;
	struct partn	 part;
	char		 id[33];	/* request id, nginx's $request_id */
	char		*body;		/* owned; NUL-terminated */
	size_t		 bodylen;
	struct jv	*json;		/* owned; from request_json() */
	const struct route *route;	/* static; NULL if none matched */
	long long	 ids[4];	/* {id} segments of the route */
	size_t		 nids;
	struct db	*db;		/* the worker's connection */
	const struct limits *limits;	/* the worker's */
	const struct config *cfg;	/* the worker's */
	int		 slot;		/* the worker's number, 0 .. workers-1 */
	enum lang	 lang;		/* from Accept-Language: mail, texts */
	struct response	 resp;
	/*
	 * A step the worker runs after the answer is sent (reset.c: what
	 * must not show in the answer's time), and its argument (owned:
	 * freed with the request).
	 */
	void		(*later)(struct request *);
	void		*later_arg;
};

/* config.c */

/* Keys of primoforum.conf; docs/operations.md lists them. */
enum cfg {
	CFG_SOCKET,
	CFG_SOCKET_GROUP,
	CFG_WORKERS,
	CFG_LOG_FILE,
	CFG_PID_FILE,
	CFG_SECRETS_FILE,
	CFG_DB_SOCKET,
	CFG_DB_NAME,
	CFG_DB_USER,
	CFG_DB_MIGRATE_USER,
	CFG_DB_TIMEOUT,
	CFG_MIGRATIONS_DIR,
	CFG_MAX_BODY,
	CFG_JSON_MAX_DEPTH,
	CFG_JSON_MAX_NODES,
	CFG_MAX_PAIRS,
	CFG_SHUTDOWN_TIMEOUT,
	CFG_SITE_ORIGIN,
	CFG_ARGON2_M,
	CFG_ARGON2_T,
	CFG_ARGON2_P,
	CFG_ARGON2_MAX_CONCURRENT,
	CFG_PASSWORD_MIN,
	CFG_PASSWORD_BLOCKLIST,
	CFG_LOGIN_IDLE,
	CFG_LOGIN_ABSOLUTE,
	CFG_SENDMAIL,
	CFG_MAIL_FROM,
	CFG_SESSION_MAX_HOURS,
	CFG_POLL_CACHE_MS,
	CFG_LIVE_DIR,
	CFG_LIVE_PERIOD_MS,
	CFG_AUDIT_RETENTION_DAYS,
	CFG_PURGE_SESSION_DAYS,
	CFG_PURGE_ACCOUNT_MONTHS,
	CFG__MAX
};

/* Keys of the secrets file (mode 0600). */
enum secret {
	SECRET_DB_PASSWORD,
	SECRET_DB_MIGRATE_PASSWORD,
	SECRET_TOTP_KEY,
	SECRET_BILLING_KEY,
	SECRET__MAX
};

struct config {
	char		*str[CFG__MAX];		/* owned; every key's text */
	long long	 num[CFG__MAX];		/* numeric keys, checked */
	char		*secret[SECRET__MAX];	/* owned; wiped on release */
};

void		 config_init(struct config *);
int		 config_parse(struct config *, const char *, size_t,
		    char *, size_t);
int		 config_load(struct config *, const char *, char *, size_t);
int		 config_load_secrets(struct config *, char *, size_t);
struct jw;
void		 config_report(const struct config *, struct jw *);
int		 config_secrets_path(const struct config *, char *, size_t);
char		*file_read(const char *, int, size_t *, char *, size_t);
int		 secrets_parse(struct config *, const char *, size_t,
		    char *, size_t);
const char	*config_name(enum cfg);
void		 config_limits(const struct config *, struct limits *);
void		 config_release(struct config *);

/*
 * ngxconf.c: an nginx configuration as nginx reads it, includes
 * followed, as a list of directives (primoforumctl check)
 */
#define NGXCONF_NONE	((size_t)-1)
struct ngxdir {
	char		**argv;		/* argc (1 or more) words, unquoted;
					 * owned */
	size_t		  argc;
	size_t		  file;		/* its file: an index into file[] */
	size_t		  line;		/* the line of its first word */
	size_t		  parent;	/* its block, or NGXCONF_NONE */
	size_t		  end;		/* a block: the index after its last
					 * directive; otherwise 0 */
};
struct ngxconf {
	struct ngxdir	 *dir;		/* ndir directives in nginx's order;
					 * owned */
	size_t		  ndir;
	size_t		  dirsz;
	char		**file;		/* nfile files read, as nginx names
					 * them; owned */
	size_t		  nfile;
	char		**problem;	/* nproblem texts of what could not be
					 * read, each with its place; owned */
	size_t		  nproblem;
};
void		 ngxconf_init(struct ngxconf *);
int		 ngxconf_load(struct ngxconf *, const char *);
int		 ngxconf_parse(struct ngxconf *, const char *, const char *,
		    size_t);
int		 ngxconf_is(const struct ngxconf *, size_t, const char *);
size_t		 ngxconf_next(const struct ngxconf *, size_t);
size_t		 ngxconf_find(const struct ngxconf *, size_t, const char *);
const char	*ngxconf_where(const struct ngxconf *, size_t, char *,
		    size_t);
void		 ngxconf_release(struct ngxconf *);

/* log.c */
int		 log_open(const char *);
int		 log_reopen(void);
void		 log_close(void);
void		 log_info(const char *, ...) PRINTFLIKE(1, 2);
void		 log_warnx(const char *, ...) PRINTFLIKE(1, 2);
void		 log_warn(const char *, ...) PRINTFLIKE(1, 2);

/* text.c: the server's own words to people, one catalogue a language */
enum text {
	TEXT_RESET_SUBJECT,	/* the password reset mail */
	TEXT_RESET_INTRO,	/* its text before the link */
	TEXT_RESET_OUTRO,	/* and after it */
	TEXT_COPY,		/* added to the title of a duplicate */
	TEXT_INVITE_SUBJECT,	/* the invitation to run a session */
	TEXT_INVITE_INTRO,	/* its text before the session's title */
	TEXT_ROLE_COFACILITATOR,	/* the role it offers */
	TEXT_ROLE_MODERATOR,
	TEXT_INVITE_OUTRO,	/* after the link */
	TEXT__MAX
};
int		 lang_parse(const char *, size_t);
const char	*lang_code(enum lang);
enum lang	 lang_accept(const char *);
const char	*text_get(enum lang, enum text);
int		 text_complete(void);
int		 text_stopword(enum lang, const char *, size_t);
size_t		 text_stopwords(enum lang);

/* util.c */
int		 parse_int(const char *, size_t, long long, long long,
		    long long *);
int		 random_bytes(void *, size_t);
long long	 wall_ms(void);
long long	 mono_ms(void);
int		 shm_mutex_init(pthread_mutex_t *);
void		 hex_encode(const unsigned char *, size_t, char *);
int		 utf8_valid(const char *, size_t);
size_t		 utf8_len(const char *, size_t);
void		 utf8_trim(char *);
int		 msgf(char *, size_t, const char *, ...) PRINTFLIKE(3, 4);
int		 vmsgf(char *, size_t, const char *, va_list)
		    PRINTFLIKE(3, 0);
int		 strfmt(char *, size_t, const char *, ...) PRINTFLIKE(3, 4);
int		 hexdigit(int);

/* xmalloc.c */
void		*xmalloc(size_t);
void		*xcalloc(size_t, size_t);
void		*xreallocarray(void *, size_t, size_t);
char		*xstrdup(const char *);
char		*xstrndup(const char *, size_t);
char		*xasprintf(const char *, ...) PRINTFLIKE(1, 2);
void		 xsnprintf(char *, size_t, const char *, ...) PRINTFLIKE(3, 4);

/* auth.c */
#define AUTH_ENCODED_MAX	192
#define AUTH_OK		1
#define AUTH_BAD	0
#define AUTH_BUSY	(-1)
#define AUTH_ERROR	(-2)
#define AUTH_TAMPERED	(-3)
int		 auth_sem_create(int);
void		 auth_sem_remove(void);
int		 auth_init(const struct config *);
int		 auth_hash(const char *, size_t, char *);
int		 auth_params(const char *, long long *, long long *,
		    long long *);
int		 auth_verify(const char *, const char *, size_t);
int		 auth_dummy_verify(const char *, size_t);
int		 auth_needs_rehash(const char *);
void		 sha256(const void *, size_t, unsigned char[32]);
int		 token_new(char *, unsigned char[32]);
int		 secret_equal(const void *, size_t, const void *, size_t);
void		 base32_encode(const unsigned char *, size_t, char *);
long long	 totp_verify(const unsigned char *, size_t, const char *,
		    long long, time_t);
int		 totp_available(void);
int		 secret_seal(const unsigned char *, size_t, const char *,
		    unsigned char *);
int		 secret_open(const unsigned char *, size_t, const char *,
		    unsigned char *);

/* request.c */
int		 path_normalize(const char *, size_t, char **);
int		 pairs_parse(const char *, size_t, int, size_t,
		    struct kvlist *, struct perr *);
int		 cookies_parse(const char *, size_t, size_t,
		    struct kvlist *, struct perr *);
enum method	 method_parse(const char *, const char **);
const char	*method_name(enum method);
const struct kv	*kvlist_get(const struct kvlist *, const char *);
void		 kvlist_release(struct kvlist *);
void		 request_init(struct request *, struct db *,
		    const struct limits *, const struct config *);
int		 request_json(struct request *);
void		 authn_release(struct authn *);
void		 request_release(struct request *);

/* json.c */
enum jtype {
	JV_NULL,
	JV_BOOL,
	JV_NUMBER,
	JV_STRING,
	JV_ARRAY,
	JV_OBJECT
};
struct jv	*json_parse(const char *, size_t, const struct limits *,
		    struct perr *);
void		 jv_free(struct jv *);
enum jtype	 jv_type(const struct jv *);
const struct jv	*jv_get(const struct jv *, const char *);
size_t		 jv_len(const struct jv *);
const struct jv	*jv_at(const struct jv *, size_t);
const char	*jv_key(const struct jv *, size_t);
const char	*jv_str(const struct jv *, size_t *);
int		 jv_int(const struct jv *, long long *);
const char	*jv_numtext(const struct jv *, size_t *);
int		 jv_bool(const struct jv *);

struct jw;
struct jw	*jw_new(struct buf *);
int		 jw_close(struct jw *);
void		 jw_free(struct jw *);
void		 jw_obj(struct jw *);
void		 jw_arr(struct jw *);
void		 jw_end(struct jw *);
void		 jw_key(struct jw *, const char *);
void		 jw_str(struct jw *, const char *);
void		 jw_strn(struct jw *, const char *, size_t);
void		 jw_int(struct jw *, long long);
void		 jw_bool(struct jw *, int);
void		 jw_null(struct jw *);
void		 jw_raw(struct jw *, const char *, size_t);
void		 jw_kstr(struct jw *, const char *, const char *);
void		 jw_kint(struct jw *, const char *, long long);
void		 jw_kbool(struct jw *, const char *, int);
void		 jw_kfixed(struct jw *, const char *, double);

/*
 * What a domain module tells its caller.  Only handlers turn it into an
 * HTTP status, in one place: resp_outcome() (response.c).
 */
enum outcome {
	OUT_OK,
	OUT_NOT_FOUND,		/* 404: no such thing, or not yours */
	OUT_CONFLICT,		/* 409: its state does not allow it now */
	OUT_INVALID,		/* 422: a value the rules refuse */
	OUT_LIMIT,		/* 402: beyond what the plan allows */
	OUT_DENIED,		/* 403: known, but not for this caller */
	OUT_UNAUTHENTICATED,	/* 401: who are you? */
	OUT_THROTTLED,		/* 429: wait (why.wait seconds) */
	OUT_BUSY,		/* 503: every hashing slot in use */
	OUT_DB_DOWN,		/* 503: the database is not reachable */
	OUT_ENDED,		/* 410: it was there; its session ended */
	OUT_ERROR,		/* 500: a fault of ours, logged */
	OUT__MAX
};

/* Why an outcome is not OUT_OK, in words for the error body. */
struct why {
	const char	*code;		/* static error code; NULL: default */
	char		 msg[256];	/* for people; "": the default */
	long long	 wait;		/* OUT_THROTTLED: seconds */
};

/* why.c */
void		 why_set(struct why *, const char *, const char *, ...)
		    PRINTFLIKE(3, 4);

/* response.c */
int		 resp_outcome(struct request *, enum outcome,
		    const struct why *);
int		 db_unavailable(struct request *);
int		 busy_answer(struct request *);
int		 throttle_answer(struct request *, long long);
int		 etag_matches(struct request *);
int		 resp_error(struct request *, int, const char *,
		    const char *, ...) PRINTFLIKE(4, 5);
struct jw	*resp_json(struct request *, int);
int		 resp_done(struct request *, struct jw *);
int		 resp_json_status(struct request *, int, const char *);
void		 resp_headers(const struct request *, struct buf *);
const char	*http_reason(int);
void		 resp_login_cookie(struct request *, const char *);
void		 resp_login_cookie_clear(struct request *);
void		 resp_device_cookie(struct request *, const char *);
int		 resp_login_start(struct request *, long long);
int		 resp_account(struct request *, int, long long);

/* route.c */
void		 route_dispatch(struct request *);
void		 route_print(FILE *);
const char	*route_name(const struct route *);

/* api_health.c */
int		 api_health(struct request *);

/* account.c */
/* An account row (STMT_ACCOUNT_BY_ID), decoded by account.c's shape. */
struct acct {
	long long	 id;
	char		*email;		/* owned */
	char		*name;		/* owned */
	char		*org;		/* owned, or NULL */
	char		*plan;		/* owned */
	char		*role;		/* owned */
	long long	 totp_enabled;
	char		*created;	/* owned; ISO 8601 UTC */
	char		*hash;		/* owned; argon2id encoded; wiped */
	unsigned char	*secret;	/* owned; sealed TOTP secret, or NULL */
	size_t		 secretlen;
	long long	 last_step;
};
/* What logging in needs of an account found by email. */
struct acctkey {
	long long	 id;
	char		*hash;		/* owned; argon2id encoded; wiped */
	long long	 disabled;
	long long	 totp;
	char		*role;		/* owned */
	long long	 last_step;
};
/* A registration, as validated by its handler. */
struct acct_new {
	const char	*email, *name, *org, *pw;
	size_t		 emaillen, namelen, orglen, pwlen;
};
enum outcome	 acct_load(struct db *, long long, struct acct *);
void		 acct_release(struct acct *);
void		 acct_write(struct jw *, const struct acct *);
enum outcome	 acct_by_email(struct db *, const char *, struct acctkey *);
void		 acctkey_release(struct acctkey *);
enum outcome	 acct_password_hash(const char *, size_t, const char *,
		    size_t, char[AUTH_ENCODED_MAX], struct why *);
enum outcome	 acct_password_confirm(struct request *, const struct acct *,
		    const char *, size_t, const char *, struct why *);
enum outcome	 acct_register(struct request *, const struct acct_new *,
		    long long *, struct why *);
enum outcome	 acct_password_set(struct db *, long long, const char *);
enum outcome	 acct_password_change(struct request *, const struct acct *,
		    const char *, size_t, const char *, size_t, long long,
		    struct why *);
enum outcome	 acct_events_write(struct db *, long long, struct jw *);
enum outcome	 acct_delete(struct request *, const struct acct *,
		    const char *, size_t, struct why *);

/* api_account.c */
int		 api_register(struct request *);
int		 api_account_get(struct request *);
int		 api_account_delete(struct request *);
int		 api_account_export(struct request *);
int		 api_password_change(struct request *);

/* api_login.c */
int		 login_authenticate(struct request *);
int		 api_login(struct request *);
int		 api_logout(struct request *);
int		 api_logins_list(struct request *);
int		 api_login_end(struct request *);

/* totp.c */
#define TOTP_NRECOVERY	10	/* recovery codes made at once */
enum outcome	 totp_check(struct request *, const struct acct *,
		    const char *);
enum outcome	 totp_setup(struct request *, long long, char[40],
		    struct why *);
enum outcome	 totp_enable(struct request *, const struct acct *,
		    const char *, char[TOTP_NRECOVERY][12], struct why *);
enum outcome	 totp_disable(struct request *, const struct acct *,
		    const char *, size_t, const char *, struct why *);

/* api_profile.c */
int		 api_profile_get(struct request *);
int		 api_profile_set(struct request *);
int		 api_group_view(struct request *);
int		 api_round_groups(struct request *);
int		 api_participant_profile(struct request *);
int		 api_participant_profile_give(struct request *);

/* api_totp.c */
int		 api_totp_setup(struct request *);
int		 api_totp_enable(struct request *);
int		 api_totp_disable(struct request *);

/* session.c: a facilitator's sessions (the domain) */
struct session {
	long long	 id, named, teams_on, maxp, allow_change, locked;
	long long	 run, version;
	char		*title;		/* owned */
	char		*desc;		/* owned, or NULL */
	char		*lang;		/* owned */
	char		*state;		/* owned */
	char		*code;		/* owned, or NULL */
	char		*started;	/* owned, or NULL */
	char		*stopped;	/* owned, or NULL */
	char		*created;	/* owned */
	const char	*role;		/* static: the caller's (member.c) */
};
#define SESSION_TEAMS_MAX	100
/* A change to a session's settings; NULL or -1: unchanged. */
struct session_edit {
	const char	*title;
	size_t		 titlelen;
	int		 desc_set;	/* given: desc, or NULL/"" for none */
	const char	*desc;
	size_t		 desclen;
	const char	*lang;
	size_t		 langlen;
	int		 named, teams_on, allow_change;
	long long	 maxp;
	int		 teams_set;	/* given: the teams become these */
	size_t		 nteams;
	const char	*team[SESSION_TEAMS_MAX];
	size_t		 teamlen[SESSION_TEAMS_MAX];
};
void		 session_release(struct session *);
void		 sessions_free(struct session *, size_t);
enum outcome	 session_load(struct db *, long long, long long,
		    struct session *, struct why *);
enum outcome	 session_list(struct db *, long long, struct session **,
		    size_t *);
enum outcome	 session_version(struct db *, long long, long long,
		    long long *, struct why *);
enum outcome	 session_owned(struct db *, long long, long long,
		    struct why *);
enum outcome	 session_seen(struct db *, long long, long long,
		    struct session *, struct why *);
enum outcome	 session_moderated(struct db *, long long, long long,
		    struct why *);
enum outcome	 session_owner(struct db *, long long, long long,
		    struct why *);
enum outcome	 session_list_shared(struct db *, long long,
		    struct session **, size_t *);
void		 session_join_link(const char *, const char *, char *, size_t);
void		 session_write(struct jw *, const struct session *,
		    const char *);
enum outcome	 session_teams_write(struct db *, struct jw *, long long);
enum outcome	 session_json(struct db *, struct jw *, long long, long long,
		    const char *, struct why *);
long long	 session_insert(struct db *, long long,
		    const struct session *);
enum outcome	 session_create(struct db *, long long,
		    const struct session_edit *, long long *, struct why *);
enum outcome	 session_update(struct db *, long long, long long,
		    const struct session_edit *, struct why *);
enum outcome	 session_delete(struct db *, long long, long long,
		    struct why *);
enum outcome	 session_duplicate(struct db *, long long, long long,
		    long long *, struct why *);
enum outcome	 session_start(struct db *, long long, long long,
		    struct why *);
struct liveend;
enum outcome	 session_stop_all(struct db *, long long, struct liveend *);
enum outcome	 session_stop(struct db *, long long, long long,
		    struct why *);
enum outcome	 session_lock(struct db *, long long, long long, int,
		    struct why *);
enum outcome	 session_participants_write(struct db *, struct jw *,
		    long long, long long *);
enum outcome	 session_participant_remove(struct db *, long long,
		    long long, long long, struct why *);
void		 session_bump(struct db *, long long);
void		 session_sweep(struct db *, const struct config *);

/* api_session.c */
int		 api_sessions_list(struct request *);
int		 api_session_create(struct request *);
int		 api_session_get(struct request *);
int		 api_session_update(struct request *);
int		 api_session_delete(struct request *);
int		 api_session_duplicate(struct request *);
int		 api_session_start(struct request *);
int		 api_session_stop(struct request *);
int		 api_session_lock(struct request *);
int		 api_session_unlock(struct request *);
int		 api_session_live(struct request *);
int		 api_session_qr(struct request *);
int		 api_participant_remove(struct request *);

/* api_round.c */
int		 api_rounds_list(struct request *);
int		 api_round_create(struct request *);
int		 api_round_delete(struct request *);
int		 api_round_move(struct request *);
int		 api_round_open(struct request *);
int		 api_round_close(struct request *);
int		 api_round_reveal(struct request *);
int		 api_round_hide(struct request *);
int		 api_round_results(struct request *);
int		 api_round_cloud(struct request *);
int		 api_round_types(struct request *);
int		 api_round_update(struct request *);

/* api_answer.c */
int		 api_round_answer(struct request *);
int		 api_round_idea(struct request *);
int		 api_part_cluster_create(struct request *);
int		 api_part_idea_cluster(struct request *);
int		 api_part_ideas(struct request *);
int		 api_part_idea_edit(struct request *);
int		 api_part_idea_delete(struct request *);
int		 api_part_like(struct request *);
int		 api_part_unlike(struct request *);

/* api_presenter.c */
int		 api_session_step(struct request *);
int		 api_session_timer(struct request *);
int		 api_session_timer_stop(struct request *);
int		 api_projector_link(struct request *);
int		 api_projector_state(struct request *);

/* api_quiz.c: correct options and the leaderboard (facilitator) */
int		 api_correct_get(struct request *);
int		 api_correct_set(struct request *);
int		 api_leaderboard_get(struct request *);
int		 api_leaderboard_set(struct request *);

/* api_export.c */
int		 api_round_csv(struct request *);
int		 api_session_export(struct request *);
int		 api_responses_csv(struct request *);
int		 api_session_xlsx(struct request *);

/* api_template.c */
int		 api_templates_list(struct request *);
int		 api_template_save(struct request *);
int		 api_template_use(struct request *);
int		 api_template_delete(struct request *);

/* api_idea.c */
int		 api_ideas_list(struct request *);
int		 api_idea_update(struct request *);
int		 api_idea_merge(struct request *);
int		 api_idea_mark(struct request *);
int		 api_answer_hide(struct request *);
int		 api_cluster_create(struct request *);
int		 api_cluster_rename(struct request *);
int		 api_cluster_delete(struct request *);
int		 api_cluster_merge(struct request *);

/* api_participant.c */
int		 api_join(struct request *);
int		 api_participant_state(struct request *);
int		 participant_authenticate(struct request *);

/* reset.c */
#define RESET_SECONDS	3600	/* a reset link works this long */
int		 reset_link_create(struct db *, const struct config *,
		    long long, const unsigned char *, char *, size_t);
void		 reset_request(struct request *, const char *, enum lang);
enum outcome	 reset_use(struct request *, const char *, size_t,
		    const char *, size_t, struct why *);

/* member.c */
#define INVITE_SECONDS	(7 * 86400)	/* an invitation works this long */
enum member_role {
	MEMBER_NONE,		/* not a member: the session is not found */
	MEMBER_MODERATOR,	/* moderates ideas, answers, questions */
	MEMBER_COFACILITATOR,	/* runs and edits the session */
	MEMBER_OWNER,		/* and deletes it, manages its members */
	MEMBER__MAX
};
/* response.c, on these roles: the handlers' check of session {id} */
int		 resp_session_role(struct request *, enum member_role);
const char	*member_role_name(enum member_role);
enum member_role member_role_parse(const char *, size_t);
enum outcome	 member_role(struct db *, long long, long long,
		    enum member_role *);
enum outcome	 member_check(struct db *, long long, long long,
		    enum member_role, enum member_role *, struct why *);
enum outcome	 member_invite(struct request *, const struct session *,
		    const char *, enum member_role, struct why *);
enum outcome	 member_list_write(struct db *, struct jw *, long long);
enum outcome	 member_revoke(struct request *, long long, long long,
		    struct why *);
enum outcome	 member_accept(struct request *, const char *, size_t,
		    long long *, enum member_role *, struct why *);

/* api_member.c */
int		 api_members_list(struct request *);
int		 api_member_invite(struct request *);
int		 api_member_revoke(struct request *);
int		 api_invitation_accept(struct request *);

/* api_reset.c */
int		 api_password_forgot(struct request *);
int		 api_password_reset(struct request *);

/* login.c */
#define LOGIN_COOKIE	"__Host-pf_login"
enum outcome	 login_find(struct db *, const struct config *, const char *,
		    size_t, struct authn *, struct why *);
enum outcome	 login_create(struct request *, long long, char[65],
		    struct why *);
enum outcome	 login_end(struct db *, long long);
enum outcome	 login_end_own(struct db *, long long, long long,
		    struct why *);
enum outcome	 logins_write(struct db *, long long, long long, struct jw *);
int		 csrf_origin_ok(const struct request *);
int		 csrf_token_ok(const struct request *);

/* throttle.c */
struct throttle {
	long long	 failures;	/* counted so far */
	long long	 wait;		/* seconds the key must still wait */
	long long	 quiet;		/* seconds since the last failure */
};
int		 throttle_get(struct db *, const char *, const unsigned char *,
		    struct throttle *);
long long	 throttle_fail(struct db *, const char *,
		    const unsigned char *, long long);
void		 throttle_clear(struct db *, const char *,
		    const unsigned char *);
long long	 throttle_refused(const char *, const unsigned char *);

/* guard.c */
#define DEVICE_COOKIE	"__Host-pf_device"
#define GUARD_DEVICE_LEN 97	/* a device cookie's value: nonce.HMAC */
struct guard {
	unsigned char	 ekey[32];	/* the email's throttle key */
	unsigned char	 akey[32];	/* the address's */
	unsigned char	 dkey[32];	/* the device cookie's, if device */
	int		 device;	/* a device cookie of this email */
};
enum outcome	 guard_begin(struct request *, const char *, const char *,
		    long long, struct guard *, struct why *);
void		 guard_fail(struct request *, const struct guard *);
void		 guard_pass(struct request *, const struct guard *);
int		 guard_device_new(const struct request *,
		    const struct guard *, char *);

/* joincode.c */
#define JOINCODE_LEN	8
/* A live document's token (livedir.c): hex digits, 128 bits. */
#define LIVE_TOKEN_LEN	32
#define PATH_MAX_LIVE	512
int		 joincode_new(char *);
int		 joincode_parse(const char *, size_t, char *);
void		 joincode_format(const char *, char *);
int		 joincode_index(int);

/*
 * A table written cell by cell, row by row: what results.c and export.c
 * write, and csv.c (CSV) and xlsx.c (a workbook's sheet) store.
 */
struct tsink {
	void	(*str)(void *, const char *, size_t);	/* a text cell */
	void	(*num)(void *, double, int);	/* a number, its decimals */
	void	(*row)(void *);			/* the row ends */
	void	*arg;
};

/* xlsx.c */
struct xlsx;
struct xlsx	*xlsx_open(const char *, const char *);
int		 xlsx_sheet(struct xlsx *, const char *, struct tsink *);
int		 xlsx_close(struct xlsx *, struct buf *);

/* csv.c */
struct csvsink {
	struct buf	*b;
	int		 first;		/* no comma before the next field */
};
void		 csv_begin(struct buf *);
void		 csv_field(struct buf *, const char *, size_t, int);
void		 csv_row(struct buf *);
void		 csv_sink(struct csvsink *, struct buf *, struct tsink *);

/* round.c: the round types, one row each (rtypes[] in round.c) */
/*
 * A round type is an int, a row of round.c's table (its enum rtype is
 * round.c's alone): rtype_parse() gives it from a name, and what the rest
 * of the program asks of a type goes through the rtype_*() predicates.
 */
/* A new round's settings, in the order the body's fields are checked. */
enum rsetting {
	RS_MIN_PICKS,
	RS_MAX_PICKS,
	RS_SCALE_MAX,
	RS_NO_OPINION,
	RS_TOP_N,
	RS_BUDGET,
	RS_MAX_PER_OPTION,
	RS_MAX_LENGTH,
	RS_OPEN_WALL,
	RS_CRITERIA,
	RS_LABEL_LOW,
	RS_LABEL_HIGH,
	RS_PARTICIPANTS_CLUSTER,
	RS_PROJECTOR_RESULTS,	/* "reveal" or "live" (presenter mode) */
	RS_UPVOTES,		/* brainstorm: likes on the open wall */
	RS_MODERATED,		/* brainstorm, open: input waits for approval */
	RS_SESSION_WIDE,	/* qa: reachable beside any step */
	RS_TIME_LIMIT,		/* quiz: seconds, the presenter's timer */
	RS_SPEED_BONUS,		/* quiz: at most, for an answer at once */
	RS__MAX
};
/* A round as the validator and the results need it. */
struct roundspec {
	int		 type;			/* rtype_parse() */
	long long	 min_picks, max_picks;	/* choice */
	long long	 scale_max, no_opinion;	/* rating */
	long long	 top_n;			/* ranking; 0: all */
	long long	 budget, max_per_option;	/* points */
	long long	 max_length;		/* open, brainstorm */
	long long	 session_wide;		/* qa: beside every step */
	long long	 time_limit, speed_bonus;	/* quiz (score.c) */
	const long long	*opts;			/* option ids, in order */
	size_t		 nopts;
	const long long	*crits;			/* rating criteria, or */
	size_t		 ncrits;		/* none (0) */
};
struct answer {
	long long	 option;
	long long	 criterion;	/* 0: none */
	long long	 value;
};
struct answers {
	struct answer	*a;	/* owned */
	size_t		 n;
	char		*text;	/* owned; open rounds */
	size_t		 textlen;
};
struct resultform;
const char	*rtype_name(int);
int		 rtype_parse(const char *);
int		 rtype_count(void);
int		 rtype_has_options(int);
int		 rtype_uses_options(int);
size_t		 rtype_min_options(int);
int		 rtype_takes_ideas(int);
int		 rtype_fixed(int, enum rsetting);
int		 rtype_bool(int, enum rsetting, const struct jv *);
const char	*rtype_word(int, enum rsetting, const struct jv *);
int		 rtype_uses(int, enum rsetting);
const char	*rsetting_name(enum rsetting);
const char	*rsetting_word(enum rsetting, const struct jv *);
int		 rtype_setting(int, int);
int		 rsetting_is_bool(enum rsetting);
int		 rsetting_get(enum rsetting, const struct roundspec *,
		    long long *);
void		 rtypes_write(struct jw *);
const struct resultform *rtype_results(int);
const struct scorerule *rtype_score(int);
enum outcome	 round_type(const struct jv *, int *, struct why *);
enum outcome	 round_settings(const struct jv *, size_t, struct roundspec *,
		    struct why *);
enum outcome	 round_settings_edit(const struct jv *,
		    const struct roundspec *, size_t, struct roundspec *,
		    struct why *);
int		 round_validate(const struct roundspec *, const struct jv *,
		    struct answers *, char *, size_t);
void		 answers_release(struct answers *);

/* score.c: points of scored answers and the leaderboard (pure) */
/* One answer to a scored round, as leaderboard.c reads it. */
struct scorein {
	long long	 ncorrect;	/* the round's correct options */
	long long	 right, wrong;	/* the answer's picks of each */
	long long	 elapsed_ms;	/* opening to answer, server's; <0: ? */
	long long	 time_limit;	/* seconds; 0: none */
	long long	 speed_bonus;	/* at most */
};
/* A type's scoring rule: a row of round.c's table names one. */
struct scorerule {
	long long	 points;	/* a correct answer */
	long long	(*fn)(const struct scorerule *, const struct scorein *);
};
struct boardrow {
	char		 key[25];	/* the responder: p<id> or t<id> */
	char		*name;		/* owned; NULL: anonymous */
	long long	 points, answered, correct, rank;
};
struct board {
	struct boardrow	*v;		/* owned */
	size_t		 n;
	long long	 hidden;	/* the facilitator hides it */
	long long	 teams;		/* the session works in teams */
	long long	 rounds;	/* scored rounds revealed */
};
long long	 score_bonus(long long, long long, long long);
long long	 score_exact(const struct scorerule *, const struct scorein *);
long long	 score_points(const struct scorerule *,
		    const struct scorein *);
void		 board_init(struct board *);
void		 board_release(struct board *);
void		 board_add(struct board *, const char *, const char *,
		    long long, int);
void		 board_rank(struct board *);
const struct boardrow *board_find(const struct board *, const char *);

/* roundanswer.c: the answer each type takes (round.c's rows name them) */
typedef int	(*answerfn)(const struct roundspec *, const struct jv *,
		    struct answers *, char *, size_t);
answerfn	 rtype_answer(int);
int		 answer_choice(const struct roundspec *, const struct jv *,
		    struct answers *, char *, size_t);
int		 answer_rating(const struct roundspec *, const struct jv *,
		    struct answers *, char *, size_t);
int		 answer_ranking(const struct roundspec *, const struct jv *,
		    struct answers *, char *, size_t);
int		 answer_points(const struct roundspec *, const struct jv *,
		    struct answers *, char *, size_t);
int		 answer_statements(const struct roundspec *, const struct jv *,
		    struct answers *, char *, size_t);
int		 answer_open(const struct roundspec *, const struct jv *,
		    struct answers *, char *, size_t);

/* cloud.c: the word cloud of an open question or a brainstorm (rules) */
#define CLOUD_MAX	40	/* entries a cloud shows at most */
#define CLOUD_ENTRY_MAX	200	/* bytes of an entry at most */
struct centry {
	char		*s;		/* owned; the normal form */
	size_t		 len;
	long long	 n;		/* answers that said it */
	int		 hidden;	/* the facilitator hid it */
};
struct cloud {
	struct centry	*v;		/* owned */
	size_t		 n, cap;
};
void		 cloud_init(struct cloud *);
char		*cloud_normalize(const char *, size_t, size_t *);
void		 cloud_add(struct cloud *, enum lang, const char *, size_t);
void		 cloud_finish(struct cloud *, char *const *, size_t);
void		 cloud_json(const struct cloud *, int, struct jw *);
void		 cloud_release(struct cloud *);

/* results.c: a round's results as a struct, and their JSON and CSV */
/* How a type's results are computed (results.c's tallies[]). */
enum rkind {
	RK_PICKS,	/* choice: count, percent */
	RK_SUM,		/* points: the total, the voters */
	RK_BORDA,	/* ranking: Borda score, how often each rank */
	RK_SCALE,	/* rating, statements: spread over a scale */
	RK_TEXTS,	/* open: the texts */
	RK_IDEAS,	/* brainstorm: the ideas and their clusters */
	RK__MAX
};
/* One number (or series) of an option's results, as JSON and CSV name it. */
enum rfield {
	RF_COUNT,	/* "count": picks */
	RF_PERCENT,	/* "percent": of all responses, rounded */
	RF_POINTS,	/* "points": the total */
	RF_VOTERS,	/* "voters": who gave it any */
	RF_BORDA,	/* "borda" */
	RF_RANKS,	/* "ranks": series, CSV "rank N" */
	RF_ANSWERED,	/* "count": scale answers with a value */
	RF_NO_OPINION,	/* "no_opinion": rating's 0 */
	RF_PASS,	/* "pass": statements' 0 */
	RF_MEAN,	/* "mean", two decimals */
	RF_MEDIAN,	/* "median", two decimals */
	RF_SD,		/* "sd": population standard deviation */
	RF_DISTRIBUTION,	/* series over the scale, CSV "value N" */
	RF_AGREE,	/* "agree": 4 or 5 */
	RF_DISAGREE,	/* "disagree": 1 or 2 */
	RF_CORRECT,	/* "correct": 1 a quiz's correct option (exports) */
	RF__MAX		/* also ends a list of fields */
};
/* The results part of a round type's row. */
struct resultform {
	enum rkind	 kind;
	long long	 scale;		/* RK_SCALE: its points; 0: scale_max */
	const enum rfield *json;	/* an option's members, in order */
	const enum rfield *csv;		/* its CSV columns after the label */
};
#define RESULTS_SCALE	10	/* the longest scale */
/* The numbers of scale answers (an option, or an option on a criterion). */
struct scale {
	long long	 answered;	/* answers with a value (1..) */
	long long	 pass;		/* 0: "no opinion" or "pass" */
	double		 mean, median, sd;
	long long	 dist[RESULTS_SCALE + 1];	/* [1..points] */
	long long	 agree, disagree;
};
/* One option's results. */
struct optresult {
	long long	 option;	/* its id */
	long long	 count;		/* values given: picks, voters */
	long long	 percent;	/* RK_PICKS */
	long long	 points;	/* RK_SUM */
	long long	 borda;		/* RK_BORDA */
	long long	 correct;	/* marked correct (a quiz; exports) */
	long long	*ranks;		/* owned; RK_BORDA: nranks counts */
	struct scale	 scale;		/* RK_SCALE without criteria */
	struct scale	*crits;		/* owned; RK_SCALE: ncrits, or NULL */
};
struct rtext {
	long long	 id;		/* its response; 0: not known */
	int		 hidden;	/* 1 hidden by the facilitator, 2 waiting */
	char		*s;		/* owned */
	size_t		 len;
};
struct ridea {
	long long	 id;
	char		*text;		/* owned */
	size_t		 len;
	char		*cluster;	/* owned; its cluster's name, or NULL */
	long long	 likes;		/* -1: none counted (no upvotes) */
	long long	 mark;		/* 0, 1 being answered, 2 answered */
};
struct rcluster {
	long long	 id;
	char		*name;		/* owned */
	size_t		 len;
	long long	 ideas;
};
/* A round's results, filled by results_fill(). */
struct results {
	const struct resultform *form;	/* its type's row; NULL: none yet */
	long long	 responses;
	long long	 npoints;	/* RK_SCALE: points of the scale */
	size_t		 nranks;	/* RK_BORDA: ranks asked (m) */
	struct optresult *opts;		/* owned */
	size_t		 nopts;
	long long	*crits;		/* owned; criterion ids */
	size_t		 ncrits;	/* 0: no criteria */
	struct rtext	*texts;		/* owned; RK_TEXTS */
	size_t		 ntexts;
	struct ridea	*ideas;		/* owned; RK_IDEAS */
	size_t		 nideas;
	struct rcluster	*clusters;	/* owned; RK_IDEAS */
	size_t		 nclusters;
	struct cloud	 cloud;		/* RK_TEXTS, RK_IDEAS: results_cloud() */
	int		 cloud_all;	/* list hidden entries (the owner's) */
};
void		 results_init(struct results *);
void		 results_fill(struct results *, const struct roundspec *,
		    const struct answer *, size_t, long long);
void		 results_add_text(struct results *, const char *, size_t);
void		 results_add_answer(struct results *, long long, int,
		    const char *, size_t);
int		 results_mark_parse(const char *, size_t);
void		 results_mark_write(struct jw *, long long, const char *);
void		 results_add_idea(struct results *, long long, const char *,
		    size_t, const char *);
void		 results_add_cluster(struct results *, long long,
		    const char *, size_t, long long);
void		 results_mark_correct(struct results *, long long);
void		 results_cloud(struct results *, enum lang, char *const *,
		    size_t);
void		 results_json(const struct results *, struct jw *);
void		 results_table(const struct results *, char *const *,
		    char *const *, const struct tsink *);
void		 results_release(struct results *);
void		 round_results(const struct roundspec *, const struct answer *,
		    size_t, long long, struct jw *);

/* groups.c: a round's results per group of a profile question */
#define GROUPS_MAX	14	/* 12 answers, "other", and room */
#define GROUPS_BAND	0.5	/* a scale's neutral band: +-0.5 point */
enum gverdict {
	GV_NONE,	/* fewer than two groups answered it */
	GV_AGREE,	/* no group above while another is below */
	GV_DIFFER,	/* one group above, another below */
	GV__MAX
};
/* A group shown: the responders of an answer, or "other". */
struct pgroup {
	long long	 answer;	/* its profile answer; 0: "other" */
	long long	 responses;	/* responders of the round */
	struct results	 res;		/* owned */
};
/* An option's (criterion's) sides across the groups. */
struct gcross {
	size_t		 opt, crit;	/* indexes into the results */
	enum gverdict	 verdict;
	int		 hi, lo;	/* the group most above, most below */
	int		 side[GROUPS_MAX];	/* 1, 0, -1; 2: no answers */
	double		 measure[GROUPS_MAX];	/* mean, or share (%) */
	int		 all_side;	/* the whole room's, to compare */
	double		 all_measure;
};
struct groups {
	long long	 min;		/* the session's minimum group size */
	struct pgroup	*v;		/* owned; the groups shown */
	size_t		 n;
	long long	*merged;	/* owned; answers merged into "other" */
	size_t		 nmerged;
	long long	 left_out;	/* responders in no group shown */
	struct gcross	*cross;		/* owned */
	size_t		 ncross;
	struct results	 all;		/* owned; the whole room's */
};
void		 groups_init(struct groups *);
void		 groups_fill(struct groups *, const struct roundspec *,
		    const struct answer *, const long long *, size_t,
		    const long long *, size_t, const long long *, long long);
int		 groups_index(const struct groups *, long long);
void		 groups_key(const struct groups *, size_t, char *, size_t);
const char	*groups_verdict(enum gverdict);
void		 groups_json(const struct groups *, struct jw *);
void		 groups_table(const struct groups *, const char *,
		    char *const *, char *const *, char *const *,
		    const struct tsink *);
void		 groups_release(struct groups *);

/* profile.c: profile questions and results by group (the domain) */
#define PROFILE_QUESTIONS_MAX	2
#define PROFILE_ANSWERS_MIN	2
#define PROFILE_ANSWERS_MAX	12
#define PROFILE_TEXT_MAX	200	/* a question's bytes */
#define PROFILE_ANSWER_MAX	100	/* an answer's bytes */
#define PROFILE_MIN_LOW		3	/* the minimum group size's range */
#define PROFILE_MIN_HIGH	100
struct pquestion {
	long long	 id;
	char		*text;		/* owned */
	size_t		 na;
	long long	 aid[PROFILE_ANSWERS_MAX];
	char		*atext[PROFILE_ANSWERS_MAX];	/* owned */
};
struct profile {
	long long	 min;		/* the minimum group size */
	long long	 view;		/* the projector's question; 0: off */
	long long	 highlight;	/* its highlighted answer; 0: other */
	char		 mode[10];	/* "side" or "highlight" */
	struct pquestion q[PROFILE_QUESTIONS_MAX];
	size_t		 nq;
};
struct round;
enum outcome	 profile_load(struct db *, long long, struct profile *);
void		 profile_release(struct profile *);
const struct pquestion *profile_question(const struct profile *, long long);
const char	*profile_answer_text(const struct pquestion *, long long);
void		 profile_write(struct jw *, const struct profile *, int);
int		 profile_locked(struct db *, long long);
enum outcome	 profile_set(struct db *, long long, const struct jv *,
		    struct why *);
enum outcome	 profile_view_set(struct db *, long long, const struct jv *,
		    struct why *);
enum outcome	 profile_mine_write(struct db *, struct jw *,
		    const struct partn *);
enum outcome	 profile_give(struct db *, const struct partn *,
		    const struct jv *, struct why *);
int		 profile_groups_apply(const struct round *);
enum outcome	 profile_groups_load(struct db *, const struct round *,
		    const struct profile *, const struct pquestion *, int,
		    struct groups *);
enum outcome	 profile_groups_write(struct db *, struct jw *,
		    const struct round *, const struct profile *,
		    const struct pquestion *);
enum outcome	 profile_room_write(struct db *, struct jw *, long long,
		    const struct round *);
const char	*profile_group_name(const struct groups *, size_t,
		    const struct pquestion *);
enum outcome	 profile_groups_table(struct db *, long long,
		    const struct round *, const struct tsink *);
int		 profile_copy(struct db *, long long, long long);
enum outcome	 profile_json(struct db *, struct jw *, long long);

/* admin.c */
/* An account as the admin area sees it: no content, no secret. */
struct adminacct {
	long long	 id;
	char		*email, *name, *plan, *role;	/* owned */
	long long	 disabled, totp;
	char		*created;	/* owned */
	char		*seen;		/* owned, or NULL: never logged in */
	long long	 logins, sessions;
};
/* The system's counts for the admin status. */
struct admincounts {
	long long	 accounts, disabled, running, participants, logins;
	long long	 schema, events;
};
void		 adminacct_write(struct jw *, const struct adminacct *);
void		 adminacct_release(struct adminacct *);
void		 adminacct_list_free(struct adminacct *, size_t);
enum outcome	 admin_accounts_find(struct db *, const char *, size_t,
		    struct adminacct **, size_t *, struct why *);
enum outcome	 admin_account_get(struct db *, long long, struct adminacct *,
		    struct why *);
enum outcome	 admin_set_disabled(struct request *, long long, int,
		    struct why *);
enum outcome	 admin_set_plan(struct request *, long long, const char *,
		    size_t, struct why *);
enum outcome	 admin_reset_link(struct request *, long long, char *, size_t,
		    struct why *);
enum outcome	 admin_logins_end(struct request *, long long, struct why *);
enum outcome	 admin_counts_write(struct db *, struct jw *);

/* api_admin.c */
int		 api_admin_status(struct request *);
int		 api_admin_accounts(struct request *);
int		 api_admin_account(struct request *);
int		 api_admin_disable(struct request *);
int		 api_admin_enable(struct request *);
int		 api_admin_plan(struct request *);
int		 api_admin_reset_link(struct request *);
int		 api_admin_logins_end(struct request *);
int		 api_admin_audit(struct request *);
int		 api_admin_config(struct request *);
int		 api_admin_refused(struct request *);

/* billing.c */
/* What a billing event says, checked (api_billing.c reads it). */
struct event {
	const char	*id, *sub, *state, *product, *when; /* the request's */
	size_t		 idlen, sublen, productlen;
	long long	 account;
	int		 paid;
	char		 plan[17];
};
int		 billing_signature_valid(const char *, const char *,
		    const char *, size_t);
const char	*billing_state(const char *, size_t, int *);
enum outcome	 billing_apply(struct request *, struct event *,
		    const char **, struct why *);

/* api_billing.c */
int		 billing_signature_ok(struct request *);
int		 api_billing_webhook(struct request *);
int		 api_plans(struct request *);

/* ops.c, check.c: primoforumctl's backup, restore, purge and check */
int		 ops_backup(const struct config *, struct db *, const char *);
int		 ops_restore(const struct config *, struct db *, const char *);
int		 ops_purge(const struct config *, struct db *);
int		 check_run(const struct config *, struct db *, const char *);

/* plan.c */
enum outcome	 plan_list(struct db *, struct jw *);
enum outcome	 plan_may_start(struct request *, long long, int, long long,
		    struct why *);
enum outcome	 plan_may_report(struct request *, long long, struct why *);

/* audit.c */
void		 audit(struct request *, const char *, long long,
		    const char *, const char *);
void		 audit_ctl(struct db *, const char *, long long, const char *,
		    const char *);
void		 audit_system(struct db *, const char *, long long,
		    const char *, const char *);
int		 audit_verify(struct db *, FILE *);
long long	 audit_purge(struct db *, long long);
long long	 audit_export(struct db *, const char *, const char *,
		    long long, struct jw *, struct buf *);

/* password.c */
int		 password_load(const char *);
void		 password_minlen(size_t);
const char	*password_refusal(const char *, size_t, const char *, size_t);
int		 email_normalize(const char *, size_t, char *, size_t);

/* validate.c */
enum ftype {
	FT_STRING,
	FT_SECRET,	/* a string never echoed back, any content */
	FT_INT,
	FT_BOOL,
	FT_STRLIST,	/* an array of at most 100 strings of min..max */
	FT_LIST		/* an array of at most max items the domain checks */
};
struct field {
	const char	*name;
	enum ftype	 type;
	int		 required;
	long long	 min, max;	/* code points, or the value */
};
int		 fields_check(struct request *, const struct field *, size_t);
const char	*field_str(const struct request *, const char *, size_t *);
int		 field_int(const struct request *, const char *, long long *);

/* agenda.c: a session's rounds (the domain); struct roundspec: round.c */
struct round {
	long long	 id, position, revealed, version, open_wall;
	long long	 participants_cluster;
	long long	 closed_due;	/* its timer closed it: no answers */
	char		 projector_results[8];	/* "reveal" or "live" */
	long long	 feed_round;	/* its options come from it; 0: none */
	char		 feed_use[10];	/* "ideas", "clusters"; "": none */
	long long	 upvotes;	/* brainstorm: likes, ideas by likes */
	long long	 moderated;	/* input waits for approval */
	char		 type[16];	/* as stored; spec.type parsed */
	char		 state[8];	/* draft, open, closed */
	char		*title;		/* owned */
	char		*label_low;	/* owned, or NULL */
	char		*label_high;	/* owned, or NULL */
	struct roundspec spec;
	long long	*opts;		/* owned; spec.opts */
	char		**labels;	/* owned */
	long long	*crits;		/* owned; spec.crits */
	char		**critnames;	/* owned */
};
extern const struct field round_fields[];
extern const size_t round_nfields;
enum stmt;
void		 round_release(struct round *);
void		 rounds_free(struct round *, size_t);
int		 round_fetch(struct db *, enum stmt, long long, long long,
		    struct round *);
int		 round_options(struct db *, struct round *);
enum outcome	 agenda_round(struct db *, long long, long long,
		    struct round *, struct why *);
enum outcome	 agenda_list(struct db *, long long, struct round **,
		    size_t *);
enum outcome	 agenda_visible(struct db *, long long, struct round **,
		    size_t *);
void		 round_settings_write(struct jw *, const struct round *, int);
void		 round_write(struct jw *, const struct round *);
enum outcome	 round_wall_write(struct db *, struct jw *, long long);
enum outcome	 round_clusters_write(struct db *, struct jw *, long long);
enum outcome	 round_results_load(struct db *, const struct round *,
		    struct results *);
enum outcome	 round_results_write(struct db *, struct jw *,
		    const struct round *, int);
enum outcome	 round_create(struct db *, long long, const struct jv *,
		    long long *, struct why *);

/* feed.c: ideas of one round feed the next */
#define FEED_LATER	100	/* options a round fed later is checked for */
struct feeditem {
	long long	 id;
	char		*label;		/* owned */
};
enum outcome	 feed_take(struct db *, long long, long long, const char *,
		    struct feeditem **, size_t *, struct why *);
void		 feed_free(struct feeditem *, size_t);
int		 feed_insert(struct db *, long long, const char *,
		    const struct feeditem *, size_t);
enum outcome	 feed_open(struct db *, long long, long long, struct why *);
enum outcome	 feed_source(struct db *, long long, const struct jv *,
		    long long *, struct why *);

/* roundedit.c: a round's wording, options and settings changed */
enum outcome	 round_edit(struct db *, long long, const struct round *,
		    const struct jv *, struct why *);
enum outcome	 round_open_check(struct db *, long long, long long,
		    struct why *);
enum outcome	 round_delete(struct db *, long long, long long,
		    struct why *);
enum outcome	 round_move(struct db *, long long, long long, long long,
		    int, struct why *);
enum outcome	 round_set_state(struct db *, long long, long long,
		    const char *, struct why *);
enum outcome	 round_set_revealed(struct db *, long long, long long, int,
		    struct why *);
enum outcome	 round_set_projector(struct db *, long long, long long,
		    const char *, struct why *);

/* step.c: what the room sees now, and the timer (presenter mode) */
/* A session's step and timer (STMT_STEP_GET), decoded by step.c. */
struct step {
	char		 kind[8];	/* join, round, blank */
	long long	 round;		/* 0: none */
	char		 view[12];	/* question, answer, results, or "" */
	long long	 timer_round;	/* 0: no timer */
	long long	 remaining_ms;	/* at the read; never below 0 */
	long long	 timer_close;
	long long	 teams_on;
	long long	 read_at_ms;	/* the host's clock at the read */
};
enum outcome	 step_load(struct db *, long long, struct step *);
void		 step_write(struct jw *, const struct step *);
void		 step_timer_write(struct jw *, const struct step *, long long);
enum outcome	 step_live_tag(struct db *, long long, long long, char *,
		    size_t, struct why *);
int		 step_timer_due(struct db *, long long);
enum outcome	 step_running(struct db *, long long, long long,
		    struct why *);
enum outcome	 step_set(struct db *, long long, long long, const char *,
		    long long, const char *, struct why *);
enum outcome	 step_timer_start(struct db *, long long, long long,
		    long long, long long, int, struct why *);
enum outcome	 step_timer_add(struct db *, long long, long long, long long,
		    struct why *);
enum outcome	 step_timer_stop(struct db *, long long, long long,
		    struct why *);
enum outcome	 step_answered(struct db *, long long, long long,
		    long long *);
enum outcome	 step_room_write(struct db *, struct jw *, long long,
		    const struct step *);

/* projector.c: the projector link and what it shows (presenter mode) */
struct projector {
	long long	 session, version, tally, participants;
	char		*title;		/* owned */
	char		*lang;		/* owned */
	char		*code;		/* owned, or NULL */
};
enum outcome	 projector_renew(struct db *, long long, long long,
		    const char *, char *, size_t, struct why *);
enum outcome	 projector_find(struct db *, const char *, long long,
		    struct projector *, struct step *);
void		 projector_release(struct projector *);
int		 projector_session_write(struct jw *, const char *,
		    const char *, const char *, long long,
		    const struct step *, const char *);
enum outcome	 projector_round_write(struct db *, struct jw *, long long,
		    const struct step *);

/* opentext.c: an open round's texts, hidden or shown (domain) */
int		 opentext_load(struct db *, long long, struct results *);
enum outcome	 opentext_set_hidden(struct db *, long long, long long,
		    long long, int, struct why *);

/* wall.c: a participant's own ideas of a brainstorm (domain) */
enum outcome	 wall_mine_write(struct db *, const struct partn *, long long,
		    struct jw *, struct why *);
enum outcome	 wall_idea_change(struct db *, const struct partn *,
		    long long, long long, const char *, size_t, struct why *);
enum outcome	 wall_like(struct db *, const struct partn *, long long,
		    long long, int, struct why *);

/* cloudhide.c: the word cloud's language and hidden entries (domain) */
int		 cloud_load(struct db *, long long, struct results *);
enum outcome	 cloud_set_hidden(struct db *, long long, long long,
		    const char *, size_t, int, struct why *);

/* live.c: the end of a running session's live documents (the domain) */
enum livewhat {
	LIVE_ALL,	/* the session ends */
	LIVE_ROOM,	/* the room's document gets a new token */
	LIVE_PART	/* the participants' document gets a new token */
};
struct liveend {
	struct {
		long long	 session;
		enum livewhat	 what;
		char		 tok[LIVE_TOKEN_LEN + 1];	/* retired */
	}		*v;	/* owned */
	size_t		 n;
};
enum outcome	 live_end(struct db *, long long, enum livewhat,
		    struct liveend *);
enum outcome	 live_end_account(struct db *, long long, struct liveend *);
void		 live_end_done(struct liveend *, int);

/* leaderboard.c: scored rounds' correct options and the leaderboard */
enum outcome	 quiz_open_check(struct db *, long long, long long,
		    struct why *);
enum outcome	 quiz_correct_write(struct db *, struct jw *, long long);
enum outcome	 quiz_results_mark(struct db *, const struct round *,
		    struct results *);
enum outcome	 quiz_correct_set(struct db *, long long, long long,
		    const struct jv *, struct why *);
enum outcome	 quiz_places_check(const struct jv *, struct why *);
enum outcome	 quiz_places_mark(struct db *, long long, long long,
		    const struct jv *, struct why *);
enum outcome	 quiz_places_write(struct db *, struct jw *,
		    const struct round *);
enum outcome	 leaderboard_load(struct db *, long long, struct board *);
/* Who reads a leaderboard: what it shows differs (leaderboard.c). */
enum boardfor {
	BOARD_OWNER,	/* the facilitator: every entry, hidden or not */
	BOARD_ROOM,	/* the projector: the first ones, names; not hidden */
	BOARD_PHONES	/* the participants' document: no person's name */
};
void		 leaderboard_write(struct jw *, const struct board *,
		    enum boardfor);
void		 leaderboard_mine_write(struct jw *, const struct board *,
		    const char *);
enum outcome	 leaderboard_set_hidden(struct db *, long long, int);

/* publish.c: writing the live documents (the domain) */
struct pub;
struct pub	*publish_new(const struct config *);
void		 publish_free(struct pub *);
int		 publish_look(struct db *, struct pub *);

/* state.c: the rounds of a participant's poll (the domain) */
struct mine;
struct dbcol;
struct mine	*mine_new(void);
int		 mine_row(void *, const struct dbcol *, size_t);
void		 mine_free(struct mine *);
enum outcome	 state_rounds_write(struct db *, struct jw *, long long,
		    long long, struct mine *);
enum outcome	 state_score_write(struct db *, struct jw *, long long,
		    long long, const char *);

/* answer.c: what participants send (the domain) */
enum outcome	 answer_quick(struct db *, const unsigned char[32], long long,
		    long long, int, const struct jv *, int *, struct answers *);
enum outcome	 answer_store(struct db *, const struct partn *, long long,
		    int, const struct jv *, int *, struct answers *,
		    struct why *);
enum outcome	 answer_idea(struct db *, const struct partn *, long long,
		    const char *, size_t, int, struct why *);
enum outcome	 answer_cluster_create(struct db *, const struct partn *,
		    long long, const char *, size_t, long long *,
		    struct why *);
enum outcome	 answer_idea_cluster(struct db *, const struct partn *,
		    long long, long long, long long, struct why *);

/* export.c: downloads (the domain) */
enum outcome	 export_responses_csv(struct db *, long long, struct buf *,
		    struct why *);
enum outcome	 export_session_xlsx(struct db *, const struct session *,
		    const char *, struct buf *, struct why *);
void		 export_filename(const struct session *, const struct round *,
		    const char *, char *, size_t);
enum outcome	 export_round_csv(struct db *, long long, long long,
		    struct buf *, struct why *);
enum outcome	 export_rounds(struct db *, struct jw *, long long);
enum outcome	 export_session(struct db *, struct jw *,
		    const struct session *, const char *);
enum outcome	 export_sessions(struct db *, struct jw *, long long,
		    const char *, int);
int		 sessions_write(struct request *, struct jw *, int);

/* participant.c: participants (the domain) */
struct participant {
	long long	 id, session, version, allow_change, team_id;
	char		*name;		/* owned, or NULL */
	char		*team;		/* owned, or NULL */
	char		*title;		/* owned; the session's */
	char		*lang;		/* owned; the session's */
	char		 live[LIVE_TOKEN_LEN + 1];	/* its document's token */
};
/* What a join asks. */
struct joinreq {
	const char		*code;		/* parsed join code */
	const unsigned char	*akey;		/* the address's throttle key */
	const unsigned char	*hash;		/* the browser's token, or NULL */
	long long		 maxage;	/* seconds a session may run */
	const char		*name;		/* or NULL */
	size_t			 namelen;
	const char		*team;		/* or NULL */
	size_t			 teamlen;
};
/* What a join made. */
struct joined {
	int			 resumed;	/* me is the browser's */
	int			 full;		/* refused: session is full */
	int			 named, teamed;	/* the name, team were kept */
	long long		 account, session, id;
	struct participant	 me;
	char			 token[65];	/* the new token */
	char			*title;		/* owned */
	char			*lang;		/* owned */
};
void		 participant_release(struct participant *);
enum outcome	 participant_who(struct db *, const unsigned char[32],
		    long long, struct partn *);
enum outcome	 participant_state(struct db *, const unsigned char[32],
		    long long, struct participant *, struct mine *);
void		 participant_write(struct jw *, const struct participant *);
void		 joined_release(struct joined *);
int		 participant_was_removed(struct db *, const unsigned char[32]);
enum outcome	 participant_join(struct db *, const struct joinreq *,
		    struct joined *, struct why *);

/* ideamark.c: a mark on an idea, being answered or answered (the domain) */
enum outcome	 idea_mark(struct db *, long long, long long, long long, int,
		    struct why *);

/* idea.c: moderating a brainstorm (the domain) */
struct idea_edit {
	const char	*text;		/* NULL: unchanged */
	size_t		 textlen;
	int		 hidden;	/* -1: unchanged */
	int		 cluster_set;
	long long	 cluster;	/* 0: none */
};
enum outcome	 idea_round_as(struct db *, long long, long long,
		    enum member_role, long long, struct why *);
enum outcome	 idea_round(struct db *, long long, long long, long long,
		    struct why *);
enum outcome	 idea_list_write(struct db *, struct jw *, long long);
enum outcome	 idea_update(struct db *, long long, long long, long long,
		    const struct idea_edit *, struct why *);
enum outcome	 idea_merge(struct db *, long long, long long, long long,
		    long long, struct why *);
enum outcome	 idea_cluster_create(struct db *, long long, long long,
		    const char *, size_t);
enum outcome	 idea_cluster_rename(struct db *, long long, long long,
		    long long, const char *, size_t, struct why *);
enum outcome	 idea_cluster_delete(struct db *, long long, long long,
		    long long, struct why *);
enum outcome	 idea_cluster_merge(struct db *, long long, long long,
		    long long, long long, struct why *);

/* template.c: agendas kept for reuse (the domain) */
struct template {
	char	*name;		/* owned */
	char	 lang[3];
	char	*agenda;	/* owned; JSON, as agenda_write() */
};
enum outcome	 template_list_write(struct db *, struct jw *, long long);
enum outcome	 template_save(struct db *, long long, long long,
		    const char *, size_t, long long *, char *, struct why *);
void		 template_release(struct template *);
enum outcome	 template_load(struct db *, long long, long long,
		    struct template *, struct why *);
enum outcome	 template_session(struct db *, long long,
		    const struct template *, const char *, size_t,
		    long long *);
enum outcome	 template_delete(struct db *, long long, long long,
		    struct why *);

/* mail.c */
int		 mail_send(const struct config *, const char *, const char *,
		    const char *);

/* livedir.c */
int		 livedir_create(const struct config *);
int		 livedir_on(void);
int		 livedir_token_ok(const char *);
int		 livedir_token_new(char *);
int		 livedir_put(long long, const char *, const char *, size_t,
		    size_t);
void		 livedir_drop(const char *);
int		 livedir_exists(const char *);
int		 livedir_revoke(long long, const char *, const char *const *,
		    size_t);
void		 livedir_revoke_end(long long, const char *, int);
void		 livedir_forget(long long);
void		 livedir_wake(void);
int		 livedir_wait(int);

/* pollcache.c */

int		 pollcache_create(const struct config *);
void		 pollcache_change_begin(long long);
void		 pollcache_change_end(long long);
unsigned long long pollcache_snapshot(long long);
void		 pollcache_store(long long, unsigned long long, long long);
void		 pollcache_etag(char *, size_t, const unsigned char[32],
		    long long, long long, long long);
int		 pollcache_unchanged(const char *, const unsigned char[32],
		    long long *);

/* backoff.c */
struct backoff {
	long long	 failures;	/* counted so far */
	long long	 wait;		/* seconds the key must still wait */
	long long	 quiet;		/* seconds since the last failure */
	int		 durable;	/* the database holds it too */
};
int		 backoff_create(void);
long long	 backoff_wait(long long, long long);
int		 backoff_durable(int, long long, long long);
int		 backoff_get(int, const unsigned char[32], long long,
		    struct backoff *);
long long	 backoff_fail(int, const unsigned char[32], long long,
		    long long, struct backoff *);
void		 backoff_merge(int, const unsigned char[32], long long,
		    long long, long long, long long, struct backoff *);
long long	 backoff_refused(int, const unsigned char[32], long long);
void		 backoff_clear(int, const unsigned char[32]);

/* qr.c */
char		*qr_svg(const char *);

/* worker.c */
int		 worker_main(int, const struct config *, int);

/* publisher.c */
int		 publisher_main(const struct config *);

#endif /* EXTERN_H */
