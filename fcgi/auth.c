/* SPDX-License-Identifier: ISC */
/*
 * auth.c: passwords, tokens and second factors; the only file that
 * includes <argon2.h>.
 *
 * Passwords are hashed with argon2id (RFC 9106) with a 16-byte salt from
 * the OS CSPRNG and the configured cost, and checked only with
 * argon2id_verify().  A stored hash's parameters are read before it is
 * verified: absurd ones (a tampered row that would make the worker spend
 * gigabytes) are refused unverified, weaker ones than the configuration
 * ask the caller to rehash after a good login.
 *
 * At most argon2_max_concurrent hashes run at once on a host: a SysV
 * semaphore that primoforumd creates before it forks the workers, taken
 * with IPC_NOWAIT (a flood gets 503 at once instead of queueing memory)
 * and SEM_UNDO (a worker that dies gives its slot back).  A hash runs in
 * a thread of its own at nice 10, so logins get the CPU the room leaves:
 * a flood of them cannot starve the polls and answers of a session.
 *
 * Tokens (logins, resets, recovery codes) are random, shown once, and
 * stored only as SHA-256 digests.  TOTP follows RFC 6238 (HMAC-SHA1, 30 s,
 * 6 digits); the secret is stored sealed with AES-256-GCM.
 */
#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <errno.h>
#include <pthread.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "extern.h"
#include "banned.h"

#define SALT_LEN	16
#define HASH_LEN	32

static long long	 cost_m = 19456, cost_t = 2, cost_p = 1;
static int		 semid = -1;
static char		 dummy[AUTH_ENCODED_MAX];	/* for unknown emails */
static unsigned char	 totp_key[32];
static int		 have_totp_key;

/*
 * Creates the host-wide argon2 semaphore with n slots (primoforumd, before
 * forking).  Returns 0 or -1.
 */
int
auth_sem_create(int n)
{
	if ((semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600)) == -1)
		return -1;
	if (semctl(semid, 0, SETVAL, n) == -1) {
		auth_sem_remove();
		return -1;
	}
	return 0;
}

void
auth_sem_remove(void)
{
	if (semid != -1)
		(void)semctl(semid, 0, IPC_RMID);
	semid = -1;
}

/* Takes a slot.  Returns 0, or -1 if all are busy. */
static int
slot_take(void)
{
	struct sembuf	 op = { 0, -1, IPC_NOWAIT | SEM_UNDO };

	if (semid == -1)
		return 0;
	while (semop(semid, &op, 1) == -1)
		if (errno != EINTR)
			return -1;
	return 0;
}

static void
slot_give(void)
{
	struct sembuf	 op = { 0, 1, SEM_UNDO };

	if (semid != -1)
		(void)semop(semid, &op, 1);
}

/*
 * Sets the cost from the configuration, makes the dummy hash that unknown
 * emails are verified against, and loads the TOTP key.
 * Returns 0, or -1 (logged).
 */
int
auth_init(const struct config *cfg)
{
	unsigned char	 salt[SALT_LEN];
	const char	*k = cfg->secret[SECRET_TOTP_KEY];
	size_t		 i;
	int		 hi, lo;

	cost_m = cfg->num[CFG_ARGON2_M];
	cost_t = cfg->num[CFG_ARGON2_T];
	cost_p = cfg->num[CFG_ARGON2_P];
	if (random_bytes(salt, sizeof(salt)) == -1 ||
	    argon2id_hash_encoded((uint32_t)cost_t, (uint32_t)cost_m,
	    (uint32_t)cost_p, "dummy", 5, salt, sizeof(salt), HASH_LEN, dummy,
	    sizeof(dummy)) != ARGON2_OK) {
		log_warnx("argon2: cannot make the dummy hash");
		return -1;
	}
	have_totp_key = 0;
	if (k != NULL) {
		if (strlen(k) != 64) {
			log_warnx("totp_key must be 64 hex digits");
			return -1;
		}
		for (i = 0; i < 32; i++) {
			hi = hexdigit(k[2 * i]);
			lo = hexdigit(k[2 * i + 1]);
			if (hi < 0 || lo < 0) {
				log_warnx("totp_key must be 64 hex digits");
				return -1;
			}
			totp_key[i] = (unsigned char)(hi * 16 + lo);
		}
		have_totp_key = 1;
	}
	return 0;
}

/* One argon2 computation, for hash_run(). */
struct hashjob {
	const char		*enc;	/* verify this; NULL: hash */
	const char		*pw;
	size_t			 len;
	const unsigned char	*salt;
	char			*out;
	int			 rc;
};

static void
hash_do(struct hashjob *j)
{
	if (j->enc != NULL)
		j->rc = argon2id_verify(j->enc, j->pw, j->len);
	else
		j->rc = argon2id_hash_encoded((uint32_t)cost_t,
		    (uint32_t)cost_m, (uint32_t)cost_p, j->pw, j->len, j->salt,
		    SALT_LEN, HASH_LEN, j->out, AUTH_ENCODED_MAX);
}

static void *
hash_thread(void *arg)
{
	/* Linux: a thread id names just this thread (and argon2's own). */
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
	hash_do(arg);
	return NULL;
}

/*
 * Runs j in a thread at a lower priority than the worker's requests; in
 * the worker itself if no thread can be made.  Returns j->rc.
 */
static int
hash_run(struct hashjob *j)
{
	pthread_t	 t;

	if (pthread_create(&t, NULL, hash_thread, j) != 0)
		hash_do(j);
	else
		pthread_join(t, NULL);
	return j->rc;
}

/*
 * Hashes a password into out (AUTH_ENCODED_MAX bytes).
 * Returns AUTH_OK, AUTH_BUSY (no slot) or AUTH_ERROR.
 */
int
auth_hash(const char *pw, size_t len, char *out)
{
	unsigned char	 salt[SALT_LEN];
	struct hashjob	 j = { NULL, pw, len, salt, out, 0 };
	int		 rc;

	if (random_bytes(salt, sizeof(salt)) == -1)
		return AUTH_ERROR;
	if (slot_take() == -1)
		return AUTH_BUSY;
	rc = hash_run(&j);
	slot_give();
	return rc == ARGON2_OK ? AUTH_OK : AUTH_ERROR;
}

/*
 * Reads m, t, p from "$argon2id$v=19$m=M,t=T,p=P$salt$hash".
 * Returns 0, or -1 if the string is not an argon2id v=19 hash.
 */
int
auth_params(const char *enc, long long *m, long long *t, long long *p)
{
	const char	*s = enc, *e;
	const char	*keys[3] = { "m=", "t=", "p=" };
	long long	*vals[3];
	size_t		 i;

	vals[0] = m;
	vals[1] = t;
	vals[2] = p;
	if (strncmp(s, "$argon2id$v=19$", 15) != 0)
		return -1;
	s += 15;
	for (i = 0; i < 3; i++) {
		if (strncmp(s, keys[i], 2) != 0)
			return -1;
		s += 2;
		for (e = s; *e >= '0' && *e <= '9'; e++)
			continue;
		if (parse_int(s, (size_t)(e - s), 0, INT32_MAX, vals[i]) == -1)
			return -1;
		if (*e != (i < 2 ? ',' : '$'))
			return -1;
		s = e + 1;
	}
	return 0;
}

/*
 * Verifies pw against a stored hash.  Returns AUTH_OK, AUTH_BAD (no
 * match), AUTH_TAMPERED (refused before verifying: not argon2id, or
 * parameters no honest configuration uses), AUTH_BUSY or AUTH_ERROR.
 */
int
auth_verify(const char *enc, const char *pw, size_t len)
{
	long long	 m, t, p;
	struct hashjob	 j = { enc, pw, len, NULL, NULL, 0 };
	int		 rc;

	if (auth_params(enc, &m, &t, &p) == -1 || m > 4194304 || m < 8 * p ||
	    t < 1 || t > 64 || p < 1 || p > 16)
		return AUTH_TAMPERED;
	if (slot_take() == -1)
		return AUTH_BUSY;
	rc = hash_run(&j);
	slot_give();
	if (rc == ARGON2_OK)
		return AUTH_OK;
	if (rc == ARGON2_VERIFY_MISMATCH)
		return AUTH_BAD;
	return AUTH_TAMPERED;
}

/*
 * Spends the time of a verify on a hash nobody has, so that an unknown
 * email answers as slowly as a wrong password.  Returns AUTH_BAD or
 * AUTH_BUSY.
 */
int
auth_dummy_verify(const char *pw, size_t len)
{
	int	 rc = auth_verify(dummy, pw, len);

	return rc == AUTH_BUSY ? AUTH_BUSY : AUTH_BAD;
}

/* Returns 1 if enc was made with less memory or time than configured. */
int
auth_needs_rehash(const char *enc)
{
	long long	 m, t, p;

	if (auth_params(enc, &m, &t, &p) == -1)
		return 1;
	return m < cost_m || t < cost_t;
}

/*
 * SHA-256 of len bytes.  Every participant request hashes its token:
 * OpenSSL 3's one-shot SHA256() looks the algorithm up anew each time
 * (callgrind: 8,000 instructions a call, the hash itself 1,500), so the
 * digest is fetched once and its context reused.
 */
void
sha256(const void *p, size_t len, unsigned char out[32])
{
	static EVP_MD		*md;
	static EVP_MD_CTX	*ctx;
	unsigned int		 n = 32;

	if (md == NULL)
		md = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (ctx == NULL)
		ctx = EVP_MD_CTX_new();
	if (md == NULL || ctx == NULL ||
	    EVP_DigestInit_ex(ctx, md, NULL) != 1 ||
	    EVP_DigestUpdate(ctx, p, len) != 1 ||
	    EVP_DigestFinal_ex(ctx, out, &n) != 1)
		SHA256(p, len, out);
}

/*
 * Makes a new token: 32 random bytes as 64 hex digits in hex (65 bytes),
 * and the SHA-256 of that text in hash, which is all that is stored.
 * Returns 0 or -1.
 */
int
token_new(char *hex, unsigned char hash[32])
{
	unsigned char	 raw[32];

	if (random_bytes(raw, sizeof(raw)) == -1)
		return -1;
	hex_encode(raw, sizeof(raw), hex);
	OPENSSL_cleanse(raw, sizeof(raw));
	sha256(hex, 64, hash);
	return 0;
}

/* Compares two secrets in constant time.  Returns 1 if equal. */
int
secret_equal(const void *a, size_t alen, const void *b, size_t blen)
{
	return alen == blen && CRYPTO_memcmp(a, b, alen) == 0;
}

/* RFC 4648 base32 without padding; out has room for 8 * len / 5 + 2. */
void
base32_encode(const unsigned char *p, size_t len, char *out)
{
	static const char	 a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	size_t			 i, o = 0;
	unsigned int		 buf = 0, bits = 0;

	for (i = 0; i < len; i++) {
		buf = (buf << 8) | p[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = a[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = a[(buf << (5 - bits)) & 31];
	out[o] = '\0';
}

/* The 6-digit TOTP code of a time step (RFC 6238, RFC 4226 5.3). */
static unsigned int
totp_code(const unsigned char *key, size_t klen, long long step)
{
	unsigned char	 msg[8], mac[EVP_MAX_MD_SIZE];
	unsigned int	 mlen = 0, off, bin;
	int		 i;

	for (i = 7; i >= 0; i--) {
		msg[i] = (unsigned char)(step & 0xff);
		step >>= 8;
	}
	HMAC(EVP_sha1(), key, (int)klen, msg, sizeof(msg), mac, &mlen);
	off = mac[mlen - 1] & 0x0f;
	bin = ((unsigned int)(mac[off] & 0x7f) << 24) |
	    ((unsigned int)mac[off + 1] << 16) |
	    ((unsigned int)mac[off + 2] << 8) | mac[off + 3];
	return bin % 1000000;
}

/*
 * Checks a 6-digit code against the secret for the current step and one
 * step either side (clock drift).  A step at or before last_step was used
 * already and never counts again.  Returns the matching step, or -1.
 */
long long
totp_verify(const unsigned char *key, size_t klen, const char *code,
    long long last_step, time_t now)
{
	long long	 step = (long long)now / 30, s, want;

	if (strlen(code) != 6 || parse_int(code, 6, 0, 999999, &want) == -1)
		return -1;
	for (s = step - 1; s <= step + 1; s++)
		if (s > last_step && totp_code(key, klen, s) ==
		    (unsigned int)want)
			return s;
	return -1;
}

/* Returns 1 if a TOTP key is configured. */
int
totp_available(void)
{
	return have_totp_key;
}

/*
 * Seals a secret for storage: nonce (12) || ciphertext || tag (16), with
 * AES-256-GCM under totp_key, bound to aad (the account id) so a sealed
 * secret cannot be moved to another account.  out has len + 28 bytes.
 * Returns the sealed length, or -1.
 */
int
secret_seal(const unsigned char *in, size_t len, const char *aad,
    unsigned char *out)
{
	EVP_CIPHER_CTX	*c;
	int		 n, f, rc = -1;

	if (!have_totp_key || random_bytes(out, 12) == -1)
		return -1;
	if ((c = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	if (EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, totp_key, out) &&
	    EVP_EncryptUpdate(c, NULL, &n, (const unsigned char *)aad,
	    (int)strlen(aad)) &&
	    EVP_EncryptUpdate(c, out + 12, &n, in, (int)len) &&
	    EVP_EncryptFinal_ex(c, out + 12 + n, &f) &&
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16,
	    out + 12 + n + f))
		rc = 12 + n + f + 16;
	EVP_CIPHER_CTX_free(c);
	return rc;
}

/*
 * Opens what secret_seal() sealed.  out has len bytes.
 * Returns the secret's length, or -1 (wrong key, account or tampered).
 */
int
secret_open(const unsigned char *in, size_t len, const char *aad,
    unsigned char *out)
{
	EVP_CIPHER_CTX	*c;
	int		 n, f, rc = -1;

	if (!have_totp_key || len < 28)
		return -1;
	if ((c = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	if (EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, totp_key, in) &&
	    EVP_DecryptUpdate(c, NULL, &n, (const unsigned char *)aad,
	    (int)strlen(aad)) &&
	    EVP_DecryptUpdate(c, out, &n, in + 12, (int)(len - 28)) &&
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16,
	    (void *)(in + len - 16)) &&
	    EVP_DecryptFinal_ex(c, out + n, &f) > 0)
		rc = n + f;
	EVP_CIPHER_CTX_free(c);
	return rc;
}
