/* check_request.c — request parsing: percent-decoding, UTF-8 checks, forms and their refusals. */
#include <string.h>

#include "check_main.h"
#include "request.h"
#include "util.h"

/* Room for a decoded test value, and for a network as text. */
#define OUT_MAX 64

static long decode(const char *in, char *out, int plus)
{
	return pct_decode(in, strlen(in), out, plus);
}

START_TEST(decodes_escapes_and_plus)
{
	char out[OUT_MAX];

	ck_assert_int_eq(decode("a%20b+c", out, 1), 5);
	ck_assert_str_eq(out, "a b c");
	ck_assert_int_eq(decode("a+b", out, 0), 3);
	ck_assert_str_eq(out, "a+b");
	ck_assert_int_eq(decode("%E6%B9%96%e5%8c%97", out, 1), 6);
	ck_assert_str_eq(out, "湖北");
	ck_assert_int_eq(decode("", out, 1), 0);
}
END_TEST

static const char *const BAD_ESCAPES[] = { "%", "%4", "a%zz", "%g0", "abc%" };

START_TEST(refuses_bad_escapes)
{
	char out[OUT_MAX];

	ck_assert_int_eq(decode(BAD_ESCAPES[_i], out, 1), -1);
}
END_TEST

struct utf8_case {
	const char *s;
	int valid;
};

static const struct utf8_case UTF8[] = {
	{ "plain ascii", 1 },
	{ "湖北省慈善总会", 1 },
	{ "\xF0\x9F\x98\x80", 1 },          /* emoji, 4 bytes */
	{ "\xFF", 0 },
	{ "\xC0\xAF", 0 },                  /* overlong '/' */
	{ "\xE0\x80\xAF", 0 },              /* overlong, 3 bytes */
	{ "\xED\xA0\x80", 0 },              /* UTF-16 surrogate */
	{ "\xF4\x90\x80\x80", 0 },          /* past U+10FFFF */
	{ "\xE6\xB9", 0 },                  /* truncated */
	{ "\x80", 0 },                      /* lone continuation */
};

START_TEST(validates_utf8)
{
	const struct utf8_case *c = &UTF8[_i];

	ck_assert_msg(utf8_valid((const unsigned char *)c->s, strlen(c->s)) == c->valid, "case %d",
	              _i);
}
END_TEST

START_TEST(parses_forms_in_order)
{
	struct kvlist l = { 0 };
	struct err e;
	const char *q = "city=420100&gender=f&empty=&flag&story=%E5%B0%8F+%E9%9B%A8&city=999999";

	ck_assert_int_eq(form_parse(q, strlen(q), &l, &e), 0);
	ck_assert_uint_eq(l.n, 6);
	ck_assert_str_eq(kvlist_get(&l, "city"), "420100");   /* the first value wins */
	ck_assert_str_eq(kvlist_get(&l, "empty"), "");
	ck_assert_str_eq(kvlist_get(&l, "flag"), "");
	ck_assert_str_eq(kvlist_get(&l, "story"), "小 雨");
	ck_assert_ptr_null(kvlist_get(&l, "missing"));
	kvlist_free(&l);
}
END_TEST

START_TEST(keeps_line_breaks_in_values_only)
{
	struct kvlist l = { 0 };
	struct err e;

	ck_assert_int_eq(form_parse("msg=a%0D%0Ab%09c", 16, &l, &e), 0);
	ck_assert_str_eq(kvlist_get(&l, "msg"), "a\r\nb\tc");
	kvlist_free(&l);
	ck_assert_int_eq(form_parse("a%0Ab=1", 7, &l, &e), -1);
	ck_assert_int_eq(err_status(&e), 400);
	kvlist_free(&l);
}
END_TEST

static const char *const BAD_FORMS[] = {
	"a=%ff", "a=%c0%af", "a=%00", "a=%01", "a=%7f", "a=%zz", "a=%", "%ff=1",
};

START_TEST(refuses_bad_forms_with_400)
{
	struct kvlist l = { 0 };
	struct err e;

	err_clear(&e);
	ck_assert_int_eq(form_parse(BAD_FORMS[_i], strlen(BAD_FORMS[_i]), &l, &e), -1);
	ck_assert_int_eq(err_status(&e), 400);
	ck_assert_msg(e.msg[0] != '\0', "no readable message for %s", BAD_FORMS[_i]);
	kvlist_free(&l);
}
END_TEST

START_TEST(refuses_too_many_params)
{
	struct kvlist l = { 0 };
	struct err e;
	char q[REQ_MAX_PARAMS * 4 + 16] = "";

	for (int i = 0; i <= REQ_MAX_PARAMS; i++)
		strcat(q, "a=1&");
	ck_assert_int_eq(form_parse(q, strlen(q), &l, &e), -1);
	ck_assert_int_eq(err_status(&e), 400);
	kvlist_free(&l);
}
END_TEST

/* One client is an IPv4 address, or an IPv6 /64: a subscriber can use any address in theirs. */
static const struct { const char *in, *out; } NETS[] = {
	{ "203.0.113.7", "203.0.113.7" },
	{ "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64" },
	{ "2001:db8:1:2:ffff::1", "2001:db8:1:2::/64" },
	{ "2001:DB8:1:2::", "2001:db8:1:2::/64" },
	{ "::ffff:198.51.100.9", "198.51.100.9" },
	{ "::1", "::/64" },
	{ "txctl", "txctl" },
};

START_TEST(counts_ipv6_by_64)
{
	char out[REQ_NET_MAX];

	addr_network(NETS[_i].in, out, sizeof out);
	ck_assert_str_eq(out, NETS[_i].out);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("request");
	TCase *t = tcase_create("parse");

	tcase_add_test(t, decodes_escapes_and_plus);
	tcase_add_loop_test(t, refuses_bad_escapes, 0, nitems(BAD_ESCAPES));
	tcase_add_loop_test(t, validates_utf8, 0, nitems(UTF8));
	tcase_add_test(t, parses_forms_in_order);
	tcase_add_test(t, keeps_line_breaks_in_values_only);
	tcase_add_loop_test(t, refuses_bad_forms_with_400, 0, nitems(BAD_FORMS));
	tcase_add_test(t, refuses_too_many_params);
	tcase_add_loop_test(t, counts_ipv6_by_64, 0, nitems(NETS));
	suite_add_tcase(s, t);
	return s;
}
