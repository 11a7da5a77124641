#!/usr/bin/env python3
"""Abuse benchmark driver (loopback only, bounded): see bench/abuse.sh.

Holds SLOW slow-body connections and floods POST /subscribe from FLOODERS source addresses
(127.0.0.x) for DURATION seconds while a probe times GET /healthz from 127.0.0.2 and a
legitimate reader subscribes once from 127.0.0.3. A tiny SMTP sink counts the mail that
results. Prints the probe's p50/p99/max and whether the legitimate reader got a mail.
"""
import http.client
import socket
import socketserver
import sys
import threading
import time
import urllib.parse

PORT = int(sys.argv[1])
SMTP_PORT = int(sys.argv[2])
DURATION = float(sys.argv[3]) if len(sys.argv) > 3 else 60
SLOW = 200
FLOODERS = 20
HOST = "127.0.0.1"

stop = threading.Event()
lock = threading.Lock()
mail_to = []
counts = {"slow_opened": 0, "slow_refused": 0, "flood": {}, "probe_fail": 0}
latencies = []


class Sink(socketserver.StreamRequestHandler):
    """Accepts any mail and remembers its RCPT TO addresses."""

    def handle(self):
        self.wfile.write(b"220 sink\r\n")
        rcpts = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode("latin-1").strip()
            upper = cmd.upper()
            if upper.startswith("EHLO") or upper.startswith("HELO"):
                self.wfile.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif upper.startswith("RCPT TO:"):
                rcpts.append(cmd[8:].strip().strip("<>").lower())
                self.wfile.write(b"250 ok\r\n")
            elif upper == "DATA":
                self.wfile.write(b"354 go\r\n")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                with lock:
                    mail_to.extend(rcpts)
                rcpts = []
                self.wfile.write(b"250 queued\r\n")
            elif upper == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def slow_body(source):
    """One slow client: a POST whose body comes one byte every 5 s; reconnects when dropped."""
    while not stop.is_set():
        try:
            s = socket.socket()
            s.bind((source, 0))
            s.settimeout(10)
            s.connect((HOST, PORT))
            s.sendall(b"POST /preferences?token=x HTTP/1.1\r\nHost: localhost\r\n"
                      b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n")
            with lock:
                counts["slow_opened"] += 1
            while not stop.is_set():
                s.sendall(b"n")
                if stop.wait(5):
                    break
            s.close()
        except OSError:
            with lock:
                counts["slow_refused"] += 1
            stop.wait(1)


def flood(source, n):
    """One flooding address: subscribe posts as fast as the server answers."""
    i = 0
    while not stop.is_set():
        i += 1
        status = "error"
        try:
            c = http.client.HTTPConnection(HOST, PORT, timeout=10, source_address=(source, 0))
            body = urllib.parse.urlencode({"email": f"victim+{n}-{i}@example.org", "name": "x"})
            c.request("POST", "/subscribe", body, {"Content-Type": "application/x-www-form-urlencoded"})
            status = c.getresponse().status
            c.close()
        except OSError:
            pass
        with lock:
            counts["flood"][status] = counts["flood"].get(status, 0) + 1


def probe():
    """GET /healthz every 100 ms from 127.0.0.2; a failure or 5 s timeout counts as 5000 ms."""
    while not stop.is_set():
        t0 = time.perf_counter()
        ok = False
        try:
            c = http.client.HTTPConnection(HOST, PORT, timeout=5, source_address=("127.0.0.2", 0))
            c.request("GET", "/healthz")
            ok = c.getresponse().status == 200
            c.close()
        except OSError:
            pass
        ms = (time.perf_counter() - t0) * 1000 if ok else 5000.0
        with lock:
            latencies.append(ms)
            if not ok:
                counts["probe_fail"] += 1
        stop.wait(0.1)


def legit():
    """One real reader subscribing halfway through, from 127.0.0.3."""
    stop.wait(DURATION / 2)
    try:
        c = http.client.HTTPConnection(HOST, PORT, timeout=10, source_address=("127.0.0.3", 0))
        body = urllib.parse.urlencode({"email": "legit.reader@example.org", "name": "Legit"})
        t0 = time.perf_counter()
        c.request("POST", "/subscribe", body, {"Content-Type": "application/x-www-form-urlencoded",
                                               "Origin": "http://127.0.0.1:%d" % PORT})
        r = c.getresponse()
        counts["legit"] = (r.status, round((time.perf_counter() - t0) * 1000, 1))
    except OSError as e:
        counts["legit"] = ("error " + str(e), None)


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] if v else float("nan")


def main():
    sink = socketserver.ThreadingTCPServer(("127.0.0.1", SMTP_PORT), Sink)
    sink.daemon_threads = True
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    print("ready", flush=True)
    sys.stdin.readline()  # abuse.sh says go once the server answers
    threads = [threading.Thread(target=slow_body, args=("127.0.0.%d" % (10 + i % 20),), daemon=True) for i in range(SLOW)]
    threads += [threading.Thread(target=flood, args=("127.0.0.%d" % (100 + i), i), daemon=True) for i in range(FLOODERS)]
    threads += [threading.Thread(target=probe, daemon=True), threading.Thread(target=legit, daemon=True)]
    for t in threads:
        t.start()
    time.sleep(DURATION)
    stop.set()
    time.sleep(3)
    with lock:
        lat = list(latencies)
        got = mail_to.count("legit.reader@example.org")
        victims = sum(1 for a in mail_to if a.startswith("victim"))
    print(f"duration_s={DURATION:.0f} slow_connections_target={SLOW} slow_opened={counts['slow_opened']}"
          f" slow_refused_or_dropped={counts['slow_refused']}")
    print(f"flood_responses={dict(sorted((str(k), v) for k, v in counts['flood'].items()))} flood_mails={victims}")
    print(f"healthz_probes={len(lat)} failed={counts['probe_fail']} p50_ms={pct(lat, 50):.1f}"
          f" p99_ms={pct(lat, 99):.1f} max_ms={max(lat) if lat else float('nan'):.1f}")
    print(f"legit_subscribe={counts.get('legit')} legit_mail_received={got}")
    sink.shutdown()


if __name__ == "__main__":
    main()
