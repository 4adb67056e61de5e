#!/usr/bin/env python3
"""wechat_stub.py — WeChat Pay API v3 on loopback, for the tests (tests/http/http_wechat.c).

It keeps its own book of orders and refunds and behaves as WeChat Pay does for the requests the
app makes: Native and H5 orders, query by out_trade_no, close, refund (once per out_refund_no),
and refuses a second order of another trade type or amount under one out_trade_no. It
refuses a request whose WECHATPAY2-SHA256-RSA2048 signature does not check out under the
merchant's public key, signs every answer with its platform key, and posts notifications
(AEAD_AES_256_GCM resource, Wechatpay-* headers) to the order's notify_url.

Control endpoints (plain JSON, for the tests only) make it act like a payer; N is the app's
order number, and the control finds the order the app made of it with either trade type:
  POST /control/pay   {"out_trade_no": N, "tamper": "", "send": true}
      pay the order and notify; tamper one of signature|timestamp|amount|merchant sends a forged
      notice instead (nothing paid); send false pays without notifying (a lost notice).
      Answers {"status": <the app's HTTP status>, "paid": bool} or 409 if the order is closed.
  POST /control/replay {"out_trade_no": N}: the last notice again, byte for byte.
  GET  /control/order/N: {"trade_state": …, "refunds": n}
  POST /control/lose-refund-answer: the next refund is made, but its answer never sent.
Usage: wechat_stub.py PORT KEYDIR MCHID APPID APIV3KEY; prints "ready" once listening.
"""
import base64
import datetime
import http.client
import json
import os
import secrets
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PORT, KEYDIR, MCHID, APPID, APIV3 = sys.argv[1:6]
PORT = int(PORT)


def load(name, private):
    with open(os.path.join(KEYDIR, name), "rb") as f:
        data = f.read()
    if private:
        return serialization.load_pem_private_key(data, None)
    return serialization.load_pem_public_key(data)


PLATFORM = load("platform.key", True)
MERCHANT = load("merchant.pub", False)
with open(os.path.join(KEYDIR, "platform.serial")) as f:
    PLATFORM_SERIAL = f.read().strip()
with open(os.path.join(KEYDIR, "merchant.serial")) as f:
    MERCHANT_SERIAL = f.read().strip()

LOCK = threading.Lock()
ORDERS = {}    # out_trade_no -> order
REFUNDS = {}   # out_refund_no -> refund
LAST = {}      # out_trade_no -> (body, headers) of the last notice sent
LOSE = {"refund": False}   # the next refund's answer is lost on the way


def sign(message):
    sig = PLATFORM.sign(message, padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(sig).decode()


def signed_headers(body, ts=None):
    ts = str(int(time.time()) if ts is None else ts)
    nonce = secrets.token_hex(16)
    return {
        "Wechatpay-Timestamp": ts, "Wechatpay-Nonce": nonce,
        "Wechatpay-Serial": PLATFORM_SERIAL,
        "Wechatpay-Signature": sign(f"{ts}\n{nonce}\n".encode() + body + b"\n"),
    }


def check_auth(method, path, body, header):
    """Whether the request is the merchant's, as WeChat Pay checks it."""
    scheme = "WECHATPAY2-SHA256-RSA2048 "
    if not header or not header.startswith(scheme):
        return False
    fields = {}
    for part in header[len(scheme):].split(","):
        k, _, v = part.strip().partition("=")
        fields[k] = v.strip('"')
    if fields.get("mchid") != MCHID or fields.get("serial_no") != MERCHANT_SERIAL:
        return False
    try:
        if abs(int(fields["timestamp"]) - time.time()) > 300:
            return False
        msg = f"{method}\n{path}\n{fields['timestamp']}\n{fields['nonce_str']}\n".encode()
        MERCHANT.verify(base64.b64decode(fields["signature"]), msg + body + b"\n",
                        padding.PKCS1v15(), hashes.SHA256())
    except Exception:
        return False
    return True


def transaction(o, mchid=MCHID, total=None):
    t = {"appid": APPID, "mchid": mchid, "out_trade_no": o["out_trade_no"],
         "trade_type": o["trade_type"], "trade_state": o["trade_state"],
         "trade_state_desc": o["trade_state"],
         "amount": {"total": o["total"] if total is None else total, "currency": "CNY",
                    "payer_total": o["total"], "payer_currency": "CNY"}}
    if o["trade_state"] in ("SUCCESS", "REFUND"):
        t["transaction_id"] = o["transaction_id"]
        t["success_time"] = o["success_time"]
        t["payer"] = {"openid": "oStubPayer0000000000000000000"}
    return t


def ours(no):
    """The tests' order by the app's order number: WeChat Pay knows it by that number and its
    trade type's letter (N, Native; H, H5), the last one made first."""
    found = [o for o in (ORDERS.get(no + "H"), ORDERS.get(no + "N"), ORDERS.get(no)) if o]
    return max(found, key=lambda o: o["made"]) if found else None


def notice_for(o, tamper):
    """A TRANSACTION.SUCCESS notification for order o: its body and headers."""
    paid = dict(o, trade_state="SUCCESS")
    paid.setdefault("transaction_id", "42000" + secrets.token_hex(12).upper())
    paid.setdefault("success_time", time.strftime("%Y-%m-%dT%H:%M:%S+08:00"))
    t = transaction(paid,
                    mchid="1900000999" if tamper == "merchant" else MCHID,
                    total=o["total"] + 100 if tamper == "amount" else None)
    nonce, ad = secrets.token_hex(6), "transaction"
    ct = AESGCM(APIV3.encode()).encrypt(nonce.encode(), json.dumps(t).encode(), ad.encode())
    body = json.dumps({
        "id": secrets.token_hex(16), "create_time": time.strftime("%Y-%m-%dT%H:%M:%S+08:00"),
        "resource_type": "encrypt-resource", "event_type": "TRANSACTION.SUCCESS",
        "summary": "支付成功",
        "resource": {"original_type": "transaction", "algorithm": "AEAD_AES_256_GCM",
                     "ciphertext": base64.b64encode(ct).decode(), "associated_data": ad,
                     "nonce": nonce}}, ensure_ascii=False).encode()
    headers = signed_headers(body, int(time.time()) - 600 if tamper == "timestamp" else None)
    if tamper == "signature":
        body = body.replace(b"TRANSACTION.SUCCESS", b"TRANSACTION.SUCCEsS")
    return body, headers


def deliver(url, body, headers):
    """POST a notice to the app; its HTTP status."""
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=20)
    c.request("POST", u.path, body, dict(headers, **{"Content-Type": "application/json"}))
    r = c.getresponse()
    r.read()
    c.close()
    return r.status


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def answer(self, status, obj=None, signed=True):
        body = b"" if obj is None else json.dumps(obj, ensure_ascii=False).encode()
        self.send_response(status)
        headers = signed_headers(body) if signed else {}
        headers["Request-ID"] = secrets.token_hex(8)
        for k, v in headers.items():
            self.send_header(k, v)
        if body:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def refuse(self, status, code, message):
        self.answer(status, {"code": code, "message": message})

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def do_GET(self):
        self.route("GET", b"")

    def do_POST(self):
        self.route("POST", self.read_body())

    def route(self, method, body):
        path = self.path
        if path.startswith("/control/"):
            return self.control(method, path, body)
        if not check_auth(method, path, body, self.headers.get("Authorization")):
            return self.refuse(401, "SIGN_ERROR", "签名错误")
        p = urllib.parse.urlsplit(path)
        parts = p.path.split("/")
        with LOCK:
            if method == "POST" and p.path in ("/v3/pay/transactions/native",
                                               "/v3/pay/transactions/h5"):
                return self.prepay(p.path.rsplit("/", 1)[1], json.loads(body))
            if p.path.startswith("/v3/pay/transactions/out-trade-no/"):
                o = ORDERS.get(parts[5])
                if method == "GET" and len(parts) == 6:
                    if urllib.parse.parse_qs(p.query).get("mchid") != [MCHID]:
                        return self.refuse(400, "PARAM_ERROR", "mchid")
                    if not o:
                        return self.refuse(404, "ORDER_NOT_EXIST", "订单不存在")
                    return self.answer(200, transaction(o))
                if method == "POST" and parts[6:] == ["close"]:
                    return self.close(o, json.loads(body))
            if method == "POST" and p.path == "/v3/refund/domestic/refunds":
                return self.refund(json.loads(body))
        self.refuse(404, "NOT_FOUND", "no such API")

    def prepay(self, kind, r):
        if r.get("mchid") != MCHID or r.get("appid") != APPID:
            return self.refuse(400, "PARAM_ERROR", "appid和mch_id不匹配")
        for k in ("description", "out_trade_no", "notify_url", "amount"):
            if k not in r:
                return self.refuse(400, "PARAM_ERROR", f"缺少参数 {k}")
        scene = r.get("scene_info", {})
        if kind == "h5" and ("payer_client_ip" not in scene or
                             scene.get("h5_info", {}).get("type") not in ("Wap", "iOS", "Android")):
            return self.refuse(400, "PARAM_ERROR", "缺少参数 scene_info")
        try:
            expire = datetime.datetime.fromisoformat(r.get("time_expire", ""))
        except ValueError:
            return self.refuse(400, "PARAM_ERROR", "time_expire 格式错误")
        if expire.tzinfo is None:
            return self.refuse(400, "PARAM_ERROR", "time_expire 缺少时区")
        no, total = r["out_trade_no"], r["amount"]["total"]
        o = ORDERS.get(no)
        # One out_trade_no is one order of one kind, paid or not: another amount or another
        # trade type for it is refused, as WeChat Pay does.
        kind_type = "NATIVE" if kind == "native" else "MWEB"
        if o and (o["total"] != total or o["trade_type"] != kind_type):
            return self.refuse(400, "INVALID_REQUEST", "201 商户订单号重复")
        if o and o["trade_state"] == "CLOSED":
            return self.refuse(400, "ORDER_CLOSED", "订单已关闭")
        if o and o["trade_state"] in ("SUCCESS", "REFUND"):
            return self.refuse(400, "ORDERPAID", "该订单已支付")
        if not o:
            o = ORDERS[no] = {"out_trade_no": no, "total": total, "trade_state": "NOTPAY",
                              "trade_type": kind_type,
                              "notify_url": r["notify_url"], "prepay": secrets.token_hex(8),
                              "expire": expire, "made": time.monotonic(),
                              "refunds": 0}
        if kind == "native":
            return self.answer(200, {"code_url": f"weixin://wxpay/bizpayurl?pr={o['prepay']}"})
        return self.answer(200, {"h5_url": f"https://wx.tenpay.test/checkmweb?prepay_id="
                                           f"{o['prepay']}&package=1"})

    def close(self, o, r):
        if r.get("mchid") != MCHID:
            return self.refuse(400, "PARAM_ERROR", "mchid")
        if not o:
            return self.refuse(404, "ORDER_NOT_EXIST", "订单不存在")
        if o["trade_state"] in ("SUCCESS", "REFUND"):
            return self.refuse(400, "ORDERPAID", "订单已支付")
        o["trade_state"] = "CLOSED"
        self.answer(204)

    def refund(self, r):
        no = r.get("out_refund_no")
        if no in REFUNDS:   # the same refund asked again: its answer, nothing refunded twice
            return self.answer(200, REFUNDS[no])
        o = next((o for o in ORDERS.values()
                  if o.get("transaction_id") == r.get("transaction_id")), None)
        if not o or o["trade_state"] not in ("SUCCESS", "REFUND"):
            return self.refuse(404, "RESOURCE_NOT_EXISTS", "订单不存在")
        a = r.get("amount", {})
        if a.get("total") != o["total"] or a.get("currency") != "CNY" or \
                not 0 < a.get("refund", 0) <= o["total"] - o.get("refunded", 0):
            return self.refuse(400, "PARAM_ERROR", "退款金额不正确")
        o["refunded"] = o.get("refunded", 0) + a["refund"]
        o["refunds"] += 1
        o["trade_state"] = "REFUND"
        REFUNDS[no] = {"refund_id": secrets.token_hex(14), "out_refund_no": no,
                       "transaction_id": o["transaction_id"], "out_trade_no": o["out_trade_no"],
                       "channel": "ORIGINAL", "status": "SUCCESS",
                       "create_time": time.strftime("%Y-%m-%dT%H:%M:%S+08:00"),
                       "amount": {"refund": a["refund"], "total": o["total"],
                                  "currency": "CNY", "payer_refund": a["refund"],
                                  "payer_total": o["total"]}}
        if LOSE["refund"]:
            LOSE["refund"] = False
            self.close_connection = True
            return
        self.answer(200, REFUNDS[no])

    def control(self, method, path, body):
        r = json.loads(body) if body else {}
        with LOCK:
            if method == "GET" and path.startswith("/control/order/"):
                o = ours(path.rsplit("/", 1)[1])
                if not o:
                    return self.answer(404, {}, signed=False)
                return self.answer(200, {"trade_state": o["trade_state"],
                                         "refunds": o["refunds"]}, signed=False)
            if path == "/control/lose-refund-answer":
                LOSE["refund"] = True
                return self.answer(200, {}, signed=False)
            o = ours(r.get("out_trade_no", ""))
            if not o:
                return self.answer(404, {"error": "no such order"}, signed=False)
            if path == "/control/replay":
                notice = LAST.get(o["out_trade_no"])
            elif path == "/control/pay":
                tamper = r.get("tamper", "")
                if not tamper:
                    if o["trade_state"] == "CLOSED":
                        return self.answer(409, {"error": "closed"}, signed=False)
                    if o["trade_state"] == "NOTPAY" and \
                            datetime.datetime.now(datetime.timezone.utc) > o["expire"]:
                        return self.answer(409, {"error": "expired"}, signed=False)
                    if o["trade_state"] == "NOTPAY":
                        o.update(trade_state="SUCCESS", success_time=time.strftime(
                            "%Y-%m-%dT%H:%M:%S+08:00"),
                            transaction_id="42000" + secrets.token_hex(12).upper())
                notice = notice_for(o, tamper)
                if not tamper:
                    LAST[o["out_trade_no"]] = notice
                if not r.get("send", True):
                    return self.answer(200, {"paid": True, "status": 0}, signed=False)
            else:
                return self.answer(404, {}, signed=False)
            url = o["notify_url"]
        status = deliver(url, *notice) if notice else 0
        self.answer(200, {"status": status}, signed=False)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(KEYDIR, "stub.pem"), os.path.join(KEYDIR, "stub.key"))
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
