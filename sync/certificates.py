"""The county's certificates (X.509 with `cryptography.x509`; both ends use this module).

The county root (ECDSA P-256, self-signed, a CA for nothing but the county's own certificates) is the
one trust anchor. Under it, one level deep, the county issues:

    station sync       the station's Ed25519 key: signed requests, attachment manifests, bundles
    station document   the station's ECDSA P-256 key: PDF signatures every common reader checks
    county sync        the county's Ed25519 key: signed answers and reply bundles
    county document    the county's ECDSA P-256 key: the county's own documents
    server             the county server's TLS certificate, for its host names and addresses
    county encryption  the county's X25519 key: stations seal their USB bundles to it (sync/sealed.py)

A station certificate names the station in its subject: CN = station name, OU = station code,
L = township, O = the county center. What a certificate may do is its key usage and extended key
usage, so a sync certificate can never pass for a document one. Every chain is exactly
root -> certificate, checked with `verify_directly_issued_by` and the validity dates.

People compare the root by its fingerprint (SHA-256 of its DER bytes), printed in groups of four on
the county's enrollment sheet; `normalise_fingerprint` accepts it typed with or without spaces,
colons or dashes, in either case.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")  # RFC 9336 id-kp-documentSigning
# Readers that check usages ask for email protection (NSS/poppler's "email signer") or accept
# document signing (Adobe, pyHanko): a document certificate carries both.
DOCUMENT_USAGES = (DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION)

QR_PREFIX = "LAROOT1:"  # what the enrollment sheet's QR code holds before the fingerprint
SYNC, DOCUMENT, SERVER, ENCRYPTION = "sync", "document", "server", "encryption"
ROOT_YEARS, LEAF_YEARS, SERVER_YEARS = 30, 10, 5
RENEW_BEFORE = dt.timedelta(days=60)  # a station asks for a new document certificate this long before expiry


class CertificateError(ValueError):
    """A certificate that is damaged, expired, of the wrong kind, or not issued by the pinned root."""


@dataclass(frozen=True)
class Holder:
    """Who a certificate names: a station (code set) or the county center (code "")."""

    name: str
    code: str = ""
    township: str = ""
    center: str = ""

    @property
    def is_county(self) -> bool:
        return not self.code


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# -- reading and comparing ------------------------------------------------------------------------

def load_pem(data: bytes | str) -> x509.Certificate:
    """One PEM certificate; CertificateError when it is not one."""
    try:
        return x509.load_pem_x509_certificate(data.encode("ascii") if isinstance(data, str) else data)
    except (ValueError, TypeError, UnicodeEncodeError) as exc:
        raise CertificateError(f"not a PEM certificate: {exc}") from exc


def load_pem_chain(data: bytes | str) -> list[x509.Certificate]:
    try:
        return x509.load_pem_x509_certificates(data.encode("ascii") if isinstance(data, str) else data)
    except (ValueError, TypeError, UnicodeEncodeError) as exc:
        raise CertificateError(f"not PEM certificates: {exc}") from exc


def pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def fingerprint_hex(cert: x509.Certificate) -> str:
    """Lower-case hex SHA-256 of the certificate's DER bytes (64 digits)."""
    return cert.fingerprint(hashes.SHA256()).hex()


def show_fingerprint(hex_digits: str) -> str:
    """'AB12 CD34 …': sixteen groups of four, as printed on the enrollment sheet and shown in Settings."""
    head = hex_digits.upper()
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


def normalise_fingerprint(text: str) -> str | None:
    """The 64 hex digits of a typed or scanned fingerprint (spaces, colons, dashes and case ignored, and the
    enrollment sheet's QR prefix); None when it is not exactly a SHA-256 fingerprint."""
    text = (text or "").strip()
    if text.upper().startswith(QR_PREFIX):
        text = text[len(QR_PREFIX):]
    compact = re.sub(r"[\s:\-]", "", text)
    return compact.lower() if re.fullmatch(r"[0-9A-Fa-f]{64}", compact) else None


def holder_of(cert: x509.Certificate) -> Holder:
    def first(oid: ObjectIdentifier) -> str:
        values = cert.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    return Holder(first(NameOID.COMMON_NAME), first(NameOID.ORGANIZATIONAL_UNIT_NAME), first(NameOID.LOCALITY_NAME),
                  first(NameOID.ORGANIZATION_NAME))


def x25519_key_of(cert: x509.Certificate) -> bytes:
    """The raw 32-byte X25519 public key an encryption certificate certifies; CertificateError otherwise."""
    key = cert.public_key()
    if not isinstance(key, X25519PublicKey):
        raise CertificateError("the certificate is not for an X25519 (encryption) key")
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def ed25519_key_of(cert: x509.Certificate) -> bytes:
    """The raw 32-byte Ed25519 public key a sync certificate certifies; CertificateError otherwise."""
    key = cert.public_key()
    if not isinstance(key, Ed25519PublicKey):
        raise CertificateError("the certificate is not for an Ed25519 (sync) key")
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_der(cert_or_key) -> bytes:
    key = cert_or_key.public_key() if isinstance(cert_or_key, x509.Certificate) else cert_or_key
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def purpose_of(cert: x509.Certificate) -> str | None:
    """SYNC, DOCUMENT or SERVER by the certificate's extended key usage, ENCRYPTION for an X25519 key made for
    key agreement only; None for anything else."""
    if isinstance(cert.public_key(), X25519PublicKey):
        try:
            usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        except x509.ExtensionNotFound:
            return None
        return ENCRYPTION if usage.key_agreement and not usage.digital_signature else None
    try:
        usages = set(cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)
    except x509.ExtensionNotFound:
        return None
    if DOCUMENT_SIGNING in usages:
        return DOCUMENT
    if ExtendedKeyUsageOID.SERVER_AUTH in usages:
        return SERVER
    if ExtendedKeyUsageOID.CLIENT_AUTH in usages:
        return SYNC
    return None


def check_issued(cert: x509.Certificate, root: x509.Certificate, purpose: str | None = None,
                 now: dt.datetime | None = None) -> x509.Certificate:
    """`cert` itself when the root signed it, it is valid now and (with `purpose`) made for that;
    CertificateError saying which of these fails."""
    try:
        cert.verify_directly_issued_by(root)
    except (InvalidSignature, ValueError, TypeError) as exc:
        raise CertificateError("the certificate was not issued by the county root") from exc
    now = now or utc_now()
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise CertificateError(f"the certificate is valid only from {cert.not_valid_before_utc:%Y-%m-%d} "
                               f"to {cert.not_valid_after_utc:%Y-%m-%d}")
    if purpose is not None and purpose_of(cert) != purpose:
        raise CertificateError(f"the certificate is not a {purpose} certificate")
    return cert


def check_root(root: x509.Certificate) -> x509.Certificate:
    """A county root: self-signed, a CA, ECDSA P-256."""
    if root.issuer != root.subject or not isinstance(root.public_key(), ec.EllipticCurvePublicKey):
        raise CertificateError("not a county root certificate")
    try:
        root.verify_directly_issued_by(root)
        ca = root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except (InvalidSignature, ValueError, TypeError, x509.ExtensionNotFound) as exc:
        raise CertificateError("not a county root certificate") from exc
    if not ca:
        raise CertificateError("not a county root certificate")
    return root


# -- making (the county) -------------------------------------------------------------------------

def subject(holder: Holder) -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "CN")]
    if holder.township:
        parts.append(x509.NameAttribute(NameOID.LOCALITY_NAME, holder.township))
    if holder.center:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, holder.center))
    if holder.code:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, holder.code))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, holder.name))
    return x509.Name(parts)


def make_root(center: str, common_name: str = "", now: dt.datetime | None = None,
              ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A new county root key and its self-signed certificate (CN `common_name`, else the center's name)."""
    now = now or utc_now()
    key = ec.generate_private_key(ec.SECP256R1())
    name = subject(Holder(common_name or center, center=center))
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=365 * ROOT_YEARS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_key_usage(cert_sign=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return key, cert


def issue(root_key: ec.EllipticCurvePrivateKey, root: x509.Certificate, public_key, holder: Holder, purpose: str, *,
          hosts: tuple[str, ...] = (), now: dt.datetime | None = None) -> x509.Certificate:
    """A certificate from the root for `public_key`: SYNC (Ed25519), DOCUMENT (P-256) or SERVER (`hosts`)."""
    now = now or utc_now()
    years = SERVER_YEARS if purpose == SERVER else LEAF_YEARS
    not_after = min(now + dt.timedelta(days=365 * years), root.not_valid_after_utc)
    builder = (x509.CertificateBuilder().subject_name(subject(holder)).issuer_name(root.subject)
               .public_key(public_key).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(not_after)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root.public_key()), critical=False))
    if purpose == DOCUMENT:
        builder = (builder.add_extension(_key_usage(non_repudiation=True), critical=True)
                   .add_extension(x509.ExtendedKeyUsage(list(DOCUMENT_USAGES)), critical=False))
    elif purpose == SYNC:
        builder = (builder.add_extension(_key_usage(), critical=True)
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False))
    elif purpose == ENCRYPTION:
        builder = builder.add_extension(_key_usage(key_agreement=True, signing=False), critical=True)
    elif purpose == SERVER:
        if not hosts:
            raise ValueError("a server certificate needs at least one host name or address")
        builder = (builder.add_extension(_key_usage(key_agreement=isinstance(public_key, ec.EllipticCurvePublicKey)),
                                         critical=True)
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                   .add_extension(x509.SubjectAlternativeName([_general_name(h) for h in hosts]), critical=False))
    else:
        raise ValueError(f"unknown certificate purpose {purpose!r}")
    return builder.sign(root_key, hashes.SHA256())


def check_request(csr_pem: bytes | str) -> ec.EllipticCurvePublicKey:
    """The P-256 public key of a station's certificate request, whose signature proves it holds the key."""
    try:
        csr = x509.load_pem_x509_csr(csr_pem.encode("ascii") if isinstance(csr_pem, str) else csr_pem)
    except (ValueError, TypeError, UnicodeEncodeError) as exc:
        raise CertificateError(f"not a certificate request: {exc}") from exc
    key = csr.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise CertificateError("the document key is not an ECDSA P-256 key")
    if not csr.is_signature_valid:
        raise CertificateError("the certificate request's signature does not verify")
    return key


def _key_usage(*, cert_sign: bool = False, non_repudiation: bool = False, key_agreement: bool = False,
               signing: bool = True) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=signing and not cert_sign, content_commitment=non_repudiation, key_encipherment=False,
                         data_encipherment=False, key_agreement=key_agreement, key_cert_sign=cert_sign,
                         crl_sign=cert_sign, encipher_only=False, decipher_only=False)


def _general_name(host: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        return x509.DNSName(host)


def private_pem(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())
