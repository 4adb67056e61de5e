/*
 * core/activities.h — themed activities (专题活动, sql/032 activities): opened, changed, published,
 * paused, resumed and ended by staff within reach, with their progress updates and closing report
 * (progress_updates, item_kind 'activity'); the sweep that ends those past their end date; and who
 * reaches what (an activity's region, a directed gift's region or member unit).
 *
 * Reach: the province every activity; city staff their city's and its counties'; county staff
 * their county's (scope_reaches_region). One out of reach is not found. Every change is audited in
 * its transaction (state_move's row for a change of state).
 */
#ifndef TX_CORE_ACTIVITIES_H
#define TX_CORE_ACTIVITIES_H

#include "../db.h"
#include "../scope.h"
#include "actor.h"

#define ACTIVITY_SLUG_LEN 41              /* [a-z0-9-], 2..40 */
#define ACTIVITY_DATE_LEN 11              /* YYYY-MM-DD */
#define ACTIVITY_FILING_LEN (64 * 4 + 1)  /* 64 characters of UTF-8 */

/*
 * An activity as the form gives it. region and filing_no may be "" (none: the province's, not
 * filed yet). Dates are YYYY-MM-DD; starts_on <= ends_on.
 */
struct activity_form {
	const char *slug, *title, *story, *starts_on, *ends_on, *region, *filing_no;
	long long   goal_fen;
};

/*
 * The condition on the regions row aliased r of an item's region (an activity's, a directed
 * gift's target region or its member unit's) that staff actor a reaches, one parameter as
 * scope_for's: the province all (r may then be a NULL row), a city its own row and its counties,
 * a county its own. Anyone else nothing.
 */
void activities_scope(const struct actor *a, struct scope *s);

/*
 * Open a draft for staff actor a; *id gets its id. ERR_FORBIDDEN (activities.region) for a
 * region a does not reach (county and city staff who name none get their own); ERR_INVALID
 * (activities.dates) for an end before the start; ERR_CONFLICT (activities.slug_taken).
 */
int activity_create(struct db *db, const struct actor *a, const struct activity_form *f,
                    long long *id, struct err *e);

/*
 * Change activity id as f says: a draft whole (its region as activity_create's); once live or
 * paused only its story, filing number and end date (the rest of f is ignored); ended, nothing
 * (ERR_CONFLICT activities.ended). ERR_NOT_FOUND (fund.unknown) out of reach.
 */
int activity_save(struct db *db, const struct actor *a, long long id,
                  const struct activity_form *f, struct err *e);

/* An activity's updates (its id the parameter), newest first: body, final, posted_on. */
#define ACTIVITY_UPDATES \
	"SELECT body, final, DATE_FORMAT(posted_on, '%Y-%m-%d') AS posted_on " \
	"FROM progress_updates WHERE item_kind = 'activity' AND item_id = ? " \
	"ORDER BY posted_on DESC, id DESC"

/* The moves staff make: publish a draft, pause (its donors told, fundraising.h), resume, end. */
enum activity_move { ACT_PUBLISH, ACT_PAUSE, ACT_RESUME, ACT_END };

/*
 * Make move m on activity id as staff actor a, in one transaction; reason is a pause's (what its
 * donors read), else NULL. ERR_NOT_FOUND out of reach, ERR_CONFLICT (activities.state) when its
 * state does not allow the move.
 */
int activity_move(struct db *db, const struct actor *a, long long id, enum activity_move m,
                  const char *reason, struct err *e);

/*
 * Post a progress update (项目进展) dated today on activity id; final: its closing report, only
 * once it has ended (ERR_CONFLICT activities.not_ended) and only one (activities.final_twice).
 * A draft takes none (activities.draft).
 */
int activity_post_update(struct db *db, const struct actor *a, long long id, const char *body,
                         int final, struct err *e);

/* Live and paused activities past their end date ended, one transaction each, as actor a. */
int activities_sweep(struct db *db, const struct actor *a, struct err *e);

/*
 * A directed gift's member unit: ERR_INVALID (activities.unit) unless unit id exists and has
 * signed the programme's agreement.
 */
int activities_check_unit(struct db *db, long long unit, struct err *e);

#endif
