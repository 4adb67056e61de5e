#!/usr/bin/python3
# tests/browser/axe.py — the accessibility check of issue 16: axe-core (tests/browser/package.json)
# in Debian's headless Chromium, driven by Selenium, on every page of the visitor's, the donor's
# and the province officer's way, at a phone's viewport (390 × 844), in the normal and the
# large-text mode (大字模式). Every page must have no violation of WCAG 2.1 A/AA or of axe's
# best practices. Prints one line a page and a Check-style summary for tests/run.sh; a failure
# lists each violation with the elements it found, and saves a screenshot under $TX_VAR/log/.
import json
import os
import sys
import time
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = os.environ.get("TX_ROOT", ".")
BASE = os.environ.get("TX_BASE", "http://127.0.0.1:18080")
LOG = os.path.join(os.environ.get("TX_VAR", "var/test"), "log")
PW = "tongxiang-demo"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

PUBLIC = ["/", "/children", "/children?city=422800&sort=age&page=2", "{child}", "/donate",
          "/donations", "/activities", "{activity}", "/disclosure", "/disclosure/finance",
          "/report/status", "/signup", "/login", "/reset", "/admin/login"]
DONOR = ["/me", "/pages/new"]
STAFF = ["/admin", "/admin/children", "/admin/children/new", "/admin/pairings",
         "/admin/refunds", "/admin/lapsing", "/admin/visits", "/admin/letters", "/admin/payouts",
         "/admin/finance", "/admin/directed", "/admin/pools", "/admin/pools/new", "/admin/orgs",
         "/admin/staff", "/admin/units", "/admin/audit", "/admin/import", "/admin/offline",
         "/admin/batches", "/admin/reports", "/admin/disclosure", "/admin/pages",
         "/admin/activities", "/admin/activities/new"]

RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}))))
  .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
""" % json.dumps(TAGS)


def browser():
    opts = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=390,844", "--lang=zh-CN"):
        opts.add_argument(a)
    opts.binary_location = "/usr/bin/chromium"
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    d.set_script_timeout(60)
    d.set_page_load_timeout(60)
    return d


def sign_in(d, path, fields):
    d.get(BASE + path)
    for name, value in fields.items():
        d.find_element(By.NAME, name).send_keys(value)
    d.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()


def check(d, axe, who, path, mode, results):
    name = "%s %s %s" % (who, mode, path)
    try:
        t0 = time.time()
        d.get(BASE + path)
        t1 = time.time()
        if not d.execute_script("return typeof axe === 'object'"):
            d.execute_script(axe)
        t2 = time.time()
        found = d.execute_async_script(RUN)
        if os.environ.get("AXE_TIMES"):
            print("%s: load %.2f inject %.2f run %.2f" % (name, t1 - t0, t2 - t1,
                                                           time.time() - t2))
    except WebDriverException as e:
        found = [{"id": "browser", "impact": "critical", "help": str(e).splitlines()[0],
                  "nodes": []}]
    if found:
        shot = os.path.join(LOG, "axe-%s-%s-%s.png" % (
            who, mode, urllib.parse.quote(path, safe="").replace("%", "")[:60]))
        d.save_screenshot(shot)
        # The form of Check's failure lines, which tests/run.sh shows.
        print("tests/browser/axe.py:0:F:%s: %s (screenshot %s)" % (
            name, " ".join(v["id"] for v in found), shot))
        for v in found:
            print("  %s [%s] %s" % (v["id"], v["impact"], v["help"]))
            for n in v["nodes"]:
                print("    " + " ".join(n.split()))
    results.append(not found)


def main():
    with open(os.path.join(ROOT, "tests/browser/node_modules/axe-core/axe.min.js")) as f:
        axe = f.read()
    fixtures = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    results = []
    ways = [("visitor", None, None, PUBLIC),
            ("donor", "/login", {"login": "demo@example.com", "password": PW}, DONOR),
            ("staff", "/admin/login", {"username": "province", "password": PW}, STAFF)]
    only = os.environ.get("AXE_WHO")
    for who, login, fields, pages in ways:
        if only and who != only:
            continue
        d = browser()
        # axe in every page as it loads, parsed by the browser without a round trip of its text.
        d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": axe})
        try:
            if login:
                sign_in(d, login, fields)
            for mode in ("normal", "large"):
                d.get("%s/text?size=%s&back=/" % (BASE, mode))
                for p in pages:
                    try:
                        path = p.format(**fixtures)
                    except KeyError:
                        continue  # no such page on this instance (no activity running)
                    check(d, axe, who, path, mode, results)
        finally:
            d.quit()
    failed = results.count(False)
    print("%d%%: Checks: %d, Failures: %d, Errors: 0" % (
        100 * (len(results) - failed) // max(len(results), 1), len(results), failed))


if __name__ == "__main__":
    main()
