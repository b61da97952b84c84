"""An on-path attacker on loopback: a TLS proxy that presents its own certificate (for the same address,
issued by its own root) and relays everything, decrypted, to the real county server over TLS.

What a station sends through it, the attacker reads: a station must refuse to talk to it.
"""

from __future__ import annotations

import select
import socket
import ssl
import tempfile
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec

from sync import certificates as certs

# Under a loaded CI machine the county may take seconds to answer: the attacker must never be the one that
# gives up first, or the station sees a dropped connection instead of the certificate it must refuse.
PATIENCE = 60


class SwappingProxy:
    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        root_key, root = certs.make_root("县法律援助中心")  # the same name as a real county: only the key differs
        key = ec.generate_private_key(ec.SECP256R1())
        cert = certs.issue(root_key, root, key.public_key(), certs.Holder("127.0.0.1"), certs.SERVER,
                           hosts=("127.0.0.1", "localhost"))
        self._folder = tempfile.TemporaryDirectory()
        folder = Path(self._folder.name)
        (folder / "cert.pem").write_text(certs.pem(cert) + certs.pem(root))
        (folder / "key.pem").write_bytes(certs.private_pem(key))
        self.server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.server_context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
        self.upstream_context = ssl.create_default_context()
        self.upstream_context.check_hostname = False
        self.upstream_context.verify_mode = ssl.CERT_NONE  # the attacker does not care who the county is
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}"
        self.seen = bytearray()  # what the attacker read from stations
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            client.settimeout(PATIENCE)
            tls_client = self.server_context.wrap_socket(client, server_side=True)
        except (OSError, ssl.SSLError):  # the station refused our certificate
            client.close()
            return
        try:
            upstream = self.upstream_context.wrap_socket(
                socket.create_connection(("127.0.0.1", self.upstream_port), timeout=PATIENCE))
        except OSError:
            tls_client.close()
            return
        self._relay(tls_client, upstream)

    def _relay(self, tls_client: ssl.SSLSocket, upstream: ssl.SSLSocket) -> None:
        """Both directions on one thread: an SSL socket read on one thread while written on another (one pump
        thread each way) corrupts OpenSSL's state now and then, and the relay stalled until its timeout."""
        peers = {tls_client: (upstream, True), upstream: (tls_client, False)}
        try:
            while True:
                ready = [s for s in peers if s.pending()]  # decrypted bytes select() cannot see
                if not ready:
                    ready, _, _ = select.select(list(peers), [], [], PATIENCE)
                    if not ready:
                        return
                for source in ready:
                    source.settimeout(0)  # a record that holds no data (TLS 1.3's session ticket) must not block
                    try:                  # the relay here while the other side's request waits unread
                        data = source.recv(65536)
                    except ssl.SSLWantReadError:  # select saw part of a TLS record, or a record of no data
                        continue
                    finally:
                        source.settimeout(PATIENCE)
                    if not data:
                        return
                    target, from_station = peers[source]
                    if from_station:
                        self.seen.extend(data)
                    target.sendall(data)
        except OSError:
            pass
        finally:
            for s in peers:
                try:
                    s.close()
                except OSError:
                    pass

    def close(self) -> None:
        self._closed = True
        self.listener.close()
        self._folder.cleanup()
