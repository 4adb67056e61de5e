/* log.h — one-line log records on stderr, which the service manager or dev script captures. */
#ifndef TX_LOG_H
#define TX_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
