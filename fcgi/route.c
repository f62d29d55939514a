/*
 * route.c: the route table.  Every API route is one row: method, path
 * pattern, handler and name.  The name goes into the log and into
 * docs/api.md; the authorization matrix (docs/) lists the same names.
 * A path that matches a pattern but not its method gets 405 with an
 * Allow header; a path that matches nothing gets 404.  HEAD is served by
 * the GET handler (worker.c sends no body).
 *
 * Before a handler runs, a request body (if any) is parsed as JSON under
 * the limits (request_json: 415, 413 or 400), so no handler sees an
 * unchecked body.
 *
 * Patterns are literal segments and "{id}" segments (a positive decimal
 * number, stored in r->ids in order).
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

enum routeid {
	ROUTE_HEALTH,
	ROUTE__MAX
};

struct route {
	const char	*name;
	enum method	 method;
	const char	*pattern;
	int		(*fn)(struct request *);
};

static const struct route routes[ROUTE__MAX] = {
	/* Liveness and database status, for monitoring and the pages. */
	[ROUTE_HEALTH] = { "health", METHOD_GET, "/api/health", api_health },
};

/* Returns the route's name for the log, or "-" for none. */
const char *
route_name(const struct route *rt)
{
	return rt != NULL ? rt->name : "-";
}

/*
 * Matches path against pattern, storing {id} values in r.
 * Returns 1 on a match, 0 otherwise.
 */
static int
route_match(const char *pat, const char *path, struct request *r)
{
	size_t		 n;
	const char	*end;
	long long	 id;

	r->nids = 0;
	for (;;) {
		if (*pat == '\0' || *path == '\0')
			return *pat == *path;
		if (strncmp(pat, "{id}", 4) == 0) {
			for (end = path; *end >= '0' && *end <= '9'; end++)
				continue;
			if (end == path || r->nids == sizeof(r->ids) /
			    sizeof(r->ids[0]) || parse_int(path, end - path,
			    1, INT64_MAX, &id) == -1)
				return 0;
			r->ids[r->nids++] = id;
			pat += 4;
			path = end;
			continue;
		}
		n = strcspn(pat, "{");
		if (strncmp(pat, path, n) != 0)
			return 0;
		pat += n;
		path += n;
	}
}

/*
 * Finds the route for r and runs its handler, or sets a 404 or 405.
 * Handlers set r->resp; this sets nothing else.
 */
void
route_dispatch(struct request *r)
{
	enum method	 m;
	size_t		 i, off = 0;
	int		 seen[METHOD__MAX] = { 0 }, any = 0, n;

	m = r->method == METHOD_HEAD ? METHOD_GET : r->method;
	for (i = 0; i < ROUTE__MAX; i++) {
		if (!route_match(routes[i].pattern, r->path, r))
			continue;
		if (routes[i].method == m) {
			r->route = &routes[i];
			/*
			 * A body, whatever the route, must be JSON within the
			 * limits; handlers then read r->json.
			 */
			if ((r->bodylen > 0 || r->ctype != NULL) &&
			    request_json(r) != 0)
				return;
			(void)routes[i].fn(r);
			return;
		}
		seen[routes[i].method] = any = 1;
	}
	r->nids = 0;
	if (!any) {
		resp_error(r, 404, "not_found", "no such resource");
		return;
	}
	seen[METHOD_HEAD] = seen[METHOD_GET];
	for (m = 0; m < METHOD_OTHER; m++) {
		if (!seen[m])
			continue;
		n = snprintf(r->resp.allow + off, sizeof(r->resp.allow) - off,
		    "%s%s", off > 0 ? ", " : "", method_name(m));
		if (n < 0 || (size_t)n >= sizeof(r->resp.allow) - off)
			break;
		off += (size_t)n;
	}
	resp_error(r, 405, "method_not_allowed",
	    "this resource does not accept %s", r->method_name);
}
