#!/usr/bin/python3
"""sms_gateway.py — a local SMS gateway for the SMS tests (http_sms), speaking Alibaba Cloud's
SendSms (version 2017-05-25, RPC style, signature version 1.0) on loopback.

    sms_gateway.py PORT DIR KEY_ID KEY_SECRET SIGN_NAME TEMPLATE...

Like the real gateway it checks each request before it sends anything: the access key, the
HMAC-SHA1 signature over the sorted, percent-encoded parameters, a timestamp within 15 minutes,
a nonce never seen before, the signature name and a template it knows, a JSON TemplateParam and an
11-digit mainland number. Then it answers by the number: 1990… is MOBILE_NUMBER_ILLEGAL (never),
1980… a 500 with isp.SYSTEM_ERROR (try later); any other is sent: one JSON line in DIR/sent.jsonl.
It prints "ready" once it listens, and stops on SIGTERM.
"""
import base64
import datetime
import hashlib
import hmac
import json
import os
import signal
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, DIR, KEY_ID, SECRET, SIGN_NAME = sys.argv[1:6]
TEMPLATES = set(sys.argv[6:])
NEED = ["AccessKeyId", "Action", "Format", "PhoneNumbers", "RegionId", "SignName",
        "SignatureMethod", "SignatureNonce", "SignatureVersion", "TemplateCode", "Timestamp",
        "Version", "Signature"]
seen_nonces = set()
lock = threading.Lock()


def enc(s):
    return urllib.parse.quote(s, safe="-_.~")


def signature(method, params):
    query = "&".join(enc(k) + "=" + enc(params[k]) for k in sorted(params))
    text = method + "&" + enc("/") + "&" + enc(query)
    mac = hmac.new((SECRET + "&").encode(), text.encode(), hashlib.sha1).digest()
    return base64.b64encode(mac).decode()


def check(p):
    """The refusal's (status, code, message), or None if the request may be sent."""
    for k in NEED:
        if k not in p:
            return 400, "MissingParameter", "missing " + k
    if p["AccessKeyId"] != KEY_ID:
        return 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."
    if p["SignatureMethod"] != "HMAC-SHA1" or p["SignatureVersion"] != "1.0":
        return 400, "InvalidParameter", "signature method"
    sig = p.pop("Signature")
    if not hmac.compare_digest(sig, signature("POST", p)):
        return 400, "SignatureDoesNotMatch", "Specified signature is not matched"
    when = datetime.datetime.strptime(p["Timestamp"], "%Y-%m-%dT%H:%M:%SZ")
    now = datetime.datetime.utcnow()
    if abs((now - when).total_seconds()) > 900:
        return 400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."
    with lock:
        if p["SignatureNonce"] in seen_nonces:
            return 400, "SignatureNonceUsed", "Specified signature nonce was used already."
        seen_nonces.add(p["SignatureNonce"])
    if p["Action"] != "SendSms" or p["Version"] != "2017-05-25" or p["Format"] != "JSON":
        return 400, "InvalidAction", "action or version"
    if p["SignName"] != SIGN_NAME:
        return 200, "isv.SMS_SIGNATURE_ILLEGAL", "the signature name is not approved"
    if p["TemplateCode"] not in TEMPLATES:
        return 200, "isv.SMS_TEMPLATE_ILLEGAL", "the template is not approved"
    try:
        vars_ = json.loads(p.get("TemplateParam", "{}"))
        assert isinstance(vars_, dict)
    except Exception:
        return 200, "isv.TEMPLATE_PARAMS_ILLEGAL", "TemplateParam is not a JSON object"
    if any(len(str(v)) > 35 and k != "url" for k, v in vars_.items()):
        return 200, "isv.PARAM_LENGTH_LIMIT", "a variable is longer than 35 characters"
    num = p["PhoneNumbers"]
    if len(num) != 11 or not num.isdigit() or num[0] != "1" or num.startswith("1990"):
        return 200, "isv.MOBILE_NUMBER_ILLEGAL", "invalid mobile number"
    if num.startswith("1980"):
        return 500, "isp.SYSTEM_ERROR", "the gateway is having trouble"
    return None


class Gateway(BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n).decode()
        p = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
        bad = check(p)
        if bad:
            status, code, msg = bad
        else:
            status, code, msg = 200, "OK", "OK"
            line = {"phone": p["PhoneNumbers"], "template": p["TemplateCode"],
                    "params": json.loads(p.get("TemplateParam", "{}")),
                    "sign": p["SignName"], "out_id": p.get("OutId", "")}
            with lock, open(os.path.join(DIR, "sent.jsonl"), "a") as f:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        answer = json.dumps({"Code": code, "Message": msg, "RequestId": os.urandom(8).hex(),
                             "BizId": os.urandom(6).hex() if code == "OK" else ""})
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer.encode())

    def log_message(self, *args):
        pass


def main():
    os.makedirs(DIR, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", int(PORT)), Gateway)
    signal.signal(signal.SIGTERM, lambda *a: threading.Thread(target=server.shutdown).start())
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
