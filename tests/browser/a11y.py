#!/usr/bin/python3
# tests/browser/a11y.py — the accessibility check of issue 16, on every page of the visitor's, the
# donor's and the province officer's way:
# - axe-core (tests/browser/package.json) in Debian's headless Chromium, driven by Selenium, at a
#   phone's viewport (390 × 844), in the normal and the large-text mode (大字模式): no violation
#   of WCAG 2.1 A/AA or of axe's best practices. A failure lists each violation with the elements
#   it found and saves a screenshot under $TX_VAR/log/.
# - html-validate's recommended rules (tests/browser/.htmlvalidate.json) on the HTML as the app
#   sent it (the normal mode's; the large mode differs by a class), no rule switched off.
# Prints a Check-style summary for tests/run.sh, and Check-style lines for failures.
import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request

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
              "--lang=zh-CN"):
        opts.add_argument(a)
    # A phone's viewport: a window cannot be made narrower than 500 px, an emulated screen can.
    opts.add_experimental_option("mobileEmulation", {
        "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 1}})
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


def save_html(d, who, path):
    """The page as the app sends it, fetched with the browser's cookies, into LOG/html/."""
    cookies = "; ".join("%s=%s" % (c["name"], c["value"]) for c in d.get_cookies())
    req = urllib.request.Request(BASE + path, headers={"Cookie": cookies})
    with urllib.request.urlopen(req, timeout=60) as r:
        body = r.read()
    os.makedirs(os.path.join(LOG, "html"), exist_ok=True)
    name = os.path.join(LOG, "html", "%s-%s.html" % (
        who, urllib.parse.quote(path, safe="").replace("%", "")[:80] or "home"))
    with open(name, "wb") as f:
        f.write(body)
    return name


def validate(files, results):
    """html-validate on every saved page: a check each."""
    tool = os.path.join(ROOT, "tests/browser/node_modules/.bin/html-validate")
    conf = os.path.join(ROOT, "tests/browser/.htmlvalidate.json")
    out = os.path.join(LOG, "html-validate.json")
    # To a file: node cuts a pipe's output short when the tool exits.
    run = subprocess.run([tool, "--config", conf, "--formatter", "json=" + out] + files,
                         capture_output=True, text=True)
    try:
        with open(out) as f:
            report = {r["filePath"]: r["messages"] for r in json.load(f)}
    except (OSError, ValueError):
        print("tests/browser/a11y.py:0:E:html-validate: %s" % (run.stderr or run.stdout)[:500])
        results.append(False)
        return
    for f in files:
        errors = [m for m in report.get(f, []) if m.get("severity") == 2]
        for m in errors:
            print("tests/browser/a11y.py:0:F:html %s: %d:%d %s (%s)" % (
                os.path.basename(f), m["line"], m["column"], m["message"], m["ruleId"]))
        results.append(not errors)


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
        print("tests/browser/a11y.py:0:F:%s: %s (screenshot %s)" % (
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
    results, pages_sent = [], []
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
                    if mode == "normal":
                        pages_sent.append(save_html(d, who, path))
        finally:
            d.quit()
    validate(pages_sent, results)
    failed = results.count(False)
    print("%d%%: Checks: %d, Failures: %d, Errors: 0" % (
        100 * (len(results) - failed) // max(len(results), 1), len(results), failed))


if __name__ == "__main__":
    main()
