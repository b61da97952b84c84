"""Document signatures any reader can check: poppler's pdfsig and pyHanko validate a station's signed form
against the county root and name the signer; a forgery under the same name, a changed PDF and a PDF with
something added after signing fail `forms verify` with one clean line; the county signs its own
documents; PDFs signed the old way still verify against the key the county enrolled."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from forms.render import render_form
from helpers.language import english_words
from forms.signing import DocumentSigner, sign_pdf, verify_pdf
from sync import certificates as certs
from tests.helpers.trust import enroll_offline

from .conftest import civil_maximal

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "old_signature"
NAME = "测试镇法律援助工作站"
requires_poppler = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) is not installed")


@pytest.fixture
def signed_receipt(services, save, context, tmp_path):
    """(signed PDF path, the county store, the station's data folder) for a filled receipt."""
    county = enroll_offline(services, tmp_path / "county")
    record = save("application", civil_maximal())
    pdf = render_form("receipt", record, context.with_changes(signer=services.document_signer()))
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    return path, county, services.station.data_dir


def forms_verify(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "forms", "verify", *args], capture_output=True, text=True,
                          timeout=120)


@requires_poppler
def test_pdfsig_reports_the_signature_valid_names_the_signer_and_trusts_the_county_root(signed_receipt, tmp_path):
    path, county, _ = signed_receipt
    out = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in out and f"Signer Certificate Common Name: {NAME}" in out, out
    assert "OU=TS01" in out and "Total document signed" in out
    if shutil.which("certutil") is None:  # libnss3-tools: CI installs it; the trust line needs an NSS database
        pytest.skip("certutil (libnss3-tools) is not installed: the chain to the root is checked by pyHanko only")
    nss = tmp_path / "nss"
    nss.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "county root", "-t", "CT,C,C", "-i",
                    str(county.data_dir / "county_root.pem")], check=True)
    out = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in out and "Certificate is Trusted" in out, out


def test_pyhanko_validates_the_chain_to_the_county_root(signed_receipt):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from forms.signing import _asn1

    path, county, _ = signed_receipt
    [embedded] = PdfFileReader(io.BytesIO(path.read_bytes())).embedded_signatures
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[_asn1(county.county_key.root())]))
    assert status.intact and status.valid and status.trusted and status.signer_reported_dt is not None
    assert embedded.sig_field.get("/Rect") is not None  # the signature's appearance is on the page
    rect = [float(v) for v in embedded.sig_field["/Rect"]]
    assert rect[2] - rect[0] > 50 and rect[3] - rect[1] > 20  # visible on the seal, not a zero-size field


def test_forms_verify_says_who_signed_and_when_in_one_line(signed_receipt):
    path, county, data_dir = signed_receipt
    for trust in (["--data-dir", str(data_dir)], ["--root", str(county.data_dir / "county_root.pem")]):
        run = forms_verify(str(path), *trust)
        assert run.returncode == 0 and run.stderr == "", run.stderr
        [line] = run.stdout.splitlines()
        assert line.startswith(f"有效：由工作站 TS01（{NAME}）于 ") and "签署后未被改动" in line


def test_a_forgery_under_the_same_station_name_is_not_valid(signed_receipt, tmp_path):
    path, county, data_dir = signed_receipt
    # the forger has the PDF and makes its own "county" and station certificate with every name the same
    forged_root_key, forged_root = certs.make_root(county.county_key.center_name())
    key = ec.generate_private_key(ec.SECP256R1())
    holder = certs.Holder(NAME, "TS01", "测试镇", county.county_key.center_name())
    forged_cert = certs.issue(forged_root_key, forged_root, key.public_key(), holder, certs.DOCUMENT)
    original = render_form("receipt", None)
    for chain in ([forged_cert, forged_root], [forged_cert]):
        forged = tmp_path / "forged.pdf"
        forged.write_bytes(sign_pdf(original, DocumentSigner.with_private_key(key, chain)))
        run = forms_verify(str(forged), "--data-dir", str(data_dir))
        assert run.returncode == 1 and run.stderr == "" and "Traceback" not in run.stdout
        [line] = run.stdout.splitlines()
        assert line.startswith("无效：") and "不是县法律援助中心根证书签发" in line


def test_a_changed_pdf_and_one_with_something_added_after_signing_are_not_valid(signed_receipt, tmp_path):
    from pyhanko.pdf_utils.generic import pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    path, county, data_dir = signed_receipt
    root = [county.county_key.root()]
    pdf = path.read_bytes()
    changed = bytearray(pdf)
    changed[len(pdf) // 3] ^= 0x01
    assert verify_pdf(bytes(changed), root).message.startswith("无效：")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    writer.trailer["/Info"].get_object()["/Title"] = pdf_string("改过的标题")
    writer.update_container(writer.trailer["/Info"])
    out = io.BytesIO()
    writer.write(out)
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(out.getvalue())
    check = verify_pdf(appended.read_bytes(), root)
    assert not check.ok and "签名之后" in check.message, check.message
    run = forms_verify(str(appended), "--data-dir", str(data_dir))
    assert run.returncode == 1 and run.stderr == "" and len(run.stdout.splitlines()) == 1


def test_an_unsigned_or_damaged_file_is_one_line_not_valid(tmp_path, signed_receipt):
    _path, _county, data_dir = signed_receipt
    unsigned, junk = tmp_path / "unsigned.pdf", tmp_path / "junk.pdf"
    unsigned.write_bytes(render_form("receipt", None))
    junk.write_bytes(b"%PDF-1.7\nnot really a pdf")
    for file, reason in ((unsigned, "没有数字签名"), (junk, "无效：")):
        run = forms_verify(str(file), "--data-dir", str(data_dir))
        assert run.returncode == 1 and run.stderr == "" and reason in run.stdout
        assert len(run.stdout.splitlines()) == 1
        assert english_words(run.stdout) == [], run.stdout  # not pyhanko's own words


def test_the_county_signs_its_own_documents_under_the_same_root(signed_receipt):
    _path, county, _ = signed_receipt
    signer = county.county_key.document_signer()
    assert signer.holder.is_county and signer.chain[-1] == county.county_key.root()
    signed = sign_pdf(render_form("receipt", None), signer, reason="决定书")
    check = verify_pdf(signed, [county.county_key.root()])
    assert check.ok and check.message.startswith(f"有效：由{county.county_key.center_name()}于 "), check.message


def test_a_pdf_signed_the_old_way_verifies_against_the_key_the_county_enrolled(services):
    """tests/fixtures/old_signature: a receipt signed before the county root (self-signed Ed25519 certificate)
    and that station's key; a station enrolled the old way pins the county's JSON certificate of that key."""
    from desktop.records.canonical import canonical_json
    from desktop.records.db import write_transaction
    from sync.identity import StationKey
    from sync.protocol import b64, make_certificate
    from sync.state import S_COUNTY_CERT, S_STATION_CERT, set_state

    old_pdf = FIXTURES / "receipt_signed_old_way.pdf"
    old_key = StationKey.load_or_create(FIXTURES)
    county = StationKey.generate()
    county_cert = make_certificate({"kind": "county", "name": "青山县法律援助中心", "public_key": b64(county.public_key_bytes),
                                    "key_id": county.key_id, "issuer_key_id": county.key_id}, county.sign)
    station_cert = make_certificate({"kind": "station", "station_code": "TS01", "name": NAME, "township": "测试镇",
                                     "public_key": b64(old_key.public_key_bytes), "key_id": old_key.key_id,
                                     "issuer_key_id": county.key_id}, county.sign)
    with write_transaction(services.station.db) as conn:
        set_state(conn, S_COUNTY_CERT, canonical_json(county_cert))
        set_state(conn, S_STATION_CERT, canonical_json(station_cert))
    run = forms_verify(str(old_pdf), "--data-dir", str(services.station.data_dir))
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert run.stdout.startswith("有效（旧格式签名）：由工作站 TS01（测试镇法律援助工作站）于 "), run.stdout
    # a station that enrolled another key: the same name on the old certificate proves nothing
    other = verify_pdf(old_pdf.read_bytes(), [], {services.key.public_key_bytes: certs.Holder(NAME, "TS01")})
    assert not other.ok and "不是县中心为该工作站登记的密钥" in other.message
