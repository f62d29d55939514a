/* SPDX-License-Identifier: ISC */
/*
 * score.c: points for scored answers (a quiz) and the leaderboard they
 * make, pure: no database, no I/O, so every number is unit tested by hand
 * (t/unit/test_score.c).  A round type that scores names its rule in its
 * row of round.c's table (struct scorerule: the points of a correct
 * answer and the function that counts); leaderboard.c reads the answers
 * and their times from the database and hands them in here.
 *
 * The time an answer took is the server's: from the round's first
 * opening (round.opened_at) to the answer's last change (updated_at),
 * both UTC_TIMESTAMP(6) of the database, never a client's clock.
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

/*
 * The speed bonus of an answer elapsed_ms after the opening, for a round
 * with a time limit of limit_s seconds and a bonus of at most bonus
 * points: bonus * (L - e) / L, rounded down, L the limit in ms and e the
 * time taken (0 at or after the limit).  No limit, no bonus; an unknown
 * time (negative) gets none.
 */
long long
score_bonus(long long elapsed_ms, long long limit_s, long long bonus)
{
	long long	 l;

	if (limit_s <= 0 || bonus <= 0 || elapsed_ms < 0)
		return 0;
	l = limit_s * 1000;
	if (elapsed_ms >= l)
		return 0;
	return bonus * (l - elapsed_ms) / l;
}

/*
 * All or nothing: an answer is correct when it picked every correct
 * option and no other; it earns the rule's points and the speed bonus.
 * A round without a correct option scores nothing (it cannot open).
 */
long long
score_exact(const struct scorerule *rule, const struct scorein *in)
{
	if (in->ncorrect <= 0 || in->wrong != 0 || in->right != in->ncorrect)
		return 0;
	return rule->points + score_bonus(in->elapsed_ms, in->time_limit,
	    in->speed_bonus);
}

/* Returns the points of one answer by rule (NULL: it scores none). */
long long
score_points(const struct scorerule *rule, const struct scorein *in)
{
	if (rule == NULL || rule->fn == NULL)
		return 0;
	return rule->fn(rule, in);
}

/* Makes b empty; allocates nothing. */
void
board_init(struct board *b)
{
	memset(b, 0, sizeof(*b));
}

/* Frees the rows of b; b is then empty. */
void
board_release(struct board *b)
{
	size_t	 i;

	for (i = 0; i < b->n; i++)
		free(b->v[i].name);
	free(b->v);
	memset(b, 0, sizeof(*b));
}

/* Returns the row of responder key (as 'p12', 't3'), or NULL. */
const struct boardrow *
board_find(const struct board *b, const char *key)
{
	size_t	 i;

	if (key == NULL)
		return NULL;
	for (i = 0; i < b->n; i++)
		if (strcmp(b->v[i].key, key) == 0)
			return &b->v[i];
	return NULL;
}

/*
 * Adds points of one answer to responder key (its name: the team's or
 * the participant's, NULL in an anonymous session; copied the first
 * time).  correct: the answer was right.  A key longer than the row's is
 * cut, as responder keys are at most 24 characters.
 */
void
board_add(struct board *b, const char *key, const char *name,
    long long points, int correct)
{
	struct boardrow	*row = NULL;
	size_t		 i;

	for (i = 0; i < b->n; i++)
		if (strcmp(b->v[i].key, key) == 0) {
			row = &b->v[i];
			break;
		}
	if (row == NULL) {
		b->v = xreallocarray(b->v, b->n + 1, sizeof(*b->v));
		row = &b->v[b->n++];
		memset(row, 0, sizeof(*row));
		i = strnlen(key, sizeof(row->key) - 1);
		memcpy(row->key, key, i);
		row->key[i] = '\0';
		row->name = name != NULL ? xstrdup(name) : NULL;
	}
	row->points += points;
	row->answered++;
	if (correct)
		row->correct++;
}

/* Most points first; then by name (no name last), then by key. */
static int
row_cmp(const void *pa, const void *pb)
{
	const struct boardrow	*a = pa, *b = pb;
	int			 c;

	if (a->points != b->points)
		return a->points > b->points ? -1 : 1;
	if (a->name != NULL && b->name != NULL &&
	    (c = strcmp(a->name, b->name)) != 0)
		return c;
	if ((a->name == NULL) != (b->name == NULL))
		return a->name == NULL ? 1 : -1;
	return strcmp(a->key, b->key);
}

/*
 * Sorts b and ranks its rows: equal points share a rank, and the next
 * rank counts those before it (1, 1, 3: "standard competition ranking").
 */
void
board_rank(struct board *b)
{
	size_t	 i;

	if (b->n > 1)
		qsort(b->v, b->n, sizeof(*b->v), row_cmp);
	for (i = 0; i < b->n; i++)
		b->v[i].rank = i > 0 && b->v[i].points == b->v[i - 1].points ?
		    b->v[i - 1].rank : (long long)i + 1;
}
