/* labels.h — the product's fixed code lists (hardship categories, gender, child status) and the Chinese people read. */
#ifndef TX_LABELS_H
#define TX_LABELS_H

struct label {
	const char *code;
	const char *text;
};

/* Hardship categories from domain.md, in display order; terminated by a {NULL, NULL} entry. */
extern const struct label CATEGORIES[];
extern const struct label GENDERS[];
extern const struct label CHILD_STATUSES[];

/* The text for code in list, or NULL if the code is unknown. */
const char *label_of(const struct label *list, const char *code);

#endif
