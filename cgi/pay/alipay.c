/*
 * alipay.c — the Alipay provider: requests signed with our RSA key (RSA2), notifications and
 * answers verified with Alipay's, server calls over HTTPS with libcurl.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <curl/curl.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sodium.h>

#include "../html.h"
#include "../keys.h"
#include "../log.h"
#include "alipay.h"

#define DIGITS       "0123456789"
#define SIG_MAX      1024     /* an RSA signature's bytes: keys up to 8192 bits */
#define SIG64_MAX    sodium_base64_ENCODED_LEN(SIG_MAX, sodium_base64_VARIANT_ORIGINAL)
#define KEY_FILE_MAX 16384
#define ANSWER_MAX   65536    /* an answer from the gateway: more is not Alipay's */
#define TIME_LEN     20       /* "YYYY-MM-DD HH:MM:SS" and a NUL */
#define CHINA        (8 * 3600)
#define GATEWAY      "https://openapi.alipay.com/gateway.do"

/* ---- the parts with known answers (tests/unit/check_alipay.c) ---- */

static int by_key(const void *a, const void *b)
{
	return strcmp((*(const struct kv *const *)a)->key, (*(const struct kv *const *)b)->key);
}

void alipay_sign_text(const struct kvlist *l, int notice, STRING *out)
{
	const struct kv *s[REQ_MAX_PARAMS];
	size_t n = 0;

	for (size_t i = 0; i < l->n && n < REQ_MAX_PARAMS; i++) {
		const struct kv *p = &l->v[i];

		if (*p->val && strcmp(p->key, "sign") != 0 &&
		    !(notice && strcmp(p->key, "sign_type") == 0))
			s[n++] = p;
	}
	qsort(s, n, sizeof *s, by_key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			string_append_char(out, '&');
		string_append(out, s[i]->key);
		string_append_char(out, '=');
		string_appendn(out, s[i]->val, (int)s[i]->vlen);
	}
}

/* A key's base64 DER, as Alipay's console gives it out, with any white space in it. */
static EVP_PKEY *der64_key(const char *text, size_t len, int private)
{
	unsigned char *der = malloc(len + 1);
	const unsigned char *p = der;
	size_t n;
	EVP_PKEY *k = NULL;

	if (der && sodium_base642bin(der, len + 1, text, len, " \t\r\n", &n, NULL,
	                             sodium_base64_VARIANT_ORIGINAL) == 0)
		k = private ? d2i_AutoPrivateKey(NULL, &p, (long)n) : d2i_PUBKEY(NULL, &p, (long)n);
	free(der);
	return k;
}

EVP_PKEY *alipay_key_parse(const char *text, size_t len, int private)
{
	size_t ws = strspn(text, " \t\r\n");
	EVP_PKEY *k;
	BIO *b;

	if (len - ws >= 5 && memcmp(text + ws, "-----", 5) == 0) {
		if (!(b = BIO_new_mem_buf(text, (int)len)))
			return NULL;
		/* an encrypted key is refused with an empty password, never asked for at a tty */
		k = private ? PEM_read_bio_PrivateKey(b, NULL, NULL, (void *)"")
		            : PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
		BIO_free(b);
	} else {
		k = der64_key(text + ws, len - ws, private);
	}
	/* RSA2 is RSA: any other key is a setup mistake, found here, not at the first payment. */
	if (k && EVP_PKEY_get_base_id(k) != EVP_PKEY_RSA) {
		EVP_PKEY_free(k);
		k = NULL;
	}
	return k;
}

int alipay_sign(EVP_PKEY *k, const char *msg, size_t len, STRING *out)
{
	EVP_MD_CTX *m = EVP_MD_CTX_new();
	unsigned char sig[SIG_MAX];
	char b64[SIG64_MAX];
	size_t n = sizeof sig;
	int ok;

	ok = m && EVP_PKEY_get_size(k) <= SIG_MAX &&
	     EVP_DigestSignInit(m, NULL, EVP_sha256(), NULL, k) == 1 &&
	     EVP_DigestSign(m, sig, &n, (const unsigned char *)msg, len) == 1;
	EVP_MD_CTX_free(m);
	if (!ok)
		return -1;
	sodium_bin2base64(b64, sizeof b64, sig, n, sodium_base64_VARIANT_ORIGINAL);
	string_append(out, b64);
	return 0;
}

int alipay_check(EVP_PKEY *k, const char *msg, size_t len, const char *sig64)
{
	unsigned char sig[SIG_MAX];
	const char *end;
	size_t n;
	EVP_MD_CTX *m;
	int ok;

	if (!sig64 || sodium_base642bin(sig, sizeof sig, sig64, strlen(sig64), NULL, &n, &end,
	                                sodium_base64_VARIANT_ORIGINAL) != 0 || *end)
		return -1;
	if (!(m = EVP_MD_CTX_new()))
		return -1;
	ok = EVP_DigestVerifyInit(m, NULL, EVP_sha256(), NULL, k) == 1 &&
	     EVP_DigestVerify(m, sig, n, (const unsigned char *)msg, len) == 1;
	EVP_MD_CTX_free(m);
	return ok ? 0 : -1;
}

void alipay_yuan(long long fen, char out[ALIPAY_AMOUNT_MAX])
{
	snprintf(out, ALIPAY_AMOUNT_MAX, "%lld.%02lld", fen / 100, fen % 100);
}

int alipay_fen(const char *yuan, long long *fen)
{
	/* Up to 10 digits of yuan: Alipay's own limit for one payment is far below. */
	size_t w = strspn(yuan, DIGITS), d = 0;
	char whole[12];
	long long y, f = 0;

	if (w == 0 || w > 10)
		return -1;
	memcpy(whole, yuan, w);
	whole[w] = '\0';
	if (parse_uint(whole, 10, &y) < 0)
		return -1;
	if (yuan[w] == '.') {
		d = strspn(yuan + w + 1, DIGITS);
		if (d < 1 || d > 2)
			return -1;
		f = (yuan[w + 1] - '0') * 10 + (d == 2 ? yuan[w + 2] - '0' : 0);
		w += d + 1;
	}
	if (yuan[w] != '\0' || y * 100 + f <= 0)
		return -1;
	*fen = y * 100 + f;
	return 0;
}

/* ---- reading the gateway's JSON: just enough to find a member and its exact bytes ---- */

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/* p at a string's opening quote: just past its closing one, or NULL. */
static const char *skip_str(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return NULL;
}

/* p at a value: just past it, or NULL if it does not end (an empty literal is no value either). */
static const char *skip_value(const char *p, const char *end)
{
	const char *start = p;
	int depth = 0;

	if (p < end && *p == '"')
		return skip_str(p, end);
	if (p < end && *p != '{' && *p != '[') {
		while (p < end && !strchr(",}] \t\r\n", *p))
			p++;
		return p > start ? p : NULL;
	}
	while (p < end) {
		if (*p == '"') {
			if (!(p = skip_str(p, end)))
				return NULL;
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if ((*p == '}' || *p == ']') && --depth == 0)
			return p + 1;
		p++;
	}
	return NULL;
}

int alipay_json_member(const char *s, size_t len, const char *key, const char **v, size_t *vlen)
{
	const char *p = skip_ws(s, s + len), *end = s + len, *k, *ke, *vs;
	size_t klen = strlen(key);

	if (p >= end || *p++ != '{')
		return -1;
	for (;;) {
		p = skip_ws(p, end);
		if (p >= end || *p != '"' || !(ke = skip_str(p, end)))
			return -1;
		k = p + 1;
		p = skip_ws(ke, end);
		if (p >= end || *p++ != ':')
			return -1;
		vs = skip_ws(p, end);
		if (!(p = skip_value(vs, end)))
			return -1;
		if ((size_t)(ke - 1 - k) == klen && memcmp(k, key, klen) == 0) {
			*v = vs;
			*vlen = (size_t)(p - vs);
			return 0;
		}
		p = skip_ws(p, end);
		if (p >= end || *p++ != ',')
			return -1;
	}
}

int alipay_json_str(const char *s, size_t len, const char *key, char *out, size_t n)
{
	const char *v;
	size_t vlen, o = 0;

	if (alipay_json_member(s, len, key, &v, &vlen) < 0 || vlen < 2 || *v != '"')
		return -1;
	for (size_t i = 1; i + 1 < vlen; i++) {
		char ch = v[i];

		if (ch == '\\' && !strchr("\"\\/", ch = v[++i]))
			return -1;
		if (o + 1 >= n)
			return -1;
		out[o++] = ch;
	}
	out[o] = '\0';
	return 0;
}

/* ---- the merchant's settings and keys ---- */

struct ap {
	const char *app_id, *gateway, *ca_file;
	EVP_PKEY   *ours, *theirs;
};

static const char *setting(const struct config *cfg, const char *name)
{
	const char *v = hdf_get_value(cfg->hdf, name, NULL);

	return v && *v ? v : NULL;
}

/* The key in the file named by setting name; read each time, so a new key needs no restart. */
static EVP_PKEY *key_file(const struct config *cfg, const char *name, int private,
                          struct err *e)
{
	const char *path = setting(cfg, name);
	char *buf = malloc(KEY_FILE_MAX);
	EVP_PKEY *k = NULL;
	FILE *f = path ? fopen(path, "r") : NULL;
	size_t n = 0;

	if (buf && f) {
		n = fread(buf, 1, KEY_FILE_MAX - 1, f);
		buf[n] = '\0';
		k = alipay_key_parse(buf, n, private);
		OPENSSL_cleanse(buf, KEY_FILE_MAX);
	}
	if (f)
		fclose(f);
	free(buf);
	if (!k)
		err_core(e, ERR_INTERNAL, NULL, "alipay: %s (%s) is not a readable RSA key", name,
		         path ? path : "not set");
	return k;
}

static void ap_close(struct ap *a)
{
	EVP_PKEY_free(a->ours);
	EVP_PKEY_free(a->theirs);
}

/* The settings, our key if we are to sign (private), and Alipay's. */
static int ap_open(const struct config *cfg, struct ap *a, int private, struct err *e)
{
	memset(a, 0, sizeof *a);
	a->app_id = setting(cfg, "Pay.Alipay.AppId");
	a->gateway = setting(cfg, "Pay.Alipay.Gateway");
	a->ca_file = setting(cfg, "Pay.Alipay.CAFile");
	if (!a->gateway)
		a->gateway = GATEWAY;
	if (!a->app_id)
		return err_core(e, ERR_INTERNAL, NULL, "alipay: Pay.Alipay.AppId is not set");
	if ((private && !(a->ours = key_file(cfg, "Secrets.AlipayPrivateKeyFile", 1, e))) ||
	    !(a->theirs = key_file(cfg, "Pay.Alipay.PublicKeyFile", 0, e))) {
		ap_close(a);
		return -1;
	}
	return 0;
}

/* ---- requests ---- */

/* Now in China time, as Alipay's timestamps are written. */
static void china_time(time_t t, char out[TIME_LEN])
{
	struct tm tm;

	t += CHINA;
	gmtime_r(&t, &tm);
	strftime(out, TIME_LEN, "%Y-%m-%d %H:%M:%S", &tm);
}

/* s as a JSON string, quoted; our values hold no control characters (the key table's). */
static void json_quote(STRING *out, const char *s)
{
	string_append_char(out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			string_append_char(out, '\\');
		string_append_char(out, *s);
	}
	string_append_char(out, '"');
}

/*
 * The request for method with biz_content biz, as url-encoded "k=v&…&sign=…" appended to out:
 * the common parameters, the two URLs when given (NULL: none), and our RSA2 signature.
 */
static int ap_request(const struct ap *a, const char *method, const char *biz,
                      const char *notify, const char *ret, STRING *out, struct err *e)
{
	const char *names[] = { "app_id", "method", "format", "charset", "sign_type", "timestamp",
	                        "version", "notify_url", "return_url", "biz_content" };
	char now[TIME_LEN];
	const char *vals[] = { a->app_id, method, "JSON", "utf-8", "RSA2", now, "1.0", notify, ret,
	                       biz };
	struct kvlist l = { 0 };
	STRING text, sig;
	int rc = -1;

	china_time(time(NULL), now);
	string_init(&text);
	string_init(&sig);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (vals[i] && param_add(&l, names[i], strlen(names[i]), vals[i], strlen(vals[i]),
		                         e) < 0)
			goto done;
	alipay_sign_text(&l, 0, &text);
	if (alipay_sign(a->ours, text.buf, (size_t)text.len, &sig) < 0) {
		err_core(e, ERR_INTERNAL, NULL, "alipay: could not sign %s", method);
		goto done;
	}
	for (size_t i = 0; i < l.n; i++) {
		string_appendf(out, "%s=", l.v[i].key);
		url_encode_to(out, l.v[i].val);
		string_append_char(out, '&');
	}
	string_append(out, "sign=");
	url_encode_to(out, sig.buf);
	rc = 0;
done:
	kvlist_free(&l);
	string_clear(&text);
	string_clear(&sig);
	return rc;
}

/* A phone's browser: Alipay's WAP cashier hands over to the app; else the desktop's QR page. */
static int ap_create(const struct config *cfg, const struct pay_order *o, char *url, size_t n,
                     struct err *e)
{
	char yuan[ALIPAY_AMOUNT_MAX], notify[512], ret[512];
	int phone = o->browser && o->browser->phone;
	STRING biz, u;
	struct ap a;
	int rc = -1;

	if (ap_open(cfg, &a, 1, e) < 0)
		return -1;
	snprintf(notify, sizeof notify, "%s/pay/notify/alipay", cfg->site_url);
	snprintf(ret, sizeof ret, "%s/pay/return/%s", cfg->site_url, o->order_no);
	alipay_yuan(o->amount_fen, yuan);
	string_init(&biz);
	string_init(&u);
	string_appendf(&biz, "{\"out_trade_no\":\"%s\",\"total_amount\":\"%s\",\"subject\":",
	               o->order_no, yuan);
	json_quote(&biz, o->subject);
	string_appendf(&biz, ",\"product_code\":\"%s\",\"time_expire\":\"%s\"",
	               phone ? "QUICK_WAP_WAY" : "FAST_INSTANT_TRADE_PAY", o->expires_at);
	if (phone) {
		string_append(&biz, ",\"quit_url\":");
		json_quote(&biz, ret);
	}
	string_append_char(&biz, '}');
	string_appendf(&u, "%s?", a.gateway);
	if (ap_request(&a, phone ? "alipay.trade.wap.pay" : "alipay.trade.page.pay", biz.buf,
	               notify, ret, &u, e) < 0)
		goto done;
	/* A form would need a script to submit it, which our CSP forbids: the URL must do. */
	if ((size_t)u.len >= n) {
		err_core(e, ERR_INTERNAL, NULL, "alipay: the payment URL is %d bytes", u.len);
		goto done;
	}
	memcpy(url, u.buf, (size_t)u.len + 1);
	rc = 0;
done:
	string_clear(&biz);
	string_clear(&u);
	ap_close(&a);
	return rc;
}

/* ---- what Alipay says was paid ---- */

/* A notice or an answer's payment, after its signature: into n, if every field is well formed. */
static int paid_fill(struct pay_notice *n, const char *order_no, const char *trade_no,
                     const char *amount, struct err *e)
{
	memset(n, 0, sizeof *n);
	if (!order_no || !is_base32(order_no, ORDER_NO_LEN) || !trade_no || !*trade_no ||
	    strlen(trade_no) > PAY_TXN_MAX ||
	    strspn(trade_no, DIGITS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") !=
	    strlen(trade_no) || !amount || alipay_fen(amount, &n->amount_fen) < 0)
		return err_core(e, ERR_INVALID, NULL, "alipay: a payment with malformed fields");
	memcpy(n->order_no, order_no, ORDER_NO_LEN + 1);
	memcpy(n->txn, trade_no, strlen(trade_no) + 1);
	return 0;
}

static int is_paid(const char *trade_status)
{
	return trade_status && (strcmp(trade_status, "TRADE_SUCCESS") == 0 ||
	                        strcmp(trade_status, "TRADE_FINISHED") == 0);
}

/*
 * How old a notice may be: Alipay retries for 25 hours; older, it is not Alipay's retry but
 * someone's replay. A replay inside the window changes nothing (the ledger credits a trade once).
 */
static int notice_fresh(const struct config *cfg, const char *notify_time)
{
	int hours = hdf_get_int_value(cfg->hdf, "Pay.Alipay.NotifyMaxHours", 48);
	struct tm tm = { 0 };
	const char *end;
	time_t t;

	/* Never under Alipay's own 25 hours of retries, whatever the setting says. */
	if (hours < 26)
		hours = 26;
	if (!notify_time || !(end = strptime(notify_time, "%Y-%m-%d %H:%M:%S", &tm)) || *end)
		return 0;
	t = timegm(&tm) - CHINA;
	/* A little ahead is a clock's skew; far ahead is as forged as far behind. */
	return t > time(NULL) - (time_t)hours * 3600 && t < time(NULL) + 3600;
}

static int ap_verify(const struct config *cfg, const struct pay_message *m, struct pay_notice *n,
                     struct err *e)
{
	struct kvlist l = { 0 };
	STRING text;
	struct ap a;
	const char *app_id;
	int rc = -1;

	if (ap_open(cfg, &a, 0, e) < 0)
		return -1;
	string_init(&text);
	if (!m->body || form_parse(m->body, m->len, &l, e) < 0)
		goto done;
	alipay_sign_text(&l, 1, &text);
	app_id = kvlist_get(&l, "app_id");
	if (!kvlist_get(&l, "sign_type") || strcmp(kvlist_get(&l, "sign_type"), "RSA2") != 0 ||
	    !text.buf || alipay_check(a.theirs, text.buf, (size_t)text.len,
	                              kvlist_get(&l, "sign")) < 0)
		err_core(e, ERR_INVALID, NULL, "alipay notice with a bad signature");
	else if (!app_id || strcmp(app_id, a.app_id) != 0)
		err_core(e, ERR_INVALID, NULL, "alipay notice for another merchant");
	else if (!notice_fresh(cfg, kvlist_get(&l, "notify_time")))
		err_core(e, ERR_INVALID, NULL, "alipay notice too old, or dated ahead");
	else if (!is_paid(kvlist_get(&l, "trade_status")))
		/* A trade closed unpaid, or refunded whole: genuine, and nothing to credit. */
		rc = 1;
	else
		rc = paid_fill(n, kvlist_get(&l, "out_trade_no"), kvlist_get(&l, "trade_no"),
		               kvlist_get(&l, "total_amount"), e);
done:
	kvlist_free(&l);
	string_clear(&text);
	ap_close(&a);
	return rc;
}

/* ---- server calls ---- */

static size_t gather(char *p, size_t size, size_t n, void *ctx)
{
	STRING *s = ctx;

	if (s->len + size * n > ANSWER_MAX)
		return 0;
	string_appendn(s, p, (int)(size * n));
	return size * n;
}

/* POST the request to the gateway; its body into out. */
static int post(const struct ap *a, const char *form, STRING *out, struct err *e)
{
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: "
	                                         "application/x-www-form-urlencoded;charset=utf-8");
	CURL *c = curl_easy_init();
	CURLcode rc = CURLE_FAILED_INIT;
	long status = 0;

	if (c && h) {
		curl_easy_setopt(c, CURLOPT_URL, a->gateway);
		curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, gather);
		curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
		curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
		curl_easy_setopt(c, CURLOPT_TIMEOUT, 15L);
		/* No signals from the resolver's timeout inside a worker. */
		curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
		if (a->ca_file)
			curl_easy_setopt(c, CURLOPT_CAINFO, a->ca_file);
		if ((rc = curl_easy_perform(c)) == CURLE_OK)
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	}
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	if (rc != CURLE_OK || status != 200)
		return err_core(e, ERR_BUSY, NULL, "alipay: the gateway: %s, HTTP %ld",
		                curl_easy_strerror(rc), status);
	return 0;
}

/*
 * Call method with biz_content biz: the answer's "<method>_response" object, its signature
 * checked over its exact bytes, into res.
 */
static int ap_call(const struct config *cfg, const char *method, const char *biz, STRING *res,
                   struct err *e)
{
	char name[64], sig[SIG64_MAX];
	STRING form, body;
	const char *v;
	size_t vlen;
	struct ap a;
	int rc = -1;

	if (ap_open(cfg, &a, 1, e) < 0)
		return -1;
	string_init(&form);
	string_init(&body);
	snprintf(name, sizeof name, "%s_response", method);
	for (char *p = name; *p; p++)
		if (*p == '.')
			*p = '_';
	if (ap_request(&a, method, biz, NULL, NULL, &form, e) < 0 ||
	    post(&a, form.buf, &body, e) < 0)
		goto done;
	if (!body.buf ||
	    alipay_json_member(body.buf, (size_t)body.len, name, &v, &vlen) < 0 ||
	    alipay_json_str(body.buf, (size_t)body.len, "sign", sig, sizeof sig) < 0 ||
	    alipay_check(a.theirs, v, vlen, sig) < 0) {
		err_core(e, ERR_BUSY, NULL, "alipay: %s: an answer without %s or its signature",
		         method, name);
		goto done;
	}
	string_appendn(res, v, (int)vlen);
	rc = 0;
done:
	string_clear(&form);
	string_clear(&body);
	ap_close(&a);
	return rc;
}

/* What an answer says: its code ("10000" is done) and sub_code ("" if none). */
struct answer {
	STRING res;
	char   code[16], sub[64];
};

/* Call method for order_no (and the rest of biz_content, more: "" for none). */
static int ask(const struct config *cfg, const char *method, const char *order_no,
               const char *more, struct answer *an, struct err *e)
{
	char biz[512];

	string_init(&an->res);
	an->code[0] = an->sub[0] = '\0';
	snprintf(biz, sizeof biz, "{\"out_trade_no\":\"%s\"%s}", order_no, more);
	if (ap_call(cfg, method, biz, &an->res, e) < 0 ||
	    alipay_json_str(an->res.buf, (size_t)an->res.len, "code", an->code,
	                    sizeof an->code) < 0) {
		string_clear(&an->res);
		return e->kind ? -1 : err_core(e, ERR_BUSY, NULL, "alipay: %s without a code",
		                               method);
	}
	alipay_json_str(an->res.buf, (size_t)an->res.len, "sub_code", an->sub, sizeof an->sub);
	return 0;
}

static int field(const struct answer *an, const char *key, char *out, size_t n)
{
	return alipay_json_str(an->res.buf, (size_t)an->res.len, key, out, n);
}

static int ap_query(const struct config *cfg, struct db *db, const char *order_no,
                    struct pay_notice *n, struct err *e)
{
	char status[32], trade_no[PAY_TXN_MAX + 1], amount[ALIPAY_AMOUNT_MAX], ours[32];
	struct answer an;
	int rc;

	(void)db;
	if (ask(cfg, "alipay.trade.query", order_no, "", &an, e) < 0)
		return -1;
	if (strcmp(an.code, "10000") != 0)
		/* Never opened at Alipay: not paid. */
		rc = strcmp(an.sub, "ACQ.TRADE_NOT_EXIST") == 0 ? 0 :
		     err_core(e, ERR_BUSY, NULL, "alipay: trade.query %s: %s %s", order_no,
		              an.code, an.sub);
	else if (field(&an, "trade_status", status, sizeof status) < 0 || !is_paid(status))
		rc = 0;
	else if (field(&an, "out_trade_no", ours, sizeof ours) < 0 || strcmp(ours, order_no) ||
	         field(&an, "trade_no", trade_no, sizeof trade_no) < 0 ||
	         field(&an, "total_amount", amount, sizeof amount) < 0)
		rc = err_core(e, ERR_BUSY, NULL, "alipay: trade.query %s: a malformed answer",
		              order_no);
	else
		rc = paid_fill(n, ours, trade_no, amount, e) < 0 ? -1 : 1;
	string_clear(&an.res);
	return rc;
}

static int ap_close_order(const struct config *cfg, struct db *db, const char *order_no,
                          struct pay_notice *n, struct err *e)
{
	struct answer an;
	int rc = 0;

	if (ask(cfg, "alipay.trade.close", order_no, "", &an, e) < 0)
		return -1;
	/*
	 * Paid already, or closed before: the query says which. Never opened at Alipay: nothing to
	 * close, and its link dies at time_expire.
	 */
	if (strcmp(an.sub, "ACQ.TRADE_STATUS_ERROR") == 0)
		rc = ap_query(cfg, db, order_no, n, e);
	else if (strcmp(an.code, "10000") != 0 && strcmp(an.sub, "ACQ.TRADE_NOT_EXIST") != 0)
		rc = err_core(e, ERR_BUSY, NULL, "alipay: trade.close %s: %s %s", order_no, an.code,
		              an.sub);
	string_clear(&an.res);
	return rc;
}

static int ap_refund(const struct config *cfg, struct db *db, const struct pay_notice *paid,
                     long long amount_fen, const char *refund_no, struct err *e)
{
	char yuan[ALIPAY_AMOUNT_MAX], more[256];
	struct answer an;
	int rc = 0;

	(void)db;
	alipay_yuan(amount_fen, yuan);
	/* out_request_no: asked again under the same number, Alipay refunds once. */
	snprintf(more, sizeof more, ",\"trade_no\":\"%s\",\"refund_amount\":\"%s\","
	         "\"out_request_no\":\"%s\"", paid->txn, yuan, refund_no);
	if (ask(cfg, "alipay.trade.refund", paid->order_no, more, &an, e) < 0)
		return -1;
	if (strcmp(an.code, "10000") == 0)
		log_info("alipay refunded trade %s: %s yuan as %s", paid->txn, yuan, refund_no);
	else
		rc = err_core(e, ERR_CONFLICT, NULL, "alipay: trade.refund %s: %s %s", paid->txn,
		              an.code, an.sub);
	string_clear(&an.res);
	return rc;
}

/* A real site offering Alipay starts only with its settings whole and both keys readable. */
static int ap_check(const struct config *cfg, struct err *e)
{
	struct ap a;

	if (ap_open(cfg, &a, 1, e) < 0)
		return -1;
	ap_close(&a);
	return 0;
}

const struct pay_provider ALIPAY_PROVIDER = {
	.name = "alipay",
	.label = "支付宝",
	.ack = "success",
	.network = 1,
	.create = ap_create,
	.verify = ap_verify,
	.query = ap_query,
	.close = ap_close_order,
	.refund = ap_refund,
	.check = ap_check,
};
