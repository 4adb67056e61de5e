/* worker.h — one prefork worker: accept FastCGI requests on the shared socket and answer them until told to stop. */
#ifndef TX_WORKER_H
#define TX_WORKER_H

#include "config.h"

/*
 * Serve requests on listen_fd (non-blocking, shared with the other workers) until SIGTERM or SIGINT.
 * Those signals are blocked while a request is handled, so a request in flight always finishes.
 * Returns the process exit status.
 */
int worker_main(const struct config *cfg, int listen_fd);

#endif
