#!/usr/bin/python3
"""alipay_stub.py — Alipay's open API gateway on loopback, over HTTPS, for http_alipay.

    alipay_stub.py PORT DIR APP_ID

At start it makes, in DIR: a test CA and the gateway's certificate for 127.0.0.1 (ca.pem, which
the app's Pay.Alipay.CAFile names), Alipay's RSA key pair (alipay_public.pem for the app's
Pay.Alipay.PublicKeyFile), and, unless DIR/app_private.pem exists, the merchant's key pair as
Alipay's key tool would (the app signs with app_private.pem, the gateway checks with its public
half). It prints "ready" once it listens, and stops on SIGTERM.

/gateway.do is the open API as documented: GET alipay.trade.page.pay and alipay.trade.wap.pay
(the cashier: the order enters the gateway's books), POST alipay.trade.query, .close and .refund.
Every request's RSA2 signature, app_id, charset, version and timestamp are checked (a bad one is
refused as Alipay does); answers are "<method>_response" JSON signed over their exact bytes.
A trade closed cannot be paid; a refund under an out_request_no already used refunds nothing more.

/ctl/* acts as the payer, for the test: pay?out_trade_no=…[&mode=silent] pays an order in the
books (not once closed, nor past its time_expire) and sends its notice (silent: the notice is
lost); notify?out_trade_no=…&mode=… sends the paid order's notice again: replay (the last one,
byte for byte), badsig, old (dated three days back), amount (changed after signing), merchant
(another app's, properly signed), closed (TRADE_CLOSED, as after a full refund); order and
refunds report the books; outage?…&mode=on makes the server calls answer 503 until mode=off.
Each answers JSON.
"""
import base64
import datetime
import decimal
import json
import os
import random
import signal
import ssl
import sys
import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID
import ipaddress

CHINA = datetime.timezone(datetime.timedelta(hours=8))
PAY_METHODS = {"alipay.trade.page.pay": "FAST_INSTANT_TRADE_PAY",
               "alipay.trade.wap.pay": "QUICK_WAP_WAY"}


def china_now(delta=datetime.timedelta()):
    return (datetime.datetime.now(CHINA) + delta).strftime("%Y-%m-%d %H:%M:%S")


def sign_text(params, notice):
    """What Alipay signs: sorted k=v&…, sign (and for a notice sign_type) and empty values out."""
    skip = {"sign", "sign_type"} if notice else {"sign"}
    return "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k not in skip and v != "")


def rsa2(key, text):
    return base64.b64encode(key.sign(text.encode(), padding.PKCS1v15(),
                                     hashes.SHA256())).decode()


def rsa2_ok(pub, text, sig):
    try:
        pub.verify(base64.b64decode(sig, validate=True), text.encode(), padding.PKCS1v15(),
                   hashes.SHA256())
        return True
    except Exception:
        return False


def pem_private(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def pem_public(key):
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def certificates(where):
    """A CA, and the gateway's certificate for 127.0.0.1 signed by it (EC keys: made at once)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "alipay stub test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(hours=1))
          .not_valid_after(now + datetime.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    with open(os.path.join(where, "ca.pem"), "wb") as f:
        f.write(ca.public_bytes(pem))
    with open(os.path.join(where, "gateway.pem"), "wb") as f:
        f.write(cert.public_bytes(pem) + pem_private(key))
    return os.path.join(where, "gateway.pem")


class Books:
    """The gateway's own record of orders, refunds and notices, and its keys."""

    def __init__(self, where, app_id):
        self.lock = threading.Lock()
        self.app_id = app_id
        self.orders = {}
        self.outage = False
        self.key = new_key()
        with open(os.path.join(where, "alipay_public.pem"), "wb") as f:
            f.write(pem_public(self.key))
        app = os.path.join(where, "app_private.pem")
        if not os.path.exists(app):
            fd = os.open(app, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(pem_private(new_key()))
        with open(app, "rb") as f:
            self.app_pub = serialization.load_pem_private_key(f.read(), None).public_key()

    def answer(self, method, body):
        """An answer as the gateway sends it: the response object's exact bytes, signed."""
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        name = method.replace(".", "_") + "_response"
        return f'{{"{name}":{text},"sign":"{rsa2(self.key, text)}"}}'

    def notice(self, o, mode):
        """The notification for a paid order, as Alipay posts it (mode: how it is tampered)."""
        p = {"notify_time": china_now(), "notify_type": "trade_status_sync",
             "notify_id": "%032x" % random.getrandbits(128), "app_id": self.app_id,
             "auth_app_id": self.app_id, "charset": "utf-8", "version": "1.0",
             "sign_type": "RSA2", "trade_no": o["trade_no"], "out_trade_no": o["out_trade_no"],
             "trade_status": o["status"], "total_amount": o["total_amount"],
             "receipt_amount": o["total_amount"], "buyer_pay_amount": o["total_amount"],
             "subject": o["subject"], "gmt_create": o["gmt_create"],
             "gmt_payment": o["gmt_payment"], "seller_id": "2088000000000001",
             "buyer_logon_id": "don***@example.com", "fund_bill_list":
             json.dumps([{"amount": o["total_amount"], "fundChannel": "ALIPAYACCOUNT"}])}
        if mode == "old":
            p["notify_time"] = china_now(datetime.timedelta(days=-3))
        if mode == "closed":
            p["trade_status"] = "TRADE_CLOSED"
        if mode == "merchant":
            p["app_id"] = p["auth_app_id"] = "2021009999999999"
        p["sign"] = rsa2(self.key, sign_text(p, True))
        if mode == "badsig":
            p["sign"] = ("A" if p["sign"][0] != "A" else "B") + p["sign"][1:]
        if mode == "amount":
            p["total_amount"] = "0.01"
        return urllib.parse.urlencode(p)

    def return_url(self, o):
        """Where the cashier sends the browser back: return_url with signed parameters."""
        p = {"charset": "utf-8", "out_trade_no": o["out_trade_no"], "trade_no": o["trade_no"],
             "method": o["method"] + ".return", "total_amount": o["total_amount"],
             "auth_app_id": self.app_id, "app_id": self.app_id, "version": "1.0",
             "sign_type": "RSA2", "seller_id": "2088000000000001", "timestamp": china_now()}
        p["sign"] = rsa2(self.key, sign_text(p, True))
        return o["return_url"] + "?" + urllib.parse.urlencode(p)


def checked(books, params):
    """The request's refusal as Alipay words it, or None if it is well signed and formed."""
    if params.get("app_id") != books.app_id:
        return "isv.invalid-app-id"
    if params.get("sign_type") != "RSA2" or params.get("charset", "").lower() != "utf-8" or \
       params.get("version") != "1.0" or params.get("format", "JSON") != "JSON":
        return "isv.invalid-parameter"
    if not rsa2_ok(books.app_pub, sign_text(params, False), params.get("sign", "")):
        return "isv.invalid-signature"
    try:
        t = datetime.datetime.strptime(params["timestamp"], "%Y-%m-%d %H:%M:%S")
        t = t.replace(tzinfo=CHINA)
        if abs((datetime.datetime.now(CHINA) - t).total_seconds()) > 600:
            return "isv.invalid-timestamp"
        json.loads(params["biz_content"])
    except (KeyError, ValueError):
        return "isv.invalid-parameter"
    return None


def fail(sub, msg="Business Failed", code="40004"):
    return {"code": code, "msg": msg, "sub_code": sub, "sub_msg": sub}


class Gateway(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, ctype="text/html;charset=utf-8"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def params(self, raw):
        return dict(urllib.parse.parse_qsl(raw, keep_blank_values=True, encoding="utf-8"))

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        q = self.params(url.query)
        if url.path == "/gateway.do":
            return self.cashier(q)
        if url.path.startswith("/ctl/"):
            return self.control(url.path[5:], q)
        self.send(404, "not found")

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        if url.path != "/gateway.do":
            return self.send(404, "not found")
        p = self.params(body)
        books = self.server.books
        if books.outage:
            return self.send(503, "<p>系统繁忙</p>")
        method = p.get("method", "")
        bad = checked(books, p)
        if bad:
            return self.send(200, books.answer(method, fail(bad, "Invalid Arguments", "40002")))
        biz = json.loads(p["biz_content"])
        do = {"alipay.trade.query": self.query, "alipay.trade.close": self.close,
              "alipay.trade.refund": self.refund}.get(method)
        if not do:
            return self.send(200, books.answer(method, fail("isv.invalid-method", "", "40002")))
        with books.lock:
            self.send(200, books.answer(method, do(books, biz)))

    def cashier(self, p):
        """The page or WAP pay cashier: the order enters the books, unless refused."""
        books = self.server.books
        bad = checked(books, p)
        method = p.get("method")
        if not bad and method not in PAY_METHODS:
            bad = "isv.invalid-method"
        if bad:
            return self.send(400, f"<p>支付宝：{bad}</p>")
        biz = json.loads(p["biz_content"])
        no = biz.get("out_trade_no", "")
        if biz.get("product_code") != PAY_METHODS[method] or not no or \
           not biz.get("subject") or "notify_url" not in p or "return_url" not in p:
            return self.send(400, "<p>支付宝：isv.missing-parameter</p>")
        with books.lock:
            o = books.orders.get(no)
            if o and o["status"] == "TRADE_CLOSED":
                return self.send(409, "<p>支付宝：交易已关闭 ACQ.TRADE_HAS_CLOSE</p>")
            if o and o["total_amount"] != biz["total_amount"]:
                return self.send(409, "<p>支付宝：ACQ.CONTEXT_INCONSISTENT</p>")
            if not o:
                books.orders[no] = {
                    "out_trade_no": no, "total_amount": biz["total_amount"],
                    "subject": biz["subject"], "time_expire": biz.get("time_expire"),
                    "notify_url": p["notify_url"], "return_url": p["return_url"],
                    "method": method, "status": "WAIT_BUYER_PAY", "trade_no": "",
                    "gmt_create": china_now(), "gmt_payment": "", "refunds": {},
                    "last_notice": None}
        self.send(200, f"<h1>支付宝收银台</h1><p>{no}</p><p>¥{biz['total_amount']}</p>"
                       f"<p>{PAY_METHODS[method]}</p>")

    def query(self, books, biz):
        o = books.orders.get(biz.get("out_trade_no"))
        if not o:
            return fail("ACQ.TRADE_NOT_EXIST")
        r = {"code": "10000", "msg": "Success", "out_trade_no": o["out_trade_no"],
             "trade_status": o["status"], "total_amount": o["total_amount"]}
        if o["trade_no"]:
            r.update(trade_no=o["trade_no"], buyer_pay_amount=o["total_amount"])
        return r

    def close(self, books, biz):
        o = books.orders.get(biz.get("out_trade_no"))
        if not o:
            return fail("ACQ.TRADE_NOT_EXIST")
        if o["status"] != "WAIT_BUYER_PAY":
            return fail("ACQ.TRADE_STATUS_ERROR")
        o["status"] = "TRADE_CLOSED"
        return {"code": "10000", "msg": "Success", "out_trade_no": o["out_trade_no"]}

    def refund(self, books, biz):
        o = next((x for x in books.orders.values()
                  if x["trade_no"] and x["trade_no"] == biz.get("trade_no")), None) \
            or books.orders.get(biz.get("out_trade_no"))
        req = biz.get("out_request_no") or o and o["out_trade_no"]
        if not o or not o["trade_no"]:
            return fail("ACQ.TRADE_NOT_EXIST")
        cents = lambda y: int(decimal.Decimal(y) * 100)  # noqa: E731
        if req not in o["refunds"]:
            done = sum(cents(v) for v in o["refunds"].values())
            if cents(biz.get("refund_amount", "0")) + done > cents(o["total_amount"]):
                return fail("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL")
            if o["status"] != "TRADE_SUCCESS":
                return fail("ACQ.TRADE_STATUS_ERROR")
            o["refunds"][req] = biz["refund_amount"]
            change = "Y"
            if done + cents(biz["refund_amount"]) == cents(o["total_amount"]):
                o["status"] = "TRADE_CLOSED"
        else:
            change = "N"
        total = sum(cents(v) for v in o["refunds"].values())
        return {"code": "10000", "msg": "Success", "trade_no": o["trade_no"],
                "out_trade_no": o["out_trade_no"], "fund_change": change,
                "refund_fee": "%d.%02d" % divmod(total, 100)}

    def deliver(self, o, body):
        o["last_notice"] = body
        req = urllib.request.Request(o["notify_url"], data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded;"
                                              " charset=utf-8"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")

    def control(self, what, q):
        books = self.server.books
        with books.lock:
            o = books.orders.get(q.get("out_trade_no", ""))
            out = {}
            if not o:
                return self.send(404, '{"error":"no such order"}', "application/json")
            if what == "pay":
                late = o["time_expire"] and o["time_expire"] < china_now()
                if o["status"] == "TRADE_CLOSED" or (late and o["status"] == "WAIT_BUYER_PAY"):
                    return self.send(409, '{"error":"ACQ.TRADE_HAS_CLOSE"}', "application/json")
                if o["status"] == "WAIT_BUYER_PAY":
                    o.update(status="TRADE_SUCCESS", gmt_payment=china_now(),
                             trade_no=datetime.datetime.now(CHINA).strftime("%Y%m%d") +
                             "%020d" % random.getrandbits(64))
                out["return_url"] = books.return_url(o)
                body = books.notice(o, "ok") if q.get("mode") != "silent" else None
            elif what == "notify":
                mode = q.get("mode", "ok")
                body = o["last_notice"] if mode == "replay" else books.notice(o, mode)
            elif what == "order":
                out = {k: v for k, v in o.items() if k != "last_notice"}
                body = None
            elif what == "outage":
                books.outage = q.get("mode") == "on"
                body = None
            elif what == "refunds":
                out = {"refunds": len(o["refunds"])}
                body = None
            else:
                return self.send(404, '{"error":"no such control"}', "application/json")
        if body:
            out["status"], out["body"] = self.deliver(o, body)
        self.send(200, json.dumps(out, ensure_ascii=False), "application/json")


def main():
    port, where, app_id = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    os.makedirs(where, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", port), Gateway)
    server.books = Books(where, app_id)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(certificates(where))
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
