/* sms.c — the outbox's SMS sender: templates through a signed gateway request (sms.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include "../html.h"
#include "../log.h"
#include "../util.h"
#include "sms.h"

/* The API this speaks: Alibaba Cloud's SendSms, version 2017-05-25, signature version 1.0. */
#define API_VERSION "2017-05-25"
/* Room for a request's parameters, and for a gateway's answer (a small JSON object). */
#define PARAMS_MAX   14
#define ANSWER_MAX   4096
/* A signature: HMAC-SHA1's 20 bytes as base64. */
#define SIGNATURE_MAX 32

int sms_gateway_from(const struct config *cfg, struct sms_gateway *g)
{
	HDF *h = cfg->hdf;

	*g = (struct sms_gateway){
		.url = hdf_get_value(h, "Sms.Gateway.URL", NULL),
		.region = hdf_get_value(h, "Sms.RegionId", "cn-hangzhou"),
		.sign_name = hdf_get_value(h, "Sms.SignName", NULL),
		.key_id = hdf_get_value(h, "Secrets.SmsKeyId", NULL),
		.key_secret = hdf_get_value(h, "Secrets.SmsKeySecret", NULL),
		.ca_file = hdf_get_value(h, "Sms.CAFile", NULL),
		.timeout = hdf_get_int_value(h, "Sms.TimeoutSeconds", 20),
		.plain_http = hdf_get_int_value(h, "Sms.PlainHTTP", 0) == 1,
		.templates = hdf_get_obj(h, "Sms.Templates"),
	};
	if (!g->url || !*g->url)
		return 0;
	/* Without these every message would fail: none is tried, and the log says why. */
	if (!g->sign_name || !g->key_id || !g->key_secret) {
		log_error("Sms.Gateway.URL is set without Sms.SignName, Secrets.SmsKeyId and "
		          "Secrets.SmsKeySecret: SMS waits queued");
		return 0;
	}
	return 1;
}

int sms_signature(const char *method, const char *query, const char *secret, char *out,
                  size_t n)
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	STRING text, key;
	int ok;

	string_init(&text);
	string_init(&key);
	string_appendf(&text, "%s&%%2F&", method);
	url_encode_to(&text, query);
	string_appendf(&key, "%s&", secret);
	ok = text.buf && key.buf &&
	     HMAC(EVP_sha1(), key.buf, key.len, (const unsigned char *)text.buf,
	          (size_t)text.len, mac, &len) != NULL &&
	     n >= sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	if (ok)
		sodium_bin2base64(out, n, mac, len, sodium_base64_VARIANT_ORIGINAL);
	sodium_memzero(key.buf, (size_t)key.len);
	string_clear(&key);
	string_clear(&text);
	return ok ? 0 : -1;
}

struct param {
	const char *k, *v;
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct param *)a)->k, ((const struct param *)b)->k);
}

/* A mainland mobile number, as the gateway takes it: 11 digits from 1. */
static int mobile_number(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n == 11 && s[11] == '\0' && s[0] == '1';
}

int sms_request(const struct sms_gateway *g, const struct outbox_msg *m, time_t now,
                const char *nonce, STRING *body, struct err *e)
{
	const char *code = m->sms_template && g->templates ?
	                   hdf_get_value(g->templates, m->sms_template, NULL) : NULL;
	char when[32], out_id[32], sig[SIGNATURE_MAX + 1];
	struct param p[PARAMS_MAX];
	size_t n = 0;
	struct tm tm;

	/* The number stays out of the reason: it is logged, and shown to staff. */
	if (!mobile_number(m->recipient))
		return err_core(e, ERR_INVALID, NULL, "not a mobile number (%zu bytes)",
		                strlen(m->recipient));
	if (!m->sms_template || !m->sms_params)
		return err_core(e, ERR_INVALID, NULL, "an SMS without a template");
	if (!code)
		return err_core(e, ERR_BUSY, NULL, "Sms.Templates.%s is not set", m->sms_template);
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(out_id, sizeof out_id, "outbox-%lld", m->id);
	p[n++] = (struct param){ "AccessKeyId", g->key_id };
	p[n++] = (struct param){ "Action", "SendSms" };
	p[n++] = (struct param){ "Format", "JSON" };
	/* The gateway's receipts name our row: a copy sent twice can be traced to it. */
	p[n++] = (struct param){ "OutId", out_id };
	p[n++] = (struct param){ "PhoneNumbers", m->recipient };
	p[n++] = (struct param){ "RegionId", g->region };
	p[n++] = (struct param){ "SignName", g->sign_name };
	p[n++] = (struct param){ "SignatureMethod", "HMAC-SHA1" };
	p[n++] = (struct param){ "SignatureNonce", nonce };
	p[n++] = (struct param){ "SignatureVersion", "1.0" };
	p[n++] = (struct param){ "TemplateCode", code };
	p[n++] = (struct param){ "TemplateParam", m->sms_params };
	p[n++] = (struct param){ "Timestamp", when };
	p[n++] = (struct param){ "Version", API_VERSION };
	qsort(p, n, sizeof p[0], by_key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			string_append_char(body, '&');
		url_encode_to(body, p[i].k);
		string_append_char(body, '=');
		url_encode_to(body, p[i].v);
	}
	if (!body->buf || sms_signature("POST", body->buf, g->key_secret, sig, sizeof sig) < 0)
		return err_internal(e, "sms: the request could not be signed");
	string_append(body, "&Signature=");
	url_encode_to(body, sig);
	return 0;
}

/* The answer's bytes, as libcurl hands them over: kept up to ANSWER_MAX - 1. */
struct answer {
	char   buf[ANSWER_MAX];
	size_t len;
};

static size_t keep_answer(char *p, size_t size, size_t n, void *arg)
{
	struct answer *a = arg;
	size_t k = size * n, room = sizeof a->buf - 1 - a->len;

	memcpy(a->buf + a->len, p, k < room ? k : room);
	a->len += k < room ? k : room;
	a->buf[a->len] = '\0';
	return k;
}

/* The string value of "name" in a flat JSON answer, into out (n bytes); "" if it has none. */
static void json_string(const char *json, const char *name, char *out, size_t n)
{
	char want[64];
	const char *p;
	size_t k;

	snprintf(want, sizeof want, "\"%s\"", name);
	out[0] = '\0';
	if (!(p = strstr(json, want)))
		return;
	p += strlen(want);
	p += strspn(p, " \t\r\n");
	if (*p++ != ':')
		return;
	p += strspn(p, " \t\r\n");
	if (*p++ != '"')
		return;
	k = strcspn(p, "\"\\");
	snprintf(out, n, "%.*s", (int)k, p);
}

/*
 * Whether the gateway's refusal is for this message for good: a number it will never reach, a
 * variable it will never take. Anything else (its limits, its balance, our signature or settings,
 * its own trouble) is tried again later, and after a day given up.
 */
static int refused_for_good(const char *code)
{
	static const char *const NEVER[] = {
		"isv.MOBILE_NUMBER_ILLEGAL", "isv.TEMPLATE_PARAMS_ILLEGAL",
		"isv.PARAM_LENGTH_LIMIT", "isv.BLACK_KEY_CONTROL_LIMIT",
	};

	for (size_t i = 0; i < nitems(NEVER); i++)
		if (strcmp(code, NEVER[i]) == 0)
			return 1;
	return 0;
}

/* One message through the gateway: 0, or -1 with why (ERR_INVALID when it said never). */
static int send_one(CURL *h, const struct sms_gateway *g, const struct outbox_msg *m,
                    struct err *e)
{
	unsigned char raw[16];
	char nonce[sizeof raw * 2 + 1], code[64], msg[160], why[CURL_ERROR_SIZE] = "";
	struct answer a = { .len = 0 };
	struct curl_slist *hdr = NULL;
	STRING body;
	long status = 0;
	CURLcode rc;

	/* A fresh nonce each time: the gateway refuses one it has seen (a replayed request). */
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(nonce, sizeof nonce, raw, sizeof raw);
	string_init(&body);
	if (sms_request(g, m, time(NULL), nonce, &body, e) < 0) {
		string_clear(&body);
		return -1;
	}
	a.buf[0] = '\0';
	hdr = curl_slist_append(NULL, "Content-Type: application/x-www-form-urlencoded");
	curl_easy_setopt(h, CURLOPT_URL, g->url);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.buf);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)body.len);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, keep_answer);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &a);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, g->timeout);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, why);
	/* HTTPS only: plain HTTP (Sms.PlainHTTP) is for a test gateway on loopback. */
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, g->plain_http ? "https,http" : "https");
	if (g->ca_file && *g->ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, g->ca_file);
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(hdr);
	string_clear(&body);
	if (rc != CURLE_OK)
		return err_core(e, ERR_BUSY, NULL, "sms gateway: %s",
		                *why ? why : curl_easy_strerror(rc));
	json_string(a.buf, "Code", code, sizeof code);
	if (status == 200 && strcmp(code, "OK") == 0)
		return 0;
	json_string(a.buf, "Message", msg, sizeof msg);
	return err_core(e, refused_for_good(code) ? ERR_INVALID : ERR_BUSY, NULL,
	                "sms gateway %ld: %s %s", status, *code ? code : "(no code)", msg);
}

/* Each message of a run through one connection, which libcurl keeps open between them. */
static int sms_send(const struct outbox_sender *s, const struct outbox_msg *m, struct err *e)
{
	struct sms_gateway *g = s->arg;

	if (!g->curl && !(g->curl = curl_easy_init()))
		return err_internal(e, "sms: curl_easy_init failed");
	curl_easy_reset(g->curl);
	return send_one(g->curl, g, m, e);
}

struct outbox_sender sms_sender(struct sms_gateway *g)
{
	return (struct outbox_sender){ "sms", sms_send, g };
}

void sms_gateway_close(struct sms_gateway *g)
{
	if (g->curl)
		curl_easy_cleanup(g->curl);
	g->curl = NULL;
}
