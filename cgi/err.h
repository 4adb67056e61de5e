/*
 * err.h — an error passed up to the one place that answers it: its kind (which the web layer
 * turns into an HTTP status, cgi/messages.c), what the user reads (a message key, or text the web
 * layer wrote), and its cause for the log. The domain core sets a kind and a key, never an HTTP
 * status or Chinese text (err_core); the web layer may still give a status and its text (err_set).
 */
#ifndef TX_ERR_H
#define TX_ERR_H

enum err_kind {
	ERR_NONE,
	ERR_INVALID,     /* the input is wrong (400) */
	ERR_FORBIDDEN,   /* not this actor's to do or see (403) */
	ERR_NOT_FOUND,   /* no such thing, or not one this actor may know of (404) */
	ERR_METHOD,      /* the route does not take this method (405; web only) */
	ERR_CONFLICT,    /* the records' state does not allow it now (409) */
	ERR_TOO_LARGE,   /* the input is too big (413) */
	ERR_MEDIA,       /* the input is of a type this route does not take (415; web only) */
	ERR_TOO_MANY,    /* a limit on attempts was reached (429) */
	ERR_INTERNAL,    /* a program or server error (500) */
	ERR_BUSY,        /* the database went away or is busy: try again (503) */
};

#define ERR_MSG_LEN   256
#define ERR_CAUSE_LEN 512

struct err {
	enum err_kind kind;
	const char   *key;                  /* the text, by key (messages.c), or NULL */
	long long     arg;                  /* the one number the key's text may show */
	char          msg[ERR_MSG_LEN];     /* text the web layer wrote in full, instead of a key */
	char          cause[ERR_CAUSE_LEN]; /* what the log reads; never shown to the user */
	unsigned      dbcode;               /* the database's error number behind it, else 0 */
	/*
	 * The form field the input error is about, by its input's name ("amount"), or NULL: a form
	 * drawn again shows the message at that field (the worker's form_again).
	 */
	const char   *field;
};

/*
 * The domain core's errors: record the kind, the message key (NULL for the kind's default text)
 * and the cause, and return -1, so that callers can write
 * `return err_core(e, ERR_CONFLICT, "hold.taken", "child %s", code);`.
 */
int err_core(struct err *e, enum err_kind kind, const char *key, const char *causefmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A program or server error, read as the default text: err_core(e, ERR_INTERNAL, NULL, ...). */
int err_internal(struct err *e, const char *causefmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * The web layer's: record an error by its HTTP status (kept as its kind) and the text the user
 * reads (NULL for the status's default), and return -1:
 * `return err_set(e, 400, "页码无效", "page=%s", raw);`.
 */
int err_set(struct err *e, int status, const char *msg, const char *causefmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Tie e's error to the form field named field (a key's name: KEYS[K_AMOUNT].name); returns -1. */
int err_at(struct err *e, const char *field);

/*
 * Tie e's error to field when it is the refusal by message key key ("payouts.unfunded"): a
 * handler's way to say which field the core's refusal is about. Returns -1.
 */
int err_at_if(struct err *e, const char *key, const char *field);

/* Record a ClearSilver error (consuming nerr) as internal, its text the cause; returns -1. */
struct _neo_err;
int err_neo(struct err *e, struct _neo_err *nerr, const char *what);

/* Clear an error before reuse. */
void err_clear(struct err *e);

/* Whether e holds an error. */
static inline int err_is(const struct err *e)
{
	return e->kind != ERR_NONE;
}

/* The web layer's reading of an error (messages.c): its HTTP status, and what the user reads. */
int err_status(const struct err *e);
const char *err_text(const struct err *e, char *buf, unsigned n);

/* The text of message key, or NULL if there is no such key. */
const char *message_text(const char *key);

#endif
