"""The trust chain against the real county server: the root pinned by the enrollment sheet's fingerprint,
TLS checked against it, an on-path attacker refused, a refused enrollment that changes nothing at the
county, stations enrolled before the root moved to it by their next sync, and the enrollment sheet."""

from __future__ import annotations

import subprocess

import pytest

from desktop.records.canonical import canonical_json
from desktop.records.db import write_transaction
from sync import certificates as certs
from sync.engine import SyncEngine
from sync.enrollment import enroll
from sync.errors import SyncError
from sync.protocol import b64, make_certificate
from sync.server.__main__ import main as server_cli
from sync.state import S_COUNTY_CERT, S_SERVER, S_STATION_CERT, get_state, is_enrolled, set_state
from sync.status import describe
from sync.trust import check_server_url, pinned, secure_url
from sync_tests.test_sync import record_some
from sync_tests.tls_proxy import SwappingProxy
from helpers.accounts import provided

NAME, TOWNSHIP = "测试镇法律援助工作站", "测试镇"


def waiting(county, code: str) -> bool:
    """The station is registered at the county and its code still unused (nothing enrolled)."""
    [station] = [s for s in county.store.list_stations() if s["code"] == code]
    return station["enrolled_at"] is None and station["key_id"] is None


def sync_engine(services, **kw) -> SyncEngine:
    kw.setdefault("retries", 0)
    return SyncEngine(services.station.db, services.key, services.station.settings.station_code,
                      document_key=services.document_key, **kw)


# ------------------------------------------------------------------------------- a refused enrollment

def test_a_code_for_another_station_is_refused_and_changes_nothing_at_the_county(services, county):
    code = county.store.add_station("XX99", "别的站", "别的镇", "township")
    with pytest.raises(SyncError) as refused:  # this laptop is TS01
        enroll(services.station.db, services.key, services.document_key, county.url, code, "TS01",
               county.fingerprint)
    assert "XX99" in refused.value.message_zh and "TS01" in refused.value.message_zh
    assert waiting(county, "XX99") and not is_enrolled(services.station.db)
    # the real XX99 laptop then enrolls with the same code
    from desktop.services import open_services
    from tests.conftest import TEST_SETTINGS

    import dataclasses

    other = open_services(provided(services.station.data_dir.parent / "xx99"))
    try:
        other.station.update_settings(dataclasses.replace(TEST_SETTINGS, station_code="XX99"))
        assert enroll(other.station.db, other.key, other.document_key, county.url, code, "XX99",
                      county.fingerprint)["station_code"] == "XX99"
    finally:
        other.close()
    assert not waiting(county, "XX99")


def test_a_server_whose_root_is_not_the_sheets_never_gets_the_code(services, county):
    code = county.store.add_station("TS01", NAME, TOWNSHIP, "township")
    _key, other_root = certs.make_root("县法律援助中心")
    with pytest.raises(SyncError) as refused:
        enroll(services.station.db, services.key, services.document_key, county.url, code, "TS01",
               certs.fingerprint_hex(other_root))
    assert refused.value.code == "wrong_root" and "指纹" in refused.value.message_zh
    assert waiting(county, "TS01")
    for typed in ("", "1234", "XYZ " * 16):  # not a fingerprint: said so, nothing sent
        with pytest.raises(SyncError) as refused:
            enroll(services.station.db, services.key, services.document_key, county.url, code, "TS01", typed)
        assert refused.value.code == "no_fingerprint"
    assert waiting(county, "TS01")


# ------------------------------------------------------------------------------- TLS

def test_plain_http_to_another_computer_is_refused_in_chinese(services):
    for url in ("http://192.0.2.10:8765", "http://county.example:8765/"):
        with pytest.raises(SyncError) as refused:
            check_server_url(url)
        assert refused.value.code == "plain_http" and "https://" in refused.value.message_zh
        with pytest.raises(SyncError) as refused:  # refused before anything is sent
            enroll(services.station.db, services.key, services.document_key, url, "AAAA-BBBB-CCCC-DDDD", "TS01",
                   "00" * 32)
        assert refused.value.code == "plain_http"
    for url in ("http://127.0.0.1:8765", "http://localhost:8765", "http://[::1]:8765", "https://county.example"):
        assert check_server_url(url) == url
    assert secure_url("http://county.example:8765") == "https://county.example:8765"  # kept from before TLS
    assert secure_url("http://127.0.0.1:8765") == "http://127.0.0.1:8765"


def test_an_address_that_is_not_one_is_said_in_chinese_not_in_python_s_words():
    """From a review with bad input: "https://[::1" showed "Invalid IPv6 URL", a 64-letter host label urllib3's
    "Failed to parse", and a 10,000-character address was echoed whole."""
    for url in ("https://[::1", "https://" + "a" * 64 + ".cn", "https://county.example:99999",
                "https://" + "a" * 10_000 + ".cn", "https://county..example"):
        with pytest.raises(SyncError) as refused:
            check_server_url(url)
        assert refused.value.code == "bad_address" and "地址" in refused.value.message_zh
        assert len(refused.value.message_zh) < 300 and "Invalid" not in refused.value.message_zh


def test_enrollment_and_sync_over_tls_checked_against_the_pinned_root(services, tls_county):
    code = tls_county.store.add_station("TS01", NAME, TOWNSHIP, "township")
    cert = enroll(services.station.db, services.key, services.document_key, tls_county.url, code, "TS01",
                  tls_county.fingerprint)
    assert cert["station_code"] == "TS01" and tls_county.url.startswith("https://")
    record_some(services, 1, 1)
    result = sync_engine(services).sync_round()
    assert result.complete and result.accepted == result.pushed > 0, describe(result)
    assert result.certificate_until is None  # fresh certificates: nothing to renew


def test_an_on_path_proxy_that_swaps_the_certificate_is_refused(services, tls_county):
    code = tls_county.store.add_station("TS01", NAME, TOWNSHIP, "township")
    proxy = SwappingProxy(tls_county.port)
    try:
        # it relays the genuine root, so the fingerprint matches; its own TLS certificate does not chain to it
        for _attempt in range(3):  # (twice in a dozen parallel CI runs the relay stalled on a TLS 1.3 session
            # ticket, mended in tls_proxy.py; should a relay of this test proxy fail otherwise, it is tried again)
            with pytest.raises(SyncError) as refused:
                enroll(services.station.db, services.key, services.document_key, proxy.url, code, "TS01",
                       tls_county.fingerprint)
            if refused.value.code != "error":
                break
        assert refused.value.code == "tls" and "证书" in refused.value.message_zh, str(refused.value)
        assert code.encode() not in proxy.seen and waiting(tls_county, "TS01")  # the code never reached it
        # enrolled directly, the station then refuses every connection through the proxy too
        enroll(services.station.db, services.key, services.document_key, tls_county.url, code, "TS01",
               tls_county.fingerprint)
        record_some(services, 1, 0)
        result = sync_engine(services, server_url=proxy.url).sync_round()
        assert result.error_code == "tls" and result.pushed == 0
        assert b"/v1/changes" not in proxy.seen
    finally:
        proxy.close()


# ------------------------------------------------------------------------------- stations enrolled before the root

def enroll_the_old_way(services, county) -> None:
    """What enrollment did before the county root: JSON certificates, the county's Ed25519 key pinned."""
    county_key = county.store.key()
    station_cert = make_certificate({"kind": "station", "station_code": "TS01", "name": NAME, "township": TOWNSHIP,
                                     "type": "township", "public_key": b64(services.key.public_key_bytes),
                                     "key_id": services.key.key_id, "issuer_key_id": county_key.key_id,
                                     "issued_at": "2025-06-01T08:00:00+00:00"}, county_key.sign)
    county.store.add_station("TS01", NAME, TOWNSHIP, "township")
    with county.store.write() as conn:
        conn.execute("UPDATE stations SET public_key = ?, key_id = ?, certificate = ?, enrolled_at = ? WHERE code = ?",
                     (services.key.public_key_bytes, services.key.key_id, canonical_json(station_cert),
                      "2025-06-01T08:00:00+00:00", "TS01"))
        conn.execute("INSERT INTO station_keys (station, key_id, public_key, enrolled_at) VALUES (?, ?, ?, ?)",
                     ("TS01", services.key.key_id, services.key.public_key_bytes, "2025-06-01T08:00:00+00:00"))
    with write_transaction(services.station.db) as conn:
        set_state(conn, S_SERVER, county.url)
        set_state(conn, S_COUNTY_CERT, canonical_json(county.store.certificate()))
        set_state(conn, S_STATION_CERT, canonical_json(station_cert))


def test_a_station_enrolled_before_the_root_gets_it_and_its_document_certificate_on_its_next_sync(services, county):
    enroll_the_old_way(services, county)
    trust = pinned(services.station.db)
    assert trust.root is None and services.document_signer() is None  # as before: nothing signs documents yet
    record_some(services, 1, 1)
    result = sync_engine(services).sync_round()
    assert result.complete and result.accepted == result.pushed > 0, describe(result)
    assert result.certificate_until and any("文书签名证书" in line for line in describe(result))
    trust = pinned(services.station.db)
    assert trust.root == county.store.county_key.root()  # authenticated by the county key it already pinned
    assert trust.county_key == county.store.key().public_key_bytes and trust.station.code == "TS01"
    signer = services.document_signer()
    assert signer is not None and signer.holder.code == "TS01" and signer.chain[-1] == trust.root
    assert get_state(services.station.db, S_STATION_CERT).startswith("-----BEGIN CERTIFICATE-----")
    # the next round asks for nothing and still works
    second = sync_engine(services).sync_round()
    assert second.complete and second.certificate_until is None


def test_renewal_is_refused_to_another_county_root(services, county, tmp_path):
    """A root that does not certify the county key the station pins is never taken, even in a signed answer."""
    from sync.identity import StationKey
    from sync.trust import check_answer

    enroll_the_old_way(services, county)
    answer = county.store.renew("TS01", services.key.public_key_bytes,
                                services.document_key.certificate_request("TS01"))
    with pytest.raises(certs.CertificateError):
        check_answer(answer, services.key, services.document_key, "TS01",
                     county_key=StationKey.generate().public_key_bytes)


# ------------------------------------------------------------------------------- the enrollment sheet

def test_the_enrollment_sheet_carries_the_code_the_address_and_the_fingerprint_the_station_reads(
        services, county, tmp_path, capsys):
    from desktop.__main__ import main as desktop_main
    from sync.sheet_qr import fingerprint_from_image

    sheet = tmp_path / "TS01.pdf"
    assert server_cli(["station", "add", "TS01", "--name", NAME, "--township", TOWNSHIP, "--server", county.url,
                       "--sheet", str(sheet), "--data-dir", str(county.data_dir)]) == 0
    code = capsys.readouterr().out.strip().splitlines()[-1]
    text = subprocess.run(["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True,
                          check=True).stdout
    groups = county.fingerprint.split(" ")
    assert code in text and county.url in text and NAME in text
    assert all(group in text for group in groups)
    # a phone photo of the sheet: rasterised, then the station reads the QR code from it
    subprocess.run(["pdftoppm", "-r", "100", "-jpeg", "-singlefile", str(sheet), str(tmp_path / "photo")], check=True)
    photo = tmp_path / "photo.jpg"
    assert fingerprint_from_image(photo) == certs.fingerprint_hex(county.store.county_key.root())
    with pytest.raises(SyncError) as refused:
        fingerprint_from_image(sheet)  # a PDF is not a photo
    assert refused.value.code == "bad_picture"
    blank = tmp_path / "blank.png"
    from PIL import Image

    Image.new("RGB", (400, 300), "white").save(blank)
    with pytest.raises(SyncError) as refused:
        fingerprint_from_image(blank)
    assert refused.value.code == "no_code" and "二维码" in refused.value.message_zh
    data_dir = str(services.station.data_dir)
    services.close()
    assert desktop_main(["enroll", "--server", county.url, "--code", code, "--fingerprint-image", str(photo),
                         "--data-dir", data_dir]) == 0
    assert "已注册" in capsys.readouterr().out
