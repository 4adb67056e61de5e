/* syscall_filter.h — the system calls a worker may make once it serves requests (seccomp). */
#ifndef TX_SYSCALL_FILTER_H
#define TX_SYSCALL_FILTER_H

#include "err.h"

/*
 * Confine the calling process, for the rest of its life, to the system calls a worker makes while
 * it serves requests: any other kills it with SIGSYS, and the master starts another. Sockets are
 * unix sockets only unless network (a payment provider called over HTTPS is offered), and a new
 * task is a thread, never a process. Call once, after the start-up
 * that needs more (configuration, templates, the database library, the first connection) and
 * before the first request. A sanitised build (SANITIZE=1) adds what LeakSanitizer needs at exit.
 */
int syscall_filter_install(int network, struct err *e);

#endif
