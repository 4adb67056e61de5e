/*
 * actor.h — who acts on the programme's records: a donor, a staff member with role and region, a
 * visitor known by a browser cookie, or the system (the sweep, a payment provider's notice, txctl).
 * The domain core takes one of these where the web layer has a request; each change of state says
 * which kinds of actor may make it (state.h).
 */
#ifndef TX_ACTOR_H
#define TX_ACTOR_H

enum actor_kind { ACTOR_SYSTEM, ACTOR_VISITOR, ACTOR_DONOR, ACTOR_STAFF, ACTOR__MAX };

/* A set of actor kinds, for the transition tables. */
#define AK(k) (1u << (k))
#define AK_ANY (AK(ACTOR_SYSTEM) | AK(ACTOR_VISITOR) | AK(ACTOR_DONOR) | AK(ACTOR_STAFF))

#define ACTOR_ROLE_LEN   12   /* province | city | county | volunteer */
#define ACTOR_REGION_LEN 7    /* a six-digit region code */
#define ACTOR_ADDR_LEN   48   /* an IPv6 address as text, or a name for the system */

struct actor {
	enum actor_kind kind;
	long long       id;                       /* the donor's or staff member's; 0 otherwise */
	char            role[ACTOR_ROLE_LEN];     /* staff: the role */
	char            region[ACTOR_REGION_LEN]; /* staff: the region the role is bound to */
	char            addr[ACTOR_ADDR_LEN];     /* a client address, or "sweep", "txctl" ... */
	char            net[ACTOR_ADDR_LEN];      /* one client for limits: addr, or an IPv6 /64 */
};

/* The system acting on its own (the sweep, a provider's notice), from where (< ACTOR_ADDR_LEN). */
struct actor actor_system(const char *where);

#endif
