"""Signing printed PDFs with the station's key (PAdES baseline, pyHanko), and checking them.

The station key is Ed25519 (sync/identity.py StationKey). Its private key is never
read here: the certificate and the PDF signature are both made through
`StationKey.sign`, the only signing operation the key offers.

Until the county issues the station a certificate (enrollment, a later issue), the
station certifies its own key: a self-signed X.509 certificate, CN = station name,
O = county legal-aid center, OU = station code, built deterministically from the key
(the same key and names always give the same certificate). A PDF reader then shows
"signed by 某某镇法律援助工作站, unaltered since signing", but marks the signer as not
trusted until the county's certificate (or this one) is trusted: the trust anchor is
the county's enrolled copy of the station's public key.

pyHanko supports Ed25519 in CMS (RFC 8419: digest SHA-512, the signature over the
signed attributes); its validator checks it with `cryptography`.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from asn1crypto import algos, x509 as asn1_x509
from asn1crypto import pem as asn1_pem

from .context import RenderContext

NOT_BEFORE = datetime(2024, 1, 1, tzinfo=timezone.utc)
NOT_AFTER = datetime(2049, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
FIELD_NAME = "StationSignature"


def station_certificate(signer: Any, station_name: str, center_name: str,
                        station_code: str = "") -> asn1_x509.Certificate:
    """A self-signed certificate for the station's Ed25519 public key (signed through `signer.sign`)."""
    name = asn1_x509.Name.build({
        "common_name": station_name or "法律援助工作站",
        "organization_name": center_name or "法律援助中心",
        **({"organizational_unit_name": station_code} if station_code else {}),
        "country_name": "CN",
    }, use_printable=False)
    public = bytes(signer.public_key_bytes)
    serial = int.from_bytes(hashlib.sha256(public + name.dump()).digest()[:16], "big") >> 1
    key_id = hashlib.sha1(public).digest()
    tbs = asn1_x509.TbsCertificate({
        "version": "v3",
        "serial_number": serial,
        "signature": {"algorithm": "ed25519"},
        "issuer": name,
        "validity": {"not_before": asn1_x509.Time({"utc_time": NOT_BEFORE}),
                     "not_after": asn1_x509.Time({"general_time": NOT_AFTER})},
        "subject": name,
        "subject_public_key_info": {"algorithm": {"algorithm": "ed25519"}, "public_key": public},
        "extensions": [
            {"extn_id": "basic_constraints", "critical": True, "extn_value": {"ca": True}},
            {"extn_id": "key_usage", "critical": True,
             "extn_value": {"digital_signature", "non_repudiation", "key_cert_sign"}},
            {"extn_id": "key_identifier", "critical": False, "extn_value": key_id},
            {"extn_id": "extended_key_usage", "critical": False,
             "extn_value": ["1.3.6.1.5.5.7.3.36"]},  # document signing
        ],
    })
    signature = signer.sign(tbs.dump())
    return asn1_x509.Certificate({"tbs_certificate": tbs, "signature_algorithm": {"algorithm": "ed25519"},
                                  "signature_value": signature})


def certificate_pem(certificate: asn1_x509.Certificate) -> bytes:
    return asn1_pem.armor("CERTIFICATE", certificate.dump())


def load_certificate(data: bytes) -> asn1_x509.Certificate:
    if asn1_pem.detect(data):
        _, _, data = asn1_pem.unarmor(data)
    return asn1_x509.Certificate.load(data)


def _pyhanko_signer(signer: Any, certificate: asn1_x509.Certificate):
    from pyhanko.sign.signers.pdf_cms import Signer

    class StationKeySigner(Signer):
        """A pyHanko signer whose only private operation is StationKey.sign (Ed25519)."""

        def __init__(self):
            super().__init__(signing_cert=certificate,
                             signature_mechanism=algos.SignedDigestAlgorithm({"algorithm": "ed25519"}))

        async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
            return bytes(64) if dry_run else signer.sign(data)

    return StationKeySigner()


def certificate_for(signer: Any, context: RenderContext) -> asn1_x509.Certificate:
    if context.certificate_pem:
        return load_certificate(context.certificate_pem)
    settings = context.settings
    return station_certificate(signer, settings.station_name, context.center, settings.station_code)


def sign_pdf(pdf: bytes, signer: Any, context: RenderContext | None = None, *, reason: str = "",
             certificate: asn1_x509.Certificate | None = None) -> bytes:
    """`pdf` with an invisible PAdES signature by the station key appended (incremental update)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    context = context or RenderContext()
    certificate = certificate or certificate_for(signer, context)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha512", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or "法律援助工作站出具", location=context.settings.township or None,
        name=context.settings.station_name or None)
    out = signers.PdfSigner(meta, signer=_pyhanko_signer(signer, certificate)).sign_pdf(writer)
    return out.getvalue()


@dataclass(frozen=True)
class SignatureCheck:
    signed: bool  # a signature is there at all
    intact: bool  # the signed bytes are unchanged and the signature is mathematically valid
    trusted: bool  # the signer's certificate chains to a trusted certificate
    covers_whole_file: bool  # nothing was added after the signature
    signer: str  # the certificate's subject (station name)
    message: str  # plain Chinese

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.covers_whole_file


def verify_pdf(pdf: bytes, trusted: list[asn1_x509.Certificate] | None = None) -> SignatureCheck:
    """Check the PDF's last signature with pyHanko's validator.

    `trusted`: certificates to trust (the county's, or the station's own); without them
    the signature can be intact but not trusted.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation import SignatureCoverageLevel
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001 - a damaged file is a failed check, not a crash
        return SignatureCheck(False, False, False, False, "", f"文件已损坏，无法读取签名：{exc}")
    if not signatures:
        return SignatureCheck(False, False, False, False, "", "文件没有数字签名。")
    embedded = signatures[-1]
    try:
        context = ValidationContext(trust_roots=list(trusted or []), allow_fetching=False)
        status = validate_pdf_signature(embedded, context)
    except (SignatureValidationError, ValueError, KeyError, TypeError) as exc:
        return SignatureCheck(True, False, False, False, "", f"签名无效：{exc}")
    except Exception as exc:  # noqa: BLE001
        return SignatureCheck(True, False, False, False, "", f"签名无法验证：{exc}")
    subject = status.signing_cert.subject.native.get("common_name", "") if status.signing_cert else ""
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    intact = bool(status.intact and status.valid)
    if not intact:
        message = "签名与文件内容不符：文件在签名后被改动过。"
    elif not whole:
        message = "签名有效，但签名之后文件又被追加了内容。"
    elif status.trusted:
        message = f"签名有效：文件自“{subject}”签署后未被改动，签名证书可信。"
    else:
        message = f"签名有效：文件自“{subject}”签署后未被改动（签名证书尚未被信任）。"
    return SignatureCheck(True, intact, bool(status.trusted), whole, subject, message)
