"""The checks of `--selftest` (desktop.selftest runs them and prints the report).

Each check takes the shared CheckContext, returns a one-line detail when it
passes, raises Skipped when it cannot run here and any other exception when it
fails. Qt, the store, the vault and the forms are imported inside the checks:
a module missing from a frozen build then fails its own check, not the start.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

SELFTEST_CLERK = "自检"
SELFTEST_PASSWORD = "selftest-only"  # the throwaway station in the temporary folder


class Skipped(Exception):
    """A check that cannot run here (a feature not built yet, or a check it depends on failed)."""


@dataclass
class CheckContext:
    """What the checks hand on to later checks."""

    work: Path
    data_dir: Path | None
    app: Any = None
    station_dir: Path | None = None
    record_id: str | None = None
    sample_pdf: Path | None = None
    failed: set[str] = field(default_factory=set)

    def needs(self, *keys: str) -> None:
        missing = [k for k in keys if k in self.failed]
        if missing:
            raise Skipped(f"needs the check(s) that failed: {', '.join(missing)}")


# -------------------------------------------------------------------------- helpers


def sample_pdf_bytes() -> bytes:
    """A one-page PDF with a blue rectangle, written by hand (no library: it is what is being tested)."""
    content = b"0 0 1 rg 20 20 160 60 re f\n"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << >> >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_font_report(data: bytes) -> tuple[int, int]:
    """(font descriptors, embedded font files) in a PDF, looking inside compressed streams too.

    A font with a descriptor but no font file is not embedded: the page then
    depends on the fonts of the computer that opens it.
    """
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            continue
        try:
            chunks.append(zlib.decompress(data[start:end]))
        except zlib.error:
            continue
    text = b"\n".join(chunks)
    descriptors = len(re.findall(rb"/Type\s*/FontDescriptor", text))
    files = len(re.findall(rb"/FontFile[23]?\s", text))
    return descriptors, files


def sample_consultation(clerk: str) -> dict[str, Any]:
    occurred = (datetime.now() - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    return {"occurred_at": occurred, "channel": "walk_in", "name": "自检张伟", "gender": "male",
            "phone": "13812345678", "matter_category": "wages",
            "question": "自检：老板拖欠工资三个月，问怎么办。", "answer": "自检：建议申请劳动仲裁。",
            "clerk": clerk, "minutes": 5, "outcome": "answered"}


# -------------------------------------------------------------------------- the checks


def check_qt_platform(ctx: CheckContext) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo, qVersion

    wanted = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] or \
        {"win32": "windows", "darwin": "cocoa"}.get(sys.platform, "xcb")
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    if not any(wanted in p.name for p in folder.glob("*")) and not os.environ.get("QT_PLUGIN_PATH"):
        # Qt would abort the whole process here; say what is missing instead.
        raise RuntimeError(f"the Qt platform plugin {wanted!r} is not in {folder}")
    from desktop.ui.app import make_application

    if sys.stdout is not None:
        sys.stdout.flush()  # if Qt aborts anyway, what was printed so far is kept
    ctx.app = make_application([sys.argv[0] if sys.argv else "legalaid"])
    return f"{ctx.app.platformName()}, Qt {qVersion()}, PySide6 {pyside_version}"


def check_images_and_pdf(ctx: CheckContext) -> str:
    ctx.needs("qt")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QColor, QImage, QImageReader
    from PySide6.QtPdf import QPdfDocument

    supported = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = [f for f in ("jpeg", "png", "tiff", "svg") if f not in supported]
    if missing:
        raise RuntimeError(f"Qt cannot read {', '.join(missing)} images (image format plugins missing); "
                           f"it can read: {', '.join(sorted(supported))}")
    image = QImage(32, 32, QImage.Format.Format_RGB32)
    image.fill(QColor("#b22222"))
    for kind in ("JPEG", "PNG", "TIFF"):
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, kind):
            raise RuntimeError(f"Qt cannot write a {kind} image")
        buffer.close()
        back = QImage.fromData(data, kind)
        if back.isNull() or back.size() != image.size():
            raise RuntimeError(f"a {kind} image does not read back")
    ctx.sample_pdf = ctx.work / "sample.pdf"
    ctx.sample_pdf.write_bytes(sample_pdf_bytes())
    document = QPdfDocument()
    error = document.load(str(ctx.sample_pdf))
    if error != QPdfDocument.Error.None_ or document.pageCount() != 1:
        raise RuntimeError(f"QtPdf cannot open a PDF ({error.name}, {document.pageCount()} pages)")
    page = document.render(0, QSize(200, 100))
    pixel = QColor(page.pixel(100, 50)) if not page.isNull() else None
    document.close()
    if pixel is None or pixel.blue() < 200 or pixel.red() > 60:
        raise RuntimeError("QtPdf opened the PDF but rendered it wrongly (PDF preview would be blank)")
    return "JPEG, PNG, TIFF, SVG; PDF preview (QtPdf)"


def check_translations(ctx: CheckContext) -> str:
    ctx.needs("qt")
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    from desktop.ui import i18n

    ours = i18n.resource_path("translations") / f"legalaid_{i18n.DEFAULT_LOCALE}.qm"  # where i18n looks
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not i18n.install_translators(ctx.app, i18n.DEFAULT_LOCALE):
        raise RuntimeError(f"the interface translation {ours.name} did not load from {ours.parent}")
    context, button = "QPlatformTheme", "Cancel"  # a string of Qt's own, not ours (variables keep lupdate out)
    if QCoreApplication.translate(context, button) == button:
        raise RuntimeError(f"Qt's own translation qtbase_{i18n.DEFAULT_LOCALE}.qm did not load from {qt_folder} "
                           "(standard buttons would stay in English)")
    return f"{ours.name} and qtbase_{i18n.DEFAULT_LOCALE}.qm"


def check_reference(ctx: CheckContext) -> str:
    from desktop.paths import resource_path
    from desktop.records.reference import ReferenceData

    folder = resource_path("reference")
    reference = ReferenceData.load(folder)
    names = reference.names()
    if not names:
        raise RuntimeError(f"no reference lists in {folder}")
    empty = [n for n in names if not reference.choices(n)]
    if empty:
        raise RuntimeError(f"empty reference lists: {', '.join(empty)}")
    return f"{len(names)} lists"


def check_database(ctx: CheckContext) -> str:
    from desktop.records.db import integrity_ok
    from desktop.records.migrations import CURRENT_VERSION
    from desktop.records.signin import found_station, sign_in
    from desktop.records.sqlcipher import sqlite3
    from desktop.records.station import open_station

    ctx.station_dir = ctx.work / "station"
    found_station(ctx.station_dir, SELFTEST_CLERK, SELFTEST_PASSWORD)  # as the first start does (Argon2id, AES-GCM)
    sign_in(ctx.station_dir, SELFTEST_CLERK, SELFTEST_PASSWORD)
    station = open_station(ctx.station_dir)
    try:
        found = station.db.execute("PRAGMA user_version").fetchone()[0]
        mode = station.db.execute("PRAGMA journal_mode").fetchone()[0]
        if found != CURRENT_VERSION:
            raise RuntimeError(f"schema version {found} after migrating, expected {CURRENT_VERSION}")
        if not integrity_ok(station.db):
            raise RuntimeError("integrity check failed on a new database")
    finally:
        station.close()
    cipher = station_cipher_version(ctx.station_dir)
    return f"schema {found}, SQLCipher {cipher} (SQLite {sqlite3.sqlite_version}), journal {mode}"


def station_cipher_version(data_dir: Path) -> str:
    from desktop.records.db import database_key, database_path
    from desktop.records.sqlcipher import connect, is_plaintext

    path = database_path(data_dir)
    if is_plaintext(path):
        raise RuntimeError(f"{path} is not encrypted")
    conn = connect(path, database_key(data_dir))
    try:
        return conn.execute("PRAGMA cipher_version").fetchone()[0]
    finally:
        conn.close()


def check_record(ctx: CheckContext) -> str:
    ctx.needs("database")
    from desktop.records.errors import ValidationFailed
    from desktop.records.settings import StationSettings
    from desktop.records.station import open_station

    settings = StationSettings(station_code="SELFTEST", station_name="自检工作站", township="自检镇",
                               county_name="自检县", clerks=(SELFTEST_CLERK,), current_clerk=SELFTEST_CLERK)
    data = sample_consultation(SELFTEST_CLERK)
    station = open_station(ctx.station_dir)
    try:
        station.update_settings(settings)
        try:
            saved = station.store.save("consultation", data, user=SELFTEST_CLERK)
        except ValidationFailed as failed:
            issues = "; ".join(f"{i.field}: {i.message.format(**i.params)}" for i in failed.issues)
            raise RuntimeError(f"a valid consultation was refused: {issues}") from failed
    finally:
        station.close()
    station = open_station(ctx.station_dir)  # a new connection: what a restart would read
    try:
        record = station.store.get("consultation", saved.id)
        history = station.store.history("consultation", saved.id)
    finally:
        station.close()
    different = [k for k in ("name", "question", "answer", "phone") if record.data.get(k) != data[k]]
    if different:
        raise RuntimeError(f"read back differently: {', '.join(different)}")
    if record.version != 1 or len(history) != 1:
        raise RuntimeError(f"version {record.version} with {len(history)} history entries, expected 1 and 1")
    ctx.record_id = saved.id
    return "consultation saved, read back on a new connection"


def check_station_key(ctx: CheckContext) -> str:
    from desktop.services import keys_passphrase
    from sync.identity import StationKey, verify_signature

    keys = ctx.work / "station" / "keys"
    passphrase = keys_passphrase(ctx.work / "station")  # encrypted as the station's own key file is
    key = StationKey.load_or_create(keys, passphrase)
    message = "自检 self-test".encode()
    signature = key.sign(message)
    if not verify_signature(key.public_key_bytes, signature, message):
        raise RuntimeError("a fresh signature does not verify")
    if verify_signature(key.public_key_bytes, signature, message + b"!"):
        raise RuntimeError("a signature verifies for changed data")
    if b"ENCRYPTED" not in (keys / "station_ed25519.pem").read_bytes():
        raise RuntimeError("the private key file is not encrypted")
    again = StationKey.load_or_create(keys, passphrase)
    if again.key_id != key.key_id:
        raise RuntimeError("the key read back from its file is a different key")
    return f"Ed25519 {key.fingerprint()[:19]}"


def check_enrollment_sheet(ctx: CheckContext) -> str:
    """The enrollment sheet's QR code, as a phone photo shows it, reads back as the fingerprint it holds
    (the QR decoder and Pillow's JPEG are in the build)."""
    from PIL import Image, ImageDraw

    from forms.render import _qr_modules
    from sync.certificates import QR_PREFIX
    from sync.sheet_qr import fingerprint_from_image

    fingerprint = "0123456789abcdef" * 4
    modules = _qr_modules(QR_PREFIX + fingerprint.upper())
    scale, quiet = 8, 4
    side = (len(modules) + 2 * quiet) * scale
    picture = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(picture)
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark:
                x, y = (c + quiet) * scale, (r + quiet) * scale
                draw.rectangle((x, y, x + scale - 1, y + scale - 1), fill=0)
    photo = ctx.work / "注册单.jpg"
    picture.rotate(10, expand=True, fillcolor=255).save(photo, quality=80)
    if fingerprint_from_image(photo) != fingerprint:
        raise RuntimeError("the QR code read back as another fingerprint")
    return "QR code read from a photo"


def check_attachment(ctx: CheckContext) -> str:
    ctx.needs("database", "record", "station_key")
    from desktop.services import open_services

    source = ctx.work / "自检材料.pdf"
    source.write_bytes(sample_pdf_bytes())
    services = open_services(ctx.station_dir)
    try:
        attachment = services.attachments.attach("consultation", ctx.record_id, "other", source,
                                                 user=SELFTEST_CLERK)
        verification = services.attachments.verify(attachment)
        if not verification.ok:
            raise RuntimeError(f"{verification.status}: {verification.text()}")
        stored = services.attachments.path_of(attachment)
        original, mode = stored.read_bytes(), stored.stat().st_mode
        os.chmod(stored, 0o644)
        stored.write_bytes(original[:-2] + b"X\n")  # a tampered file must be caught
        tampered = services.attachments.verify(attachment)
        stored.write_bytes(original)
        os.chmod(stored, mode)
        if tampered.ok:
            raise RuntimeError("a changed file still verified as ok")
    finally:
        services.close()
    return f"{attachment.media_type}, signed; a changed file is detected ({tampered.status})"


def check_form(ctx: CheckContext) -> str:
    """A form as the app prints it: filled from the saved record, bundled fonts embedded, signed if it can be."""
    if importlib.util.find_spec("forms") is None or importlib.util.find_spec("forms.render") is None:
        raise Skipped("the forms package has no renderer yet (forms.render)")
    ctx.needs("database", "record")
    render = importlib.import_module("forms.render")
    catalogue = importlib.import_module("forms.catalogue")
    context_module = importlib.import_module("forms.context")
    from desktop.paths import resource_path
    from desktop.services import open_services

    every = catalogue.all_forms()
    if not every:
        raise RuntimeError(f"no form texts in {resource_path('forms')}")
    services = open_services(ctx.station_dir)
    try:
        record = services.station.store.get("consultation", ctx.record_id)  # Chinese values to set
        filled = catalogue.forms_for("consultation", record)
        form = filled[0] if filled else every[0]
        # Only the bundled fonts: a form must not depend on the fonts of the PC it is printed on.
        if hasattr(context_module, "context_for"):  # as the app does it: the station key signs the PDF
            context = context_module.context_for(services, system_fallbacks=False)
        else:
            context = context_module.RenderContext(settings=services.station.settings, system_fallbacks=False)
        pdf = render.render_form(form.id, record if filled else None, context)
    finally:
        services.close()
    if not pdf.startswith(b"%PDF"):
        raise RuntimeError(f"form {form.id} did not render as a PDF")
    (ctx.work / "form.pdf").write_bytes(pdf)
    descriptors, files = pdf_font_report(pdf)
    if files == 0 or files < descriptors:
        raise RuntimeError(f"form {form.id}: {descriptors} fonts used, {files} embedded "
                           "(Chinese would print as boxes on a PC without the font)")
    signature = ""
    if filled and importlib.util.find_spec("forms.signing") is not None:
        signature = ", " + _sign_and_verify(pdf, form.id)
    kind = "filled" if filled else "blank"
    return f"{form.id} ({kind}): {len(pdf) // 1024} KB, {files} embedded font(s){signature}"


def _sign_and_verify(pdf: bytes, form_id: str) -> str:
    """Sign the form as an enrolled station does (a throwaway county root and document certificate, made
    here: the self-test's station is not enrolled) and check it as `forms verify` does."""
    from cryptography.hazmat.primitives.asymmetric import ec

    from forms.signing import DocumentSigner, SealSpot, sign_pdf, verify_pdf
    from sync import certificates as certs

    root_key, root = certs.make_root("自检县法律援助中心")
    key = ec.generate_private_key(ec.SECP256R1())
    cert = certs.issue(root_key, root, key.public_key(), certs.Holder("自检工作站", "ZJ01", "自检镇"), certs.DOCUMENT)
    signed = sign_pdf(pdf, DocumentSigner.with_private_key(key, [cert, root]), reason="self-test",
                      seal=SealSpot(1, 400, 200, 56))
    check = verify_pdf(signed, [root])
    if not check.ok:
        raise RuntimeError(f"form {form_id}: the signature does not verify ({check.message})")
    return "signed (ECDSA P-256, county chain) and verified"


def check_main_window(ctx: CheckContext) -> str:
    ctx.needs("qt", "database", "station_key")
    from desktop.services import open_services
    from desktop.ui.main_window import MainWindow
    from desktop.ui.workstation import Workstation

    workstation = Workstation(open_services(ctx.station_dir))
    try:
        window = MainWindow(workstation)  # built, never shown: closing would save geometry to the user's settings
        title = window.windowTitle()
        pages = window.pages.count()
        window.deleteLater()
        ctx.app.processEvents()
        del window
    finally:
        workstation.close()
    return f"“{title}”, {pages} pages"


def check_station_data(ctx: CheckContext) -> str:
    """The real station (--data-dir): opened read-only, schema version and integrity."""
    from desktop.records.db import database_path
    from desktop.records.migrations import CURRENT_VERSION

    from desktop.records.errors import UserFacingError
    from desktop.records.signin import unlock_with_credential
    from desktop.records.sqlcipher import connect, is_plaintext

    path = database_path(ctx.data_dir)
    if not path.exists():
        raise RuntimeError(f"no station database at {path}")
    key = None
    if not is_plaintext(path):  # an older version's plaintext file is encrypted at the next start
        try:
            key = unlock_with_credential(ctx.data_dir).subkey("database")
        except UserFacingError as error:
            raise RuntimeError(error.text()) from error
    conn = connect(f"{path.resolve().as_uri()}?mode=ro", key, uri=True)
    try:
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("consultations", "applications")
                  if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone()}
    finally:
        conn.close()
    if found > CURRENT_VERSION:
        raise RuntimeError(f"{path} was made by a newer version (schema {found}; this one knows {CURRENT_VERSION}): "
                           "install the newer version")
    if integrity != ["ok"]:
        raise RuntimeError(f"{path} is damaged: {'; '.join(integrity[:3])}. Restore it from a backup")
    note = "" if found == CURRENT_VERSION else f" (schema {found}: migrated at next start, after a backup)"
    records = ", ".join(f"{n} {t}" for t, n in counts.items())
    return f"{path}: integrity ok, schema {found}{note}; {records}"
