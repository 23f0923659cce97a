#!/usr/bin/env python3
"""Opens an HTML report in headless Chromium, as a reader would, and fails on anything wrong.

Chromium is driven through the DevTools protocol over a pipe (--remote-debugging-pipe: no port,
no network, nothing beyond Python's standard library). The check fails when:
  - the page logs any console error or warning, or throws (Runtime, Log and CSP reports);
  - the page asks for anything that is not inside the file (a network request of any kind);
  - a section expected in the DOM is missing (--expect), it has fewer drawings or document
    rows than it should, or a drawing has no text equivalent (a <title> or an aria-label);
  - the documents table does not find, sort and page (filter by --find, then sort, then page);
  - the screenshot is blank (almost all one colour) or printing on A4 gives no page;
  - the whole check takes longer than --timeout seconds.
With --expect-failures it checks itself: a broken page must fail for each reason named.
It writes a screenshot of the first screen (--screenshot), one of the whole page at a quarter
scale (--full-page), and the A4 print (--pdf), for a person to look at.

Usage: browser_test.py --chromium PATH --html REPORT.html --screenshot OUT.png
           [--full-page OUT.png] [--pdf OUT.pdf] [--expect ID ...] [--min-svg N]
           [--min-documents N] [--find TEXT] [--timeout SECONDS]
"""
import argparse
import base64
import json
import os
import pathlib
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

ap = argparse.ArgumentParser()
ap.add_argument("--chromium", required=True)
ap.add_argument("--html", required=True)
ap.add_argument("--screenshot", required=True)
ap.add_argument("--full-page")
ap.add_argument("--pdf")
ap.add_argument("--expect", nargs="*", default=[])
ap.add_argument("--min-svg", type=int, default=1)
ap.add_argument("--min-documents", type=int, default=1)
ap.add_argument("--find", default="")
ap.add_argument("--timeout", type=float, default=60)
ap.add_argument("--grayscale", help="also a screenshot of the page printed in grey, to this file")
ap.add_argument("--sections", help="also a screenshot of each --expect section, into this folder")
ap.add_argument("--expect-failures", nargs="*", default=[],
                help="the check of the check: succeed only when a failure names each of these")
args = ap.parse_args()

started = time.monotonic()
for out in (args.screenshot, args.full_page, args.pdf, args.grayscale):
    if out:
        pathlib.Path(out).parent.mkdir(parents=True, exist_ok=True)
deadline = started + args.timeout
failures = []


def fail(message):
    failures.append(message)


class Browser:
    """Chromium with a DevTools session on one page, over fds 3 (in) and 4 (out)."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="trendscan-chromium-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def fds():
            # Out of the way first, so neither lands on the other's number.
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
             "--user-data-dir=" + self.profile, "--remote-debugging-pipe", "about:blank"],
            # Not close_fds: it would close 3 and 4 after preexec_fn put the pipes there.
            preexec_fn=fds, close_fds=False,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        return self.next_id

    def read(self):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no answer from Chromium within {args.timeout:.0f} s")
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if ready:
                chunk = os.read(self.from_browser, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=True):
        wanted = self.send(method, params, session)
        while True:
            message = self.read()
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method):
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        while True:
            message = self.read()
            if message.get("method") == method:
                return message
            self.events.append(message)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self):
        try:
            self.send("Browser.close", session=False)
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def png_pixels(data):
    """Width, height and rows of RGB(A) bytes of an 8-bit, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0, "unexpected PNG format"
            channels = 4 if color == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b, c = prev[i], prev[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def blank(data):
    """Whether a screenshot is all (or almost all) one colour, and its share of ink."""
    width, height, channels, rows = png_pixels(data)
    colours, ink = set(), 0
    for line in rows:
        for x in range(0, width * channels, channels):
            px = line[x:x + 3]
            colours.add(px)
            ink += px != b"\xff\xff\xff"
    share = ink / (width * height)
    return len(colours) < 8 or share < 0.01, share, len(colours)


def report_events(events, url):
    # Every event since the page opened: errors, warnings and requests that left the file.
    for e in events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.exceptionThrown":
            fail("uncaught exception: " + params["exceptionDetails"].get("text", "") + " " +
                 str(params["exceptionDetails"].get("exception", {}).get("description", "")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning",
                                                                           "assert"):
            fail(f"console {params['type']}: " +
                 " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            fail(f"log {params['entry']['level']} ({params['entry']['source']}): "
                 f"{params['entry']['text']}")
        elif method == "Network.requestWillBeSent":
            request = params["request"]["url"]
            if not (request.startswith("data:") or request == url):
                fail("the page asked for something outside it: " + request[:200])


browser = Browser(args.chromium)
url = pathlib.Path(args.html).resolve().as_uri()
load_seconds, pages, dom = 0.0, 0, {"svg": 0, "figures": 0, "documents": 0}
try:
    target = browser.call("Target.createTarget", {"url": "about:blank"}, session=False)
    browser.session = browser.call("Target.attachToTarget",
                                   {"targetId": target["targetId"], "flatten": True},
                                   session=False)["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.call(domain + ".enable")
    browser.call("Emulation.setDeviceMetricsOverride",
                 {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    loading = time.monotonic()
    browser.call("Page.navigate", {"url": url})
    browser.wait_for("Page.loadEventFired")
    load_seconds = time.monotonic() - loading
    # Late errors (a script that fails after load) have a moment to show.
    browser.evaluate("new Promise(function (done) { setTimeout(done, 300); })")

    dom = browser.evaluate("""(function () {
      var ids = %s, missing = ids.filter(function (id) { return !document.getElementById(id); });
      var table = document.getElementById("documents-table");
      var data = document.getElementById("documents-data");
      return {missing: missing, svg: document.querySelectorAll("main svg").length,
              figures: document.querySelectorAll("figure").length,
              captionless: Array.prototype.filter.call(document.querySelectorAll("main svg[role=img]"),
                function (s) { return !s.querySelector("title") && !s.getAttribute("aria-label"); }).length,
              rows: table ? table.tBodies[0].rows.length : 0,
              documents: data ? JSON.parse(data.textContent).rows.length : 0,
              controls: !!document.getElementById("documents-controls") &&
                        !document.getElementById("documents-controls").hidden,
              info: (document.getElementById("documents-info") || {}).textContent || "",
              height: document.documentElement.scrollHeight,
              title: document.title};
    })()""" % json.dumps(args.expect))
    for section in dom["missing"]:
        fail(f"section #{section} is missing from the DOM")
    if dom["svg"] < args.min_svg:
        fail(f"{dom['svg']} drawings (svg), expected at least {args.min_svg}")
    if dom["captionless"]:
        fail(f"{dom['captionless']} drawings have no text equivalent (a <title> or an aria-label)")
    if dom["documents"] < args.min_documents:
        fail(f"{dom['documents']} documents in the table's data, expected {args.min_documents}")
    if not dom["controls"]:
        fail("the documents table's controls were not shown: its script did not run")
    if dom["rows"] < min(50, args.min_documents):
        fail(f"the documents table shows {dom['rows']} rows")

    # The table finds, sorts and pages.
    interaction = dom["controls"] and browser.evaluate("""(function () {
      var f = document.getElementById("documents-filter"), info = document.getElementById("documents-info");
      var body = document.getElementById("documents-table").tBodies[0], out = {};
      f.value = %s; f.dispatchEvent(new Event("input"));
      out.found = body.rows.length; out.foundInfo = info.textContent;
      out.foundText = body.rows.length ? body.rows[0].cells[0].textContent : "";
      f.value = ""; f.dispatchEvent(new Event("input"));
      var header = document.querySelector("#documents-table th[data-column='4'] button");
      header.click();
      var first = body.rows[0].cells[body.rows[0].cells.length - 2].textContent;
      var last = body.rows[body.rows.length - 1].cells[body.rows[0].cells.length - 2].textContent;
      out.sorted = parseFloat(first) >= parseFloat(last);
      out.sort = header.parentNode.getAttribute("aria-sort");
      var next = document.getElementById("documents-next");
      out.paged = next.disabled || (next.click(), /page 2/.test(info.textContent));
      return out;
    })()""" % json.dumps(args.find))
    if not interaction:
        pass  # already failed above: the table's script did not run
    elif args.find and (interaction["found"] < 1 or args.find not in interaction["foundText"]):
        fail(f"finding {args.find!r} in the documents table gave {interaction}")
    elif not interaction["sorted"] or interaction["sort"] != "descending":
        fail(f"sorting the documents by cosine did not sort them: {interaction}")
    elif not interaction["paged"]:
        fail(f"the documents table did not turn the page: {interaction}")
    browser.evaluate("window.scrollTo(0, 0)")

    shot = base64.b64decode(browser.call("Page.captureScreenshot", {"format": "png"})["data"])
    pathlib.Path(args.screenshot).write_bytes(shot)
    small = base64.b64decode(browser.call("Page.captureScreenshot", {
        "format": "png", "clip": {"x": 0, "y": 0, "width": 1280, "height": 900, "scale": 0.5}})["data"])
    is_blank, ink, colours = blank(small)
    if is_blank:
        fail(f"the screenshot is blank ({100 * ink:.2f}% ink, {colours} colours)")
    if args.full_page:
        height = min(dom["height"], 40000)
        full = browser.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": 1280, "height": height, "scale": 0.25}})
        pathlib.Path(args.full_page).write_bytes(base64.b64decode(full["data"]))
    if args.sections:
        folder = pathlib.Path(args.sections)
        folder.mkdir(parents=True, exist_ok=True)
        for section in args.expect:
            box = browser.evaluate("""(function () { var r = document.getElementById(%s)
              .getBoundingClientRect(); return [r.left, r.top + window.scrollY, r.width, r.height];
            })()""" % json.dumps(section))
            clip = {"x": 0, "y": box[1], "width": 1280, "height": min(box[3], 2400), "scale": 1}
            image = browser.call("Page.captureScreenshot", {"format": "png", "clip": clip,
                                                            "captureBeyondViewport": True})
            (folder / f"{section}.png").write_bytes(base64.b64decode(image["data"]))
    if args.grayscale:
        browser.call("Emulation.setEmulatedMedia", {"media": "print"})
        browser.evaluate("document.documentElement.style.filter = 'grayscale(1)'; "
                         "document.getElementById('map').scrollIntoView()")
        grey = browser.call("Page.captureScreenshot", {"format": "png"})
        pathlib.Path(args.grayscale).write_bytes(base64.b64decode(grey["data"]))
        browser.evaluate("document.documentElement.style.filter = ''")
        browser.call("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(browser.call("Page.printToPDF", {
        "paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True,
        "printBackground": True})["data"])
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    if pages < 1:
        fail("printing on A4 gave no page")
    if args.pdf:
        pathlib.Path(args.pdf).write_bytes(pdf)

except Exception as error:  # a timeout, a crash, a protocol error: all are failures
    fail(f"{type(error).__name__}: {error}")
finally:
    report_events(browser.events, url)
    browser.close()

elapsed = time.monotonic() - started
if args.expect_failures:
    missed = [w for w in args.expect_failures if not any(w in f for f in failures)]
    for w in missed:
        print(f"browser_test: expected a failure naming {w!r}; got: {failures}", file=sys.stderr)
    if not missed:
        print(f"browser_test: the broken page failed as it should ({len(failures)} failures)")
    sys.exit(1 if missed else 0)
for f in failures:
    print("browser_test: " + f, file=sys.stderr)
if failures:
    sys.exit(1)
print(f"browser_test: {pathlib.Path(args.html).name} ({os.path.getsize(args.html):,} bytes) "
      f"loaded in {load_seconds:.2f} s; {dom['svg']} drawings, {dom['figures']} figures, "
      f"{dom['documents']:,} documents, {pages} A4 pages; checked in {elapsed:.1f} s "
      f"(limit {args.timeout:.0f} s); screenshot {args.screenshot}")
