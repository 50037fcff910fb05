#!/usr/bin/env python3
# http_server.py - a tiny HTTP server for tests/e2e/test_fetch.sh.
#
#   python3 tests/e2e/http_server.py DIR PORTFILE
#
# Listens on 127.0.0.1 only, on a free port it writes to PORTFILE once it
# accepts connections.  Serves the files of DIR with a strong ETag (a hash
# of the bytes) and a Last-Modified, and answers 304 to an If-None-Match
# that matches; /redirect/N redirects N times and then to /page.html.
# The Content-Type follows the extension.  Logs each request line (with the
# conditional headers it got) to DIR/requests.log.
import hashlib
import http.server
import os
import sys

TYPES = {".html": "text/html; charset=utf-8", ".rss": "application/rss+xml",
         ".xml": "application/xml", ".txt": "text/plain"}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        root = self.server.root
        with open(os.path.join(root, "requests.log"), "a") as log:
            log.write("%s inm=%s ims=%s ua=%s\n" % (
                self.path, self.headers.get("If-None-Match"),
                self.headers.get("If-Modified-Since"), self.headers.get("User-Agent")))
        if self.path.startswith("/redirect/"):
            n = int(self.path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", "/redirect/%d" % (n - 1) if n > 1 else "/page.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        name = os.path.basename(self.path.split("?")[0])
        path = os.path.join(root, name)
        if not name or not os.path.isfile(path):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with open(path, "rb") as f:
            body = f.read()
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(os.path.splitext(name)[1], "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", "Mon, 15 Apr 2024 10:00:00 GMT")
        self.end_headers()
        self.wfile.write(body)


def main():
    root, portfile = sys.argv[1], sys.argv[2]
    srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    srv.root = root
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()
