/*
 * public_child.h — a child as the public may see it, in SQL: the age, the columns and the waiting
 * order every public page and the core's offers of a child use (no personal field among them).
 */
#ifndef TX_PUBLIC_CHILD_H
#define TX_PUBLIC_CHILD_H

/*
 * A child's public age: whole years since the first of the birth month (c.birth_ym,
 * sql/014_birth_month.sql), as if every child were born on the 1st. It changes on the 1st of a
 * month, so looking at it every day tells nothing finer than the month; an age counted from the
 * birth date would change on the birthday and tell the day. Every age the public sees is this one;
 * the listing's age filters are the same rule solved for c.birth_ym (ui-children.c).
 */
#define CHILD_PUBLIC_AGE "TIMESTAMPDIFF(YEAR, c.birth_ym, CURDATE())"

/*
 * The columns a public page may show of a child. Personal fields (pii_*, id_hash) and the birth
 * date are never selected on public pages: this list is the only way child rows reach them. The
 * days waiting count from c.public_since: the record date, but not before the month after the birth
 * month (a child is recorded after its birth, so a record date inside the birth month would bound
 * the day); until then they are 0.
 */
#define CHILD_PUBLIC_COLS \
	"c.code, c.alias, c.gender, c.county_code AS county, c.category, c.status, " \
	"c.sponsored_before, " \
	CHILD_PUBLIC_AGE " AS age, GREATEST(0, DATEDIFF(CURDATE(), c.public_since)) AS days_waiting"

/*
 * Longest waiting first, as public lists show children unless asked otherwise. Ties go by the
 * public code, which is random: an id follows the rows of an imported ledger, and a ledger sorted
 * by ID number is sorted by birth date.
 */
#define CHILD_WAITING_ORDER "c.public_since, c.code"

#endif
