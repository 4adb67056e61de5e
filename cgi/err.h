/* err.h — an error with the HTTP status to answer and its cause, passed up to the one place that renders it. */
#ifndef TX_ERR_H
#define TX_ERR_H

struct err {
	int  status;      /* HTTP status to answer with: 400, 404, 413, 500, 503 ... */
	char msg[256];    /* what the user reads (Chinese); empty means the status's default text */
	char cause[512];  /* what the log reads; never shown to the user */
	unsigned dbcode;  /* the database's error number when it caused this (1062 duplicate key, ...), else 0 */
};

/*
 * Record an error and return -1, so that callers can write
 * `return err_set(e, 400, "页码无效", "page=%s", raw);`.
 * msg may be NULL for the status's default message.
 */
int err_set(struct err *e, int status, const char *msg, const char *causefmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Record a ClearSilver error (consuming nerr) as a 500 with its text as the cause; returns -1. */
struct _neo_err;
int err_neo(struct err *e, struct _neo_err *nerr, const char *what);

/* Clear an error before reuse. */
void err_clear(struct err *e);

#endif
