/* syscall_filter.c — a worker's seccomp filter: allowed system calls; any other kills it. */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <seccomp.h>

#include "syscall_filter.h"
#include "util.h"

/*
 * What a worker calls while serving, found by tracing the whole test suite (strace -f) and by
 * reading what it does: FastCGI's accept, read and write; the MariaDB client on a unix socket (a
 * reconnect looks up the user and reads the TLS configuration); libsodium's getrandom; argon2id's
 * 64 MB; the password slots' OFD locks; the stash's and the photos' files; the import's writer
 * thread; time, exit.
 */
static const char *const ALLOWED[] = {
	/* descriptors: the FastCGI socket, the database connection, stash and lock files */
	"read", "write", "readv", "writev", "pread64", "pwrite64", "lseek", "close", "fcntl",
	"poll", "ppoll", "select", "pselect6",
	"accept", "accept4", "connect", "shutdown", "recvfrom", "sendto", "recvmsg", "sendmsg",
	"getsockopt", "setsockopt", "getsockname", "getpeername",
	/* files by path: the stash (App.UploadDir), the password-slot file, /etc on a reconnect */
	"openat", "newfstatat", "fstat", "statx", "rename", "renameat", "renameat2", "unlink",
	"unlinkat", "getdents64",
	/* a photo flushed to the (shared) disk before its row says it is there */
	"fsync",
	/* memory: malloc, argon2id, thread stacks */
	"brk", "mmap", "munmap", "mremap", "mprotect", "madvise",
	/* threads (the import's writer) and their locks */
	"futex", "set_robust_list", "rseq", "set_tid_address", "sched_yield", "gettid", "exit",
	"exit_group",
	/* signals: the stop signals, the ppoll mask, abort() */
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn",
	/* time and sleep */
	"clock_gettime", "clock_nanosleep", "nanosleep", "gettimeofday", "time",
	/* who this process is (a reconnect looks up its user), the memory there is, random bytes */
	"getpid", "getppid", "getuid", "geteuid", "getgid", "getegid", "sysinfo", "getrandom",
};

/*
 * Calls only a sanitised build makes: AddressSanitizer asks for the CPUs as it sets up a thread;
 * at exit, LeakSanitizer stops the worker's threads from a task of its own with ptrace, scans them,
 * and reports with symbolised stacks. Found in the kernel's log of seccomp kills (dmesg, audit type
 * 1326) under the sanitised suite, with a leak planted in a worker.
 */
static const char *const SANITIZER[] = {
	"sched_getaffinity", "clone", "ptrace", "wait4", "prctl", "open", "readlink", "sigaltstack",
	"getdents", "ioctl",
};

/*
 * What a call to a payment provider over HTTPS adds (libcurl with OpenSSL, glibc's resolver), for
 * a site that offers one (struct pay_provider's network): the resolver's UDP queries in pairs, and
 * curl's wake-up socket pair. The Internet sockets themselves are allowed in allow_narrowly.
 */
static const char *const NETWORK[] = {
	"sendmmsg", "recvmmsg", "socketpair", "pipe2", "eventfd2", "uname", "bind",
};

#ifdef __SANITIZE_ADDRESS__
#define SANITIZED 1
#else
#define SANITIZED 0
#endif

static int allow_all(scmp_filter_ctx f, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int nr = seccomp_syscall_resolve_name(names[i]);
		/* A call this architecture does not have is one nobody can make. */
		if (nr != __NR_SCMP_ERROR && seccomp_rule_add(f, SCMP_ACT_ALLOW, nr, 0) < 0)
			return -1;
	}
	return 0;
}

/*
 * Sockets of the families allowed: Unix ones always; with network, Internet ones and the netlink
 * socket through which the resolver learns the host's addresses. Another family is refused, as on
 * a machine without a network.
 */
static int allow_sockets(scmp_filter_ctx f, int network)
{
	static const int INET[] = { AF_INET, AF_INET6, AF_NETLINK };
	size_t n = network ? nitems(INET) : 0;

	if (seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
	                     SCMP_A0(SCMP_CMP_EQ, AF_UNIX)) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
		                     SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)INET[i])) < 0)
			return -1;
	return 0;
}

/* The calls allowed only with some arguments. */
static int allow_narrowly(scmp_filter_ctx f, int network)
{
	scmp_datum_t self = (scmp_datum_t)getpid();

	if (allow_sockets(f, network) < 0)
		return -1;
	/*
	 * A thread, never a process: clone only with CLONE_THREAD. clone3 passes its flags in
	 * memory, where a filter cannot look, so it says ENOSYS and the C library uses clone.
	 * (LeakSanitizer's tracer is a task of another kind: a sanitised build allows any clone.)
	 */
	if ((!SANITIZED &&
	     seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
	                      SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD)) < 0) ||
	    seccomp_rule_add(f, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0) < 0)
		return -1;
	/* abort() signals its own process, and nothing else. */
	return seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1, SCMP_A0(SCMP_CMP_EQ, self));
}

int syscall_filter_install(int network, struct err *e)
{
	scmp_filter_ctx f = seccomp_init(SCMP_ACT_KILL_PROCESS);
	int rc;

	if (!f)
		return err_set(e, 500, NULL, "seccomp_init failed");
	rc = allow_all(f, ALLOWED, nitems(ALLOWED));
	if (rc == 0 && SANITIZED)
		rc = allow_all(f, SANITIZER, nitems(SANITIZER));
	if (rc == 0 && network)
		rc = allow_all(f, NETWORK, nitems(NETWORK));
	if (rc == 0)
		rc = allow_narrowly(f, network);
	/* seccomp_load sets no_new_privs first, as the kernel requires without root. */
	if (rc == 0)
		rc = seccomp_load(f);
	seccomp_release(f);
	return rc < 0 ? err_set(e, 500, NULL, "seccomp filter: %s", strerror(-rc)) : 0;
}
