"""The case file: cover, contents with the real page numbers, forms in order, attachments, bad attachments."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from forms.case_file import CaseFileCancelled, build_case_file
from helpers.language import english_words

from .conftest import civil_maximal, pdftotext, requires_poppler


def _scan_pdf(pages: int, rotate: int = 0) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    for i in range(pages):
        c.drawString(100, 700, f"SCANPAGE{i + 1}")
        c.showPage()
    c.save()
    if not rotate:
        return buffer.getvalue()
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    for page in writer.pages:
        page.rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


ASSIGNMENT = {"assignee_kind": "lawyer", "name": "陈律师", "firm": "青山县正义律师事务所", "years_of_practice": 6,
              "minors_specialist": False, "phone": "13600000000"}


@pytest.fixture
def closed_case(services, save, decide, tmp_path):
    record = save("application", civil_maximal())
    decide(record, "supplement", {"items": ["劳动合同或者工资欠条原件"]}, at="2026-03-05T08:00:00+00:00")
    decide(record, "accept")
    decide(record, "grant", at="2026-03-06T01:00:00+00:00")
    decide(record, "assign", ASSIGNMENT, at="2026-03-07T03:00:00+00:00")
    record = decide(record, "close", {"result": "调解结案，公司支付工资三万元。"}, at="2026-05-20T07:00:00+00:00")
    src = tmp_path / "src"
    src.mkdir()
    Image.new("RGB", (900, 1270), (235, 235, 225)).save(src / "身份证.jpg")
    Image.new("RGB", (1270, 900), (210, 225, 240)).save(src / "欠条.png")
    (src / "仲裁申请书.pdf").write_bytes(_scan_pdf(3))
    (src / "横排.pdf").write_bytes(_scan_pdf(1, rotate=90))
    (src / "损坏.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage\n%%EOF\n")
    attach = services.attachments.attach
    attach("application", record.id, "id_copy", src / "身份证.jpg", user="李芳")
    attach("application", record.id, "case_material", src / "欠条.png", user="李芳")
    attach("application", record.id, "case_material", src / "仲裁申请书.pdf", user="李芳")
    attach("application", record.id, "case_material", src / "横排.pdf", user="李芳")
    attach("application", record.id, "other", src / "损坏.pdf", user="李芳")
    gone = attach("application", record.id, "power_of_attorney", src / "身份证.jpg", user="李芳",
                  original_name="委托书.jpg")
    return record, gone


@requires_poppler
@pytest.mark.slow
def test_case_file_contents_match_the_real_pages(services, closed_case, context, tmp_path):
    record, _ = closed_case
    steps = []
    pdf = build_case_file(services, record.number, progress=lambda done, total: steps.append((done, total)),
                          context=context)
    assert steps and steps[-1][0] == steps[-1][1]
    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    pages = [pdftotext(pdf, tmp_path, n, n) for n in range(1, total + 1)]
    assert "法律援助案件卷宗" in pages[0] and f"共 {total} 页" in re.sub(r"\s+", " ", pages[0])
    assert "卷 内 目 录" in pages[1]
    rows = re.findall(r"^\s*(\d+)\s+(\S.*?)\s{2,}(\d+)(?:-(\d+))?(?:\s+(\S+))?\s*$", pages[1], re.M)
    titles = [r[1] for r in rows]
    assert titles[:4] == ["法律援助申请审批表", "法律援助申请表（民事、行政等案件）", "法律援助申请人经济困难状况说明表",
                          "法律援助申请材料接收凭证"]
    # materials by their checklist item, never by the scanner's file name
    for must in ("身份证明", "案件相关材料（1）", "案件相关材料（3）", "其他材料", "补充材料通知书", "给予法律援助决定书",
                 "指派通知书", "法律援助公函", "受援人权利义务告知书", "诉讼（仲裁）风险告知书", "授权委托书",
                 "法律援助案件结案报告表", "卷内备考表"):
        assert must in titles, must
    assert not any(".jpg" in t or ".pdf" in t for t in titles)
    # a decision not taken, and forms with nothing filled in, stay out of the file (空白格式文书不得入卷)
    for never in ("不予法律援助决定书", "终止法律援助决定书", "更换法律援助人员通知书", "法律援助案件质量评查表",
                  "法律援助案件回访记录表", "旁听庭审记录表"):
        assert never not in titles, never
    materials = {"身份证明", "案件相关材料", "其他材料", "授权委托书"}
    previous_end = 2
    for _number, title, first, last, _note in rows:
        first, last = int(first), int(last or first)
        assert first == previous_end + 1, f"{title} starts on {first}, after {previous_end}"
        previous_end = last
        page = re.sub(r"\s+", "", pages[first - 1])
        assert f"第{first}页共{total}页" in page
        if re.sub(r"（\d+）$", "", title) in materials and "附件" in page:  # an attachment: its caption names it
            assert title in page, (title, page[:200])
        else:  # a form: its printed title (the catalogue name without the variant) is on its first page
            assert re.sub(r"[（(].*", "", title).replace(" ", "") in page.replace(" ", ""), (title, page[:120])
    assert previous_end == total
    remarks = re.sub(r"\s+", "", pages[int(rows[titles.index("卷内备考表")][2]) - 1])
    assert f"本卷共有文件材料{len(rows)}件，共{total}页" in remarks
    scan = titles.index("案件相关材料（2）")
    first = int(rows[scan][2])
    assert "SCANPAGE1" in pages[first - 1] and "SCANPAGE3" in pages[first + 1]
    broken = titles.index("其他材料")
    assert "附件无法读取" in re.sub(r"\s+", "", pages[int(rows[broken][2]) - 1]) and rows[broken][4] == "无法读取"
    said = pages[int(rows[broken][2]) - 1].split("附件无法读取")[1]  # (pypdf's English, "EOF marker", is not printed)
    assert english_words(said.split("请核对原件")[0]) == [], said


@requires_poppler
@pytest.mark.slow
def test_a_missing_attachment_gets_a_page_saying_so(services, closed_case, context, tmp_path):
    record, gone = closed_case
    path = services.attachments.path_of(gone)
    path.chmod(0o600)
    path.unlink()
    pdf = build_case_file(services, record.id, context=context)
    text = re.sub(r"\s+", "", pdftotext(pdf, tmp_path))
    assert "附件文件缺失" in text


def test_cancel_stops_the_case_file(services, save, context):
    record = save("application", civil_maximal())
    with pytest.raises(CaseFileCancelled):
        build_case_file(services, record.id, cancelled=lambda: True, context=context)


def test_unknown_application_is_reported(services, context):
    with pytest.raises(KeyError, match="找不到"):
        build_case_file(services, "TS01-2026-99999", context=context)


def test_the_case_file_is_signed_with_the_station_document_certificate(services, save, context, tmp_path):
    from forms.signing import verify_pdf
    from tests.helpers.trust import enroll_offline

    root = enroll_offline(services, tmp_path / "county").county_key.root()
    record = save("application", civil_maximal())
    signed = context.with_changes(signer=services.document_signer())
    pdf = build_case_file(services, record.id, context=signed)
    assert verify_pdf(pdf, [root]).ok


@requires_poppler
@pytest.mark.slow
def test_a_material_changed_after_signing_is_noted_in_chinese(services, closed_case, context, tmp_path):
    """The note on a material whose signature does not verify gave the check's English ("The signature of ...")
    inside the Chinese sentence printed into the case file."""
    import base64

    from sync.identity import StationKey
    from unit.test_attachments import execute

    record, changed = closed_case
    forged = base64.b64encode(StationKey.generate().sign(changed.manifest_bytes())).decode()
    execute(services.station, "UPDATE attachments SET signature = ? WHERE id = ?", (forged, changed.id))
    assert services.attachments.verify(services.attachments.get(changed.id)).status == "tampered"
    text = pdftotext(build_case_file(services, record.id, context=context), tmp_path)
    note = re.sub(r"\s+", "", text).split("校验结果为")[1].split("附件：")[0]  # (the note ends the line)
    assert english_words(note, {changed.original_name}) == [], note
