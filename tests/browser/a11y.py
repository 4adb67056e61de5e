#!/usr/bin/python3
# tests/browser/a11y.py — the accessibility check of issue 16, on every page of the visitor's, the
# donor's and the province officer's way:
# - axe-core (tests/browser/package.json) in Debian's headless Chromium, driven by Selenium, at a
#   phone's viewport (390 × 844), in the normal and the large-text mode (大字模式): no violation
#   of WCAG 2.1 A/AA or of axe's best practices. A failure lists each violation with the elements
#   it found and saves a screenshot under $TX_VAR/log/.
# - the layout on a phone (issue 18): no page scrolls sideways, and no table cell with text in it
#   is squeezed (narrower than four characters and its text broken over lines), at 390 px and at
#   320 px (issue 16: nothing breaks at 320 px), in both text sizes.
# - the back office on an office screen (issue 18): at 1280 × 900 no page scrolls sideways and
#   every list (table.list) spans the page, wider than 900 px.
# - screenshots of each back-office page at 390 × 844 (from its first list down) and at
#   1280 × 900, in the normal text size, kept as the run's artefacts in $TX_VAR/shots/
#   (staff-admin-children-390x844.png).
# - what a screen reader is told (Chromium's accessibility tree, at 390 px): no control invalid
#   before anything was typed, no link named by a bare figure alone, no card cell read with its
#   column's label twice.
# - html-validate's recommended rules (tests/browser/.htmlvalidate.json) on the HTML as the app
#   sent it (the normal mode's; the large mode differs by a class), no rule switched off.
# Prints a Check-style summary for tests/run.sh, and Check-style lines for failures.
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By

from common import (AXE_RUN, BASE, DESK, LOG, PHONE, PW, ROOT, SMALL, VAR, axe_source,
                    browser, summary)

SHOTS = os.path.join(VAR, "shots")

PUBLIC = ["/", "/children", "/children?city=422800&sort=age&page=2", "{child}", "/donate",
          "/donations", "/activities", "{activity}", "/disclosure", "/disclosure/finance",
          "/report/status", "/signup", "/login", "/reset", "/admin/login"]
DONOR = ["/me", "/pages/new"]
STAFF = ["/admin", "/admin/children", "/admin/children/new", "/admin{child}", "/admin/pairings",
         "/admin/refunds", "/admin/lapsing", "/admin/visits", "/admin/letters", "/admin/payouts",
         "/admin/finance", "/admin/directed", "/admin/pools", "/admin/pools/new", "/admin/orgs",
         "/admin/staff", "/admin/units", "/admin/audit", "/admin/import", "/admin/offline",
         "/admin/batches", "/admin/reports", "/admin/disclosure", "/admin/pages",
         "/admin/activities", "/admin/activities/new"]

LAYOUT = """
const narrow = [...document.querySelectorAll('td, th')].filter(c => {
  const r = c.getBoundingClientRect(), style = getComputedStyle(c);
  const size = parseFloat(style.fontSize), line = parseFloat(style.lineHeight) || 1.6 * size;
  const head = c.closest('thead');  /* a list's header row, kept for screen readers alone */
  if (head && head.getBoundingClientRect().width <= 1) return false;
  const pad = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
  return r.width > 1 && r.width < 4 * size && c.textContent.trim() !== '' &&
    r.height - pad > 1.5 * line;
}).map(c => c.textContent.trim().slice(0, 12));
const thin = [...document.querySelectorAll('table.list')].filter(t => {
  const w = t.getBoundingClientRect().width;
  return w > 0 && w <= 900;
}).map(t => (t.querySelector('th') || t).textContent.trim().slice(0, 12));
return [document.documentElement.scrollWidth, window.innerWidth, narrow.slice(0, 5), thin];
"""

SCROLL = """
const list = arguments[0] && document.querySelector('table.list');
window.scrollTo(0, list ? list.getBoundingClientRect().top + window.scrollY - 60 : 0);
"""


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


def screen(d, size):
    """The page as a screen of size (width, height) shows it: a phone's below 640 px, else a PC's.
    The page is laid out again in place, without loading it again."""
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size[0] < 640})


def layout(d, size, office):
    """What is wrong with the layout at size: a page wider than the screen, squeezed cells, and
    on an office screen (office) lists narrower than 900 px."""
    found = []
    wide, width, narrow, thin = d.execute_script(LAYOUT)
    if wide > width:
        found.append({"id": "layout-sideways", "impact": "serious", "nodes": [],
                      "help": "the page is %d px wide on a %d px screen" % (wide, width)})
    if narrow and not office:
        found.append({"id": "layout-narrow-cells", "impact": "serious", "nodes": narrow,
                      "help": "table cells squeezed below four characters at %d px" % size[0]})
    if thin and office:
        found.append({"id": "layout-narrow-list", "impact": "serious", "nodes": thin,
                      "help": "lists no wider than 900 px at %d px" % size[0]})
    return found


def shoot(d, who, path, size):
    """A screenshot of the screen as it is, into SHOTS, named by page and size."""
    page = "".join(c if c.isalnum() else "-" for c in path.strip("/"))[:60] or "home"
    # The screen as it is (a whole page's capture costs a second a page); on a phone it starts at
    # the page's first list, so that the shot shows its cards, not the filters above them.
    d.execute_script(SCROLL, size[0] < 640)
    os.makedirs(SHOTS, exist_ok=True)
    d.save_screenshot(os.path.join(SHOTS, "%s-%s-%dx%d.png" % (who, page, size[0], size[1])))
    d.execute_script("window.scrollTo(0, 0)")


def heard(d):
    """What a screen reader would announce wrongly, read from Chromium's accessibility tree (what
    assistive technology is given): a control called invalid before anything was typed (HTML's
    required on an unticked box), a link named by a bare figure with nothing describing it, and a
    card's cell read with its column's label twice (CSS generated content is part of a name)."""
    nodes = [n for n in d.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
             if not n.get("ignored")]

    def val(n, key):
        return (n.get(key) or {}).get("value") or ""

    headers = {val(n, "name") for n in nodes if val(n, "role") == "columnheader"} - {""}
    invalid, bare, twice = [], [], []
    for n in nodes:
        role, name = val(n, "role"), val(n, "name").strip()
        props = {p["name"]: p["value"].get("value") for p in n.get("properties", [])}
        if props.get("invalid") not in (None, False, "false"):
            invalid.append("%s %s" % (role, name[:60]))
        if role == "link" and re.fullmatch(r"[¥\d,.\s%]+", name) and not val(n, "description"):
            bare.append(name)
        if role == "cell" and any(name.startswith(h + "：") for h in headers):
            twice.append(name[:60])
    found = []
    for vid, nodes_, what in (("sr-invalid-on-load", invalid, "controls announced as invalid "
                               "before anything was typed"),
                              ("sr-bare-figure-link", bare, "links named by a bare figure"),
                              ("sr-label-read-twice", twice, "cells read with their column's "
                               "label twice")):
        if nodes_:
            found.append({"id": vid, "impact": "serious", "help": what, "nodes": nodes_[:5]})
    return found


def check(d, axe, who, path, mode, results):
    name = "%s %s %s" % (who, mode, path)
    shots = who == "staff" and mode == "normal"
    try:
        screen(d, PHONE)  # as the last page left it, should it have failed half-way
        t0 = time.time()
        d.get(BASE + path)
        t1 = time.time()
        if not d.execute_script("return typeof axe === 'object'"):
            d.execute_script(axe)
        t2 = time.time()
        found = d.execute_async_script(AXE_RUN) + layout(d, PHONE, False)
        if mode == "normal":
            found += heard(d)
        if shots:
            shoot(d, who, path, PHONE)
        screen(d, SMALL)
        found += layout(d, SMALL, False)
        if who == "staff":
            screen(d, DESK)
            found += layout(d, DESK, True)
            if shots:
                shoot(d, who, path, DESK)
        screen(d, PHONE)
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
    axe = axe_source()
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
    summary(results)


if __name__ == "__main__":
    main()
