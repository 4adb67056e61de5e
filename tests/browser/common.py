# tests/browser/common.py — what the browser checks (a11y.py, journeys.py) share: the instance
# under test, Debian's headless Chromium driven by Selenium at a given screen, signing in, axe-core's
# run on a page, and the Check-style summary line that tests/run.sh tallies.
import json
import os

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = os.environ.get("TX_ROOT", ".")
BASE = os.environ.get("TX_BASE", "http://127.0.0.1:18080")
VAR = os.environ.get("TX_VAR", "var/test")
LOG = os.path.join(VAR, "log")
PHONE, SMALL, DESK = (390, 844), (320, 640), (1280, 900)
PW = "tongxiang-demo"
# What axe-core checks a page for: WCAG 2.1 A and AA, and its best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# axe on the page (already in it), its violations with the first three elements of each.
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}))))
  .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
""" % json.dumps(TAGS)


def axe_source():
    """axe-core itself (tests/browser/package.json), to put into a page."""
    with open(os.path.join(ROOT, "tests/browser/node_modules/axe-core/axe.min.js")) as f:
        return f.read()


def browser(size=PHONE, logs=False):
    """Headless Chromium showing pages as a screen of size (width, height) does: a phone's below
    640 px, else a PC's. With logs, the console and the network events are kept for get_log()."""
    opts = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--lang=zh-CN"):
        opts.add_argument(a)
    # An emulated screen: a window cannot be made narrower than 500 px, an emulated one can.
    phone = size[0] < 640
    opts.add_experimental_option("mobileEmulation", {
        "deviceMetrics": {"width": size[0], "height": size[1], "pixelRatio": 1,
                          "mobile": phone, "touch": phone}})
    if logs:
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    opts.binary_location = "/usr/bin/chromium"
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    d.set_script_timeout(60)
    d.set_page_load_timeout(60)
    return d


def summary(results):
    """Check's summary line, which tests/run.sh tallies: results holds a boolean per check."""
    failed = results.count(False)
    print("%d%%: Checks: %d, Failures: %d, Errors: 0" % (
        100 * (len(results) - failed) // max(len(results), 1), len(results), failed))
