/* util.h — small things every module may use. */
#ifndef TX_UTIL_H
#define TX_UTIL_H

/* The number of elements of array a (style(9)'s nitems): parameter counts, table lengths. */
#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* A number macro as text, e.g. in SQL: "INTERVAL " STR(DAYS) " DAY". */
#define STR_(x) #x
#define STR(x)  STR_(x)

#endif
