/*
 * actor.h — who acts on the programme's records: a donor, a staff member with role and region, a visitor known by
 * a browser cookie, or the system (the sweep, a payment provider's notice, txctl). The domain core takes one of
 * these where the web layer has a request; each state change says which kinds of actor may make it (state.h).
 */
#ifndef TX_ACTOR_H
#define TX_ACTOR_H

enum actor_kind { ACTOR_SYSTEM, ACTOR_VISITOR, ACTOR_DONOR, ACTOR_STAFF, ACTOR__MAX };

/* A set of actor kinds, for the transition tables. */
#define AK(k) (1u << (k))
#define AK_ANY (AK(ACTOR_SYSTEM) | AK(ACTOR_VISITOR) | AK(ACTOR_DONOR) | AK(ACTOR_STAFF))

struct actor {
	enum actor_kind kind;
	long long       id;          /* the donor's or staff member's id; 0 for the system and visitors */
	char            role[12];    /* staff: province | city | county | volunteer */
	char            region[7];   /* staff: the region the role is bound to */
	char            addr[48];    /* where the action came from: a client address, or "system", "txctl" */
	char            net[48];     /* who counts as one client for limits: addr, or an IPv6 address's /64 */
};

/* The system acting on its own (the sweep, a provider's notice), from where (at most 47 characters). */
struct actor actor_system(const char *where);

#endif
