/* SPDX-License-Identifier: ISC */
/*
 * test_auth.c: auth.c and password.c without a database: argon2id hash
 * and verify, parameter checks, TOTP against RFC 6238's test vectors,
 * base32, sealing, email normalization and the password rules.
 */
#include <stdlib.h>
#include <time.h>

#include "extern.h"
#include "tap.h"

int
main(void)
{
	struct config	 c;
	char		 enc[AUTH_ENCODED_MAX], out[300], b32[64], code[8];
	unsigned char	 key20[20], sealed[64], opened[64];
	long long	 m, t, p;
	int		 n;
	const char	*srcdir = getenv("srcdir");
	char		 path[512];

	config_init(&c);
	free(c.secret[SECRET_TOTP_KEY]);
	c.secret[SECRET_TOTP_KEY] = strdup("000102030405060708090a0b0c0d0e0f"
	    "101112131415161718191a1b1c1d1e1f");
	ok(auth_init(&c) == 0, "auth_init with the default cost");

	ok(auth_hash("pässword 🐎", strlen("pässword 🐎"), enc) == AUTH_OK,
	    "hash");
	ok(strncmp(enc, "$argon2id$v=19$m=19456,t=2,p=1$", 31) == 0,
	    "argon2id with the configured parameters: %.40s", enc);
	ok(auth_params(enc, &m, &t, &p) == 0 && m == 19456 && t == 2 &&
	    p == 1, "parameters read back");
	is_int(auth_verify(enc, "pässword 🐎", strlen("pässword 🐎")), AUTH_OK,
	    "the right password verifies");
	is_int(auth_verify(enc, "pässword 🐎x", strlen("pässword 🐎x")),
	    AUTH_BAD, "a longer one does not (no truncation)");
	is_int(auth_verify(enc, "pässword", 9), AUTH_BAD, "a prefix does not");
	is_int(auth_needs_rehash(enc), 0, "a current hash needs no rehash");
	is_int(auth_needs_rehash("$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHQ"
	    "$AAAA"), 1, "a weaker one does");
	is_int(auth_verify("$argon2id$v=19$m=2000000000,t=2,p=1$c2FsdHNhbHQ"
	    "$AAAA", "x", 1), AUTH_TAMPERED, "absurd memory refused unverified");
	is_int(auth_verify("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$AAAA",
	    "x", 1), AUTH_TAMPERED, "argon2i (not id) refused");
	is_int(auth_verify("plaintext", "plaintext", 9), AUTH_TAMPERED,
	    "a plain string is never compared");
	is_int(auth_dummy_verify("x", 1), AUTH_BAD, "dummy verify fails");

	/* RFC 6238 appendix B, SHA-1, 8 digits there: the last 6 here. */
	memcpy(key20, "12345678901234567890", 20);
	ok(totp_verify(key20, 20, "287082", 0, 59) == 1, "T=59: 287082");
	ok(totp_verify(key20, 20, "081804", 0, 1111111109) == 37037036,
	    "T=1111111109: 081804");
	ok(totp_verify(key20, 20, "050471", 0, 1111111111) == 37037037,
	    "T=1111111111: 050471");
	ok(totp_verify(key20, 20, "005924", 0, 1234567890) == 41152263,
	    "T=1234567890: 005924");
	ok(totp_verify(key20, 20, "279037", 0, 2000000000) == 66666666,
	    "T=2000000000: 279037");
	ok(totp_verify(key20, 20, "353130", 0, 20000000000LL) == 666666666,
	    "T=20000000000: 353130");
	ok(totp_verify(key20, 20, "081804", 0, 1111111109 + 30) == 37037036,
	    "one step of drift accepted");
	ok(totp_verify(key20, 20, "081804", 0, 1111111109 + 90) == -1,
	    "three steps late refused");
	ok(totp_verify(key20, 20, "081804", 37037036, 1111111109) == -1,
	    "a used step is refused");
	ok(totp_verify(key20, 20, "81804", 0, 1111111109) == -1,
	    "five digits refused");
	ok(totp_verify(key20, 20, "08180x", 0, 1111111109) == -1,
	    "non-digits refused");
	(void)code;

	base32_encode((const unsigned char *)"foobar", 6, b32);
	is_str(b32, "MZXW6YTBOI", "base32 (RFC 4648 10, no padding)");

	n = secret_seal(key20, 20, "account:1", sealed);
	is_int(n, 48, "sealed: nonce, ciphertext, tag");
	is_int(secret_open(sealed, (size_t)n, "account:1", opened), 20,
	    "opens for the same account");
	ok(memcmp(opened, key20, 20) == 0, "to the same secret");
	is_int(secret_open(sealed, (size_t)n, "account:2", opened), -1,
	    "not for another account");
	sealed[20] ^= 1;
	is_int(secret_open(sealed, (size_t)n, "account:1", opened), -1,
	    "not once tampered with");

	ok(email_normalize(" Ann@Example.ORG ", 17, out, sizeof(out)) == 0,
	    "email normalized");
	is_str(out, "ann@example.org", "trimmed and lowercased");
	ok(email_normalize("a@b", 3, out, sizeof(out)) == -1, "no dot");
	ok(email_normalize("a@@b.nl", 7, out, sizeof(out)) == -1, "two @");
	ok(email_normalize("@b.nl", 5, out, sizeof(out)) == -1, "no local");
	ok(email_normalize("a b@c.nl", 8, out, sizeof(out)) == -1, "space");
	ok(email_normalize("a@c.nl\r\nBcc: x", 14, out, sizeof(out)) == -1,
	    "header injection");
	ok(email_normalize("a@b.nl.", 7, out, sizeof(out)) == -1,
	    "trailing dot");

	snprintf(path, sizeof(path), "%s/fcgi/data/common-passwords.txt",
	    srcdir != NULL ? srcdir : "../..");
	ok(password_load(path) == 0, "the shipped blocklist loads");
	password_minlen(12);
	ok(password_refusal("short", 5, "a@b.nl", 6) != NULL, "too short");
	ok(password_refusal("1qaz2wsx3edc", 12, "a@b.nl", 6) != NULL,
	    "common");
	ok(password_refusal("1QAZ2WSX3EDC", 12, "a@b.nl", 6) != NULL,
	    "common in capitals");
	ok(password_refusal("ann@example.nl", 14, "ann@example.nl", 14) !=
	    NULL, "equal to the email");
	ok(password_refusal("twelve chars", 12, "a@b.nl", 6) == NULL,
	    "twelve characters of anything");
	ok(password_refusal("ééééééééééé", 22, "a@b.nl", 6) != NULL,
	    "length counts characters, not bytes (11 < 12)");
	ok(password_refusal("\xff\xfe bad utf-8 here", 17, "a@b.nl", 6) !=
	    NULL, "invalid UTF-8 refused");
	config_release(&c);
	return done_testing();
}
