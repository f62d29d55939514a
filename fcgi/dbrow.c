/* SPDX-License-Identifier: ISC */
/*
 * dbrow.c: rows into structs.  A module that reads rows describes its
 * struct once, as a table of (type, member offset) in the order of its
 * statement's columns (struct dbshape, db.h), and these decode each row
 * into it: no caller above the domain modules ever indexes a column.
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"


static const struct dbfield dbtext_cols[] = {
	DBF_S(dbtext, s),
};
/* The shape of a statement that reads one text column. */
const struct dbshape db_text_shape = DBSHAPE(dbtext_cols, dbtext);

/*
 * Decodes one row into the struct at out as shape says.  Strings and
 * blobs are copied (owned by the struct: db_shape_release() frees them).
 * Returns 0, or -1 if the row does not have the shape's columns or a
 * number does not parse (the caller's db_exec() then says DB_ERROR).
 */
int
db_decode(const struct dbshape *sh, const struct dbcol *c, size_t n,
    void *out)
{
	const struct dbfield	*f;
	char			*base = out;
	size_t			 i;

	if (n != sh->nf)
		return -1;
	for (i = 0; i < n; i++) {
		f = &sh->f[i];
		switch (f->type) {
		case DBF_INT:
			if (c[i].null)
				*(long long *)(base + f->off) = 0;
			else if (parse_int(c[i].s, c[i].len, INT64_MIN,
			    INT64_MAX, (long long *)(base + f->off)) != 0)
				return -1;
			break;
		case DBF_STR:
			*(char **)(base + f->off) = c[i].null ? NULL :
			    xstrndup(c[i].s, c[i].len);
			break;
		case DBF_BLOB:
			*(unsigned char **)(base + f->off) = NULL;
			*(size_t *)(base + f->aux) = 0;
			if (c[i].null)
				break;
			*(unsigned char **)(base + f->off) =
			    xmalloc(c[i].len + 1);
			memcpy(*(unsigned char **)(base + f->off), c[i].s,
			    c[i].len);
			*(size_t *)(base + f->aux) = c[i].len;
			break;
		case DBF_CHARS:
			/* A fixed array (aux bytes): a longer value is an error. */
			if (c[i].null) {
				base[f->off] = '\0';
				break;
			}
			if (c[i].len >= f->aux)
				return -1;
			memcpy(base + f->off, c[i].s, c[i].len);
			base[f->off + c[i].len] = '\0';
			break;
		}
	}
	return 0;
}

/* Frees the strings and blobs that db_decode() put into the struct. */
void
db_shape_release(const struct dbshape *sh, void *p)
{
	char	*base = p;
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < sh->nf; i++) {
		switch (sh->f[i].type) {
		case DBF_STR:
		case DBF_BLOB:
			free(*(char **)(base + sh->f[i].off));
			*(char **)(base + sh->f[i].off) = NULL;
			break;
		default:
			break;
		}
	}
}

struct oneload {
	const struct dbshape	*sh;
	void			*out;
	int			 seen;
};

static int
one_row(void *arg, const struct dbcol *c, size_t n)
{
	struct oneload	*o = arg;

	/* The first row only; a statement that finds more is the caller's. */
	if (o->seen++)
		return 0;
	return db_decode(o->sh, c, n, o->out);
}

/*
 * Runs s and decodes its first row into out (zeroed first).  Returns the
 * number of rows (0: none, out stays zero) or a DB_* error; on an error
 * out holds nothing to free.
 */
int
db_one(struct db *db, enum stmt s, const struct dbparam *p, size_t np,
    const struct dbshape *sh, void *out)
{
	struct oneload	 o = { sh, out, 0 };
	int		 rc;

	memset(out, 0, sh->size);
	rc = db_exec(db, s, p, np, one_row, &o);
	if (rc < 0) {
		db_shape_release(sh, out);
		memset(out, 0, sh->size);
	}
	return rc;
}

struct listload {
	const struct dbshape	*sh;
	char			*v;
	size_t			 n, cap;
};

static int
list_row(void *arg, const struct dbcol *c, size_t n)
{
	struct listload	*l = arg;

	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 8 : l->cap * 2;
		l->v = xreallocarray(l->v, l->cap, l->sh->size);
	}
	memset(l->v + l->n * l->sh->size, 0, l->sh->size);
	if (db_decode(l->sh, c, n, l->v + l->n * l->sh->size) == -1) {
		db_shape_release(l->sh, l->v + l->n * l->sh->size);
		return -1;
	}
	l->n++;
	return 0;
}

/*
 * Runs s and decodes every row into a new array of structs: *out (owned
 * by the caller, freed with db_list_free()) and its length *n.  Returns
 * the number of rows or a DB_* error (then *out is NULL and *n 0).
 */
int
db_list(struct db *db, enum stmt s, const struct dbparam *p, size_t np,
    const struct dbshape *sh, void *out, size_t *n)
{
	struct listload	 l = { sh, NULL, 0, 0 };
	int		 rc;

	rc = db_exec(db, s, p, np, list_row, &l);
	if (rc < 0) {
		db_list_free(sh, l.v, l.n);
		l.v = NULL;
		l.n = 0;
	}
	*(void **)out = l.v;
	*n = l.n;
	return rc;
}

/* Frees an array from db_list() with what its structs own. */
void
db_list_free(const struct dbshape *sh, void *v, size_t n)
{
	size_t	 i;

	for (i = 0; v != NULL && i < n; i++)
		db_shape_release(sh, (char *)v + i * sh->size);
	free(v);
}
