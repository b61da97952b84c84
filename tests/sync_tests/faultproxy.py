"""A fault-injecting TCP proxy on loopback, between the sync client and the real server.

`proxy.fail(mode, times=1, after=N)` makes the next `times` connections fail:
  "drop_request"   forward N bytes of the request, then cut the connection
  "drop_response"  forward the whole request, N bytes of the answer, then cut
  "garbage"        answer with bytes that are not HTTP, without reaching the server
  "error500"       answer HTTP 500 without reaching the server
  "page200"        answer HTTP 200 with `page` (a web page, as a captive portal or another web server answers)
                   without reaching the server
  "stall"          forward the whole request, then hold the answer back (the client times out) for
                   `after` seconds before cutting the connection
Other connections pass through untouched.
"""

from __future__ import annotations

import socket
import threading


class FaultProxy:
    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(32)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._faults: list[tuple[str, int]] = []
        self.page = b"<html><body>Welcome to nginx!</body></html>"
        self._lock = threading.Lock()
        self.faults_injected = 0
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def fail(self, mode: str, times: int = 1, after: int = 0) -> None:
        with self._lock:
            self._faults.extend([(mode, after)] * times)

    def _closed_wait(self, seconds: float) -> None:
        threading.Event().wait(seconds)

    def close(self) -> None:
        self._closed = True
        self.listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                fault = self._faults.pop(0) if self._faults else None
                if fault:
                    self.faults_injected += 1
            threading.Thread(target=self._serve, args=(client, fault), daemon=True).start()

    def _serve(self, client: socket.socket, fault: tuple[str, int] | None) -> None:
        mode, after = fault or ("pass", 0)
        try:
            if mode in ("garbage", "error500", "page200"):
                client.recv(65536)
                page = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(self.page),
                                                                                                 self.page)
                client.sendall(b"\x00\xffNOT HTTP AT ALL\r\n\r\n" if mode == "garbage" else page if mode == "page200" else
                               b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\nConnection: close\r\n\r\noops!")
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        except OSError:
            client.close()
            return
        up_limit = after if mode == "drop_request" else None
        down_limit = after if mode == "drop_response" else (0 if mode == "stall" else None)
        done = threading.Event()

        def pipe(src, dst, limit):
            sent = 0
            try:
                while True:
                    data = src.recv(65536)
                    if not data:
                        break
                    if limit is not None and sent + len(data) >= limit:
                        dst.sendall(data[:max(0, limit - sent)])
                        if mode == "stall":
                            self._closed_wait(after)
                        break
                    dst.sendall(data)
                    sent += len(data)
            except OSError:
                pass
            finally:
                done.set()

        threading.Thread(target=pipe, args=(client, upstream, up_limit), daemon=True).start()
        threading.Thread(target=pipe, args=(upstream, client, down_limit), daemon=True).start()
        done.wait()
        for s in (client, upstream):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
