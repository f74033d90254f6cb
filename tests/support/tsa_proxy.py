"""A TSA that hangs: a real HTTP server on loopback that forwards RFC 3161 requests to the test
PKI's TSA, except that, once armed, it holds the next request unanswered until the test releases
it — then refuses it (HTTP 503, as a TSA that is down) or forwards it late (a slow TSA)."""
from __future__ import annotations

import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HangingTsa:
    def __init__(self, upstream: str):
        self.upstream = upstream
        self.armed = threading.Event()
        self.holding = threading.Event()  # set while a request is held
        self._release = threading.Event()
        self._refuse = True
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if proxy.armed.is_set():
                    proxy.armed.clear()
                    proxy.holding.set()
                    proxy._release.wait(timeout=120)
                    if proxy._refuse:
                        self.send_response(503)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                request = urllib.request.Request(proxy.upstream, data=body, method="POST",
                                                 headers={"Content-Type": self.headers.get("Content-Type", "")})
                with urllib.request.urlopen(request, timeout=30) as answer:
                    payload = answer.read()
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_port}/tsa"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "HangingTsa":
        self._thread.start()
        return self

    def hang_next(self) -> None:
        """Hold the next request until release()."""
        self._release.clear()
        self.holding.clear()
        self.armed.set()

    def release(self, *, refuse: bool) -> None:
        self._refuse = refuse
        self._release.set()

    def stop(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
