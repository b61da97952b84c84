"""The station's identity: its Ed25519 key pair (sync), its ECDSA P-256 document key (PDF signatures),
both made on first run, and signature checks.

The private key never leaves the station and is reached only through
`StationKey` (sign, public key, key id), so that a hardware token or the OS
key store could later replace the file kept here without touching any caller.

The key file is PEM (PKCS#8), encrypted with a passphrase the caller derives from
the station's data key (desktop/services.py: a stolen disk holds no usable key),
written once: temp file, fsync, then published without ever replacing an existing
key (a key that is replaced orphans every signature it made), readable by the
owner only. A file of an earlier version, in clear, is rewritten encrypted (the
same key) the first time it is opened with a passphrase.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from desktop.records.fsutil import fsync_dir, write_new_file
from desktop.records.streamseal import derive

log = logging.getLogger(__name__)

KEY_FILE = "station_ed25519.pem"
PUBLIC_KEY_FILE = "station_ed25519.pub"
DOCUMENT_KEY_FILE = "station_document_p256.pem"
AGREEMENT_INFO = b"legal-aid X25519 agreement key"  # the HKDF purpose that derives the holder's X25519 key


class KeyFileError(Exception):
    """The station's key file exists but cannot be used. Never answered by making a new key."""


class StationKey:
    """The station's signing key. Build it with `load_or_create` (or `generate` for a throwaway key)."""

    def __init__(self, private_key: Ed25519PrivateKey, path: Path | None = None):
        self._private_key = private_key
        self.path = path
        self.public_key_bytes: bytes = private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.key_id: str = key_id_of(self.public_key_bytes)
        self._agreement_key: X25519PrivateKey | None = None

    @classmethod
    def generate(cls) -> "StationKey":
        """A new key kept in memory only (tests, and the enrollment flow before it is saved)."""
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def load_or_create(cls, keys_dir: Path, passphrase: bytes | None = None) -> "StationKey":
        """The station's key from `keys_dir`, made and saved there on first run (encrypted with `passphrase`).

        Raises KeyFileError when a key file is there but unreadable or damaged:
        the station must then restore it from a backup, not silently get a new identity.
        """
        keys_dir = Path(keys_dir)
        path = keys_dir / KEY_FILE
        if path.exists():
            return cls._load(path, passphrase)
        keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = Ed25519PrivateKey.generate()
        if not _publish_once(path, private_key_pem(key, passphrase), 0o600):
            return cls._load(path, passphrase)  # another process made the key first: use theirs
        station_key = cls(key, path)
        try:  # a convenience copy for people and for enrollment; the private file is the source of truth
            public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                                       serialization.PublicFormat.SubjectPublicKeyInfo)
            _publish_once(keys_dir / PUBLIC_KEY_FILE, public_pem, 0o644)
        except OSError as exc:
            log.warning("could not write the public key beside %s: %s", path, exc)
        log.info("made the station key %s in %s", station_key.fingerprint(), keys_dir)
        return station_key

    @classmethod
    def _load(cls, path: Path, passphrase: bytes | None = None) -> "StationKey":
        try:
            pem = path.read_bytes()
        except OSError as exc:
            raise KeyFileError(f"The station key file {path} cannot be read ({exc.strerror or exc}). "
                               "Check its permissions; do not delete it, signatures depend on it.") from exc
        try:
            key = read_private_pem(path, pem, passphrase)
        except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
            raise KeyFileError(f"The station key file {path} is damaged or is not a station key ({exc}). "
                               "Restore it from a backup; a new key would not match the existing signatures.") from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyFileError(f"The station key file {path} holds a {type(key).__name__}, not an Ed25519 key. "
                               "Restore the station's own key file from a backup.")
        _restrict(path, 0o600)
        return cls(key, path)

    def sign(self, data: bytes) -> bytes:
        """The 64-byte Ed25519 signature of `data`."""
        return self._private_key.sign(data)

    def _agreement(self) -> X25519PrivateKey:
        """The holder's X25519 key, derived from the Ed25519 key with HKDF (an independent key, not the same
        scalar): what bundles are sealed to, kept wherever the signing key is kept, with no file of its own."""
        if self._agreement_key is None:
            seed = self._private_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                                   serialization.NoEncryption())
            self._agreement_key = X25519PrivateKey.from_private_bytes(
                derive(seed, AGREEMENT_INFO))
        return self._agreement_key

    @property
    def agreement_public_key(self) -> bytes:
        """The raw X25519 public key bundles for this holder are sealed to (sync/sealed.py)."""
        return self._agreement().public_key().public_bytes(serialization.Encoding.Raw,
                                                            serialization.PublicFormat.Raw)

    def agree(self, peer_public_key: bytes) -> bytes:
        """The X25519 shared secret with a peer's raw public key (ValueError when it is not one)."""
        return self._agreement().exchange(X25519PublicKey.from_public_bytes(bytes(peer_public_key)))

    def fingerprint(self) -> str:
        """The key for people to compare (settings page, county enrollment): "AB12 CD34 ..." (8 groups)."""
        return fingerprint_of(self.key_id)

    def __repr__(self) -> str:  # never the private key
        return f"StationKey({self.fingerprint()!r})"


class DocumentKey:
    """The key that signs the station's PDFs (ECDSA P-256, which every common PDF reader checks; the county
    certifies it at enrollment). Like `StationKey` it only signs: the private key never leaves this object."""

    def __init__(self, private_key: ec.EllipticCurvePrivateKey, path: Path | None = None):
        self._private_key = private_key
        self.path = path
        self.public_key = private_key.public_key()

    @classmethod
    def generate(cls) -> "DocumentKey":
        return cls(ec.generate_private_key(ec.SECP256R1()))

    @classmethod
    def load_or_create(cls, keys_dir: Path, passphrase: bytes | None = None) -> "DocumentKey":
        """The document key from `keys_dir`, made there on first use, encrypted with `passphrase`
        (KeyFileError when it is damaged)."""
        path = Path(keys_dir) / DOCUMENT_KEY_FILE
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            key = ec.generate_private_key(ec.SECP256R1())
            if _publish_once(path, private_key_pem(key, passphrase), 0o600):
                return cls(key, path)
        return cls(_load_private_key(path, ec.EllipticCurvePrivateKey, "ECDSA P-256", passphrase), path)

    def sign(self, data: bytes) -> bytes:
        """The DER ECDSA signature (SHA-256) of `data`, as CMS carries it."""
        return self._private_key.sign(data, ec.ECDSA(hashes.SHA256()))

    def certificate_request(self, common_name: str) -> bytes:
        """A PEM certificate request for this key (its signature proves the station holds the key)."""
        from cryptography import x509
        from cryptography.x509.oid import NameOID

        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name or "station")])
        csr = x509.CertificateSigningRequestBuilder().subject_name(name).sign(self._private_key, hashes.SHA256())
        return csr.public_bytes(serialization.Encoding.PEM)

    def public_key_der(self) -> bytes:
        return self.public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)

    def __repr__(self) -> str:
        return f"DocumentKey({self.path})"


def private_key_pem(key, passphrase: bytes | None) -> bytes:
    encryption = (serialization.BestAvailableEncryption(passphrase) if passphrase
                  else serialization.NoEncryption())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


def read_private_pem(path: Path, pem: bytes, passphrase: bytes | None):
    """The key in `pem`; a file in clear (an earlier version's) is rewritten encrypted when a passphrase is
    given, the same key, so nothing it signed changes."""
    if passphrase and b"ENCRYPTED" not in pem:
        key = serialization.load_pem_private_key(pem, password=None)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        write_new_file(tmp, private_key_pem(key, passphrase), 0o600)
        os.replace(tmp, path)
        fsync_dir(path.parent)
        log.info("encrypted the private key file %s", path)
        return key
    return serialization.load_pem_private_key(pem, password=passphrase if b"ENCRYPTED" in pem else None)


def _load_private_key(path: Path, kind: type, label: str, passphrase: bytes | None = None):
    try:
        pem = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"The key file {path} cannot be read ({exc.strerror or exc}).") from exc
    try:
        key = read_private_pem(path, pem, passphrase)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise KeyFileError(f"The key file {path} is damaged ({exc}). Restore it from a backup.") from exc
    if not isinstance(key, kind):
        raise KeyFileError(f"The key file {path} holds a {type(key).__name__}, not an {label} key.")
    _restrict(path, 0o600)
    return key


def key_id_of(public_key_bytes: bytes) -> str:
    """Hex SHA-256 of the raw 32-byte public key: the key's stable id."""
    return hashlib.sha256(public_key_bytes).hexdigest()


def fingerprint_of(key_id: str) -> str:
    head = key_id[:32].upper()
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


def verify_signature(public_key_bytes: bytes, signature: bytes, data: bytes) -> bool:
    """True when `signature` is a valid Ed25519 signature of `data` by that public key; False otherwise."""
    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key_bytes)).verify(bytes(signature), bytes(data))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _publish_once(path: Path, content: bytes, mode: int) -> bool:
    """Write `content` to `path` durably unless `path` already exists; False when it did.

    Temp file (created with `mode`, so never readable by others even briefly),
    fsync, then a hard link that fails if the target exists (two first runs
    at once cannot overwrite each other's key). Where hard links are not
    supported (FAT32 USB sticks), os.replace after a last existence check.
    """
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        write_new_file(tmp, content, mode)
        _restrict(tmp, mode)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except (OSError, NotImplementedError, AttributeError):
            if path.exists():
                return False
            os.replace(tmp, path)
        fsync_dir(path.parent)
        return True
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


def _restrict(path: Path, mode: int) -> None:
    """chmod, best effort: on Windows only the read-only bit exists (the profile folder's ACL protects the key)."""
    try:
        os.chmod(path, mode)
    except OSError as exc:
        log.warning("could not set permissions %o on %s: %s", mode, path, exc)


