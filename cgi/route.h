/* route.h — matching a request path against a pattern with {name} segments: /children/{code}. */
#ifndef TX_ROUTE_H
#define TX_ROUTE_H

#define ROUTE_MAX_PARAMS 4
#define ROUTE_MAX_VALUE 128
#define ROUTE_MAX_NAME  32

struct route_params {
	int  n;
	char name[ROUTE_MAX_PARAMS][ROUTE_MAX_NAME];
	char value[ROUTE_MAX_PARAMS][ROUTE_MAX_VALUE];
};

/*
 * Whether path matches pattern segment by segment. A {name} segment matches one non-empty path
 * segment (shorter than ROUTE_MAX_VALUE), captured into out. Literal segments match exactly; no
 * trailing-slash folding.
 */
int route_match(const char *pattern, const char *path, struct route_params *out);

#endif
