/*
 * slots.h — at most n of a costly thing at once across every worker of the host: argon2id hashes
 * (passwd.c), photo decodes (core/photos.c). A slot is an open-file-description lock on one byte of
 * a file beside the socket; the kernel drops it when its holder dies, so a worker killed halfway
 * cannot leak a slot (a counter in shared memory could).
 */
#ifndef TX_SLOTS_H
#define TX_SLOTS_H

#include <sys/types.h>

/* One kind of slot: its lock file is the socket's path with suffix. Each process opens its own. */
struct slots {
	const char *suffix;
	int         fd;
	pid_t       pid;
};
#define SLOTS_INIT(sfx) { (sfx), -1, 0 }

/* What slots_take returns when every slot stayed busy for the time it was given. */
#define SLOTS_BUSY (-2)

/*
 * A slot of n taken, waiting at most wait_ms for one: its number, SLOTS_BUSY, or -1 with errno if
 * the lock file cannot be used.
 */
int slots_take(struct slots *s, const char *socket, int n, int wait_ms);
void slots_give(struct slots *s, int slot);

#endif
