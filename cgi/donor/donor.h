/* donor.h — handlers of account pages and the donor's own pages, one file per page (ui-*.c). */
#ifndef TX_DONOR_H
#define TX_DONOR_H

#include "../ctx.h"

int ui_signup(struct ctx *c);        /* GET /signup                         ui-signup.c */
int ui_signup_post(struct ctx *c);   /* POST /signup                        ui-signup.c */
int ui_login(struct ctx *c);         /* GET /login                          ui-login.c */
int ui_login_post(struct ctx *c);    /* POST /login                         ui-login.c */
int ui_logout(struct ctx *c);        /* POST /logout                        ui-login.c */
int ui_reset(struct ctx *c);         /* GET /reset                          ui-reset.c */
int ui_reset_post(struct ctx *c);    /* POST /reset                         ui-reset.c */
int ui_newpw(struct ctx *c);         /* GET /reset/{token}                  ui-newpw.c */
int ui_newpw_post(struct ctx *c);    /* POST /reset/{token}                 ui-newpw.c */
int ui_verify(struct ctx *c);        /* GET /verify                         ui-verify.c */
int ui_verify_post(struct ctx *c);   /* POST /verify                        ui-verify.c */
int ui_verify_send(struct ctx *c);   /* POST /verify/send                   ui-verify.c */
int ui_verify_link(struct ctx *c);   /* GET /verify/{token}                 ui-verify-link.c */
int ui_verify_link_post(struct ctx *c); /* POST /verify/{token}             ui-verify-link.c */
int ui_hold(struct ctx *c);          /* POST /children/{code}/hold          ui-hold.c */
int ui_sponsor(struct ctx *c);       /* GET /sponsor/{code}                 ui-sponsor.c */
int ui_sponsor_post(struct ctx *c);  /* POST /sponsor/{code}                ui-sponsor.c */
int ui_sponsor_release(struct ctx *c); /* POST /sponsor/{code}/release     ui-sponsor.c */
int ui_me(struct ctx *c);            /* GET /me                             ui-me.c */
int ui_pay_next(struct ctx *c);      /* POST /me/sponsorships/{id}/pay      ui-pay-next.c */
int ui_statement(struct ctx *c);     /* GET /me/statements/{year}           ui-statement.c */
int ui_me_photo(struct ctx *c);      /* GET /me/photos/{photo}              ui-photo.c */
int ui_letters(struct ctx *c);       /* GET /me/sponsorships/{id}/letters   ui-letters.c */
int ui_letters_post(struct ctx *c);  /* POST /me/sponsorships/{id}/letters  ui-letters.c */
/* renewals: the donor stops a sponsorship */
int ui_stop(struct ctx *c);          /* GET /me/sponsorships/{id}/stop      ui-stop.c */
int ui_stop_post(struct ctx *c);     /* POST /me/sponsorships/{id}/stop     ui-stop.c */

/* personal fundraising pages (一起捐): a donor's own */
int ui_page_new(struct ctx *c);      /* GET /pages/new                      ui-page-new.c */
int ui_page_new_post(struct ctx *c); /* POST /pages/new                     ui-page-new.c */
int ui_mypage(struct ctx *c);        /* GET /me/pages/{id}                  ui-mypage.c */
int ui_mypage_post(struct ctx *c);   /* POST /me/pages/{id} (an update)     ui-mypage.c */
int ui_mypage_end(struct ctx *c);    /* POST /me/pages/{id}/end             ui-mypage.c */
int ui_mypage_pick(struct ctx *c);   /* POST /me/pages/{id}/pick            ui-mypage.c */
/* /me's 我的一起捐: the donor's pages, each with state, raised and gifts 
   (MyPages.*; ui-mypage.c). */
int me_pages(struct ctx *c);

/*
 * The new-page form's lists (Kinds, Activities: the live ones) and limits (Form.*), and the page
 * as typed (a 400 for what its kind lacks): shared with /admin/pages/new (ui-page-new.c).
 */
struct page_new;
int page_form(struct ctx *c);
int page_typed(struct ctx *c, struct page_new *n);

/*
 * Make the form's page (a spokesperson's for person, else NULL) as the signed-in actor, and go to
 * back/{id}.
 */
int page_submit(struct ctx *c, const char *person, const char *back);

/* After signing in: c->f[K_NEXT] if given, else /me. */
const char *donor_next(const struct ctx *c);

/* To the verification page (cgi/verify.h), which sends the donor on to next (NULL: /me) after. */
int donor_to_verify(struct ctx *c, const char *next);

/*
 * A hold refused, answered with status: the page says why (title, message; an optional link on,
 * with its text) and offers similar waiting children.
 */
int donor_refused_page(struct ctx *c, const char *code, int status, const char *title,
                       const char *message, const char *link, const char *link_text);

/* The "this child has just been chosen" page (donor_refused_page's commonest use). */
int donor_taken_page(struct ctx *c, const char *code, int status);

/* A login as stored: e-mail addresses lower-cased (mobile numbers are digits already). */
#define DONOR_LOGIN_MAX 255
void donor_login_norm(const char *in, char out[DONOR_LOGIN_MAX]);

#endif
