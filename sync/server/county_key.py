"""The county's keys and certificates, in its data folder: the root every station pins, and what it issues.

    county_root_key.pem, county_root.pem        the root (ECDSA P-256, X.509): the one trust anchor
    county_ed25519.pem, county_sync.pem         the county's sync key (signs answers and reply bundles) and its
                                                certificate under the root
    county_certificate.json                     the same sync key's old self-signed JSON certificate: stations
                                                enrolled before the root existed pin it, and are moved to the root
                                                by their next sync (sync/server/stations.py `renew`)
    county_document_key.pem, county_document.pem the county's document-signing key and certificate (its decisions)
    county_encryption.pem                       the certificate of the county's X25519 key, which stations seal their
                                                USB bundles to (derived from the sync key: no key file of its own)
    tls_server.pem, tls_server_key.pem          the server's TLS certificate under the root (`tls-cert`)

`init` makes whatever is missing and never replaces a key: an older county's folder gets its root on
the first `init` or start of the new server, with its sync key (and every station's pin of it) unchanged.

The private key files are encrypted PKCS#8 under a passphrase derived from the county's data key, which is
kept outside the data folder (sync/server/data_key.py): a copy of the folder or a stolen disk of it holds no
usable key. An older county's keys in clear are rewritten encrypted, the same keys, when the server opens the
folder (`protect_private_keys`), so nothing they signed or certified changes.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.records.canonical import canonical_json
from desktop.records.fsutil import fsync_dir, write_new_file
from sync import certificates as certs
from sync.identity import StationKey, private_key_pem, read_private_pem
from sync.protocol import b64, make_certificate
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.server.data_key import private_key_passphrase
from sync.server.errors import CountyError, zh
from sync.server.storage import utc_now

KEY_FILE = "county_ed25519.pem"
CERT_FILE = "county_certificate.json"
ROOT_KEY_FILE, ROOT_FILE = "county_root_key.pem", "county_root.pem"
SYNC_CERT_FILE = "county_sync.pem"
DOCUMENT_KEY_FILE, DOCUMENT_CERT_FILE = "county_document_key.pem", "county_document.pem"
ENCRYPTION_CERT_FILE = "county_encryption.pem"
TLS_CERT_FILE, TLS_KEY_FILE = "tls_server.pem", "tls_server_key.pem"
PRIVATE_KEY_FILES = (KEY_FILE, ROOT_KEY_FILE, DOCUMENT_KEY_FILE, TLS_KEY_FILE)  # encrypted (see above)
ROOT_NAME = QT_TRANSLATE_NOOP("County", "{center} root certificate")  # what readers name as the issuer
COUNTY_CENTER = "县法律援助中心"  # the default name: on the county's certificates, and who decided (shown at stations)


class CountyKey:
    """The county's keys (made once by `init`, never replaced) and its certificates."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self._key: StationKey | None = None
        self._root: tuple[ec.EllipticCurvePrivateKey, x509.Certificate] | None = None
        self._passphrase: bytes | None = None

    # -- the private key files, encrypted with a passphrase from the county's data key -----------

    def passphrase(self) -> bytes:
        if self._passphrase is None:
            self._passphrase = private_key_passphrase(self.data_dir)
        return self._passphrase

    def _private(self, key) -> bytes:
        return private_key_pem(key, self.passphrase())

    def _load_private(self, name: str):
        """A private key of the county (an older county's file in clear is rewritten encrypted, the same key)."""
        path = self.data_dir / name
        return read_private_pem(path, path.read_bytes(), self.passphrase())

    def protect_private_keys(self) -> list[str]:
        """Encrypt the private key files an older county left in clear (the same keys); which ones."""
        done = []
        for name in PRIVATE_KEY_FILES:
            path = self.data_dir / name
            if path.is_file() and b"ENCRYPTED" not in path.read_bytes():
                self._load_private(name)
                done.append(name)
        return done

    def init(self, name: str = COUNTY_CENTER) -> dict[str, Any]:
        """Make whatever of the county's keys and certificates is missing; returns the old-format certificate."""
        key_path, cert_path = self.data_dir / KEY_FILE, self.data_dir / CERT_FILE
        if not key_path.exists():
            _write_private(key_path, self._private(Ed25519PrivateKey.generate()))
        key = self.key()
        if not cert_path.exists():
            cert = make_certificate({"kind": "county", "name": name, "public_key": b64(key.public_key_bytes),
                                     "key_id": key.key_id, "issuer_key_id": key.key_id, "issued_at": utc_now()},
                                    key.sign)
            cert_path.write_text(canonical_json(cert), encoding="utf-8")
        name = self.center_name()  # an older county keeps the name it has had on its certificate
        if not (self.data_dir / ROOT_FILE).exists():
            root_key, root = certs.make_root(name, zh(ROOT_NAME, center=name))
            _write_private(self.data_dir / ROOT_KEY_FILE, self._private(root_key))
            _write_public(self.data_dir / ROOT_FILE, certs.pem(root))
        root_key, root = self.root_pair()
        county = certs.Holder(name, center=name)
        if not (self.data_dir / SYNC_CERT_FILE).exists():
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

            public = Ed25519PublicKey.from_public_bytes(self.key().public_key_bytes)
            _write_public(self.data_dir / SYNC_CERT_FILE, certs.pem(certs.issue(root_key, root, public, county,
                                                                                 certs.SYNC)))
        if not (self.data_dir / DOCUMENT_CERT_FILE).exists():
            document_key = ec.generate_private_key(ec.SECP256R1())
            _write_private(self.data_dir / DOCUMENT_KEY_FILE, self._private(document_key))
            _write_public(self.data_dir / DOCUMENT_CERT_FILE,
                          certs.pem(certs.issue(root_key, root, document_key.public_key(), county, certs.DOCUMENT)))
        if not (self.data_dir / ENCRYPTION_CERT_FILE).exists():
            from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

            public = X25519PublicKey.from_public_bytes(key.agreement_public_key)
            _write_public(self.data_dir / ENCRYPTION_CERT_FILE,
                          certs.pem(certs.issue(root_key, root, public, county, certs.ENCRYPTION)))
        return self.certificate()

    @property
    def initialised(self) -> bool:
        return all((self.data_dir / f).exists() for f in (KEY_FILE, CERT_FILE, ROOT_FILE, SYNC_CERT_FILE,
                                                          DOCUMENT_CERT_FILE, ENCRYPTION_CERT_FILE))

    def center_name(self) -> str:
        try:
            return str(self.certificate().get("name") or COUNTY_CENTER)
        except (OSError, ValueError):
            return COUNTY_CENTER

    # -- the sync key (answers, reply bundles) --------------------------------------------------

    def key(self) -> StationKey:
        if self._key is None:
            self._key = StationKey(self._load_private(KEY_FILE))
        return self._key

    def certificate(self) -> dict[str, Any]:
        """The sync key's old-format (JSON) certificate, which stations enrolled before the root pin."""
        return json.loads((self.data_dir / CERT_FILE).read_text(encoding="utf-8"))

    def sync_certificate(self) -> x509.Certificate:
        return certs.load_pem((self.data_dir / SYNC_CERT_FILE).read_bytes())

    def encryption_certificate(self) -> x509.Certificate:
        """The certificate of the key stations seal their bundles to (delivered with their certificates)."""
        return certs.load_pem((self.data_dir / ENCRYPTION_CERT_FILE).read_bytes())

    # -- the root and what it issues ------------------------------------------------------------

    def root(self) -> x509.Certificate:
        return self.root_pair()[1]

    def root_pair(self) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
        if self._root is None:
            key = self._load_private(ROOT_KEY_FILE)
            assert isinstance(key, ec.EllipticCurvePrivateKey)
            self._root = (key, certs.load_pem((self.data_dir / ROOT_FILE).read_bytes()))
        return self._root

    def fingerprint(self) -> str:
        """The root's fingerprint as people compare it (the enrollment sheet, the station's Settings)."""
        return certs.show_fingerprint(certs.fingerprint_hex(self.root()))

    def issue_station(self, holder: certs.Holder, sync_key: bytes,
                      document_key: ec.EllipticCurvePublicKey) -> tuple[x509.Certificate, x509.Certificate]:
        """A station's sync certificate (its Ed25519 key) and document certificate (its P-256 key)."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        root_key, root = self.root_pair()
        holder = certs.Holder(holder.name, holder.code, holder.township, self.center_name())
        return (certs.issue(root_key, root, Ed25519PublicKey.from_public_bytes(sync_key), holder, certs.SYNC),
                certs.issue(root_key, root, document_key, holder, certs.DOCUMENT))

    def document_signer(self):
        """The county's document signer (forms/signing.py): its key and its chain to the root."""
        from forms.signing import DocumentSigner

        key = self._load_private(DOCUMENT_KEY_FILE)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        cert = certs.load_pem((self.data_dir / DOCUMENT_CERT_FILE).read_bytes())
        return DocumentSigner.with_private_key(key, [cert, self.root()])

    # -- TLS -----------------------------------------------------------------------------------

    def make_server_certificate(self, hosts: list[str]) -> tuple[Path, Path]:
        """A TLS certificate under the root for `hosts` (names or addresses), replacing an older one."""
        root_key, root = self.root_pair()
        key = ec.generate_private_key(ec.SECP256R1())
        cert = certs.issue(root_key, root, key.public_key(), certs.Holder(hosts[0], center=self.center_name()),
                           certs.SERVER, hosts=tuple(hosts))
        cert_path, key_path = self.data_dir / TLS_CERT_FILE, self.data_dir / TLS_KEY_FILE
        _write_private(key_path, self._private(key), replace=True)
        _write_public(cert_path, certs.pem(cert) + certs.pem(root))
        return cert_path, key_path

    def server_certificate(self) -> tuple[Path, Path] | None:
        """The TLS certificate made by `tls-cert`, when there is one."""
        cert_path, key_path = self.data_dir / TLS_CERT_FILE, self.data_dir / TLS_KEY_FILE
        return (cert_path, key_path) if cert_path.exists() and key_path.exists() else None

    def tls_options(self, cert_path: Path, key_path: Path) -> dict[str, str]:
        """uvicorn's TLS options: the county's own TLS key file is encrypted, so its passphrase goes with it (an
        installer's own key file is used as it is)."""
        options = {"ssl_certfile": str(cert_path), "ssl_keyfile": str(key_path)}
        if Path(key_path).resolve() == (self.data_dir / TLS_KEY_FILE).resolve() and \
                b"ENCRYPTED" in Path(key_path).read_bytes():
            options["ssl_keyfile_password"] = self.passphrase().decode("ascii")
        return options

    def check_server_certificate(self, cert_path: Path) -> x509.Certificate:
        """The county's own TLS certificate, refused unless the root issued it (stations would refuse it)."""
        try:
            cert = certs.load_pem_chain(Path(cert_path).read_bytes())[0]
            return certs.check_issued(cert, self.root(), certs.SERVER)
        except (OSError, IndexError, certs.CertificateError) as exc:
            raise CountyError(f"{cert_path} is not a server certificate issued by this county's root ({exc}); "
                              "stations pin the root and would refuse it. Make one with "
                              "`python -m sync.server tls-cert --host NAME`.") from exc


def _write_private(path: Path, content: bytes, replace: bool = False) -> None:
    """A private key, readable by the server's account only, written whole (temp, fsync, rename); never
    over an existing key unless `replace` (only the TLS key is ever replaced)."""
    if path.exists() and not replace:
        raise CountyError(f"{path} exists already; a county key is never replaced")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    write_new_file(tmp, content, 0o600)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def _write_public(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    write_new_file(tmp, text.encode("ascii"), 0o644)
    os.replace(tmp, path)
    fsync_dir(path.parent)
