#!/usr/bin/env python3
"""Open-loop submissions at a fixed rate, for the "half load" point of bench/write-path.sh.

wrk (4.x, as packaged) sends the next request as soon as the previous answer arrives, so its
latencies at a given concurrency hide the time a request would have waited had it been sent on
schedule. Here submission i is due at start + i / rate whatever the earlier answers did; a pool
of worker threads, each with its own kept-alive connection, sends them, and a latency is counted
from the due time, not from the moment a worker got round to it. If the workers fall behind, the
lateness shows in the latencies and the achieved rate, instead of slowing the schedule.

    paced.py --url http://127.0.0.1:8093 --rate 150 --seconds 20 --run 9 [--workers 64] [--dump FILE]

Prints one line like wrk's RESULT line of common.lua. Bodies are built like submit.lua's.
"""
import argparse
import http.client
import threading
import time
import urllib.parse

REGIONS = ["KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
           "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79"]
CATEGORIES = ["housing_utilities", "roads_transport", "healthcare", "education", "social_support",
              "employment", "land_property", "public_safety", "ecology", "agriculture",
              "business_support", "other"]


def submission(run, stamp, n):
    ident = f"{run}-99-{n:06d}"
    body = ('{"type":"application","category":"%s","region":"%s",'
            '"subject":"wrk submission %s: street light out","description":"The street light in front of house %d '
            'has been out since last week (%s); please repair it.","language":"ru",'
            '"citizen":{"fullName":"Bench Citizen %s","phone":"+7 7%d99%06d"}}') % (
        CATEGORIES[(n * 7) % len(CATEGORIES)], REGIONS[n % len(REGIONS)], ident, n % 180 + 1, ident, ident,
        run % 10, n)
    headers = {"Content-Type": "application/json", "Idempotency-Key": f"bench-{stamp}-{ident}",
               "X-Forwarded-For": f"10.{(run * 64 + 99) % 256}.{(n // 256) % 256}.{n % 256}"}
    return body.encode(), headers


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--rate", type=float, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--run", type=int, required=True)
    parser.add_argument("--stamp", default="0")
    parser.add_argument("--workers", type=int, default=64)
    parser.add_argument("--dump", help="write 'seconds-after-start latency-ms status' per submission here")
    args = parser.parse_args()
    target = urllib.parse.urlsplit(args.url)
    total = int(args.rate * args.seconds)
    lock = threading.Lock()
    state = {"next": 0}
    latencies, statuses, errors, answers = [], {}, [0], []
    start = time.monotonic() + 0.5

    def worker():
        connection = None
        while True:
            with lock:
                i = state["next"]
                state["next"] += 1
            if i >= total:
                break
            due = start + i / args.rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            body, headers = submission(args.run, args.stamp, i + 1)
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
                connection.request("POST", "/api/v1/requests", body, headers)
                answer = connection.getresponse()
                text = answer.read()
                status = answer.status
                if status == 503:
                    # like common.lua: shed by the service, or its database unavailable or slow
                    status = "503shed" if b"at capacity" in text else "503db"
                if answer.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                status = "error"
                if connection is not None:
                    connection.close()
                connection = None
            took = time.monotonic() - due
            with lock:
                answers.append((due - start, took, status))
                latencies.append(took)
                statuses[status] = statuses.get(status, 0) + 1
                if status == "error":
                    errors[0] += 1

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            for at, took, status in sorted(answers):
                out.write("%.3f %.1f %s\n" % (at, took * 1000, status))
    values = sorted(latencies)
    parts = ",".join(f"{k}:{statuses[k]}" for k in sorted(statuses, key=str))
    print("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f "
          "socket_errors=%d statuses=%s target_rps=%.1f" % (
              len(values), elapsed, len(values) / elapsed, percentile(values, 50) * 1000,
              percentile(values, 90) * 1000, percentile(values, 99) * 1000, (values[-1] if values else 0) * 1000,
              errors[0], parts, args.rate))


if __name__ == "__main__":
    main()
