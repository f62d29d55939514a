/* SPDX-License-Identifier: ISC */
/*
 * mail.c: outgoing mail through the system's sendmail interface (the
 * command of the config key "sendmail", split on spaces and run without a
 * shell), the message on its standard input.  Every MTA on Debian
 * provides /usr/sbin/sendmail; tests point the key at a script that keeps
 * the message.
 */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"
#include "banned.h"

extern char **environ;

/* Returns 1 if s could break a header line (CR, LF, other controls). */
static int
header_unsafe(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/*
 * Sends a plain-text UTF-8 mail.  Returns 0 if sendmail took it (exit 0),
 * -1 otherwise (logged).
 */
int
mail_send(const struct config *cfg, const char *to, const char *subject,
    const char *body)
{
	posix_spawn_file_actions_t	 fa;
	struct buf			 msg;
	char				*cmd, *argv[16], *p;
	int				 fds[2], argc = 0, st, rc = -1;
	pid_t				 pid;
	size_t				 off;
	ssize_t				 n;

	if (header_unsafe(to) || header_unsafe(subject) ||
	    header_unsafe(cfg->str[CFG_MAIL_FROM]))
		return -1;
	cmd = xstrdup(cfg->str[CFG_SENDMAIL]);
	for (p = cmd; *p != '\0' && argc < 15;) {
		while (*p == ' ')
			*p++ = '\0';
		if (*p == '\0')
			break;
		argv[argc++] = p;
		while (*p != '\0' && *p != ' ')
			p++;
	}
	argv[argc] = NULL;
	if (argc == 0) {
		free(cmd);
		return -1;
	}
	buf_init(&msg, 64 * 1024);
	buf_appendf(&msg, "From: %s\nTo: %s\nSubject: %s\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=utf-8\n"
	    "Content-Transfer-Encoding: 8bit\n\n%s", cfg->str[CFG_MAIL_FROM],
	    to, subject, body);
	if (pipe(fds) == -1) {
		log_warn("mail: pipe");
		goto out;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[0], STDIN_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[0]);
	if (rc != 0) {
		errno = rc;
		log_warn("mail: %s", argv[0]);
		close(fds[1]);
		rc = -1;
		goto out;
	}
	for (off = 0; off < msg.len; off += (size_t)n)
		if ((n = write(fds[1], msg.data + off, msg.len - off)) <= 0)
			break;
	close(fds[1]);
	rc = -1;
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			goto out;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0 && off == msg.len)
		rc = 0;
	else
		log_warnx("mail: %s failed (status %d)", argv[0], st);
out:
	buf_release(&msg);
	free(cmd);
	return rc;
}
