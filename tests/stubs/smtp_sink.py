#!/usr/bin/python3
"""smtp_sink.py — a local SMTP relay for the mail tests (http_mail): aiosmtpd on loopback.

    smtp_sink.py PORT DIR

Each message accepted is written whole to DIR/N.eml (N from 1), its envelope first as
"X-Envelope-From:" and "X-Envelope-To:" lines. Like a real relay it answers a recipient by its
address: fail-*@... gets 451 (try again later), bounce-*@... gets 550 (no such user, never), any
other is taken. It prints "ready" once it listens, and stops on SIGTERM.
"""
import asyncio
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, where):
        self.where = where
        self.n = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0]
        if local.startswith("fail-"):
            return "451 4.3.0 mailbox busy, try again later"
        if local.startswith("bounce-"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.n += 1
            path = os.path.join(self.where, "%d.eml" % self.n)
        head = "X-Envelope-From: %s\r\n" % envelope.mail_from
        head += "".join("X-Envelope-To: %s\r\n" % r for r in envelope.rcpt_tos)
        with open(path + ".part", "wb") as f:
            f.write(head.encode() + envelope.original_content)
        os.rename(path + ".part", path)
        return "250 2.0.0 queued as %d" % self.n


def main():
    port, where = int(sys.argv[1]), sys.argv[2]
    os.makedirs(where, exist_ok=True)
    c = Controller(Sink(where), hostname="127.0.0.1", port=port)
    c.start()
    print("ready", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: done.set())
    done.wait()
    c.stop()


if __name__ == "__main__":
    main()
