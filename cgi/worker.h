/*
 * worker.h — one prefork worker: accept FastCGI requests on the shared socket and answer them until
 * told to stop.
 */
#ifndef TX_WORKER_H
#define TX_WORKER_H

#include "config.h"

/*
 * Serve requests on listen_fd (non-blocking, shared with the other workers) until SIGTERM or
 * SIGINT. Those signals are blocked while a request is handled, so a request in flight always
 * finishes. Requests are served under the seccomp filter (syscall_filter.h). With App.TestHooks
 * (test instances only), SIGUSR2 makes the worker try execve, which the filter punishes: its test.
 * Returns the process exit status.
 */
int worker_main(const struct config *cfg, int listen_fd);

#endif
