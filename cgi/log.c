/* log.c — timestamped log lines with the pid, so that interleaved workers stay readable. */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

/* Room for the time stamp, and for one line of the log; a longer line is cut short. */
#define LOG_WHEN_MAX 32
#define LOG_LINE_MAX 2048

static void log_v(const char *level, const char *fmt, va_list ap)
{
	char when[LOG_WHEN_MAX];
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	/* One fprintf per line keeps lines from different workers whole. */
	char line[LOG_LINE_MAX];
	vsnprintf(line, sizeof line, fmt, ap);
	/* Request data ends up in log lines: a line break in it must not forge a second record. */
	for (char *p = line; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			*p = ' ';
	fprintf(stderr, "%s [%d] %s: %s\n", when, (int)getpid(), level, line);
}

#define LOG_FN(name, level) \
	void name(const char *fmt, ...) \
	{ \
		va_list ap; \
		va_start(ap, fmt); \
		log_v(level, fmt, ap); \
		va_end(ap); \
	}

LOG_FN(log_info, "info")
LOG_FN(log_warn, "warn")
LOG_FN(log_error, "error")
