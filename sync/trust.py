"""What this station trusts (Qt-free): the county root it pinned at enrollment, and what the root certified.

A station enrolled under the root keeps four PEM certificates in sync_state: the root, the county's
sync certificate (its Ed25519 key signs every answer), the station's sync certificate (its own
Ed25519 key, code, name, township) and its document certificate (the P-256 key that signs PDFs).
A station enrolled before the root existed keeps the county's old JSON certificate and its own; its
next sync asks the county for the X.509 ones (`renewal_request` / `pin_certificates`), and the answer
is believed because the county key it already pins signed it.

Over the network every https connection checks the server's certificate against the pinned root
only (`sync.transport.county_session`), never the computer's list of public authorities; plain http is refused
except to this computer itself (`check_server_url`).
"""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from cryptography import x509

from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync import certificates as certs
from sync.errors import SyncError
from sync.identity import DocumentKey, StationKey, key_id_of
from sync.protocol import unb64, verify_county_certificate
from sync.state import (S_COUNTY_CERT, S_COUNTY_ENCRYPTION_CERT, S_COUNTY_ROOT, S_COUNTY_SYNC_CERT, S_DOCUMENT_CERT,
                        S_STATION_CERT, get_state, set_state)

PLAIN_HTTP = QT_TRANSLATE_NOOP("Sync", "The server address {url} is not secure (http://). Use the https:// address "
                                       "on the county's enrollment sheet.")
BAD_ADDRESS = QT_TRANSLATE_NOOP("Sync", "{url} is not a server address. Use the https:// address on the county's "
                                        "enrollment sheet.")
NOT_PINNED_ROOT = QT_TRANSLATE_NOOP("Sync", "The certificates the county sent are not issued by the county root this "
                                            "station trusts; nothing was changed.")
DAMAGED_TRUST = QT_TRANSLATE_NOOP("Sync", "The county certificates kept on this computer are damaged; contact the "
                                          "county to enroll again.")


@dataclass(frozen=True)
class Pinned:
    """What the station trusts, whichever way it was enrolled."""

    county_key: bytes  # the Ed25519 key that signs the county's answers and reply bundles
    station: certs.Holder  # this station as the county certified it
    station_key: bytes  # the Ed25519 key the county enrolled for it
    root: x509.Certificate | None = None  # None: enrolled before the root (old JSON certificates)
    document: x509.Certificate | None = None  # the station's document certificate, once it has one
    county_encryption_key: bytes | None = None  # the county's X25519 key that bundles are sealed to, once pinned

    @property
    def county_key_id(self) -> str:
        return key_id_of(self.county_key)

    def fingerprint(self) -> str:
        """The county's fingerprint as people compare it: the root's, else the old county key's."""
        if self.root is not None:
            return certs.show_fingerprint(certs.fingerprint_hex(self.root))
        return certs.show_fingerprint(self.county_key_id[:32])


def pinned(db) -> Pinned | None:
    """What this station pinned (None: not enrolled). Raises SyncError when what is kept is damaged."""
    station_text = get_state(db, S_STATION_CERT)
    if station_text is None:
        return None
    try:
        root_text = get_state(db, S_COUNTY_ROOT)
        if root_text is None:
            county_cert = json.loads(get_state(db, S_COUNTY_CERT) or "")
            station_cert = json.loads(station_text)
            return Pinned(verify_county_certificate(county_cert),
                          certs.Holder(str(station_cert.get("name", "")), str(station_cert.get("station_code", "")),
                                       str(station_cert.get("township", ""))),
                          unb64(str(station_cert.get("public_key", ""))))
        root = certs.check_root(certs.load_pem(root_text))
        county = certs.check_issued(certs.load_pem(get_state(db, S_COUNTY_SYNC_CERT) or ""), root, certs.SYNC)
        station = certs.check_issued(certs.load_pem(station_text), root, certs.SYNC)
        document_text = get_state(db, S_DOCUMENT_CERT)
        document = certs.load_pem(document_text) if document_text else None
        encryption_text = get_state(db, S_COUNTY_ENCRYPTION_CERT)
        encryption = certs.x25519_key_of(certs.check_issued(certs.load_pem(encryption_text), root, certs.ENCRYPTION)) \
            if encryption_text else None
        return Pinned(certs.ed25519_key_of(county), certs.holder_of(station), certs.ed25519_key_of(station), root,
                      document, encryption)
    except (ValueError, TypeError, AttributeError) as exc:
        raise SyncError(DAMAGED_TRUST, code="not_enrolled", detail=f"the pinned certificates are damaged: {exc}") from exc


def needs_certificates(trust: Pinned) -> bool:
    """True when the station should ask the county for its X.509 certificates: it has none yet (enrolled
    before the root) or not the county's encryption certificate (enrolled before bundles were sealed), or its
    document certificate ends within certs.RENEW_BEFORE."""
    if trust.root is None or trust.document is None or trust.county_encryption_key is None:
        return True
    return trust.document.not_valid_after_utc - certs.utc_now() < certs.RENEW_BEFORE


def enrollment_fields(document_key: DocumentKey, station_code: str) -> dict[str, str]:
    """What a station adds to an enrollment or renewal request for its document key: a certificate request."""
    return {"document_request": document_key.certificate_request(station_code).decode("ascii")}


def check_answer(answer: Any, key: StationKey, document_key: DocumentKey, station_code: str, *,
                 root_fingerprint: str | None = None, county_key: bytes | None = None) -> dict[str, x509.Certificate]:
    """The county's certificates from an enrollment or renewal answer, each checked: the root is the one
    the installer's fingerprint names (or, renewing, the county key already pinned is certified under it),
    and the station's certificates are for this station's two keys and code. ValueError otherwise, with
    the reason; `OtherStation` when the certificate names another station."""
    if not isinstance(answer, dict):
        raise ValueError("the answer is not an object")
    found = {name: certs.load_pem(str(answer.get(name, ""))) for name in
             ("root", "county_sync_certificate", "station_certificate", "document_certificate")}
    root = certs.check_root(found["root"])
    if root_fingerprint is not None and certs.fingerprint_hex(root) != root_fingerprint:
        raise WrongRoot("the root is not the one the enrollment sheet names")
    county = certs.check_issued(found["county_sync_certificate"], root, certs.SYNC)
    if county_key is not None and certs.ed25519_key_of(county) != county_key:
        raise certs.CertificateError("the root does not certify the county key this station pins")
    station = certs.check_issued(found["station_certificate"], root, certs.SYNC)
    document = certs.check_issued(found["document_certificate"], root, certs.DOCUMENT)
    if answer.get("county_encryption_certificate"):  # a county of the program before sealed bundles sends none
        found["county_encryption_certificate"] = certs.check_issued(
            certs.load_pem(str(answer["county_encryption_certificate"])), root, certs.ENCRYPTION)
    if certs.ed25519_key_of(station) != key.public_key_bytes:
        raise NotThisKey("the station certificate is not for this computer's key")
    if certs.public_key_der(document) != document_key.public_key_der():
        raise NotThisKey("the document certificate is not for this computer's document key")
    holder = certs.holder_of(station)
    if holder.code != station_code or certs.holder_of(document).code != station_code:
        raise OtherStation(holder.code)
    return found


class WrongRoot(certs.CertificateError):
    """The root is not the one the installer's fingerprint names."""


class NotThisKey(certs.CertificateError):
    """A certificate is for another key than this computer's."""


class OtherStation(ValueError):
    def __init__(self, code: str):
        super().__init__(f"the certificate is for station {code}")
        self.code = code


def pin_certificates(conn, found: dict[str, x509.Certificate]) -> None:
    """Keep the checked certificates, inside the caller's write transaction."""
    for key, name in ((S_COUNTY_ROOT, "root"), (S_COUNTY_SYNC_CERT, "county_sync_certificate"),
                      (S_STATION_CERT, "station_certificate"), (S_DOCUMENT_CERT, "document_certificate"),
                      (S_COUNTY_ENCRYPTION_CERT, "county_encryption_certificate")):
        if name in found:
            set_state(conn, key, certs.pem(found[name]))


# -- the network ------------------------------------------------------------------------------------

def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


MAX_ADDRESS_CHARS = 200  # a server's address: a scheme, a host name (at most 253), a port


def check_server_url(url: str) -> str:
    """`url` without a trailing slash; SyncError for plain http to another computer, or not an address."""
    url = (url or "").strip().rstrip("/")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not one
        host = parts.hostname
    except ValueError:  # "https://[::1" and the like: said as any address that is not one, never in English
        host = None
    if (not host or len(url) > MAX_ADDRESS_CHARS or parts.scheme not in ("http", "https") or len(host) > 253
            or any(not 0 < len(label) <= 63 for label in host.rstrip(".").split("."))):
        shown = url if len(url) <= 80 else url[:80] + "…"
        raise SyncError(BAD_ADDRESS, {"url": shown}, code="bad_address", detail=f"not a server address: {shown!r}")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise SyncError(PLAIN_HTTP, {"url": url}, code="plain_http", detail=f"refused plain http to {parts.hostname}")
    return url


def secure_url(url: str) -> str:
    """An address kept from before TLS (http:// to another computer) as https:// on the same host and port:
    the county server serves TLS where it served plain http."""
    parts = urlsplit((url or "").strip())
    if parts.scheme == "http" and parts.hostname and not is_loopback(parts.hostname):
        return urlunsplit(("https", parts.netloc, parts.path, parts.query, parts.fragment)).rstrip("/")
    return (url or "").rstrip("/")
