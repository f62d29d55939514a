/* SPDX-License-Identifier: ISC */
/*
 * banned.h: C library calls that primoforum does not use, made compile
 * errors, as git's banned.h does.  Each has a bounded or checked
 * replacement: strlcpy-like copies through snprintf with a truncation
 * check, struct buf for growing output, parse_int() for numbers.
 * Include it last, after every system header.
 */
#ifndef BANNED_H
#define BANNED_H

#define BANNED(func) sorry_##func##_is_banned_see_banned_h

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef gets
#define gets(x) BANNED(gets)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef atoll
#define atoll(x) BANNED(atoll)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef strtok_r
#define strtok_r(x, y, z) BANNED(strtok_r)

/* Time: the _r forms only, which write to the caller's struct tm. */
#undef gmtime
#define gmtime(x) BANNED(gmtime)
#undef localtime
#define localtime(x) BANNED(localtime)
#undef ctime
#define ctime(x) BANNED(ctime)
#undef ctime_r
#define ctime_r(x, y) BANNED(ctime_r)
#undef asctime
#define asctime(x) BANNED(asctime)
#undef asctime_r
#define asctime_r(x, y) BANNED(asctime_r)

/* A name another process can take first: mkstemp() or mkdtemp(). */
#undef mktemp
#define mktemp(x) BANNED(mktemp)

/*
 * Numbers that parse without saying they failed, overflowed or stopped
 * early: parse_int() (util.c) checks all three.
 */
#undef atof
#define atof(x) BANNED(atof)
#undef strtol
#define strtol(x, y, z) BANNED(strtol)
#undef strtoul
#define strtoul(x, y, z) BANNED(strtoul)
#undef strtoll
#define strtoll(x, y, z) BANNED(strtoll)
#undef strtoull
#define strtoull(x, y, z) BANNED(strtoull)
#undef strtod
#define strtod(x, y) BANNED(strtod)
#undef sscanf
#define sscanf(...) BANNED(sscanf)

#endif /* BANNED_H */
