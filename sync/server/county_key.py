"""The county's own key and self-signed certificate, in its data folder: the trust root every station pins."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.records.canonical import canonical_json
from sync.identity import StationKey
from sync.protocol import b64, make_certificate
from sync.server.storage import utc_now

KEY_FILE = "county_ed25519.pem"
CERT_FILE = "county_certificate.json"
COUNTY_CENTER = "县法律援助中心"  # the default name: on the county's certificate, and who decided (shown at stations)


class CountyKey:
    """The county key (made once by `init`, never replaced) and its certificate."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self._key: StationKey | None = None

    def init(self, name: str = COUNTY_CENTER) -> dict[str, Any]:
        """Make the county key and its self-signed certificate (once; later calls return the existing one)."""
        key_path, cert_path = self.data_dir / KEY_FILE, self.data_dir / CERT_FILE
        if not key_path.exists():
            key = Ed25519PrivateKey.generate()
            pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
            tmp = key_path.with_suffix(".tmp")
            tmp.write_bytes(pem)
            tmp.chmod(0o600)
            tmp.replace(key_path)
        key = self.key()
        if not cert_path.exists():
            cert = make_certificate({"kind": "county", "name": name, "public_key": b64(key.public_key_bytes),
                                     "key_id": key.key_id, "issuer_key_id": key.key_id, "issued_at": utc_now()},
                                    key.sign)
            cert_path.write_text(canonical_json(cert), encoding="utf-8")
        return self.certificate()

    @property
    def initialised(self) -> bool:
        return (self.data_dir / KEY_FILE).exists() and (self.data_dir / CERT_FILE).exists()

    def key(self) -> StationKey:
        if self._key is None:
            pem = (self.data_dir / KEY_FILE).read_bytes()
            self._key = StationKey(serialization.load_pem_private_key(pem, password=None))
        return self._key

    def certificate(self) -> dict[str, Any]:
        return json.loads((self.data_dir / CERT_FILE).read_text(encoding="utf-8"))
