"""A real HTTP server on 127.0.0.1 standing in for the PBX in tests: it records every
request it gets and answers what the test told it to, per path."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple


class RecordedRequest(NamedTuple):
    method: str
    path: str
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


class Reply(NamedTuple):
    status: int = 200
    body: bytes = b"{}"
    content_type: str = "application/json"
    delay: float = 0.0  # seconds to wait before answering


class _Handler(BaseHTTPRequestHandler):
    server_version = "SceTestPbx/1.0"

    def log_message(self, format, *args):  # noqa: A002 - quiet: the test log is enough
        return

    def _serve(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        server = self.server
        with server.lock:
            server.requests.append(
                RecordedRequest(self.command, self.path, dict(self.headers.items()), body)
            )
            reply = server.replies.get(self.path, Reply(404, b'{"error": "not found"}'))
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up waiting (a timeout test)

    do_GET = do_POST = do_HEAD = _serve


class PbxTestServer:
    """``with PbxTestServer() as pbx: pbx.reply("/originate", Reply(200, b"{}"))``;
    ``pbx.url("/originate")``; ``pbx.requests`` lists what arrived."""

    def __enter__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.lock = threading.Lock()
        self.httpd.requests = []
        self.httpd.replies = {}
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)

    def reply(self, path, reply):
        with self.httpd.lock:
            self.httpd.replies[path] = reply

    def url(self, path):
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    @property
    def requests(self):
        with self.httpd.lock:
            return list(self.httpd.requests)
