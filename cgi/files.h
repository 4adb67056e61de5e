/* files.h — a file written whole or not at all: aside under a temporary name, then renamed. */
#ifndef TX_FILES_H
#define TX_FILES_H

#include <stddef.h>

/*
 * Write data[0..len) to a new file tmp (mode, refused if tmp exists or is a link), flush it to the
 * disk when sync is set, and rename it to path: a reader of path finds the whole file or none.
 * Returns 0, or -1 with errno set and tmp removed.
 */
int file_put(const char *tmp, const char *path, const void *data, size_t len, int mode, int sync);

#endif
