#!/usr/bin/env python3
"""The faults po-audit must survive, on 127.0.0.1, for its tests.

usage: fault-server.py PORTFILE
Binds a free port, writes it to PORTFILE, and answers:
  /ok             200, a small JSON body
  /slow?ms=N      200 after N milliseconds
  /reset          the connection closed with a TCP reset, no response
  /500            500
  /loop           302 to itself, for ever
  /oversized      200 with a Content-Length of 100 MiB (and no such body)
  /endless        200, chunked, a body that never ends
  /flaky          500 on every 4th request, 200 otherwise
  /echo           200, the request's method, headers and body as JSON,
                  also appended to PORTFILE.echo
  /html-junk      200 text/html that is not HTML at all
  /bad-bytes      200 HTML with bytes that are not UTF-8 in its headers
                  and its markup
"""
import http.server
import json
import socket
import socketserver
import struct
import sys
import threading
import time
import urllib.parse

lock = threading.Lock()
count = {"flaky": 0}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def reply(self, status, body, ctype="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if url.path == "/ok":
            self.reply(200, b'{"ok":true}\n')
        elif url.path == "/slow":
            time.sleep(int(query.get("ms", ["1000"])[0]) / 1000.0)
            self.reply(200, b'{"slow":true}\n')
        elif url.path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif url.path == "/500":
            self.reply(500, b"server error\n", "text/plain")
        elif url.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif url.path == "/oversized":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(100 << 20))
            self.end_headers()
            self.close_connection = True
        elif url.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"<p>" + b"x" * 8192 + b"</p>\n"
            try:
                while True:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    time.sleep(0.001)
            except OSError:
                pass
            self.close_connection = True
        elif url.path == "/flaky":
            with lock:
                count["flaky"] += 1
                n = count["flaky"]
            if n % 4 == 0:
                self.reply(500, b'{"error":true}\n')
            else:
                self.reply(200, b'{"ok":true}\n')
        elif url.path == "/echo":
            echo = {"method": self.command,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": body.decode("utf-8", "replace")}
            line = json.dumps(echo, sort_keys=True).encode() + b"\n"
            with lock, open(sys.argv[1] + ".echo", "ab") as log:
                log.write(line)
            self.reply(200, line)
        elif url.path == "/bad-bytes":
            body = (b"<!doctype html><title>\xff</title><body>"
                    b"<img src='/img/\xff\xfe.png'><p>\xc3\x28</p></body>")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=\xff")
            self.send_header("Cache-Control", "max-age=\xfe")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif url.path == "/html-junk":
            self.reply(200, b"\x00\x01\x02", "text/html")
        else:
            self.reply(404, b"not found\n", "text/plain")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = handle_any

    def log_message(self, fmt, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # A client that gave up (a timeout po-audit was told to take) is
        # what these tests make happen, not an error of the server.
        pass


server = Server(("127.0.0.1", 0), Handler)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write("%d\n" % server.server_address[1])
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
server.serve_forever()
