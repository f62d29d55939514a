/* SPDX-License-Identifier: ISC */
/*
 * db.h: the database, as the rest of primoforum sees it.  db.c owns the
 * MariaDB connection and is the only file that includes <mysql.h>.  SQL
 * lives in stmt.c as a table of prepared statements indexed by enum stmt;
 * callers pass parameters and receive rows as text columns.
 */
#ifndef DB_H
#define DB_H

#include <stddef.h>
#include <string.h>


struct db;

/* Every statement the program runs; the SQL is in db.c's stmts[]. */
enum stmt {
	STMT_BEGIN,		/* START TRANSACTION */
	STMT_SCHEMA_VERSION,	/* the highest applied migration */
	STMT_MIG_CREATE,	/* schema_migrations, if missing */
	STMT_MIG_LIST,		/* applied migrations, in order */
	STMT_MIG_RECORD,	/* record one applied migration */
	STMT_ACCOUNT_INSERT,
	STMT_ACCOUNT_BY_EMAIL,
	STMT_ACCOUNT_BY_ID,
	STMT_ACCOUNT_SET_PASSWORD,
	STMT_ACCOUNT_SET_TOTP_SECRET,
	STMT_ACCOUNT_TOTP_ENABLE,
	STMT_ACCOUNT_TOTP_DISABLE,
	STMT_ACCOUNT_TOTP_STEP,
	STMT_ACCOUNT_DELETE,
	STMT_LOGIN_INSERT,
	STMT_LOGIN_GET,
	STMT_LOGIN_TOUCH,
	STMT_LOGIN_DELETE,
	STMT_LOGIN_DELETE_TOKEN,
	STMT_LOGIN_DELETE_OWN,
	STMT_LOGIN_DELETE_ALL,
	STMT_LOGIN_DELETE_OTHERS,
	STMT_LOGIN_LIST,
	STMT_RECOVERY_DELETE,
	STMT_RECOVERY_INSERT,
	STMT_RECOVERY_USE,
	STMT_RESET_INSERT,
	STMT_RESET_RECENT,
	STMT_RESET_FIND,
	STMT_RESET_USE,
	STMT_THROTTLE_GET,
	STMT_THROTTLE_SET,
	STMT_THROTTLE_CLEAR,
	STMT_AUDIT_INSERT,
	STMT_AUDIT_BY_ACCOUNT,
	STMT_SESSION_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_LIST,
	STMT_SESSION_UPDATE,
	STMT_SESSION_DELETE,
	STMT_SESSION_START,
	STMT_SESSION_STOP,
	STMT_SESSION_SET_LOCK,
	STMT_SESSION_VERSION,
	STMT_SESSION_BUMP,
	STMT_SESSION_BY_CODE,
	STMT_SESSION_EXPIRED,
	STMT_SESSION_EXPIRE,
	STMT_CODE_RESERVE,
	STMT_TEAM_LIST,
	STMT_TEAM_DELETE_ALL,
	STMT_TEAM_INSERT,
	STMT_TEAM_BY_NAME,
	STMT_PARTICIPANT_INSERT,
	STMT_SESSION_RESPONSES,
	STMT_PARTICIPANT_COUNT,
	STMT_PARTICIPANT_AUTH,
	STMT_PARTICIPANT_STATE,	/* the same, and the own answers: polls */
	STMT_PARTICIPANT_WHO,	/* the same check, only the ids */
	STMT_PARTICIPANT_LIST,
	STMT_PARTICIPANT_REMOVE,
	STMT_PARTICIPANT_WAS_REMOVED,
	STMT_PARTICIPANT_REVOKE_ALL,
	STMT_ROUND_NEXTPOS,
	STMT_ROUND_INSERT,
	STMT_ROUND_LIST,
	STMT_ROUND_GET,
	STMT_ROUND_SET_STATE,
	STMT_ROUND_SET_REVEALED,
	STMT_ROUND_DELETE,
	STMT_ROUND_BUMP,
	STMT_ROUND_FOR_PARTICIPANT,
	STMT_ROUND_FOR_ANSWER,	/* the same, shared: answers in parallel */
	STMT_RESPONSE_INSERT,
	STMT_RESPONSE_UPDATE,
	STMT_ANSWER_UPSERT,	/* token, round and response in one */
	STMT_TALLY_ADD,
	STMT_TALLY_BUMP,
	STMT_ROUNDS_FOR_PARTICIPANT,
	STMT_OPTION_INSERT,
	STMT_OPTION_LIST,
	STMT_RESPONSE_FIND,
	STMT_VALUES_DELETE,
	STMT_VALUE_INSERT,
	STMT_VALUES_INSERT,	/* several at once, as JSON */
	STMT_RESULTS_VALUES,
	STMT_RESULTS_COUNT,
	STMT_RESULTS_TEXTS,
	STMT_CLOUD_LANG,	/* a round's type and its session's language */
	STMT_CLOUD_HIDDEN,	/* a round's hidden cloud entries */
	STMT_CLOUD_HIDE,
	STMT_CLOUD_SHOW,
	STMT_IDEA_INSERT,
	STMT_IDEA_LIST,
	STMT_IDEA_ALL,
	STMT_IDEA_SET_TEXT,
	STMT_IDEA_SET_HIDDEN,
	STMT_IDEA_SET_CLUSTER,
	STMT_IDEA_MERGE,
	STMT_IDEA_EXISTS,
	STMT_CLUSTER_INSERT,
	STMT_CLUSTER_RENAME,
	STMT_CLUSTER_DELETE,
	STMT_CLUSTER_EXISTS,
	STMT_CLUSTER_MOVE,
	STMT_CLUSTER_LIST,
	STMT_IDEAS_AS_OPTIONS,
	STMT_CLUSTERS_AS_OPTIONS,
	STMT_FEED_SOURCE,
	STMT_FEED_SET,
	STMT_FEED_LOCK,
	STMT_FEED_OPTION_INSERT,
	STMT_FEED_OPTIONS_CLEAR,
	STMT_FEED_PICKS,
	STMT_OPTION_SOURCES,
	STMT_ROUND_POSITION,
	STMT_ROUND_MAKE_ROOM,
	STMT_RESULTS_BY_TEAM,
	STMT_SESSION_LANG,
	STMT_TEMPLATE_INSERT,
	STMT_TEMPLATE_LIST,
	STMT_TEMPLATE_GET,
	STMT_TEMPLATE_DELETE,
	STMT_CRITERION_INSERT,
	STMT_CRITERION_LIST,
	STMT_AUDIT_HEAD_LOCK,	/* the chain's head, locked (audit.c) */
	STMT_AUDIT_HEAD_GET,
	STMT_AUDIT_HEAD_SET,
	STMT_AUDIT_CHAIN,	/* every row in chain order (verify) */
	STMT_AUDIT_RANGE,	/* rows of a period (export) */
	STMT_AUDIT_PURGE_POINT,	/* the newest row past retention */
	STMT_AUDIT_PURGE,	/* remove rows up to a seq (migrations account) */
	STMT_ADMIN_ACCOUNTS,	/* admin: find accounts */
	STMT_ADMIN_ACCOUNT,	/* admin: one account, no content */
	STMT_ADMIN_COUNTS,	/* admin: system status */
	STMT_ACCOUNT_SET_DISABLED,
	STMT_ACCOUNT_SET_PLAN,
	STMT_ACCOUNT_INSERT_STAFF,	/* primoforumctl create-admin */
	STMT_PLAN_GET,
	STMT_PLAN_OF_ACCOUNT,
	STMT_PLAN_BY_PRODUCT,
	STMT_PLAN_LIST,
	STMT_SESSIONS_RUNNING,	/* running sessions of an account */
	STMT_BILLING_EVENT_INSERT,
	STMT_SUBSCRIPTION_LOCK,
	STMT_SUBSCRIPTION_UPSERT,
	STMT_ACCOUNT_ACTIVE,	/* a login: the account is active */
	STMT_PURGE_PARTICIPANTS,	/* retention (ops.c) */
	STMT_PURGE_ACCOUNTS,
	STMT_DB_TABLES,		/* tables in the database (restore) */
	STMT_SHOW_GRANTS,	/* the account's and its role's grants */
	STMT_SERVER_VARS,	/* the server's settings (check.c) */
	STMT_ROUND_POS_LOCK,	/* a round's position, locked (move) */
	STMT_ROUND_ABOVE,	/* the round just before a position */
	STMT_ROUND_BELOW,	/* the round just after a position */
	STMT_ROUND_SET_POS,
	STMT_ROUND_SET_PROJECTOR,	/* projector_results (presenter) */
	STMT_STEP_GET,		/* a session's step and timer (step.c) */
	STMT_STEP_SET,
	STMT_TIMER_SET,
	STMT_TIMER_ADD,
	STMT_TIMER_CLEAR,
	STMT_ROUND_SET_CLOSES,	/* rounds' closes_at from the timer */
	STMT_TIMER_CLOSE_DUE,	/* close the rounds whose timer ran out */
	STMT_LIVE_TAG,		/* what the console's ETag is made of */
	STMT_ROUND_ANSWERED,	/* responders per round of a session */
	STMT_ROUND_ANSWERED_ONE,	/* the same, one round */
	STMT_TEAMS_WAITING,	/* teams without an answer to a round */
	STMT_PROJECTOR_SET,	/* a new projector token's hash */
	STMT_PROJECTOR_FIND,	/* the running session of a projector token */
	STMT_PROJECTOR_ENDED,	/* is a token of an ended session? */
	STMT_LIVE_SCAN,		/* running sessions: what their documents show */
	STMT_LIVE_SESSION,	/* a running session's public fields */
	STMT_LIVE_LOCK,		/* a running session's document tokens */
	STMT_LIVE_LOCK_ACCOUNT,	/* ... of every running session of an account */
	STMT_LIVE_RENEW,	/* a new participants' document token */
	/* The idea wall and open answers (opentext.c, wall.c). */
	STMT_TEXT_EXISTS,	/* an open answer of a round */
	STMT_TEXT_SET_HIDDEN,
	STMT_IDEA_OWN,		/* a participant's own idea, not merged */
	STMT_IDEA_OWN_SET_TEXT,
	STMT_IDEA_OWN_DELETE,
	STMT_IDEA_UNMERGE,	/* ideas merged into one that goes */
	STMT_IDEAS_MINE,	/* a participant's ideas of a round */
	STMT_IDEA_ON_WALL,	/* an idea shown: neither hidden nor merged */
	STMT_LIKE_ADD,
	STMT_LIKE_DELETE,
	STMT_LIKES_MINE,	/* the ideas a participant likes */
	STMT_IDEA_REMERGE,	/* what was merged into an idea follows it */
	/* Editing a round (roundedit.c), its placeholders, its feed. */
	STMT_EDIT_LOCK,		/* a round's state and answers, locked */
	STMT_EDIT_ROUND,	/* a round's title and settings */
	STMT_EDIT_OPTION_ANSWERS,	/* the values given to an option */
	STMT_EDIT_OPTION_SET,	/* an option's label and place */
	STMT_EDIT_OPTION_HIDE,	/* an option removed, its answers kept */
	STMT_EDIT_OPTION_DELETE,	/* an option without answers removed */
	STMT_EDIT_CRITERION_SET,	/* a criterion's name and place */
	STMT_EDIT_CRITERION_DELETE,	/* a criterion removed */
	STMT_OPEN_LABELS,	/* a round's option labels, before it opens */
	STMT_ROUND_AT,		/* the round at a place of the agenda */

	/* Marks on ideas (ideamark.c, stmtqa.c): the Q&A round's floor. */
	STMT_MARK_LOCK,		/* the round's row, locked for the mark */
	STMT_MARK_MOVE_ON,	/* the one being answered: answered now */
	STMT_MARK_SET,		/* an idea's mark */
	/* People who run a session with its owner (stmtmember.c). */
	STMT_MEMBER_ROLE,	/* the caller's role in a session */
	STMT_MEMBER_INSERT,	/* an invitation */
	STMT_MEMBER_LIST,	/* a session's invitations and members */
	STMT_MEMBER_GET,	/* one of them, before it is revoked */
	STMT_MEMBER_DELETE,	/* revoked */
	STMT_MEMBER_FIND,	/* an invitation by its token, locked */
	STMT_MEMBER_ACCEPT,	/* accepted by an account */
	STMT_MEMBER_SESSIONS,	/* the sessions shared with an account */
	STMT_MEMBER_WHO,	/* the email of an account */
	STMT_SESSION_OWNER,	/* whose plan a session counts against */
	STMT_MEMBER_ROOM_RETIRE, /* a revoked member's projector link dead */
	/* Scored rounds (a quiz) and the leaderboard: stmtquiz.c. */
	STMT_QUIZ_OPEN_INFO,	/* a round's type, picks, limit, correct ones */
	STMT_QUIZ_OPENED,	/* the server's time of a round's opening */
	STMT_QUIZ_TIMER,	/* a question's time limit on the timer */
	STMT_QUIZ_CORRECT_LIST,	/* a round's correct options */
	STMT_QUIZ_CORRECT_CLEAR,	/* a round's options none correct */
	STMT_QUIZ_CORRECT_MARK,	/* one option correct */
	STMT_QUIZ_BOARD_INFO,	/* the leaderboard hidden?, teams on? */
	STMT_QUIZ_BOARD_HIDE,	/* the leaderboard hidden or shown */
	STMT_QUIZ_REVEALED,	/* the types of a session's revealed rounds */
	STMT_QUIZ_SCORES,	/* answers of revealed rounds, with timing */
	STMT_QUIZ_OPTIONS,	/* a round's options in order, correct or not */
	/* Profile questions and results by group (profile.c). */
	STMT_PROFILE_LIST,	/* a session's questions and answers */
	STMT_PROFILE_CLEAR,	/* its questions removed */
	STMT_PROFILE_QUESTION_INSERT,
	STMT_PROFILE_ANSWER_INSERT,
	STMT_PROFILE_PEOPLE,	/* participants the session ever had */
	STMT_PROFILE_SETTINGS,	/* minimum group size, projector's view */
	STMT_PROFILE_SET_MIN,
	STMT_PROFILE_SET_VIEW,
	STMT_PROFILE_MINE,	/* a participant's answers */
	STMT_PROFILE_GIVE,	/* a participant answers a question */
	STMT_GROUP_COUNTS,	/* a round's responders per answer */
	STMT_GROUP_VALUES,	/* a round's values with their answers */
	STMT__MAX
};

/* Results of db_exec() below zero. */
#define DB_ERROR	(-1)	/* statement failed; logged */
#define DB_DOWN		(-2)	/* no connection to the server */
#define DB_DUP		(-3)	/* a unique key refused the row */
#define DB_DEADLOCK	(-4)	/* chosen as a deadlock's victim: rolled back */

/* Where and as whom to connect; strings are copied by db_open(). */
struct dbconf {
	const char	*socket;	/* unix socket of the server */
	const char	*name;		/* database */
	const char	*user;
	const char	*password;
	unsigned int	 timeout;	/* connect, read, write: seconds */
	int		 multi;		/* allow multi-statement scripts */
};

/* A parameter to bind. */
enum dbtype {
	DBT_INT,
	DBT_TEXT,
	DBT_BLOB,
	DBT_NULL
};
struct dbparam {
	enum dbtype	 type;
	long long	 i;
	const char	*s;
	size_t		 len;
};

/* One column of a result row, as text; valid during the callback. */
struct dbcol {
	const char	*s;
	size_t		 len;
	int		 null;
};

/*
 * How one column of a statement lands in a member of a struct: the
 * shape of a row, declared once beside the struct by the module that
 * owns it (db_one(), db_list() decode with it).
 */
enum dbftype {
	DBF_INT,	/* long long; NULL is 0 */
	DBF_STR,	/* char *, owned; NULL stays NULL */
	DBF_BLOB,	/* unsigned char *, owned; its size_t length at aux */
	DBF_CHARS	/* char[aux], NUL-terminated; longer is an error */
};
struct dbfield {
	enum dbftype	 type;
	size_t		 off;	/* offsetof() the member */
	size_t		 aux;	/* DBF_BLOB: offsetof() its length; */
};				/* DBF_CHARS: the array's size */
struct dbshape {
	const struct dbfield	*f;	/* static; one per column, in order */
	size_t			 nf;
	size_t			 size;	/* sizeof the struct */
};
#define DBF_I(st, m)	{ DBF_INT, offsetof(struct st, m), 0 }
#define DBF_S(st, m)	{ DBF_STR, offsetof(struct st, m), 0 }
#define DBF_B(st, m, l)	{ DBF_BLOB, offsetof(struct st, m), \
			    offsetof(struct st, l) }
#define DBF_C(st, m)	{ DBF_CHARS, offsetof(struct st, m), \
			    sizeof(((struct st *)0)->m) }
#define DBSHAPE(fields, st) { (fields), \
	sizeof(fields) / sizeof((fields)[0]), sizeof(struct st) }

/* Called for each row; return 0 to go on, -1 to stop with DB_ERROR. */
typedef int (*db_row_fn)(void *, const struct dbcol *, size_t);

/* Told the id of a session whose polled state changes. */
typedef void (*db_change_fn)(long long);

/* stmt.c: the SQL of each statement */
const char	*stmt_sql(enum stmt);
int		 stmt_retry(enum stmt);
size_t		 stmt_session(enum stmt);
enum stmt	 stmt_check(void);

/* db.c */
struct config;
struct db	*db_open(const struct dbconf *);
struct db	*db_open_config(const struct config *, int);
void		 db_free(struct db *);
void		 db_on_change(struct db *, db_change_fn, db_change_fn);
int		 db_connected(const struct db *);
int		 db_exec(struct db *, enum stmt, const struct dbparam *,
		    size_t, db_row_fn, void *);
int		 db_script(struct db *, const char *, size_t, char *, size_t);
int		 db_begin(struct db *);
int		 db_commit(struct db *);
void		 db_rollback(struct db *);
int		 db_in_transaction(const struct db *);
int		 db_row_int(void *, const struct dbcol *, size_t);
/* One text column: a list of strings (db_list() with db_text_shape). */
struct dbtext {
	char		*s;		/* owned */
};
extern const struct dbshape db_text_shape;

/* dbrow.c */
int		 db_decode(const struct dbshape *, const struct dbcol *, size_t,
		    void *);
void		 db_shape_release(const struct dbshape *, void *);
int		 db_one(struct db *, enum stmt, const struct dbparam *, size_t,
		    const struct dbshape *, void *);
int		 db_list(struct db *, enum stmt, const struct dbparam *,
		    size_t, const struct dbshape *, void *, size_t *);
void		 db_list_free(const struct dbshape *, void *, size_t);
long long	 db_last_id(struct db *);

/* Parameter helpers: DBP_INT(n), DBP_TEXT(s), DBP_BLOB(p, len), ... */
#define DBP_INT(n)	{ DBT_INT, (n), NULL, 0 }
#define DBP_STR(s)	{ DBT_TEXT, 0, (s), strlen(s) }
#define DBP_TEXT(s, l)	{ DBT_TEXT, 0, (s), (l) }
#define DBP_BLOB(p, l)	{ DBT_BLOB, 0, (const char *)(p), (l) }
#define DBP_NULL	{ DBT_NULL, 0, NULL, 0 }

#endif /* DB_H */
