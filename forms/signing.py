"""Signing printed PDFs with a county-issued document certificate (PAdES, pyHanko), and checking them.

The signer is a station's (or the county's) ECDSA P-256 document key with the certificate the county
root issued for it, embedded with the root in the signature, so any reader that is given the root
(`pdfsig`, Acrobat, pyHanko, `python -m forms verify --root`) validates the chain and names who
signed. The key itself is never read here: a `DocumentSigner` only offers `sign`. The signing time is
in the signature; on a form with a seal the signature's visible appearance is drawn on the seal.

`verify_pdf` gives one verdict: valid (who signed, when, unchanged since) or not valid with the
reason. A signature by any key the root did not certify fails, whatever name it carries. PDFs
signed before the county root existed (a self-signed Ed25519 certificate) still verify as an
old-format signature when their key is the one the county enrolled for the station.
"""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sync import certificates as certs

log = logging.getLogger(__name__)
FIELD_NAME = "StationSignature"


class DocumentSigner:
    """A document key (through its `sign`: DER ECDSA with SHA-256) and its chain, leaf first, root last."""

    def __init__(self, sign: Callable[[bytes], bytes], chain: Sequence[x509.Certificate]):
        if not chain:
            raise ValueError("a document signer needs its certificate")
        self.sign, self.chain = sign, list(chain)
        self.holder = certs.holder_of(self.chain[0])

    @classmethod
    def with_private_key(cls, key: ec.EllipticCurvePrivateKey, chain: Sequence[x509.Certificate]) -> "DocumentSigner":
        return cls(lambda data: key.sign(data, ec.ECDSA(hashes.SHA256())), chain)

    @property
    def label(self) -> str:
        """Who signs, as the appearance and the verdict name them."""
        return self.holder.name if self.holder.is_county else f"{self.holder.name}（{self.holder.code}）"


@dataclass(frozen=True)
class SealSpot:
    """Where a seal was drawn: page (1-based), centre and radius in PDF points."""

    page: int
    x: float
    y: float
    radius: float


def _asn1(cert: x509.Certificate):
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _cms_signer(signer: DocumentSigner):
    from asn1crypto import algos
    from pyhanko.sign.signers.pdf_cms import Signer
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    class CountyIssuedSigner(Signer):
        """A pyHanko signer whose only private operation is DocumentSigner.sign."""

        def __init__(self):
            super().__init__(signing_cert=_asn1(signer.chain[0]),
                             cert_registry=SimpleCertificateStore.from_certs([_asn1(c) for c in signer.chain[1:]]),
                             signature_mechanism=algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}))

        async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
            return bytes(72) if dry_run else signer.sign(data)  # 72: the longest DER P-256 signature

    return CountyIssuedSigner()


def sign_pdf(pdf: bytes, signer: DocumentSigner, *, reason: str = "", location: str = "",
             seal: SealSpot | None = None) -> bytes:
    """`pdf` with a PAdES signature appended (incremental update): visible on `seal` when given."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None, name=signer.label)
    spec = style = None
    with tempfile.TemporaryDirectory() as folder:  # the appearance is read from its file while signing
        if seal is not None:
            r = seal.radius
            # the lower part of the seal, below its star: who signed and when, over the red ink
            box = (seal.x - r * 0.8, seal.y - r * 0.85, seal.x + r * 0.8, seal.y - r * 0.3)
            spec = fields.SigFieldSpec(FIELD_NAME, on_page=seal.page - 1, box=box)
            style = _appearance(Path(folder) / "appearance.pdf", signer.label, box[2] - box[0], box[3] - box[1])
        pdf_signer = signers.PdfSigner(meta, signer=_cms_signer(signer), stamp_style=style, new_field_spec=spec)
        return pdf_signer.sign_pdf(writer).getvalue()  # the signing time in the signature: this computer's clock


def _appearance(path: Path, label: str, width: float, height: float):
    """The visible signature: "数字签名", the signer and the time, drawn with the forms' own Chinese font
    (reportlab, so the frozen app needs no font engine of pyHanko's) on a transparent background."""
    from pyhanko.stamp import StaticStampStyle
    from reportlab.pdfgen import canvas

    from .fonts import font_set

    font = font_set(system_fallbacks=False).title
    lines = ["数字签名", label, datetime.now().strftime("%Y-%m-%d %H:%M")]
    size = min(height / 3.6, 6.0)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.setFillColorRGB(0.55, 0.0, 0.0)
    for i, text in enumerate(lines):
        c.setFont(font, size)
        c.drawCentredString(width / 2, height - (i + 1) * size * 1.15, text)
    c.showPage()
    c.save()
    return StaticStampStyle.from_pdf_file(str(path), border_width=0)


# -- checking --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SignatureCheck:
    ok: bool
    message: str  # one line, Chinese: the verdict and who/when, or "not valid" and why
    signer: str = ""  # who signed: "测试镇法律援助工作站（TS01）", the county center's name, or ""
    signed_at: datetime | None = None
    old_format: bool = False


def _invalid(reason: str) -> SignatureCheck:
    return SignatureCheck(False, f"无效：{reason}")


def verify_pdf(pdf: bytes, roots: Sequence[x509.Certificate] = (),
               enrolled_keys: Mapping[bytes, certs.Holder] | None = None) -> SignatureCheck:
    """The verdict on the PDF's last signature: its certificate must chain to one of `roots` (a county
    root) and be a document certificate; an old-format signature (self-signed Ed25519) is accepted when its
    key is one of `enrolled_keys` (raw Ed25519 key -> the station the county enrolled it for). Never raises."""
    for name in ("pyhanko", "pyhanko_certvalidator"):  # their warnings carry tracebacks: the verdict says it
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        return _verify(pdf, list(roots), dict(enrolled_keys or {}))
    except Exception as exc:  # noqa: BLE001 - a file this check cannot read is "not valid", never a crash
        log.info("a PDF's signature could not be checked: %r", exc)  # (pyhanko's words are English)
        return _invalid("无法检查签名：文件的格式不受支持，或已损坏。")


def _verify(pdf: bytes, roots: list[x509.Certificate], enrolled: dict[bytes, certs.Holder]) -> SignatureCheck:
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception as exc:  # noqa: BLE001 - any parse failure of a damaged file is the verdict
        log.info("a PDF to check cannot be read: %r", exc)  # (info: the command line prints the verdict alone)
        return _invalid("文件已损坏，无法读取。")
    if not signatures:
        return _invalid("文件没有数字签名。")
    embedded = signatures[-1]
    if embedded.signer_cert is None:
        return _invalid("签名中没有签名证书。")
    cert = x509.load_der_x509_certificate(embedded.signer_cert.dump())
    if isinstance(cert.public_key(), Ed25519PublicKey) and cert.issuer == cert.subject:
        return _verify_old_format(embedded, cert, enrolled)
    if not roots:
        return _invalid("没有县法律援助中心的根证书可供核对（在工作站上运行，或用 --root 指定根证书文件）。")
    for root in roots:
        try:
            certs.check_issued(cert, root, certs.DOCUMENT, now=_signing_time(embedded) or certs.utc_now())
        except certs.CertificateError:
            continue
        return _verdict(embedded, root, certs.holder_of(cert), old_format=False)
    holder = certs.holder_of(cert)
    return _invalid(f"签名证书（“{holder.name}”）不是县法律援助中心根证书签发的文书签名证书，签名人身份无法确认。")


def _verify_old_format(embedded, cert: x509.Certificate, enrolled: dict[bytes, certs.Holder]) -> SignatureCheck:
    key = cert.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    holder = enrolled.get(key)
    if holder is None:
        named = certs.holder_of(cert)
        return _invalid(f"旧格式签名（自称“{named.name}”），其密钥不是县中心为该工作站登记的密钥，签名人身份无法确认。")
    return _verdict(embedded, cert, holder, old_format=True)


def _signing_time(embedded) -> datetime | None:
    try:
        return embedded.self_reported_timestamp
    except (AttributeError, KeyError, ValueError):
        return None


def _verdict(embedded, anchor: x509.Certificate, holder: certs.Holder, *, old_format: bool) -> SignatureCheck:
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=[_asn1(anchor)], allow_fetching=False, revocation_mode="soft-fail")
    status = validate_pdf_signature(embedded, context)
    if not (status.intact and status.valid):
        return _invalid("文件在签名之后被改动过（签名与内容不符）。")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return _invalid("签名之后文件又被追加或修改了内容。")
    if not status.trusted:
        return _invalid("签名证书无法链接到县法律援助中心根证书。")
    signed_at = status.signer_reported_dt
    who = holder.name if holder.is_county else f"工作站 {holder.code}（{holder.name}）"
    when = f"于 {signed_at.astimezone():%Y-%m-%d %H:%M} " if signed_at else ""
    label = holder.name if holder.is_county else f"{holder.name}（{holder.code}）"
    if old_format:
        return SignatureCheck(True, f"有效（旧格式签名）：由{who}{when}签署（县中心为该站登记的密钥），签署后未被改动。",
                              label, signed_at, old_format=True)
    return SignatureCheck(True, f"有效：由{who}{when}签署，签署后未被改动；证书由县法律援助中心根证书签发。", label, signed_at)
