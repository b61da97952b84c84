"""USB bundles sealed to their recipient: a lost stick gives nothing away, a bundle opens only where it is
going, an older program's plaintext bundle is refused with the way out, and a station without the county's
encryption certificate is told how to get it."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
import zlib

import pytest

from desktop.records.canonical import canonical_json
from sync.bundle import BundleError, export_bundle, import_reply
from sync.bundle_file import (COUNTY, FORMAT, KIND_CHANGES, KIND_REPLY, MANIFEST, REPLY_PART, SEAL_BYTES, SIGNATURE,
                              BundleFile, write_bundle)
from sync.protocol import b64, encode_json_gzip
from sync.server.bundle_import import county_import
from sync.state import S_COUNTY_ENCRYPTION_CERT, get_state
from sync_tests.test_sync import engine
from helpers.records import application, resident_id
from tests.unit.test_vault import PDF

ID_NUMBER = resident_id("19790615", "411522", "046")
NAME = "欧阳秀珍"
PHONE = "13987650421"


def needles() -> list[bytes]:
    """Every form the three could take in a file: UTF-8, JSON-escaped, UTF-16."""
    found = []
    for text in (ID_NUMBER, NAME, PHONE):
        found += [text.encode("utf-8"), json.dumps(text).strip('"').encode("ascii"), text.encode("utf-16-le")]
    return found


def readable_forms(path) -> list[bytes]:
    """The file's bytes, each zip member's bytes, and each member inflated when it inflates (gzip or raw)."""
    forms = [path.read_bytes()]
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data = z.read(name)
            forms.append(data)
            for inflate in (gzip.decompress, lambda d: zlib.decompress(d, -15)):
                try:
                    forms.append(inflate(data))
                except (OSError, zlib.error, EOFError):
                    pass
    return forms


def leaks(path) -> list[bytes]:
    return [n for form in readable_forms(path) for n in needles() if n in form]


def export(services, path):
    return export_bundle(services.station.db, services.key, services.station.settings.station_code, path,
                         vault=services.vault)


def test_a_lost_stick_gives_nothing_away(enrolled, county, tmp_path):
    saved = enrolled.station.store.save("application", application(name=NAME, gender="female", id_number=ID_NUMBER, phone=PHONE),
                                        user="李芳")
    scan = tmp_path / "id-card.pdf"
    scan.write_bytes(PDF + f"身份证 {NAME} {ID_NUMBER} 电话 {PHONE}\n".encode("utf-8") * 200)
    enrolled.attachments.attach("application", saved.id, "id_copy", scan, user="李芳")
    result = export(enrolled, tmp_path / "TS01.bundle")
    assert result.changes >= 1 and result.files == 1
    assert leaks(tmp_path / "TS01.bundle") == []
    # the search would find them: the same bundle unsealed with the county's key holds all three
    bundle = BundleFile(tmp_path / "TS01.bundle")
    bundle.unseal(county.store.key())
    inside = b"".join(gzip.decompress(bundle.part(n)) for n in bundle.manifest["files"] if n.startswith("parts/"))
    assert all(text.encode("utf-8") in inside for text in (ID_NUMBER, NAME, PHONE))
    with bundle.open_file(result_sha(bundle)) as stream:
        assert ID_NUMBER.encode() in stream.read()
    # the county's reply (the acks, the decision, the roster) is sealed to the station in the same way
    number = enrolled.station.store.get("application", saved.id).data.get("number")
    imported = county_import(county.store, tmp_path / "TS01.bundle", tmp_path / "TS01.reply")
    assert imported.accepted == result.changes and imported.files == 1
    if number:
        county.store.decide("accept", number, {})
    assert leaks(tmp_path / "TS01.reply") == []
    assert import_reply(enrolled.station.db, enrolled.key, "TS01", tmp_path / "TS01.reply").accepted == result.changes


def result_sha(bundle: BundleFile) -> str:
    (sha256, _), = bundle.files()
    return sha256


def test_a_bundle_opens_only_with_its_recipients_key(enrolled, county, tmp_path):
    from sync.identity import StationKey

    enrolled.station.store.save("application", application(name=NAME, gender="female", id_number=ID_NUMBER), user="李芳")
    export(enrolled, tmp_path / "b")
    bundle = BundleFile(tmp_path / "b")
    with pytest.raises(BundleError, match="cannot be unsealed: the bundle is sealed to another key"):
        bundle.unseal(enrolled.key)  # not even the station that wrote it reads it back
    # a reply naming this station but sealed to another computer's key (an earlier enrollment, say)
    county_key = county.store.key()
    manifest = {"format": FORMAT, "format_version": 2, "kind": KIND_REPLY, "from": COUNTY, "to": "TS01",
                "station": "TS01", "station_key_id": enrolled.key.key_id, "county_key_id": county_key.key_id,
                "created_at": "2026-03-01T09:00:00+00:00"}
    body = encode_json_gzip({"acks": [], "events": [], "cursor": 0, "after": 0, "held": []})
    write_bundle(tmp_path / "r", manifest, {REPLY_PART: body}, county_key.sign,
                 recipient=StationKey.generate().agreement_public_key)
    before = get_state(enrolled.station.db, "events_cursor"), get_state(enrolled.station.db, "replies_imported")
    with pytest.raises(BundleError) as refused:
        import_reply(enrolled.station.db, enrolled.key, "TS01", tmp_path / "r")
    assert refused.value.code == "other_station" and "另一台" in refused.value.message_zh, refused.value.message_zh
    assert (get_state(enrolled.station.db, "events_cursor"), get_state(enrolled.station.db, "replies_imported")) \
        == before


def _plaintext_bundle(path, manifest: dict, sign) -> None:
    """A bundle as the program before sealing wrote it (format version 1), signed by its writer."""
    data = canonical_json(dict(manifest, format_version=1, files={})).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(MANIFEST, data)
        z.writestr(SIGNATURE, b64(sign(data)))
        z.comment = b"=" * SEAL_BYTES
    path.write_bytes(buffer.getvalue())


def test_an_older_programs_plaintext_bundle_is_refused_with_the_way_out(enrolled, county, tmp_path):
    county_key = county.store.key()
    _plaintext_bundle(tmp_path / "old.bundle", {"format": FORMAT, "kind": KIND_CHANGES, "from": "TS01", "to": COUNTY,
                                                "station": "TS01", "station_key_id": enrolled.key.key_id,
                                                "county_key_id": county_key.key_id}, enrolled.key.sign)
    with pytest.raises(BundleError) as refused:
        county_import(county.store, tmp_path / "old.bundle", tmp_path / "r")
    assert refused.value.code == "plaintext" and "更新" in refused.value.message_zh, refused.value.message_zh
    assert county.store.change_count() == 0 and not (tmp_path / "r").exists()
    _plaintext_bundle(tmp_path / "old.reply", {"format": FORMAT, "kind": KIND_REPLY, "from": COUNTY, "to": "TS01",
                                               "station": "TS01", "station_key_id": enrolled.key.key_id,
                                               "county_key_id": county_key.key_id}, county_key.sign)
    with pytest.raises(BundleError) as refused:
        import_reply(enrolled.station.db, enrolled.key, "TS01", tmp_path / "old.reply")
    assert refused.value.code == "plaintext" and "更新" in refused.value.message_zh


def test_a_station_enrolled_before_sealing_gets_the_county_encryption_certificate_at_its_next_sync(
        enrolled, county, tmp_path):
    from desktop.records.db import write_transaction
    from sync.state import forget_state

    with write_transaction(enrolled.station.db) as conn:  # as a station enrolled by the older program
        forget_state(conn, S_COUNTY_ENCRYPTION_CERT)
    enrolled.station.store.save("application", application(), user="李芳")
    with pytest.raises(BundleError) as refused:
        export(enrolled, tmp_path / "b")
    assert refused.value.code == "no_encryption_key" and "加密证书" in refused.value.message_zh, \
        refused.value.message_zh
    assert not (tmp_path / "b").exists()
    # by USB: the county writes the station's certificates, the station imports them as an enrollment answer
    from sync.enrollment import import_enrollment_answer
    from sync.server.__main__ import main as server_cli

    assert server_cli(["--data-dir", str(county.data_dir), "station", "certificates", "TS01",
                       "--reply", str(tmp_path / "TS01.answer")]) == 0
    import_enrollment_answer(enrolled.station.db, enrolled.key, enrolled.document_key, tmp_path / "TS01.answer",
                             "TS01")
    assert export(enrolled, tmp_path / "b").changes >= 1
    # over the network: the next sync round asks for the certificates
    with write_transaction(enrolled.station.db) as conn:
        forget_state(conn, S_COUNTY_ENCRYPTION_CERT)
    assert engine(enrolled, document_key=enrolled.document_key).sync_round().complete
    assert get_state(enrolled.station.db, S_COUNTY_ENCRYPTION_CERT) is not None
    enrolled.station.store.save("application", application(), user="李芳")
    assert export(enrolled, tmp_path / "b2").changes >= 1


def test_a_station_bundle_naming_no_usable_key_for_the_reply_is_refused(enrolled, county, tmp_path):
    county_key = county.store.key()
    for bad in ("", "AAAA", b64(bytes(31))):
        manifest = {"format": FORMAT, "format_version": 2, "kind": KIND_CHANGES, "from": "TS01", "to": COUNTY,
                    "station": "TS01", "station_key_id": enrolled.key.key_id, "county_key_id": county_key.key_id,
                    "created_at": "2026-03-01T09:00:00+08:00", "lamport": None, "change_count": 0,
                    "events_after": 0, "station_agreement_key": bad}
        write_bundle(tmp_path / "b", manifest, {}, enrolled.key.sign, recipient=county_key.agreement_public_key)
        with pytest.raises(BundleError, match="not an X25519 key") as refused:
            county_import(county.store, tmp_path / "b", tmp_path / "r")
        assert refused.value.code == "tampered" and not (tmp_path / "r").exists()
