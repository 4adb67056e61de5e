/* privacy.c — what must never reach a sponsor or a family, found in a text before review. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../pii.h"
#include "../util.h"
#include "privacy.h"

/* The text as code points with their byte offsets; a text longer than this is scanned this far. */
#define SCAN_MAX 4096

struct cp {
	uint32_t c;
	unsigned at, len;   /* its bytes in the text */
};

struct scan {
	const char        *text;
	struct cp         *cp;
	int                n;
	unsigned           mask;
	struct privacy_found *f;
	struct privacy_hit all[PRIVACY_HITS * 4];
	int                nall;
};

static int decode(const char *s, struct cp *out, int max)
{
	const unsigned char *p = (const unsigned char *)s;
	int n = 0;

	while (*p && n < max) {
		unsigned len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		uint32_t c = len == 1 ? *p : len == 2 ? *p & 0x1F :
		             len == 3 ? *p & 0x0F : *p & 0x07;

		for (unsigned i = 1; i < len; i++) {
			if ((p[i] & 0xC0) != 0x80)   /* not UTF-8 (checked at the door): stop */
				return n;
			c = c << 6 | (p[i] & 0x3F);
		}
		out[n++] = (struct cp){ c, (unsigned)(p - (const unsigned char *)s), len };
		p += len;
	}
	return n;
}

static void add(struct scan *s, int from, int to, enum privacy_kind k)
{
	if (!(s->mask & PV_BIT(k)) || to <= from || s->nall == (int)nitems(s->all))
		return;
	s->all[s->nall++] = (struct privacy_hit){ s->cp[from].at,
		s->cp[to - 1].at + s->cp[to - 1].len - s->cp[from].at, k };
}

/* ---- numbers: phones, ID numbers, bank cards, QQ ---- */

/* A digit's value (ASCII, full-width, or a Chinese numeral as phone numbers are spelt), or -1. */
static int digit(uint32_t c)
{
	static const uint32_t CN[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D,
	                               0x4E03, 0x516B, 0x4E5D };  /* 零一二三四五六七八九 */

	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xFF10 && c <= 0xFF19)
		return (int)(c - 0xFF10);
	if (c == 0x3007)   /* 〇 */
		return 0;
	if (c == 0x5E7A)   /* 幺, one as said on the phone */
		return 1;
	for (int i = 0; i < 10; i++)
		if (c == CN[i])
			return i;
	return -1;
}

static int is_ascii_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* What may stand between the digits of one number: a space, a hyphen, a dot. */
static int joiner(uint32_t c)
{
	return c == ' ' || c == '-' || c == '.' || c == 0xFF0D || c == 0x3000 || c == 0x2014;
}

static int ascii_word(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* Whether the code points before i (within 8) spell one of the contact words. */
static int chat_word_before(const struct scan *s, int i);

/*
 * A run of digits from i (single joiners allowed between them): its end, its digit count, its
 * first digit, whether it ends in X (an ID number's check character), and whether it is spelt in
 * Chinese numerals.
 */
struct run {
	int end, digits, first, x, chinese, ascii, joined;
};

static struct run digit_run(const struct scan *s, int i)
{
	struct run r = { i, 0, digit(s->cp[i].c), 0, 0, 0, 0 };
	int j = i;

	while (j < s->n) {
		if (digit(s->cp[j].c) >= 0) {
			r.digits++;
			if (is_ascii_digit(s->cp[j].c))
				r.ascii++;
			else
				r.chinese++;
			r.end = ++j;
		} else if (joiner(s->cp[j].c) && j + 1 < s->n && digit(s->cp[j + 1].c) >= 0 &&
		           r.digits > 0) {
			r.joined = 1;
			j++;
		} else {
			break;
		}
	}
	if (r.end < s->n && r.digits == 17 && (s->cp[r.end].c == 'X' || s->cp[r.end].c == 'x')) {
		r.x = 1;
		r.end++;
	}
	return r;
}

static void numbers(struct scan *s)
{
	for (int i = 0; i < s->n; ) {
		struct run r;

		if (digit(s->cp[i].c) < 0) {
			i++;
			continue;
		}
		r = digit_run(s, i);
		/* Chinese numerals are ordinary words: only a long run of them is a number. */
		if (r.chinese && r.ascii == 0 && r.digits < 7) {
			i = r.end;
			continue;
		}
		if (r.x || r.digits == 18 || r.digits == 15)
			add(s, i, r.end, PV_IDNUM);
		else if (r.digits >= 16 && r.digits <= 19)
			add(s, i, r.end, PV_MONEY);          /* a bank card's number */
		else if (r.digits >= 5 && chat_word_before(s, i))
			add(s, i, r.end, PV_CHAT);
		else if (!r.joined ? r.digits >= 7 : (r.digits == 11 && r.first == 1) ||
		         (r.first == 0 && r.digits >= 10 && r.digits <= 12))
			/*
			 * A mobile (11 digits), a landline, a part of one; written in groups only
			 * as a phone number is (a date, 2024-05-06, is not one).
			 */
			add(s, i, r.end, PV_PHONE);
		i = r.end;
	}
}

/* ---- words: contact apps, money, addresses ---- */

struct word {
	const char       *w;
	enum privacy_kind kind;
	int               letters_only;  /* alone, flagged in letters only (visits may say it) */
};

static const struct word WORDS[] = {
	{ "微信", PV_CHAT, 1 }, { "威信", PV_CHAT, 1 }, { "薇信", PV_CHAT, 0 },
	{ "QQ", PV_CHAT, 1 }, { "扣扣", PV_CHAT, 0 }, { "企鹅号", PV_CHAT, 0 },
	{ "wechat", PV_CHAT, 1 }, { "weixin", PV_CHAT, 1 }, { "vx", PV_CHAT, 1 },
	{ "wx", PV_CHAT, 1 }, { "加我", PV_CHAT, 1 }, { "联系方式", PV_CHAT, 1 },
	{ "电话号码", PV_PHONE, 1 }, { "手机号", PV_PHONE, 1 },
	{ "转账", PV_MONEY, 1 }, { "汇款", PV_MONEY, 1 }, { "打钱", PV_MONEY, 1 },
	{ "寄钱", PV_MONEY, 1 }, { "给钱", PV_MONEY, 1 }, { "要钱", PV_MONEY, 1 },
	{ "借钱", PV_MONEY, 1 }, { "红包", PV_MONEY, 1 }, { "银行卡", PV_MONEY, 1 },
	{ "卡号", PV_MONEY, 1 }, { "账号", PV_MONEY, 1 }, { "支付宝", PV_MONEY, 1 },
	{ "收款码", PV_MONEY, 1 }, { "给我买", PV_MONEY, 1 }, { "帮我买", PV_MONEY, 1 },
	{ "寄给我", PV_MONEY, 1 }, { "多给", PV_MONEY, 1 },
	{ "地址", PV_ADDRESS, 1 }, { "家住", PV_ADDRESS, 1 }, { "住址", PV_ADDRESS, 1 },
	{ "门牌", PV_ADDRESS, 1 }, { "邮编", PV_ADDRESS, 1 },
};

/* Whether cp[i..] spells w (ASCII letters without regard to case); its length in code points. */
static int spells(const struct scan *s, int i, const char *w)
{
	struct cp tmp[16];
	int n = decode(w, tmp, (int)nitems(tmp));

	if (i + n > s->n)
		return 0;
	for (int k = 0; k < n; k++) {
		uint32_t a = s->cp[i + k].c, b = tmp[k].c;

		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (a != b)
			return 0;
	}
	return n;
}

/* An ASCII word may not be part of a longer one (wx in "twxy" is nothing). */
static int whole(const struct scan *s, int i, int n)
{
	return s->cp[i].c >= 0x80 || ((i == 0 || !ascii_word(s->cp[i - 1].c)) &&
	                              (i + n >= s->n || !ascii_word(s->cp[i + n].c) ||
	                               is_ascii_digit(s->cp[i + n].c)));
}

static int chat_word_before(const struct scan *s, int i)
{
	for (int back = 1; back <= 8 && back <= i; back++)
		for (size_t w = 0; w < nitems(WORDS); w++)
			if (WORDS[w].kind == PV_CHAT && spells(s, i - back, WORDS[w].w))
				return 1;
	return 0;
}

/* After a contact word: separators (：: 是 号 space), then an id of 5..20 letters and digits. */
static int chat_id_after(const struct scan *s, int i)
{
	int j = i, k;

	while (j < s->n && j < i + 4 && (s->cp[j].c == ':' || s->cp[j].c == 0xFF1A ||
	                                 s->cp[j].c == ' ' || s->cp[j].c == 0x662F ||
	                                 s->cp[j].c == 0x53F7))
		j++;
	for (k = j; k < s->n && ascii_word(s->cp[k].c); k++)
		;
	return k - j >= 5 && k - j <= 20 ? k : 0;
}

static void words(struct scan *s, int letters)
{
	for (int i = 0; i < s->n; i++)
		for (size_t w = 0; w < nitems(WORDS); w++) {
			int n = spells(s, i, WORDS[w].w), end;

			if (!n || !whole(s, i, n))
				continue;
			end = WORDS[w].kind == PV_CHAT ? chat_id_after(s, i + n) : 0;
			if (end)
				add(s, i, end, PV_CHAT);
			else if (letters || !WORDS[w].letters_only)
				add(s, i, i + n, WORDS[w].kind);
			break;
		}
}

/* An e-mail address: word characters on both sides of an @ with a dot after it. */
static void emails(struct scan *s)
{
	for (int i = 1; i < s->n - 1; i++) {
		int a = i, b = i + 1, dot = 0;

		if (s->cp[i].c != '@' && s->cp[i].c != 0xFF20)
			continue;
		while (a > 0 && (ascii_word(s->cp[a - 1].c) || s->cp[a - 1].c == '.'))
			a--;
		while (b < s->n && (ascii_word(s->cp[b].c) || s->cp[b].c == '.'))
			dot |= s->cp[b++].c == '.';
		if (a < i && dot)
			add(s, a, b, PV_CHAT);
	}
}

/* A number and 号 组 栋 单元 室 楼 弄 (门牌 and the like), with the place name before it. */
static void addresses(struct scan *s)
{
	static const char *const AFTER[] = { "号", "组", "栋", "单元", "室", "楼", "弄", "幢" };
	static const char *const PLACE[] = { "路", "街", "巷", "道", "村", "里", "社区", "小区" };

	for (int i = 0; i < s->n; i++) {
		int j = i, from = i, n;

		if (!is_ascii_digit(s->cp[i].c) || (i > 0 && is_ascii_digit(s->cp[i - 1].c)))
			continue;
		while (j < s->n && is_ascii_digit(s->cp[j].c))
			j++;
		for (size_t a = 0; a < nitems(AFTER); a++)
			if ((n = spells(s, j, AFTER[a])) != 0) {
				/* the street or village of the number, if written just before */
				for (size_t p = 0; p < nitems(PLACE); p++) {
					int len = (int)strlen(PLACE[p]) / 3;

					if (i - len >= 0 && spells(s, i - len, PLACE[p]))
						from = i - len - (i - len >= 2 ? 2 : 0);
				}
				add(s, from, j + n, PV_ADDRESS);
				break;
			}
	}
}

/* ---- the record's own words ---- */

static void terms(struct scan *s, const struct privacy_terms *t)
{
	for (int k = 0; t && k < t->n; k++) {
		size_t len = strlen(t->term[k]);

		for (const char *p = strstr(s->text, t->term[k]); len && p;
		     p = strstr(p + len, t->term[k])) {
			unsigned at = (unsigned)(p - s->text);
			int from = -1, to = -1;

			for (int i = 0; i < s->n; i++) {
				if (s->cp[i].at == at)
					from = i;
				if (s->cp[i].at + s->cp[i].len == at + len) {
					to = i + 1;
					break;
				}
			}
			if (from >= 0 && to > from)
				add(s, from, to, t->kind[k]);
		}
	}
}

/* ---- the findings in order, none overlapping ---- */

static int by_place(const void *a, const void *b)
{
	const struct privacy_hit *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->len > y->len ? -1 : x->len < y->len;   /* the longer first */
}

static void settle(struct scan *s)
{
	unsigned end = 0;

	qsort(s->all, (size_t)s->nall, sizeof s->all[0], by_place);
	memset(s->f, 0, sizeof *s->f);
	for (int i = 0; i < s->nall; i++) {
		if (s->f->n && s->all[i].at < end) {
			struct privacy_hit *last = &s->f->hit[s->f->n - 1];
			unsigned stop = s->all[i].at + s->all[i].len;

			/* an overlap joins the earlier finding, which keeps its kind */
			if (stop > end) {
				last->len = stop - last->at;
				end = stop;
			}
			continue;
		}
		if (s->f->n == PRIVACY_HITS) {
			s->f->more = 1;
			break;
		}
		s->f->hit[s->f->n++] = s->all[i];
		end = s->all[i].at + s->all[i].len;
	}
}

int privacy_scan(const char *text, const struct privacy_terms *t, unsigned mask,
                 struct privacy_found *f)
{
	struct scan *s = calloc(1, sizeof *s);
	int n;

	memset(f, 0, sizeof *f);
	if (!s || !(s->cp = calloc(SCAN_MAX, sizeof *s->cp))) {
		/* Out of memory: nothing can be checked, so nothing may pass unchecked. */
		free(s);
		f->n = 1;
		f->hit[0] = (struct privacy_hit){ 0, (unsigned)strlen(text), PV_NAME };
		return 1;
	}
	s->text = text;
	s->mask = mask;
	s->f = f;
	s->n = decode(text, s->cp, SCAN_MAX);
	numbers(s);
	words(s, (mask & PV_BIT(PV_ADDRESS)) != 0);
	emails(s);
	addresses(s);
	terms(s, t);
	settle(s);
	n = f->n;
	free(s->cp);
	free(s);
	return n;
}

const char *privacy_kind_name(enum privacy_kind k)
{
	static const char *const N[PV__MAX] = {
		[PV_PHONE] = "phone", [PV_IDNUM] = "idnum", [PV_CHAT] = "chat", [PV_NAME] = "name",
		[PV_PLACE] = "place", [PV_ADDRESS] = "address", [PV_MONEY] = "money",
	};

	return k < PV__MAX ? N[k] : "";
}

/* ---- a child's terms ---- */

/* Keep word (len bytes) as a term of kind, unless it is too short to mean anything or public. */
static void keep(struct privacy_terms *t, const char *w, size_t len, enum privacy_kind kind,
                 const char *alias, size_t *used)
{
	struct cp tmp[64];
	char one[256];
	int chars;

	if (len == 0 || len >= sizeof one || t->n == PRIVACY_TERMS ||
	    *used + len + 1 > sizeof t->buf)
		return;
	memcpy(one, w, len);
	one[len] = '\0';
	chars = decode(one, tmp, (int)nitems(tmp));
	/* One character is an ordinary word; the public alias (化名) may be written freely. */
	if (chars < 2 || (alias && strstr(alias, one)))
		return;
	for (int k = 0; k < t->n; k++)
		if (strcmp(t->term[k], one) == 0)
			return;
	memcpy(t->buf + *used, one, len + 1);
	t->term[t->n] = t->buf + *used;
	t->kind[t->n++] = kind;
	*used += len + 1;
}

static int is_cjk(uint32_t c)
{
	return c >= 0x3400 && c <= 0x9FFF;
}

/* A name: itself, and the given name without the surname (two-character surnames known). */
static void name_terms(struct privacy_terms *t, const char *name, const char *alias, size_t *used)
{
	static const char *const DOUBLE[] = {
		"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟",
		"公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯",
	};
	struct cp cp[32];
	int n = decode(name, cp, (int)nitems(cp)), sur = 1;

	keep(t, name, strlen(name), PV_NAME, alias, used);
	for (size_t i = 0; i < nitems(DOUBLE); i++)
		if (strncmp(name, DOUBLE[i], strlen(DOUBLE[i])) == 0)
			sur = 2;
	if (n - sur >= 2)
		keep(t, name + cp[sur].at, strlen(name) - cp[sur].at, PV_NAME, alias, used);
}

/* The guardian field is "name and contact": its leading run of Chinese characters. */
static void guardian_terms(struct privacy_terms *t, const char *g, const char *alias,
                           size_t *used)
{
	struct cp cp[64];
	int n = decode(g, cp, (int)nitems(cp)), k = 0;

	while (k < n && is_cjk(cp[k].c))
		k++;
	if (k >= 2 && k <= 6)
		keep(t, g, k < n ? cp[k].at : strlen(g), PV_NAME, alias, used);
}

/*
 * An address or a school: each part ending in a place word (镇, 乡, 村, 街道, 社区, 小学, 中学,
 * 学校 …) from the previous one, e.g. 杨柳村 in 巴东县溪丘湾乡杨柳村3组, and a village's name
 * alone.
 */
static void place_terms(struct privacy_terms *t, const char *text, const char *alias, size_t *used)
{
	static const char *const ENDS[] = { "省", "市", "州", "县", "区", "镇", "乡", "村", "街道",
	                                    "社区", "小学", "中学", "学校", "幼儿园" };
	struct cp cp[256];
	int n = decode(text, cp, (int)nitems(cp)), from = 0;

	for (int i = 0; i < n; i++) {
		if (!is_cjk(cp[i].c)) {
			from = i + 1;
			continue;
		}
		for (size_t e = 0; e < nitems(ENDS); e++) {
			int len = (int)strlen(ENDS[e]) / 3;
			int start = i - len + 1, public = e < 5, end = cp[i].at + cp[i].len;

			if (start < from || strncmp(text + cp[start].at, ENDS[e], strlen(ENDS[e])))
				continue;
			/* Province, city and county are public: a child's page names them */
			if (!public && i + 1 - from >= 2)
				keep(t, text + cp[from].at, (size_t)end - cp[from].at, PV_PLACE,
				     alias, used);
			if (e == 7 && start - from >= 2)   /* 村: the village's name alone */
				keep(t, text + cp[from].at, cp[start].at - cp[from].at, PV_PLACE,
				     alias, used);
			from = i + 1;
			break;
		}
	}
	if (n > from && strstr(text, "学") && n - from >= 2)   /* a school without a place word */
		keep(t, text + cp[from].at, strlen(text) - cp[from].at, PV_PLACE, alias, used);
}

struct term_row {
	char code[16], alias[32 * 4 + 1];   /* the public code (10), the alias (化名) */
	unsigned char ct[PRIVACY_FIELDS][1100];
	unsigned long len[PRIVACY_FIELDS];
	int null[PRIVACY_FIELDS];
};

static int term_row(void *ctx, unsigned n, MYSQL_FIELD *f, char **v, unsigned long *l)
{
	struct term_row *r = ctx;

	(void)n; (void)f;
	snprintf(r->code, sizeof r->code, "%s", v[0]);
	snprintf(r->alias, sizeof r->alias, "%s", v[1]);
	for (int i = 0; i < PRIVACY_FIELDS; i++) {
		r->null[i] = !v[2 + i] || l[2 + i] > sizeof r->ct[i];
		r->len[i] = r->null[i] ? 0 : l[2 + i];
		if (!r->null[i])
			memcpy(r->ct[i], v[2 + i], l[2 + i]);
	}
	return 0;
}

void privacy_terms_from(struct privacy_terms *t, const char *const field[PRIVACY_FIELDS],
                        const char *alias)
{
	size_t used = 0;

	memset(t, 0, sizeof *t);
	if (field[0])
		name_terms(t, field[0], alias, &used);
	if (field[1])
		guardian_terms(t, field[1], alias, &used);
	if (field[3])   /* the school's whole name, then its parts */
		keep(t, field[3], strlen(field[3]), PV_PLACE, alias, &used);
	for (int i = 2; i < PRIVACY_FIELDS; i++)
		if (field[i])
			place_terms(t, field[i], alias, &used);
}

int privacy_terms_of(struct db *db, const struct config *cfg, long long child_id,
                     struct privacy_terms *t, struct err *e)
{
	static const char *const FIELD[PRIVACY_FIELDS] = { "real_name", "guardian", "address",
	                                                   "school" };
	struct term_row *r = calloc(1, sizeof *r);
	struct dbp p[] = { P_INT(child_id) };
	char (*plain)[1100] = calloc(PRIVACY_FIELDS, sizeof *plain);
	const char *field[PRIVACY_FIELDS] = { NULL };
	int rc = -1;

	memset(t, 0, sizeof *t);
	if (!r || !plain) {
		err_core(e, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	if (db_query(db, "SELECT code, alias, pii_real_name, pii_guardian, pii_address, pii_school "
	             "FROM children WHERE id = ?", p, nitems(p), term_row, r, e) < 0)
		goto out;
	for (int i = 0; i < PRIVACY_FIELDS && r->code[0]; i++) {
		if (r->null[i])
			continue;
		if (pii_open_into(cfg->pii_key, FIELD[i], r->code, r->ct[i], r->len[i], plain[i],
		                  sizeof plain[i]) < 0) {
			err_core(e, ERR_INTERNAL, NULL, "child %lld: %s does not open", child_id,
			         FIELD[i]);
			goto out;
		}
		field[i] = plain[i];
	}
	privacy_terms_from(t, field, r->alias);
	rc = 0;
out:
	if (plain)
		sodium_memzero(plain, PRIVACY_FIELDS * sizeof *plain);
	if (r)
		sodium_memzero(r, sizeof *r);
	free(plain);
	free(r);
	return rc;
}

void privacy_terms_wipe(struct privacy_terms *t)
{
	sodium_memzero(t, sizeof *t);
}
