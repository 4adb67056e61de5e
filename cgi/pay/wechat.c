/*
 * wechat.c — the WeChat Pay API v3 provider: signed JSON requests over HTTPS (libcurl), verified
 * answers, and notifications verified, decrypted and checked as ours.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>

#include "../keys.h"
#include "../log.h"
#include "../util.h"
#include "wechat.h"

#define AUTH_SCHEME "WECHATPAY2-SHA256-RSA2048"
#define NONCE_LEN 32
/* Room for "METHOD\nPATH\nTIMESTAMP\nNONCE\n" around a body. */
#define SIGNED_HEAD_MAX 512
#define HEADER_MAX 1024
#define CALL_SECONDS 10
#define APIV3_KEY_LEN 32
/* An answer longer than this is not WeChat Pay's (a query's is about 1 KB). */
#define ANSWER_MAX 65536

/* Our settings for one call: Pay.WeChat.* and Secrets.WeChat.*; NULL where missing. */
struct wx_conf {
	const char *base, *mchid, *appid, *serial, *platform_serial, *platform_key, *cafile;
	const char *private_key, *apiv3_key, *site;
};

static int wx_conf(const struct config *cfg, struct wx_conf *w, struct err *e)
{
	w->base = hdf_get_value(cfg->hdf, "Pay.WeChat.BaseURL", "https://api.mch.weixin.qq.com");
	w->mchid = hdf_get_value(cfg->hdf, "Pay.WeChat.MchId", NULL);
	w->appid = hdf_get_value(cfg->hdf, "Pay.WeChat.AppId", NULL);
	w->serial = hdf_get_value(cfg->hdf, "Pay.WeChat.SerialNo", NULL);
	w->platform_serial = hdf_get_value(cfg->hdf, "Pay.WeChat.PlatformSerial", NULL);
	w->platform_key = hdf_get_value(cfg->hdf, "Pay.WeChat.PlatformKey", NULL);
	w->cafile = hdf_get_value(cfg->hdf, "Pay.WeChat.CAFile", NULL);
	w->private_key = hdf_get_value(cfg->hdf, "Secrets.WeChat.PrivateKey", NULL);
	w->apiv3_key = hdf_get_value(cfg->hdf, "Secrets.WeChat.APIv3Key", NULL);
	w->site = cfg->site_url;
	if (!w->mchid || !w->appid || !w->serial || !w->platform_serial || !w->platform_key ||
	    !w->private_key || !w->apiv3_key || strlen(w->apiv3_key) != APIV3_KEY_LEN)
		return err_core(e, ERR_INTERNAL, NULL, "wechatpay: Pay.WeChat.MchId, AppId, "
		                "SerialNo, PlatformSerial, PlatformKey and "
		                "Secrets.WeChat.PrivateKey, APIv3Key (32 characters) must be set");
	return 0;
}

/* An answer as it came: its status, body and signature headers. */
struct wx_resp {
	long   status;
	STRING body;
	char   ts[24], nonce[80], serial[80], sig[WX_SIG_B64_MAX];
};

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct wx_resp *r = arg;

	if ((size_t)r->body.len + size * n > ANSWER_MAX)
		return 0;
	return string_appendn(&r->body, p, (int)(size * n)) ? 0 : size * n;
}

/* A "Name: value" header line's value into out if it is the header called name. */
static void header_value(const char *line, size_t len, const char *name, char *out, size_t n)
{
	size_t k = strlen(name), v;

	if (len <= k + 1 || strncasecmp(line, name, k) != 0 || line[k] != ':')
		return;
	line += k + 1, len -= k + 1;
	while (len && (*line == ' ' || *line == '\t'))
		line++, len--;
	for (v = len; v && (line[v - 1] == '\r' || line[v - 1] == '\n' || line[v - 1] == ' '); )
		v--;
	if (v < n) {
		memcpy(out, line, v);
		out[v] = '\0';
	}
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
	struct wx_resp *r = arg;

	header_value(p, size * n, "Wechatpay-Timestamp", r->ts, sizeof r->ts);
	header_value(p, size * n, "Wechatpay-Nonce", r->nonce, sizeof r->nonce);
	header_value(p, size * n, "Wechatpay-Serial", r->serial, sizeof r->serial);
	header_value(p, size * n, "Wechatpay-Signature", r->sig, sizeof r->sig);
	return size * n;
}

/* The Authorization header of a request: its method, path (with query) and body, signed. */
static int authorization(const struct wx_conf *w, const char *method, const char *path,
                         const char *body, char out[HEADER_MAX], struct err *e)
{
	unsigned char rnd[NONCE_LEN / 2];
	char nonce[NONCE_LEN + 1], sig[WX_SIG_B64_MAX];
	long long ts = (long long)time(NULL);
	STRING msg;
	int rc;

	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(nonce, sizeof nonce, rnd, sizeof rnd);
	string_init(&msg);
	string_appendf(&msg, "%s\n%s\n%lld\n%s\n", method, path, ts, nonce);
	string_append(&msg, body);
	string_append(&msg, "\n");
	rc = msg.buf ? wx_sign(w->private_key, msg.buf, (size_t)msg.len, sig, e) : -1;
	string_clear(&msg);
	if (rc < 0)
		return -1;
	snprintf(out, HEADER_MAX, "Authorization: " AUTH_SCHEME " mchid=\"%s\",nonce_str=\"%s\","
	         "signature=\"%s\",timestamp=\"%lld\",serial_no=\"%s\"", w->mchid, nonce, sig, ts,
	         w->serial);
	return 0;
}

/* An answer's signature: "timestamp\nnonce\nbody\n" under the platform key it names. */
static int answer_verified(const struct wx_conf *w, struct wx_resp *r, struct err *e)
{
	STRING msg;
	int ok;

	if (strcmp(r->serial, w->platform_serial) != 0)
		return err_core(e, ERR_INTERNAL, NULL, "wechatpay: answer signed under serial "
		                "'%.40s', not ours", r->serial);
	string_init(&msg);
	string_appendf(&msg, "%s\n%s\n", r->ts, r->nonce);
	string_appendn(&msg, r->body.buf ? r->body.buf : "", r->body.len);
	string_append(&msg, "\n");
	ok = msg.buf && wx_verify(w->platform_key, msg.buf, (size_t)msg.len, r->sig) == 0;
	string_clear(&msg);
	return ok ? 0 : err_core(e, ERR_INTERNAL, NULL, "wechatpay: answer with a bad signature");
}

static int wx_call(const struct wx_conf *w, const char *method, const char *path,
                   const char *body, struct wx_resp *r, struct err *e)
{
	char auth[HEADER_MAX], url[HEADER_MAX];
	struct curl_slist *h = NULL;
	CURL *c;
	CURLcode cc;

	memset(r, 0, sizeof *r);
	string_init(&r->body);
	if (authorization(w, method, path, body, auth, e) < 0)
		return -1;
	snprintf(url, sizeof url, "%s%s", w->base, path);
	if (!(c = curl_easy_init()))
		return err_core(e, ERR_INTERNAL, NULL, "wechatpay: curl_easy_init failed");
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, "Accept: application/json");
	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, "User-Agent: tongxiang-txappd");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)CALL_SECONDS);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
	if (w->cafile && *w->cafile)
		curl_easy_setopt(c, CURLOPT_CAINFO, w->cafile);
	if (strcmp(method, "POST") == 0)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	cc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (cc != CURLE_OK)
		return err_core(e, ERR_BUSY, NULL, "wechatpay: %s %s: %s", method, path,
		                curl_easy_strerror(cc));
	/*
	 * Only a signed success is believed. A refusal need not be signed (WeChat Pay's gateway may
	 * answer one itself); it is never taken as a payment, only as a reason to ask again (close
	 * then queries) or, for a query's 404, as "not paid".
	 */
	return r->status / 100 == 2 ? answer_verified(w, r, e) : 0;
}

static void resp_free(struct wx_resp *r)
{
	string_clear(&r->body);
}

/* The answer's JSON (NULL for an empty one, as a 204's); an error if it is not JSON. */
static int answer_json(const struct wx_resp *r, json_t **j, struct err *e)
{
	json_error_t je;

	*j = NULL;
	if (!r->body.len)
		return 0;
	if (!(*j = json_loadb(r->body.buf, (size_t)r->body.len, 0, &je)))
		return err_core(e, ERR_INTERNAL, NULL, "wechatpay: answer is not JSON: %s",
		                je.text);
	return 0;
}

/* The error code of a refusal ({"code": …, "message": …}), or "" if it has none. */
static const char *refusal(json_t *j)
{
	const char *code = json_string_value(json_object_get(j, "code"));

	return code ? code : "";
}

/* Size of a refusal's code kept by wx_json (WeChat Pay's are a few upper-case words). */
#define REFUSAL_MAX 32

/*
 * Call, and read the answer as JSON (*j; NULL for an empty one): any status but 2xx is an error
 * naming WeChat Pay's code, kept in refused if given: ERR_NOT_FOUND for a 404; ERR_BUSY for
 * WeChat Pay's own trouble or limits (5xx, 429), to be tried again; else ERR_CONFLICT.
 */
static int wx_json(const struct wx_conf *w, const char *method, const char *path, const char *body,
                   json_t **j, char refused[REFUSAL_MAX], struct err *e)
{
	struct wx_resp r;
	int rc = -1;

	*j = NULL;
	if (refused)
		*refused = '\0';
	if (wx_call(w, method, path, body, &r, e) < 0 || answer_json(&r, j, e) < 0)
		goto done;
	if (r.status / 100 != 2) {
		if (refused)
			snprintf(refused, REFUSAL_MAX, "%s", refusal(*j));
		err_core(e, r.status == 404 ? ERR_NOT_FOUND : r.status == 429 || r.status >= 500 ?
		         ERR_BUSY : ERR_CONFLICT, NULL, "wechatpay: %s %s: HTTP %ld, %s", method,
		         path, r.status, refusal(*j));
		goto done;
	}
	rc = 0;
done:
	resp_free(&r);
	if (rc < 0) {
		json_decref(*j);
		*j = NULL;
	}
	return rc;
}

/* WeChat Pay's time: RFC 3339 in China time, from our "YYYY-MM-DD HH:MM:SS". */
static void rfc3339(const char *t, char out[32])
{
	snprintf(out, 32, "%.10sT%.8s+08:00", t, t + 11);
}

/*
 * WeChat Pay keeps one out_trade_no to one trade type, paid or not: an order prepaid as Native
 * on a computer could not then be paid by H5 on a phone. So each kind has its own number, the
 * order's and a letter (32 characters are allowed), and a query or a close asks about both,
 * and about the bare number of an order prepaid before this.
 */
static const char *const KIND_LETTERS[] = { "N", "H", "" };
#define TRADE_NO_MAX (ORDER_NO_LEN + 1)

/* The order's number for WeChat Pay of kind (an index of KIND_LETTERS: 0 Native, 1 H5). */
static void trade_no(const char *order_no, size_t kind, char out[TRADE_NO_MAX + 1])
{
	snprintf(out, TRADE_NO_MAX + 1, "%.*s%s", ORDER_NO_LEN, order_no, KIND_LETTERS[kind]);
}

/* Whether no is one of ours: an order number, with or without its kind's letter. */
static int ours_no(const char *no)
{
	size_t n = strlen(no);
	char head[ORDER_NO_LEN + 1];
	int lettered = n == TRADE_NO_MAX && (no[n - 1] == 'N' || no[n - 1] == 'H');

	snprintf(head, sizeof head, "%.*s", ORDER_NO_LEN, no);
	return (n == ORDER_NO_LEN || lettered) && is_base32(head, ORDER_NO_LEN);
}

/*
 * A transaction as WeChat Pay describes it (a query's answer, or a notification's decrypted
 * resource): 1 and n filled if it is ours and paid, 0 if ours and not paid; an error if it is
 * another merchant's or malformed.
 */
static int transaction(const struct wx_conf *w, json_t *t, struct pay_notice *n, struct err *e)
{
	const char *mchid = NULL, *appid = NULL, *state = NULL, *no = NULL, *txn = NULL;
	json_int_t total = 0;

	memset(n, 0, sizeof *n);
	if (json_unpack(t, "{s:s, s:s, s:s, s:s}", "mchid", &mchid, "appid", &appid,
	                "trade_state", &state, "out_trade_no", &no) != 0)
		return err_core(e, ERR_INVALID, NULL, "wechatpay: transaction without mchid, "
		                "appid, trade_state or out_trade_no");
	if (strcmp(mchid, w->mchid) != 0 || strcmp(appid, w->appid) != 0)
		return err_core(e, ERR_INVALID, NULL, "wechatpay: transaction of another merchant "
		                "(%.32s, %.32s)", mchid, appid);
	if (strcmp(state, "SUCCESS") != 0)
		return 0;
	if (json_unpack(t, "{s:s, s:{s:I}}", "transaction_id", &txn, "amount", "total", &total) !=
	    0 || !ours_no(no) ||
	    strlen(txn) == 0 || strlen(txn) > PAY_TXN_MAX || strspn(txn, "0123456789"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != strlen(txn) || total <= 0)
		return err_core(e, ERR_INVALID, NULL, "wechatpay: paid transaction with malformed "
		                "out_trade_no, transaction_id or amount.total");
	snprintf(n->order_no, sizeof n->order_no, "%.*s", ORDER_NO_LEN, no);
	snprintf(n->txn, sizeof n->txn, "%s", txn);
	n->amount_fen = (long long)total;
	return 1;
}

int wechat_prepay(const struct config *cfg, const struct pay_order *o, int h5, char *url,
                  size_t n, struct err *e)
{
	const char *client_ip = h5 && o->browser ? o->browser->ip : NULL;
	struct wx_conf w;
	char expire[32], notify[HEADER_MAX];
	json_t *req, *ans = NULL;
	const char *got;
	char *body, no[TRADE_NO_MAX + 1];
	int rc = -1;

	if (wx_conf(cfg, &w, e) < 0)
		return -1;
	trade_no(o->order_no, h5 ? 1 : 0, no);
	rfc3339(o->expires_at, expire);
	snprintf(notify, sizeof notify, "%s/pay/notify/%s", w.site, WECHAT_PROVIDER.name);
	req = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:I, s:s}}", "appid", w.appid,
	                "mchid", w.mchid, "description", o->subject, "out_trade_no", no,
	                "time_expire", expire, "notify_url", notify, "amount", "total",
	                (json_int_t)o->amount_fen, "currency", "CNY");
	if (req && h5)
		json_object_set_new(req, "scene_info",
		                    json_pack("{s:s, s:{s:s}}", "payer_client_ip", client_ip,
		                              "h5_info", "type", "Wap"));
	body = req ? json_dumps(req, JSON_COMPACT) : NULL;
	json_decref(req);
	if (!body)
		return err_core(e, ERR_INTERNAL, NULL, "wechatpay: cannot build the order");
	if (wx_json(&w, "POST", h5 ? "/v3/pay/transactions/h5" : "/v3/pay/transactions/native",
	            body, &ans, NULL, e) < 0)
		goto done;
	got = json_string_value(json_object_get(ans, h5 ? "h5_url" : "code_url"));
	if (!got || strlen(got) >= n) {
		err_core(e, ERR_INTERNAL, NULL, "wechatpay: order %s: answer without %s",
		         o->order_no, h5 ? "h5_url" : "code_url");
		goto done;
	}
	memcpy(url, got, strlen(got) + 1);
	rc = 0;
done:
	free(body);
	json_decref(ans);
	return rc;
}

/* Our cashier is our own page: it chooses Native or H5 from the browser that comes to it. */
static int wx_create(const struct config *cfg, const struct pay_order *o, char *url, size_t n,
                     struct err *e)
{
	(void)cfg;
	if ((size_t)snprintf(url, n, "/pay/wechat/%s", o->order_no) >= n)
		return err_core(e, ERR_INTERNAL, NULL, "wechatpay: payment URL too long");
	return 0;
}

/* A notification's signature headers, its age and its signature over "ts\nnonce\nbody\n". */
static int notice_signed(const struct wx_conf *w, const struct pay_message *m, struct err *e)
{
	long long ts, now = (long long)time(NULL);
	STRING msg;
	int ok;

	if (!m->body || !m->signature || !m->timestamp || !m->nonce || !m->serial)
		return err_core(e, ERR_INVALID, NULL, "wechatpay notice without its signature "
		                "headers");
	if (strcmp(m->serial, w->platform_serial) != 0)
		return err_core(e, ERR_INVALID, NULL, "wechatpay notice under serial '%.40s', not "
		                "the platform key we have", m->serial);
	if (parse_uint(m->timestamp, 12, &ts) < 0 || ts < now - WX_SKEW_SECONDS ||
	    ts > now + WX_SKEW_SECONDS)
		return err_core(e, ERR_INVALID, NULL, "wechatpay notice with timestamp '%.20s', "
		                "more than %d s from now", m->timestamp, WX_SKEW_SECONDS);
	string_init(&msg);
	string_appendf(&msg, "%s\n%s\n", m->timestamp, m->nonce);
	string_appendn(&msg, m->body, (int)m->len);
	string_append(&msg, "\n");
	ok = msg.buf && wx_verify(w->platform_key, msg.buf, (size_t)msg.len, m->signature) == 0;
	string_clear(&msg);
	return ok ? 0 : err_core(e, ERR_INVALID, NULL, "wechatpay notice with a bad signature");
}

/* The notification's resource, decrypted with the APIv3 key: a transaction as JSON. */
static int notice_resource(const struct wx_conf *w, const struct pay_message *m, json_t **t,
                           struct err *e)
{
	const char *alg, *ct, *nonce, *ad = "";
	json_error_t je;
	json_t *j = json_loadb(m->body, m->len, 0, &je);
	char *plain = NULL;
	size_t len;

	*t = NULL;
	if (!j || json_unpack(j, "{s:{s:s, s:s, s:s, s?s}}", "resource", "algorithm", &alg,
	                      "ciphertext", &ct, "nonce", &nonce, "associated_data", &ad) != 0 ||
	    strcmp(alg, "AEAD_AES_256_GCM") != 0) {
		json_decref(j);
		return err_core(e, ERR_INVALID, NULL, "wechatpay notice without an "
		                "AEAD_AES_256_GCM resource");
	}
	if (wx_decrypt((const unsigned char *)w->apiv3_key, nonce, ad, ct, &plain, &len) < 0 ||
	    !(*t = json_loadb(plain, len, 0, &je))) {
		free(plain);
		json_decref(j);
		return err_core(e, ERR_INVALID, NULL, "wechatpay notice whose resource does not "
		                "decrypt");
	}
	free(plain);
	json_decref(j);
	return 0;
}

static int wx_verify_notice(const struct config *cfg, const struct pay_message *m,
                            struct pay_notice *n, struct err *e)
{
	struct wx_conf w;
	json_t *t;
	int paid;

	if (wx_conf(cfg, &w, e) < 0 || notice_signed(&w, m, e) < 0 ||
	    notice_resource(&w, m, &t, e) < 0)
		return -1;
	paid = transaction(&w, t, n, e);
	json_decref(t);
	if (paid == 0)
		return err_core(e, ERR_INVALID, NULL, "wechatpay notice of a transaction not paid");
	return paid < 0 ? -1 : 0;
}

/* One of an order's numbers (no) asked about: 1 paid (n filled), 0 not, or never seen. */
static int query_one(const struct wx_conf *w, const char *no, struct pay_notice *n,
                     struct err *e)
{
	char path[HEADER_MAX];
	json_t *t;
	int paid;

	snprintf(path, sizeof path, "/v3/pay/transactions/out-trade-no/%s?mchid=%s", no,
	         w->mchid);
	if (wx_json(w, "GET", path, "", &t, NULL, e) < 0) {
		/* Never sent to WeChat Pay under this number: not paid under it. */
		if (e->kind != ERR_NOT_FOUND)
			return -1;
		err_clear(e);
		return 0;
	}
	paid = transaction(w, t, n, e);
	json_decref(t);
	return paid;
}

static int wx_query(const struct config *cfg, struct db *db, const char *order_no,
                    struct pay_notice *n, struct err *e)
{
	struct wx_conf w;
	char no[TRADE_NO_MAX + 1];
	int paid = 0;

	(void)db;
	memset(n, 0, sizeof *n);
	if (wx_conf(cfg, &w, e) < 0)
		return -1;
	for (size_t k = 0; k < nitems(KIND_LETTERS) && paid == 0; k++) {
		trade_no(order_no, k, no);
		paid = query_one(&w, no, n, e);
	}
	return paid;
}

/*
 * One of an order's numbers closed. One WeChat Pay never saw (404), or paid or closed already,
 * is refused: that is an answer. Any other refusal, or WeChat Pay busy, leaves it open there,
 * so it is not taken as closed: the sweep tries again.
 */
static int close_one(const struct wx_conf *w, const char *no, struct err *e)
{
	char path[HEADER_MAX], body[HEADER_MAX], refused[REFUSAL_MAX];
	json_t *t;

	snprintf(path, sizeof path, "/v3/pay/transactions/out-trade-no/%s/close", no);
	snprintf(body, sizeof body, "{\"mchid\":\"%s\"}", w->mchid);
	if (wx_json(w, "POST", path, body, &t, refused, e) < 0) {
		if (e->kind != ERR_NOT_FOUND && strcmp(refused, "ORDERPAID") != 0 &&
		    strcmp(refused, "ORDER_CLOSED") != 0)
			return -1;
		if (e->kind != ERR_NOT_FOUND)
			log_info("%s; asking whether order %s was paid", e->cause, no);
		err_clear(e);
	}
	json_decref(t);
	return 0;
}

/* Every number of the order closed, then asked about: one paid before the close is credited. */
static int wx_close(const struct config *cfg, struct db *db, const char *order_no,
                    struct pay_notice *n, struct err *e)
{
	struct wx_conf w;
	char no[TRADE_NO_MAX + 1];

	if (wx_conf(cfg, &w, e) < 0)
		return -1;
	for (size_t k = 0; k < nitems(KIND_LETTERS); k++) {
		trade_no(order_no, k, no);
		if (close_one(&w, no, e) < 0)
			return -1;
	}
	return wx_query(cfg, db, order_no, n, e);
}

static int wx_refund(const struct config *cfg, struct db *db, const struct pay_notice *paid,
                     long long amount_fen, const char *refund_no, struct err *e)
{
	struct wx_conf w;
	json_t *req, *ans = NULL;
	const char *status;
	char *body;
	int rc = -1;

	(void)db;
	if (wx_conf(cfg, &w, e) < 0)
		return -1;
	req = json_pack("{s:s, s:s, s:{s:I, s:I, s:s}}", "transaction_id", paid->txn,
	                "out_refund_no", refund_no, "amount", "refund", (json_int_t)amount_fen,
	                "total", (json_int_t)paid->amount_fen, "currency", "CNY");
	body = req ? json_dumps(req, JSON_COMPACT) : NULL;
	json_decref(req);
	if (!body)
		return err_core(e, ERR_INTERNAL, NULL, "wechatpay: cannot build the refund");
	if (wx_json(&w, "POST", "/v3/refund/domestic/refunds", body, &ans, NULL, e) < 0)
		goto done;
	status = json_string_value(json_object_get(ans, "status"));
	/* PROCESSING: accepted, and the money on its way back; asked again, the same refund. */
	if (!status || (strcmp(status, "SUCCESS") != 0 && strcmp(status, "PROCESSING") != 0)) {
		err_core(e, ERR_CONFLICT, NULL, "wechatpay: refund %s: status %s", refund_no,
		         status ? status : "missing");
		goto done;
	}
	log_info("wechatpay refunded txn %s: %lld fen as %s (%s)", paid->txn, amount_fen,
	         refund_no, status);
	rc = 0;
done:
	free(body);
	json_decref(ans);
	return rc;
}

/* The settings complete, and both keys load: a site offering WeChat Pay starts only so. */
static int wx_check(const struct config *cfg, struct err *e)
{
	struct wx_conf w;
	char sig[WX_SIG_B64_MAX];

	if (wx_conf(cfg, &w, e) < 0 || wx_sign(w.private_key, "", 0, sig, e) < 0)
		return -1;
	if (!wx_key_loads(w.platform_key))
		return err_set(e, 500, NULL, "Pay.WeChat.PlatformKey is not a PEM public key");
	return 0;
}

const struct pay_provider WECHAT_PROVIDER = {
	.name = "wechatpay",
	.label = "微信支付",
	/* WeChat Pay wants HTTP 200 or 204 with no body for a notification handled. */
	.ack = "",
	.network = 1,
	.check = wx_check,
	.create = wx_create,
	.verify = wx_verify_notice,
	.query = wx_query,
	.close = wx_close,
	.refund = wx_refund,
};
