#!/usr/bin/env python3
"""HTTP clients of the fault scripts (standard library only).

Every answer is one tab-separated line in an output file, written as soon as it
arrives, so that what a client was told survives whatever happens to the service:

    phase  target  key  status  millis  tracking_number  retry_after  replayed  problem_type  sent_at

status is the HTTP status, or ERR:<reason> when no answer came (refused, reset, timeout).

    load.py submit  --urls U[,U] --clients N --seconds S --out F [--phase P] [--pause S]
    load.py burst   --urls U[,U] --count N --out F
    load.py retry   --urls U --out F  IN...     resubmit, with the same key and body, every
                                                 submission that got no answer
    load.py poll    --url U --every S --seconds S --out F --phase P [--header H]...
    load.py slow    --url U --connections N --bytes-per-second B --seconds S --out F
    load.py report  [--facts F] [--acked F] [--slow F] IN...
"""
import argparse
import hashlib
import http.client
import json
import os
import selectors
import socket
import sys
import threading
import time
import urllib.parse

FIELDS = ["phase", "target", "key", "status", "millis", "tracking", "retry_after", "replayed", "problem", "at"]


class Recorder:
    def __init__(self, path):
        self.file = open(path, "a", buffering=1, encoding="utf-8")
        self.lock = threading.Lock()

    def write(self, *values):
        line = "\t".join("" if v is None else str(v).replace("\t", " ").replace("\n", " ") for v in values)
        with self.lock:
            self.file.write(line + "\n")
            self.file.flush()


def body_for(key):
    """A valid submission whose content is unique to its key and always the same for it."""
    digest = int(hashlib.sha256(key.encode()).hexdigest(), 16)
    house = 1 + digest % 180
    entrance = 1 + (digest >> 8) % 9
    days = 1 + (digest >> 16) % 14
    return json.dumps({
        "type": "application",
        "category": ["housing_utilities", "roads_transport", "healthcare", "education"][(digest >> 24) % 4],
        "region": "KZ-71",
        "subject": "No hot water in house %d, entrance %d (%s)" % (house, entrance, key),
        "description": "Entrance %d of house %d on Kabanbay Batyr has had no hot water for %d days. Reference %s."
                       % (entrance, house, days, key),
        "address": "Kabanbay Batyr %d, Astana" % house,
        "location": {"latitude": 51.128, "longitude": 71.430},
        "language": "ru",
        "citizen": {
            "fullName": "Aigerim Sarsenova",
            "phone": "+7 70%d %03d %04d" % ((digest >> 32) % 10, (digest >> 40) % 1000, (digest >> 52) % 10000),
            "email": "%s@example.kz" % key.lower(),
        },
    }, ensure_ascii=False).encode("utf-8")


class Client:
    """One kept-alive connection to one base URL; reconnects after any transport failure."""

    def __init__(self, base, timeout):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.prefix = parts.path.rstrip("/")
        self.timeout = timeout
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        """(status, headers dict lower-cased, body bytes) or raises OSError / http.client.HTTPException."""
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.connection.request(method, self.prefix + path, body=body, headers=headers or {})
            response = self.connection.getresponse()
            data = response.read()
            answer = {k.lower(): v for k, v in response.getheaders()}
            if answer.get("connection", "").lower() == "close":
                self.close()
            return response.status, answer, data
        except BaseException:
            self.close()
            raise

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def reason(error):
    if isinstance(error, (socket.timeout, TimeoutError)):
        return "ERR:timeout"
    if isinstance(error, ConnectionRefusedError):
        return "ERR:refused"
    if isinstance(error, (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected)):
        return "ERR:reset"
    return "ERR:" + type(error).__name__


def submit_once(client, key, recorder, phase, target):
    headers = {"Content-Type": "application/json", "Accept": "application/json", "Idempotency-Key": key}
    sent_at = time.time()
    started = time.monotonic()
    try:
        status, answer, data = client.request("POST", "/api/v1/requests", body_for(key), headers)
    except (OSError, http.client.HTTPException) as error:
        recorder.write(phase, target, key, reason(error), round((time.monotonic() - started) * 1000, 1),
                       "", "", "", "", "%.3f" % sent_at)
        return reason(error), None
    millis = round((time.monotonic() - started) * 1000, 1)
    tracking, problem = "", ""
    try:
        document = json.loads(data) if data else {}
        if isinstance(document, dict):
            tracking = document.get("trackingNumber", "") if status == 201 else ""
            problem = document.get("type", "") if status >= 400 else ""
    except ValueError:
        problem = "not-json" if status >= 400 else ""
    recorder.write(phase, target, key, status, millis, tracking, answer.get("retry-after", ""),
                   answer.get("idempotent-replayed", ""), problem, "%.3f" % sent_at)
    return status, answer


def run_submit(args):
    urls = args.urls.split(",")
    recorder = Recorder(args.out)
    deadline = time.monotonic() + args.seconds
    run = args.run or "%x" % int(time.time() * 1000)

    def client_loop(index):
        target = urls[index % len(urls)]
        client = Client(target, args.timeout)
        sequence = 0
        retrying = False
        while time.monotonic() < deadline:
            if not retrying:
                sequence += 1
            key = "%s-%s-c%02d-%06d" % (args.phase, run, index, sequence)
            status, _ = submit_once(client, key, recorder, args.phase, target)
            # No answer: the submission may or may not be stored. Send it again with the
            # same key (and body) until it is answered, as a careful client does.
            retrying = isinstance(status, str)
            if retrying:
                time.sleep(0.2)
            elif args.pause:
                time.sleep(args.pause)

    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def run_burst(args):
    urls = args.urls.split(",")
    recorder = Recorder(args.out)
    run = args.run or "%x" % int(time.time() * 1000)
    barrier = threading.Barrier(args.count)

    def one(index):
        target = urls[index % len(urls)]
        client = Client(target, args.timeout)
        key = "%s-%s-%04d" % (args.phase, run, index)
        phase = "%s:%s" % (args.phase, urllib.parse.urlsplit(target).port) if len(urls) > 1 else args.phase
        barrier.wait()
        submit_once(client, key, recorder, phase, target)
        client.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(args.count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def read_records(paths):
    for path in paths:
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                values = line.rstrip("\n").split("\t")
                if len(values) == len(FIELDS):
                    yield dict(zip(FIELDS, values))


def run_retry(args):
    """A careful client retries what got no answer with the same key until it gets one."""
    records = list(read_records(args.inputs))
    answered = {r["key"] for r in records if not r["status"].startswith("ERR")}
    in_doubt = sorted({r["key"] for r in records if r["status"].startswith("ERR")} - answered)
    recorder = Recorder(args.out)
    client = Client(args.urls.split(",")[0], args.timeout)
    for key in in_doubt:
        for _ in range(10):
            status, answer = submit_once(client, key, recorder, "retry", args.urls)
            if status == 503 or isinstance(status, str):
                time.sleep(min(5.0, float((answer or {}).get("retry-after", "1") or 1)))
                continue
            break
    print("retried %d submissions that had no answer" % len(in_doubt))


def run_poll(args):
    recorder = Recorder(args.out)
    headers = dict(h.split(": ", 1) for h in args.header)
    parts = urllib.parse.urlsplit(args.url)
    base = "%s://%s" % (parts.scheme, parts.netloc)
    path = parts.path + ("?" + parts.query if parts.query else "")
    deadline = time.monotonic() + args.seconds
    client = Client(base, args.timeout)
    while time.monotonic() < deadline:
        sent_at = "%.3f" % time.time()
        started = time.monotonic()
        try:
            status, answer, data = client.request("GET", path, headers=headers)
            problem = ""
            if status >= 400:
                try:
                    problem = json.loads(data).get("type", "")
                except (ValueError, AttributeError):
                    problem = "not-json"
            recorder.write(args.phase, args.url, "", status, round((time.monotonic() - started) * 1000, 1),
                           "", answer.get("retry-after", ""), "", problem, sent_at)
        except (OSError, http.client.HTTPException) as error:
            recorder.write(args.phase, args.url, "", reason(error), round((time.monotonic() - started) * 1000, 1),
                           "", "", "", "", sent_at)
        time.sleep(max(0.0, args.every - (time.monotonic() - started)))


def run_slow(args):
    """Connections that send a valid submission a few bytes a second; when does the server cut them?"""
    parts = urllib.parse.urlsplit(args.url)
    out = open(args.out, "w", encoding="utf-8")
    selector = selectors.DefaultSelector()
    connections = {}
    started = time.monotonic()
    refused = 0
    for index in range(args.connections):
        key = "slow-%d-%04d" % (int(time.time()), index)
        body = body_for(key)
        head = ("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                "Idempotency-Key: %s\r\nContent-Length: %d\r\n\r\n" % (parts.path, parts.netloc, key, len(body)))
        try:
            sock = socket.create_connection((parts.hostname, parts.port or 80), timeout=5)
            sock.sendall(head.encode("ascii"))
        except OSError:
            refused += 1
            continue
        sock.setblocking(False)
        connections[sock] = {"index": index, "body": body, "sent": 0, "opened": time.monotonic(),
                             "answer": "", "closed": None}
        selector.register(sock, selectors.EVENT_READ)
    print("slow: %d connections open, %d refused, headers sent; dripping %d bytes/s each for %d s"
          % (len(connections), refused, args.bytes_per_second, args.seconds), flush=True)

    def closed(sock, how):
        state = connections[sock]
        if state["closed"] is None:
            state["closed"] = time.monotonic()
            state["answer"] = state["answer"] or how
            selector.unregister(sock)
            sock.close()

    interval = 1.0 / args.bytes_per_second
    next_drip = time.monotonic()
    deadline = started + args.seconds
    while time.monotonic() < deadline and any(s["closed"] is None for s in connections.values()):
        for event, _ in selector.select(timeout=max(0.0, min(next_drip, deadline) - time.monotonic())):
            sock = event.fileobj
            try:
                data = sock.recv(4096)
            except OSError:
                closed(sock, "reset")
                continue
            if not data:
                closed(sock, "closed")
            elif not connections[sock]["answer"]:
                connections[sock]["answer"] = data.split(b"\r\n", 1)[0].decode("latin-1")
        if time.monotonic() >= next_drip:
            next_drip += interval
            for sock, state in list(connections.items()):
                if state["closed"] is not None or state["sent"] >= len(state["body"]):
                    continue
                try:
                    state["sent"] += sock.send(state["body"][state["sent"]:state["sent"] + 1])
                except BlockingIOError:
                    pass
                except OSError:
                    closed(sock, "reset")
    ended = time.monotonic()
    for sock, state in connections.items():
        held = (state["closed"] or ended) - state["opened"]
        out.write("%d\t%.1f\t%s\t%d\n" % (state["index"], held,
                                          state["answer"] if state["closed"] else "still-open", state["sent"]))
        if state["closed"] is None:
            sock.close()
    out.close()


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-p * len(ordered) // 100))
    return ordered[int(rank) - 1]


def latency_line(values):
    if not values:
        return "-"
    return "p50 %.0f  p95 %.0f  p99 %.0f  max %.0f ms (n=%d)" % (
        percentile(values, 50), percentile(values, 95), percentile(values, 99), max(values), len(values))


def run_report(args):
    records = list(read_records(args.inputs))
    if args.windows:
        # --windows "before=T0,lock=T1,after=T2": a row sent at or after Tn (epoch seconds)
        # and before the next boundary belongs to that window.
        bounds = [(name, float(at)) for name, at in (w.split("=") for w in args.windows.split(","))]
        for r in records:
            window = bounds[0][0]
            for name, at in bounds:
                if float(r["at"]) >= at:
                    window = name
            r["phase"] = "%s/%s" % (r["phase"], window)
    phases = []
    for r in records:
        if r["phase"] not in phases:
            phases.append(r["phase"])
    if args.windows:
        order = [name for name, _ in bounds]
        phases.sort(key=lambda p: (p.split("/")[0], order.index(p.split("/")[1])))
    for phase in phases:
        rows = [r for r in records if r["phase"] == phase]
        counts = {}
        for r in rows:
            counts[r["status"]] = counts.get(r["status"], 0) + 1
        print("  %-16s %s" % (phase, "  ".join("%s: %d" % (s, counts[s]) for s in sorted(counts))))
        by_status = {}
        for r in rows:
            label = "ok" if r["status"].startswith("2") else ("no answer" if r["status"].startswith("ERR") else r["status"])
            by_status.setdefault(label, []).append(float(r["millis"]))
        for label in sorted(by_status):
            print("  %-16s   latency %-9s %s" % ("", label, latency_line(by_status[label])))
        problems = {}
        for r in rows:
            if r["problem"]:
                problems[(r["status"], r["problem"])] = problems.get((r["status"], r["problem"]), 0) + 1
        for (status, problem), n in sorted(problems.items()):
            print("  %-16s   %s %s: %d" % ("", status, problem, n))
    submissions = [r for r in records if r["key"]]
    acked = sorted({r["tracking"] for r in submissions if r["status"] == "201" and r["tracking"]})
    answered = {r["key"] for r in submissions if not r["status"].startswith("ERR")}
    facts = {
        "SUBMITTED": len({r["key"] for r in submissions}),
        "ACKED": len(acked),
        "REPLAYED": sum(1 for r in submissions if r["status"] == "201" and r["replayed"] == "true"),
        "S500": sum(1 for r in records if r["status"] == "500"),
        "S5XX_OTHER": sum(1 for r in records if r["status"].startswith("5") and r["status"] not in ("500", "503")),
        "S503": sum(1 for r in records if r["status"] == "503"),
        # Every request the clients send is valid: a 4xx (a 408 for a request the service was
        # slow to answer, say) blames the client for the service's trouble.
        "S4XX": sum(1 for r in records if r["status"].startswith("4")),
        # Readiness answers 503 while DOWN; that is its job, and it owes no Retry-After.
        "S503_NO_RETRY_AFTER": sum(1 for r in records if r["status"] == "503" and not r["retry_after"]
                                   and not r["phase"].startswith("readiness")),
        "NO_ANSWER": sum(1 for r in records if r["status"].startswith("ERR")),
        "IN_DOUBT_KEYS": len({r["key"] for r in submissions if r["status"].startswith("ERR")}),
        "UNANSWERED_KEYS": len({r["key"] for r in submissions if r["status"].startswith("ERR")} - answered),
    }
    if args.acked:
        with open(args.acked, "w", encoding="utf-8") as f:
            f.writelines(t + "\n" for t in acked)
    if args.facts:
        with open(args.facts, "w", encoding="utf-8") as f:
            f.writelines("%s=%d\n" % item for item in facts.items())


def run_slow_report(args):
    rows = []
    with open(args.inputs[0], encoding="utf-8") as f:
        for line in f:
            index, held, answer, sent = line.rstrip("\n").split("\t")
            rows.append((float(held), answer, int(sent)))
    cut = [held for held, answer, _ in rows if answer != "still-open"]
    answers = {}
    for _, answer, _ in rows:
        answers[answer] = answers.get(answer, 0) + 1
    print("  slow connections: %d; cut by the server: %d; still open at the end: %d"
          % (len(rows), len(cut), len(rows) - len(cut)))
    if cut:
        print("  held before the cut: p50 %.1f  p95 %.1f  max %.1f s; min %.1f s"
              % (percentile(cut, 50), percentile(cut, 95), max(cut), min(cut)))
    print("  bytes sent per connection before it ended: max %d" % max((s for _, _, s in rows), default=0))
    print("  how they ended: " + "  ".join("%s: %d" % item for item in sorted(answers.items())))
    if args.facts:
        with open(args.facts, "w", encoding="utf-8") as f:
            f.write("SLOW_TOTAL=%d\nSLOW_STILL_OPEN=%d\n" % (len(rows), len(rows) - len(cut)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    submit = commands.add_parser("submit")
    submit.add_argument("--urls", required=True)
    submit.add_argument("--clients", type=int, default=8)
    submit.add_argument("--seconds", type=float, default=30)
    submit.add_argument("--pause", type=float, default=0)
    burst = commands.add_parser("burst")
    burst.add_argument("--urls", required=True)
    burst.add_argument("--count", type=int, default=300)
    retry = commands.add_parser("retry")
    retry.add_argument("--urls", required=True)
    retry.add_argument("inputs", nargs="+")
    for command in (submit, burst, retry):
        command.add_argument("--out", required=True)
        command.add_argument("--phase", default="submit")
        command.add_argument("--run", default="")
        command.add_argument("--timeout", type=float, default=60)
    poll = commands.add_parser("poll")
    poll.add_argument("--url", required=True)
    poll.add_argument("--every", type=float, default=0.5)
    poll.add_argument("--seconds", type=float, default=30)
    poll.add_argument("--timeout", type=float, default=30)
    poll.add_argument("--out", required=True)
    poll.add_argument("--phase", required=True)
    poll.add_argument("--header", action="append", default=[])
    slow = commands.add_parser("slow")
    slow.add_argument("--url", required=True)
    slow.add_argument("--connections", type=int, default=500)
    slow.add_argument("--bytes-per-second", type=float, default=2)
    slow.add_argument("--seconds", type=float, default=60)
    slow.add_argument("--out", required=True)
    report = commands.add_parser("report")
    report.add_argument("--facts")
    report.add_argument("--acked")
    report.add_argument("--windows")
    report.add_argument("inputs", nargs="+")
    slow_report = commands.add_parser("slow-report")
    slow_report.add_argument("--facts")
    slow_report.add_argument("inputs", nargs=1)
    args = parser.parse_args()
    {"submit": run_submit, "burst": run_burst, "retry": run_retry, "poll": run_poll, "slow": run_slow,
     "report": run_report, "slow-report": run_slow_report}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
