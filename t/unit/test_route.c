/* SPDX-License-Identifier: ISC */
/*
 * test_route.c: the router's answers without a database: 404, 405 with
 * Allow, the JSON error shape, and the header block.
 */
#include <stdlib.h>

#include "extern.h"
#include "tap.h"

static struct limits	 lim = { 65536, 16, 4096, 64 };

static void
run(struct request *r, const char *method, const char *path)
{
	request_init(r, NULL, &lim, NULL);
	r->method = method_parse(method, &r->method_name);
	r->path = strdup(path);
	memcpy(r->id, "0123456789abcdef0123456789abcdef", 33);
	route_dispatch(r);
}

int
main(void)
{
	struct request	 r;
	struct buf	 h;
	struct perr	 e;
	struct jv	*v;

	run(&r, "GET", "/api/nope");
	is_int(r.resp.status, 404, "unknown route is 404");
	v = json_parse(r.resp.body.data, r.resp.body.len, &lim, &e);
	is_str(jv_str(jv_get(jv_get(v, "error"), "code"), NULL), "not_found",
	    "404 body is a JSON error with a code");
	ok(jv_str(jv_get(jv_get(v, "error"), "message"), NULL) != NULL,
	    "404 body has a message");
	jv_free(v);
	request_release(&r);

	run(&r, "DELETE", "/api/health");
	is_int(r.resp.status, 405, "wrong method is 405");
	is_str(r.resp.allow, "GET, HEAD", "Allow lists GET and HEAD");
	buf_init(&h, 4096);
	resp_headers(&r, &h);
	ok(strstr(buf_str(&h), "Status: 405 Method Not Allowed\r\n") != NULL,
	    "status line");
	ok(strstr(buf_str(&h), "Allow: GET, HEAD\r\n") != NULL, "Allow header");
	ok(strstr(buf_str(&h), "Cache-Control: no-store\r\n") != NULL,
	    "no-store");
	ok(strstr(buf_str(&h), "Content-Type: application/json; "
	    "charset=utf-8\r\n") != NULL, "JSON content type");
	ok(strstr(buf_str(&h), "\r\n\r\n") != NULL, "header block ends");
	buf_release(&h);
	request_release(&r);

	run(&r, "BREW", "/api/health");
	is_int(r.resp.status, 405, "unknown method is 405");
	request_release(&r);

	run(&r, "GET", "/api/health/extra");
	is_int(r.resp.status, 404, "longer path does not match");
	request_release(&r);
	run(&r, "GET", "/api/healt");
	is_int(r.resp.status, 404, "shorter path does not match");
	request_release(&r);

	request_init(&r, NULL, &lim, NULL);
	r.body = strdup("{}");
	r.bodylen = 2;
	r.ctype = strdup("text/plain");
	is_int(request_json(&r), 415, "non-JSON content type is 415");
	free(r.ctype);
	r.ctype = strdup("application/json; charset=utf-8");
	r.resp.status = 200;
	is_int(request_json(&r), 0, "JSON with charset accepted");
	request_release(&r);

	request_init(&r, NULL, &lim, NULL);
	r.body = strdup("{\"a\":");
	r.bodylen = 5;
	r.ctype = strdup("application/json");
	is_int(request_json(&r), 400, "malformed JSON is 400");
	ok(strstr(buf_str(&r.resp.body), "malformed_json") != NULL,
	    "code malformed_json");
	request_release(&r);
	return done_testing();
}
