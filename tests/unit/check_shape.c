/*
 * check_shape.c — the shape of the code, kept by grep-like checks over cgi/: the domain core
 * (cgi/core/) never sees the request or the page tree; only core/state.c writes a state column;
 * nothing in the app bypasses the state triggers; every line fits in 100 columns.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <locale.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "check_main.h"
#include "util.h"

#define MAX_COLUMNS 100
#define LINE_LEN    4096
#define MAX_FILES   512
#define PATH_LEN    256
#define REPORT_LEN  2048

static char files[MAX_FILES][PATH_LEN];
static int nfiles;

static int collect(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	size_t n = strlen(path);

	(void)st; (void)f;
	if (flag == FTW_F && n > 2 && path[n - 2] == '.' && strchr("ch", path[n - 1])) {
		ck_assert_int_lt(nfiles, MAX_FILES);
		snprintf(files[nfiles++], PATH_LEN, "%s", path);
	}
	return 0;
}

static void list_sources(void)
{
	if (!nfiles)
		ck_assert_msg(nftw("cgi", collect, 16, FTW_PHYS) == 0,
		              "cannot walk cgi/ (run from the root)");
	ck_assert_int_gt(nfiles, 50);
}

/* The display width of a line: tabs to the next multiple of 8, wide (CJK) characters as two. */
static int columns(const char *s)
{
	mbstate_t st = { 0 };
	int col = 0;

	while (*s && *s != '\n') {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, strlen(s), &st);

		if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
			return MAX_COLUMNS + 1000;   /* not UTF-8: reported as too wide */
		col = wc == L'\t' ? (col / 8 + 1) * 8 : col + (wcwidth(wc) > 0 ? wcwidth(wc) : 0);
		s += k;
	}
	return col;
}

/* Each line of path matching re (if not NULL), or too wide (if wide): "path:line" in report. */
static int scan(const char *path, const regex_t *re, int wide, char *report, size_t n)
{
	FILE *f = fopen(path, "r");
	char line[LINE_LEN];
	int lineno = 0, found = 0;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	while (fgets(line, sizeof line, f)) {
		lineno++;
		int hit = re ? regexec(re, line, 0, NULL, 0) == 0 : 0;

		if (hit || (wide && columns(line) > MAX_COLUMNS)) {
			size_t len = strlen(report);

			found++;
			/* Check's messages are short: the first ones only. */
			if (len + PATH_LEN < n)
				snprintf(report + len, n - len, " %s:%d", path, lineno);
		}
	}
	fclose(f);
	return found;
}

/* Every file under cgi/ for which want(path) holds is searched for pattern. */
static void none_match(const char *pattern, int (*want)(const char *), const char *what)
{
	regex_t re;
	char report[REPORT_LEN] = "";
	int found = 0;

	list_sources();
	ck_assert_int_eq(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB | REG_ICASE), 0);
	for (int i = 0; i < nfiles; i++)
		if (want(files[i]))
			found += scan(files[i], &re, 0, report, sizeof report);
	regfree(&re);
	ck_assert_msg(!found, "%s (%d):%s", what, found, report);
}

static int in_core(const char *p)
{
	return strncmp(p, "cgi/core/", 9) == 0;
}

static int not_state_c(const char *p)
{
	return strcmp(p, "cgi/core/state.c") != 0;
}

static int any(const char *p)
{
	(void)p;
	return 1;
}

START_TEST(the_core_never_sees_the_request)
{
	none_match("#include[[:space:]]*[\"<](\\.\\./)?(ctx\\.h|ClearSilver\\.h)|"
	           "\\<hdf_[a-z_]+[[:space:]]*\\(|db_query_(hdf|row|each)\\>|"
	           "\\<HDF\\>|struct ctx\\>", in_core,
	           "the core includes ctx.h or ClearSilver, or uses HDF");
}
END_TEST

START_TEST(only_state_c_writes_a_state)
{
	/* "SET state =", or a state set after other columns in one SET clause. */
	none_match("SET[[:space:]]+([a-z]+\\.)?(state|status)[[:space:]]*=|"
	           "SET[^;]*,[[:space:]]*([a-z]+\\.)?(state|status)[[:space:]]*=[[:space:]]*'",
	           not_state_c, "a state column written outside core/state.c");
}
END_TEST

START_TEST(nothing_bypasses_the_state_triggers)
{
	none_match("state_repair", any, "the app sets @state_repair");
}
END_TEST

START_TEST(lines_fit_in_100_columns)
{
	char report[REPORT_LEN] = "";
	int found = 0;

	list_sources();
	for (int i = 0; i < nfiles; i++)
		found += scan(files[i], NULL, 1, report, sizeof report);
	ck_assert_msg(!found, "%d lines wider than %d columns:%s", found, MAX_COLUMNS, report);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("shape");
	TCase *t = tcase_create("shape");

	setlocale(LC_CTYPE, "C.UTF-8");
	tcase_add_test(t, the_core_never_sees_the_request);
	tcase_add_test(t, only_state_c_writes_a_state);
	tcase_add_test(t, nothing_bypasses_the_state_triggers);
	tcase_add_test(t, lines_fit_in_100_columns);
	suite_add_tcase(s, t);
	return s;
}
