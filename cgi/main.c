/* main.c — txappd, the master: the socket, prefork, restarts of the dead, a graceful stop. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcgiapp.h>
#include <sodium.h>

#include "config.h"
#include "log.h"
#include "render.h"
#include "worker.h"

#define MAX_WORKERS 64
#define MAX_FILES 8
#define MAX_OVERRIDES 32
/* In-flight requests get this long to finish after SIGTERM before workers are killed. */
#define STOP_GRACE_SECONDS 25
/*
 * A worker that dies young is restarted after a pause that doubles with each early death, up to the
 * maximum, so a worker that crashes on every request cannot turn the master into a fork loop.
 */
#define YOUNG_SECONDS 60
#define BACKOFF_MAX_SECONDS 30

struct slot {
	pid_t  pid;       /* 0: empty, waiting to be (re)started */
	time_t started;
	time_t restart_at;
	int    backoff;   /* seconds to wait after the next early death */
};

/* Seconds on a clock that NTP cannot step backwards. */
static time_t now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static struct slot slots[MAX_WORKERS];

static void usage(void)
{
	fprintf(stderr, "usage: txappd -c config.hdf [-c more.hdf ...] [-s Key=Value ...] "
	                "[-p pidfile]\n");
	exit(2);
}

static int open_socket(const struct config *cfg)
{
	int fd, flags;

	unlink(cfg->socket);
	fd = FCGX_OpenSocket(cfg->socket, 128);
	if (fd < 0)
		return -1;
	/*
	 * FCGX_OpenSocket leaves the socket to the umask; nginx, another user, must be able to
	 * connect.
	 */
	if (cfg->socket_group) {
		struct group *g = getgrnam(cfg->socket_group);
		if (!g || chown(cfg->socket, (uid_t)-1, g->gr_gid) != 0)
			log_error("cannot give %s to group %s", cfg->socket, cfg->socket_group);
	}
	if (chmod(cfg->socket, (mode_t)cfg->socket_mode) != 0)
		log_warn("chmod %s: %s", cfg->socket, strerror(errno));
	/*
	 * Non-blocking, so a worker that loses the race for a connection returns to ppoll instead
	 * of blocking.
	 */
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
		return -1;
	return fd;
}

static void spawn(struct slot *s, const struct config *cfg, int fd)
{
	pid_t pid = fork();

	if (pid < 0) {
		log_error("fork: %s", strerror(errno));
		s->restart_at = now() + 1;
		return;
	}
	if (pid == 0) {
		/*
		 * A worker must not outlive its master: it would hold the socket and a database
		 * connection.
		 */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() == 1)
			exit(1);
		/*
		 * exit(), not _exit(): a sanitised build checks the worker for leaks in its exit
		 * handlers.
		 */
		exit(worker_main(cfg, fd));
	}
	s->pid = pid;
	s->started = now();
	s->restart_at = 0;
}

/* Reap every exited child; with respawn set, schedule their slots for a restart. */
static int reap(int nworkers, int respawn)
{
	int status, alive = 0;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int i = 0; i < nworkers; i++) {
			struct slot *s = &slots[i];
			if (s->pid != pid)
				continue;
			/* Said while stopping too: a worker's last calls keep to its filter. */
			if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS)
				log_error("worker %d killed by SIGSYS: a system call outside its "
				          "seccomp filter%s", (int)pid,
				          respawn ? "; restarting" : "");
			else if (respawn && WIFSIGNALED(status))
				log_warn("worker %d killed by signal %d; restarting", (int)pid,
				         WTERMSIG(status));
			else if (respawn)
				log_warn("worker %d exited with %d; restarting", (int)pid,
				         WEXITSTATUS(status));
			s->pid = 0;
			if (now() - s->started < YOUNG_SECONDS) {
				s->backoff = s->backoff ? s->backoff * 2 : 1;
				if (s->backoff > BACKOFF_MAX_SECONDS)
					s->backoff = BACKOFF_MAX_SECONDS;
				s->restart_at = now() + s->backoff;
			} else {
				s->backoff = 0;
				s->restart_at = 0;
			}
		}
	}
	for (int i = 0; i < nworkers; i++)
		alive += slots[i].pid != 0;
	return alive;
}

static void signal_all(int nworkers, int sig)
{
	for (int i = 0; i < nworkers; i++)
		if (slots[i].pid)
			kill(slots[i].pid, sig);
}

/* Let every worker finish what it is serving, then exit; kill stragglers after the grace period. */
static void stop_workers(int nworkers, const sigset_t *set)
{
	time_t deadline = now() + STOP_GRACE_SECONDS;
	struct timespec tick = { 0, 200 * 1000 * 1000 };

	signal_all(nworkers, SIGTERM);
	while (reap(nworkers, 0) > 0) {
		if (now() >= deadline) {
			log_warn("workers still busy after %d s; killing them", STOP_GRACE_SECONDS);
			signal_all(nworkers, SIGKILL);
		}
		sigtimedwait(set, NULL, &tick);
	}
}

static int serve(const struct config *cfg, int fd)
{
	sigset_t set;
	struct timespec tick = { 1, 0 };
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	/*
	 * The master takes signals synchronously with sigtimedwait; workers inherit the mask and
	 * set their own.
	 */
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	/*
	 * Stray user signals must not kill the master (their default action); workers also ignore
	 * them.
	 */
	signal(SIGUSR1, SIG_IGN);
	signal(SIGUSR2, SIG_IGN);

	for (;;) {
		time_t t = now();
		for (int i = 0; i < cfg->workers; i++)
			if (!slots[i].pid && slots[i].restart_at <= t)
				spawn(&slots[i], cfg, fd);
		sig = sigtimedwait(&set, NULL, &tick);
		if (sig == SIGCHLD) {
			reap(cfg->workers, 1);
		} else if (sig == SIGTERM || sig == SIGINT) {
			log_info("signal %d: stopping; in-flight requests finish first", sig);
			stop_workers(cfg->workers, &set);
			return 0;
		} else if (sig == SIGHUP) {
			log_info("SIGHUP ignored: restart the service to reload configuration");
		}
	}
}

int main(int argc, char **argv)
{
	char *files[MAX_FILES], *overrides[MAX_OVERRIDES], *pidfile = NULL;
	int nfiles = 0, nover = 0, opt, fd, rc;
	struct config cfg;
	struct err e;

	while ((opt = getopt(argc, argv, "c:s:p:")) != -1) {
		if (opt == 'c' && nfiles < MAX_FILES)
			files[nfiles++] = optarg;
		else if (opt == 's' && nover < MAX_OVERRIDES)
			overrides[nover++] = optarg;
		else if (opt == 'p')
			pidfile = optarg;
		else
			usage();
	}
	if (nfiles == 0 || optind != argc)
		usage();
	err_clear(&e);
	if (sodium_init() < 0 || config_load(&cfg, files, nfiles, overrides, nover, &e) < 0 ||
	    render_init(cfg.templates, &e) < 0) {
		log_error("cannot start: %s",
		          e.cause[0] ? e.cause : "libsodium failed to initialise");
		return 1;
	}
	if (cfg.workers > MAX_WORKERS)
		cfg.workers = MAX_WORKERS;
	if ((fd = open_socket(&cfg)) < 0) {
		log_error("cannot listen on %s: %s", cfg.socket, strerror(errno));
		return 1;
	}
	if (pidfile) {
		FILE *f = fopen(pidfile, "w");
		if (f) {
			fprintf(f, "%d\n", (int)getpid());
			fclose(f);
		}
	}
	log_info("txappd listening on %s with %d workers", cfg.socket, cfg.workers);
	rc = serve(&cfg, fd);
	close(fd);
	unlink(cfg.socket);
	if (pidfile)
		unlink(pidfile);
	render_free();
	config_free(&cfg);
	log_info("txappd stopped");
	return rc;
}
