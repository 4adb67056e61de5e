/*
 * keys.h — every input key the app accepts, with its validator: parameters are checked once, at the
 * door, and handlers read only clean, typed values from struct field.
 */
#ifndef TX_KEYS_H
#define TX_KEYS_H

#include <ClearSilver.h>

#include "request.h"

enum key {
	K_CITY,      /* city-level region code */
	K_COUNTY,    /* county-level region code */
	K_GENDER,    /* m | f */
	K_AGE_MIN,   /* 0..17 */
	K_AGE_MAX,   /* 0..17 */
	K_CATEGORY,  /* hardship category code */
	K_BMONTH,    /* birth_month: 1..12 */
	K_BIRTHDAY,  /* birthday: retired (it was MM-DD); refused, saying the filter is by month */
	K_SORT,      /* waiting | age | newest */
	K_PAGE,      /* 1..KEYS_MAX_PAGE */
	K_CODE,      /* a child's public code (path parameter) */
	K_LOGIN,     /* an e-mail address or a mainland mobile number */
	K_PASSWORD,  /* 8..128 characters */
	K_DNAME,     /* display_name: 1..32 characters on one line */
	K_AGREE,     /* a ticked box: "1" or "on" */
	K_NEXT,      /* where to go after login: a path on this site */
	K_PLAN,      /* annual | monthly */
	K_RNAME,     /* receipt_name: a real name for the receipt, 1..32 characters */
	K_ANON,      /* anonymous: a ticked box */
	K_AMOUNT,    /* yuan, 1..1,000,000 with at most two decimals; num = fen */
	K_OTHER,     /* amount_other: the same, typed beside the preset amounts; it wins over them
	              */
	K_NAME,      /* a donor's name on a general donation, 1..32 characters */
	K_MOBILE,    /* a mainland mobile number */
	K_MESSAGE,   /* up to 200 characters */
	K_TOKEN,     /* a reset or verification link's token (path parameter): 64 hex digits */
	K_ORDER,     /* a payment order's public number (path parameter) */
	K_PROVIDER,  /* a payment provider's name (path parameter) */
	K_NO,        /* a receipt number, YYYY-NNNNNN (path parameter); num = year * 10^7 + sequence
	              */
	K_RCODE,     /* receipt_code: a receipt's verification code (on /receipts/{no}) */
	K_YEAR,      /* a calendar year (path parameter) */
	K_ID,        /* a row id (path parameter) */
	K_USERNAME,  /* a staff member's login name */
	K_STATUS,    /* state: a sponsorship state to list (pending_approval, active, ...) */
	K_REASON,    /* reason: why a pairing was rejected, 1..200 characters */
	K_CSTATUS,   /* status: a state to list: a child's (/admin/children), a visit's
	              * (/admin/visits) or a letter's (/admin/letters); each page refuses
	              * another's */
	K_DAYS,      /* waited at least this many days: 0..9999 */
	K_ALIAS,     /* a child's public alias (化名): 1..32 characters */
	K_BIRTH,     /* birth_date: YYYY-MM-DD */
	K_STORY,     /* the public story: up to 500 characters */
	K_RNAME2,    /* real_name: a child's real name, 1..32 characters (personal data) */
	K_IDNUM,     /* id_number: a GB 11643 ID number (personal data) */
	K_GUARDIAN,  /* guardian: name and contact, 1..100 characters on one line (personal data) */
	K_ADDRESS,   /* address: the family's address, 1..100 characters on one line (personal data)
	              */
	K_VERSION,   /* the record version an edit started from (optimistic locking) */
	K_PUBLISH,   /* publish: 0 | 1, the guardian's consent to publish the profile */
	K_GIVEN_BY,  /* given_by: who gave the consent, 1..32 characters */
	K_GIVEN_ON,  /* given_on: the date consent was given, YYYY-MM-DD */
	K_STAFF,     /* staff: a staff username to filter the audit log by */
	K_ACTION,    /* action: an audit action (login, child.view_pii, ...) */
	K_FROM,      /* from: first day, YYYY-MM-DD */
	K_TO,        /* to: last day, YYYY-MM-DD */
	K_EXIT,      /* exit_reason: why a child leaves the programme (aged_out | improved | moved |
	              * other) */
	K_NOTE,      /* note: up to 150 characters (it is stored after a reason's label) */
	K_PII,       /* pii: 1 to include personal data in an export (audited) */
	K_UPLOAD,    /* upload: a checked ledger waiting to be imported, by its stash id (32 hex
	              * characters; path) */
	K_ROLE,      /* role: province | city | county | volunteer */
	K_REGION,    /* region: any region code of the province */
	K_ACTIVE,    /* active: 0 | 1 */
	K_SIGNED,    /* signed: 0 | 1, a member unit's cooperation agreement */
	K_DATE,      /* date: YYYY-MM-DD */
	K_VCODE,     /* verify_code: a login verification code, VERIFY_DIGITS (6) digits */
	/* volunteer organisations and their volunteers (orgs: ui-orgs.c, ui-staff.c) */
	K_ORG,       /* org: a volunteer organisation's id */
	K_ORG_NAME,  /* org_name: an organisation's name, 1..32 characters */
	K_CONTACT,   /* contact_name: its contact person, 1..32 characters (personal data) */
	K_PHONE,     /* contact_phone: the contact's phone, 5..20 digits, spaces, - or + (personal
	              * data) */
	K_AGREED,    /* agreed_on: the cooperation agreement's date, YYYY-MM-DD */
	/* visits (core/visits.c): the care given and the photos confirmed are one tick each */
	K_FORM_KEY,  /* form_key: a form's one-time key (32 hex digits): a retried POST acts once
	              * (visits, letters) */
	K_VKIND,     /* kind: how a visit was made (home | phone | school | activity) */
	K_CARE_LIFE, /* care_life, care_family, care_education, care_special: ticks */
	K_CARE_FAMILY,
	K_CARE_EDU,
	K_CARE_SPECIAL,
	K_GIVEN_WHAT, /* given_what: what was handed over, 1..100 characters on one line */
	K_GIVEN,     /* given_yuan: the money handed over, in yuan (num = fen) */
	K_STAFF_NOTE, /* staff_note: a visit's note for staff, up to 500 characters (sealed) */
	K_SUMMARY,   /* summary: what the sponsor reads, 20..500 characters (sealed) */
	K_REVIEW_NOTE, /* review_note: why a visit is returned, 1..200 characters */
	K_AND_SUBMIT, /* and_submit: a tick (the form's 保存并提交 button) */
	K_PHOTO_OK1, /* photo_ok_1 .. photo_ok_4: a visit's or a reply's photo in that slot,
	              * confirmed at review */
	K_PHOTO_OK2,
	K_PHOTO_OK3,
	K_PHOTO_OK4,
	/* photos (core/photos.c) and the photo consent */
	K_PHOTO,     /* a photo's name (path parameter): PHOTO_NAME_LEN hex digits */
	K_CSCOPE,    /* scope: what a guardian's consent is for, publish | photo (publish if
	              * absent) */
	K_SCHOOL,    /* school: the child's school, 1..100 characters on one line (personal data) */
	/* letters between sponsor and child (core/letters.c) */
	K_LETTER,    /* letter: a letter's or a reply's text, 1..500 characters, lines allowed */
	K_LSTATUS,   /* letter_state: a letter state to list (on /admin/letters) */
	K_DECISION,  /* decision: a reviewer's approve | edit | decline */
	K_VISIT,     /* visit: the visit a letter was handed over on (a row id) */
	/* money after pairing: payouts, batches, bank files, lapses (shared by their pages) */
	K_PERIOD,    /* period: a payout's period, 2027 | 2027H1 | 2027-03 (core/period.h) */
	K_METHOD,    /* method: how a payout is made, bank | cash | goods */
	K_ADVANCED,  /* advanced_yuan: the part the county advances, 0..1,000,000 yuan (num =
	              * fen) */
	K_GOODS,     /* goods: what was given, 1..100 characters on one line */
	K_BANK_REF,  /* bank_ref: the bank's reference of a transfer, 1..64 visible ASCII */
	K_BANK_HOLDER, /* bank_holder: the account holder's name, 1..32 characters (personal
	                * data) */
	K_BANK_NO,   /* bank_no: a bank account number, 12..19 digits, spaces allowed (personal
	              * data); num is the number of digits */
	K_BANK_NAME, /* bank_name: the bank and branch, 1..32 characters */
	K_ENCODING,  /* encoding: a bank file's, utf8 | gbk */
	K_PSTATE,    /* payout_state: a payout state to list */
	K_LAPSE,     /* lapse_choice: the county's decision on a lapsing sponsorship, wait | end */
	/* fundraising beyond one-to-one (sql/032): pages, pools, activities, disclosure, reports */
	K_TITLE,     /* title: 1..40 characters on one line */
	K_TEXT,      /* text: a story, an update, a report's description: 1..2,000 characters, lines
	              * allowed, not only blanks */
	K_GOAL,      /* goal_yuan: 1..100,000,000 yuan with at most two decimals (num = fen) */
	K_SLUG,      /* slug: a themed activity's name in its URL, [a-z0-9-] 2..40, a letter or
	              * digit first */
	K_PCODE,     /* p: a personal page's code, 8 Crockford base32 characters (path parameter) */
	K_TARGET,    /* target: what a gift is for: all | a city or county code | u<member unit id>
	              * (num: the unit's id for u…, else 0) */
	K_CHILDREN,  /* children: how many children a page raises for, 1..50 */
	K_PKIND,     /* page_kind: programme | activity | children (labels PAGE_KINDS) */
	K_FUNDER,    /* funder: who pledged a matching pool, 1..64 characters on one line */
	K_RATIO,     /* ratio: a match's ratio "a:b" (a yuan given, b matched), each 1..100 */
	K_CAP,       /* cap_yuan: the most one gift is matched, 0.01..1,000,000 yuan (num = fen) */
	K_KINDS,     /* kinds: the gifts a pool matches, codes of GIFT_KINDS joined by commas */
	K_UNIT,      /* unit: a member unit's id */
	K_RKIND,     /* problem: what a report is about (labels REPORT_KINDS) */
	K_REACH,     /* reach: how to reach a reporter, 1..64 characters on one line (personal) */
	K_ITEM,      /* item: what a report is about: home | child:CODE | activity:slug |
	              * page:CODE */
	K_TICKET,    /* ticket: a report's check code, 12 Crockford base32 characters */
	K_DKIND,     /* doc_kind: a disclosure document's kind (labels DOC_KINDS) */
	K_FILING,    /* filing_no: a filing number (备案编号), 1..64 characters on one line */
	K_CHANNEL,   /* channel: an offline gift's, bank | cash | cheque */
	K_STATE,     /* list_state: a state to list, [a-z_] 1..20 (the page checks it is one of its
	              * entity's) */
	K_FINAL,     /* final: a tick, the update is the closing report */
	K_TSIZE,     /* size: the text size a visitor chooses, large | normal */
	K_BACK,      /* back: the page to return to, a path on this site (as next) */
	K__MAX
};

/* A set of keys, for the keys a route accepts: 128 bits, so the table can grow past 64 keys. */
typedef unsigned __int128 keyset;
_Static_assert(K__MAX <= 128, "a keyset holds 128 keys");
#define KB(k) ((keyset)1 << (k))

#define KEYS_MAX_PAGE 100000
#define CHILD_CODE_LEN 10
#define ORDER_NO_LEN 24
#define RECEIPT_CODE_LEN 16

struct field {
	int         present;
	long long   num;   /* the numeric value, for numeric keys */
	const char *str;   /* the validated text; valid while the request lives */
};

typedef int (*validator_fn)(const char *raw, struct field *f);

struct keydef {
	const char  *name;
	validator_fn valid;
	const char  *problem;  /* the readable message when a value fails */
	/*
	 * A password, a token, personal data or free text that may hold it: a bad value is logged
	 * by its length, and a query's value under this name is logged as "…", never its text.
	 */
	int          secret;
	/*
	 * A secret key's value may still come back on its form when refused input draws it
	 * again (the worker's form_data): the person's own text, to the session that typed it,
	 * escaped. Not for a credential, a token or a child's particulars, typed again. A key
	 * that is not secret always comes back.
	 */
	int          echo;
};

extern const struct keydef KEYS[K__MAX];

/*
 * Validate the keys in set found in params into fields (indexed by enum key). Other keys are
 * ignored, as are empty values (an unselected filter) and keys already filled from the path. The
 * first bad value fails with 400 and a message naming the field.
 */
int keys_validate(const struct kvlist *params, keyset set, struct field fields[K__MAX],
                  struct err *e);

/*
 * After a refusal, every key of set at once, for a form drawn again with each of its errors: fill
 * fields with the values that pass, as keys_validate would, and return the keys whose value fails
 * or which required holds but the input lacks. Logs nothing and sets no error.
 */
keyset keys_validate_all(const struct kvlist *params, keyset set, keyset required,
                         struct field fields[K__MAX]);

/*
 * Validate one named value (a path parameter) into fields; unknown names are a 500: a route table
 * mistake.
 */
int keys_validate_one(const char *name, const char *raw, struct field fields[K__MAX],
                      struct err *e);

/*
 * Append "name=value&" for each present field, in key-table order, values percent-encoded; keys
 * whose bit is set in skip (1u << K_PAGE, say) are left out. The one canonical query form, for
 * links and cache keys alike.
 */
void keys_append_query(const struct field fields[K__MAX], keyset skip, STRING *out);

/* Whether a key of this name is secret (see struct keydef). */
int keys_secret(const char *name);

/*
 * A raw query string for the log: the values of secret keys (by their decoded names) replaced with
 * "…".
 */
void keys_redact_query(const char *query, STRING *out);

/* The validators, exposed for unit tests. */
int v_city(const char *raw, struct field *f);
int v_county(const char *raw, struct field *f);
int v_gender(const char *raw, struct field *f);
int v_age(const char *raw, struct field *f);
int v_category(const char *raw, struct field *f);
int v_month(const char *raw, struct field *f);
int v_retired(const char *raw, struct field *f);
int v_sort(const char *raw, struct field *f);
int v_page(const char *raw, struct field *f);
int v_child_code(const char *raw, struct field *f);
int v_login(const char *raw, struct field *f);
int v_password(const char *raw, struct field *f);
int v_line32(const char *raw, struct field *f);
int v_tick(const char *raw, struct field *f);
int v_stash(const char *raw, struct field *f);
int v_next(const char *raw, struct field *f);
int v_text_size(const char *raw, struct field *f);
int v_plan(const char *raw, struct field *f);
int v_amount(const char *raw, struct field *f);
int v_mobile(const char *raw, struct field *f);
int v_message(const char *raw, struct field *f);
int v_token(const char *raw, struct field *f);
int v_order(const char *raw, struct field *f);
int v_provider(const char *raw, struct field *f);
int v_receipt_no(const char *raw, struct field *f);
int v_receipt_code(const char *raw, struct field *f);
int v_year(const char *raw, struct field *f);
int v_id(const char *raw, struct field *f);
int v_username(const char *raw, struct field *f);
int v_status(const char *raw, struct field *f);
int v_reason(const char *raw, struct field *f);
int v_days(const char *raw, struct field *f);
int v_date(const char *raw, struct field *f);
int v_story(const char *raw, struct field *f);
int v_idnum(const char *raw, struct field *f);
int v_line100(const char *raw, struct field *f);
int v_bit(const char *raw, struct field *f);
int v_phone(const char *raw, struct field *f);
int v_action(const char *raw, struct field *f);
int v_exit(const char *raw, struct field *f);
int v_note(const char *raw, struct field *f);
int v_role(const char *raw, struct field *f);
int v_region(const char *raw, struct field *f);
int v_vcode(const char *raw, struct field *f);
int v_list_status(const char *raw, struct field *f);
int v_form_key(const char *raw, struct field *f);
int v_visit_kind(const char *raw, struct field *f);
int v_given(const char *raw, struct field *f);
int v_summary(const char *raw, struct field *f);
int v_photo(const char *raw, struct field *f);
int v_consent_scope(const char *raw, struct field *f);
int v_letter(const char *raw, struct field *f);
int v_form_key(const char *raw, struct field *f);
int v_letter_state(const char *raw, struct field *f);
int v_decision(const char *raw, struct field *f);
int v_period(const char *raw, struct field *f);
int v_method(const char *raw, struct field *f);
int v_advanced(const char *raw, struct field *f);
int v_bank_ref(const char *raw, struct field *f);
int v_bank_no(const char *raw, struct field *f);
int v_encoding(const char *raw, struct field *f);
int v_payout_state(const char *raw, struct field *f);
int v_lapse(const char *raw, struct field *f);
int v_title(const char *raw, struct field *f);
int v_text(const char *raw, struct field *f);
int v_goal(const char *raw, struct field *f);
int v_slug(const char *raw, struct field *f);
int v_pcode(const char *raw, struct field *f);
int v_target(const char *raw, struct field *f);
int v_children_n(const char *raw, struct field *f);
int v_page_kind(const char *raw, struct field *f);
int v_line64(const char *raw, struct field *f);
int v_ratio(const char *raw, struct field *f);
int v_cap(const char *raw, struct field *f);
int v_kinds(const char *raw, struct field *f);
int v_report_kind(const char *raw, struct field *f);
int v_item(const char *raw, struct field *f);
int v_ticket(const char *raw, struct field *f);
int v_doc_kind(const char *raw, struct field *f);
int v_channel(const char *raw, struct field *f);
int v_state_name(const char *raw, struct field *f);

/* A personal page's code and a report's check code: Crockford base32, as ledger_code makes. */
#define PAGE_CODE_LEN 8
#define TICKET_LEN    12

/* The number of UTF-8 characters in s (which is valid UTF-8: the request parser made sure). */
size_t utf8_chars(const char *s);

/*
 * Whether s is an e-mail address we accept: one @, a dotted domain, no spaces; at most 254 bytes.
 */
int is_email(const char *s);

/* Whether s is a mainland mobile number: 11 digits starting 13..19. */
int is_mobile(const char *s);

/*
 * Whether s is n characters of Crockford base32 (0-9 A-Z without I L O U), as codes and order
 * numbers are.
 */
int is_base32(const char *s, size_t n);

/* Parse a string of 1..maxdigits ASCII digits into *out; no sign, space or other characters. */
int parse_uint(const char *s, int maxdigits, long long *out);

#endif
