"""Rendering: every form for minimal, maximal and no record; text in order; fonts embedded; pages in bounds."""

from __future__ import annotations

import re

import pytest
from PIL import Image
from pypdf import PdfReader

from forms.catalogue import all_forms
from forms.render import record_fingerprint, render_form

from .conftest import (LONG_FACTS, civil_maximal, resident_id, civil_minimal, consultation_maximal,
                       criminal_maximal, pages_png, pdftotext, requires_poppler)

FORMS = [f.id for f in all_forms()]


def _io(pdf: bytes):
    import io

    return io.BytesIO(pdf)


@pytest.mark.parametrize("size", ["min", "max", "blank"])
@pytest.mark.parametrize("form_id", FORMS)
def test_every_form_renders(form_id, size, filled, context):
    form = next(f for f in all_forms() if f.id == form_id)
    record, decisions = (None, None) if size == "blank" else filled(form, size)
    pdf = render_form(form_id, record, context, decisions=decisions)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(_io(pdf))
    assert 1 <= len(reader.pages) <= 4


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@requires_poppler
def test_filled_values_appear_in_reading_order(save, context, tmp_path):
    record = save("application", civil_maximal())
    text = _squash(pdftotext(render_form("application_civil", record, context), tmp_path))
    expected = ["法律援助申请表", "编号：（青山·TS01）援申字〔2026〕第1号", "张伟", "☑男", "☐女", "1985年3月12日",
                "汉族", "初中", "4", "1", "1", "5", "2", "8", "13812345678", "宏达建筑劳务有限公司", "☑退役军人", "☑农民工",
                "☑劳动争议仲裁", "追索劳动报酬纠纷", "36000.00元", "青山县宏达建筑劳务有限公司", "☑劳动争议仲裁代理",
                "☑经济困难（经核查）", "公司拖欠工资三万六千元", "2400.00元", "600.00元", "务工收入", "农村住房一处",
                "李芳"]
    position = 0
    for value in expected:
        found = text.find(value, position)
        assert found >= 0, f"{value!r} missing or out of order after …{text[max(0, position - 30):position]}"
        position = found + len(value)
    assert "☐刑事" not in text  # the civil variant offers only non-criminal case types


@requires_poppler
def test_criminal_variant_and_consultation_register_show_their_values(save, context, tmp_path):
    record = save("application", criminal_maximal())
    text = _squash(pdftotext(render_form("application_criminal", record, context), tmp_path))
    for value in ("刑事案件适用", "王小明", "☑犯罪嫌疑人", "盗窃罪", "☑审查起诉", "青山县看守所", "☑刑事辩护",
                  "人民检察院", "☑刑事通知辩护（第二十五条）", "☑未成年人", "王大明"):
        assert value in text, value
    consultation = save("consultation", consultation_maximal())
    text = _squash(pdftotext(render_form("consultation_register", consultation, context), tmp_path))
    for value in ("法律援助咨询登记表", "2026年3月5日9时30分", "☑来访", "☑劳动报酬", "老板拖欠工资", "建议申请劳动仲裁",
                  "☑转介其他部门", "劳动人事争议仲裁委员会"):
        assert value in text, value


@requires_poppler
def test_facts_pasted_from_word_print_their_line_breaks_not_boxes(save, context, tmp_path):
    """Word's manual line break (\x0b) and page break (\x0c) printed as □ with 请手工补写; a station's save keeps
    them as the line breaks they are."""
    record = save("application", civil_maximal(facts="公司拖欠工资三万六千元。\x0b多次催要未果。\x0c申请人请求援助。"))
    text = pdftotext(render_form("application_civil", record, context), tmp_path)
    lines = [line.strip() for line in text.splitlines()]
    for line in ("公司拖欠工资三万六千元。", "多次催要未果。", "申请人请求援助。"):
        assert line in lines, line
    assert "元。□" not in text and "未果。□" not in text and "本机字体无法正确显示" not in text  # (the form's own □ stay)


@requires_poppler
def test_missing_values_print_as_blanks_and_a_blank_form_has_no_record_data(save, context, tmp_path):
    record = save("application", civil_minimal())
    text = pdftotext(render_form("receipt", record, context), tmp_path)
    assert "赵六" in text and "接收人" in text
    blank = pdftotext(render_form("application_civil", None, context), tmp_path)
    assert "赵六" not in blank and "☐男" in blank and "☑" not in blank
    assert "测试镇法律援助工作站" in blank  # the station still heads the page


def test_fonts_are_embedded_subsets(save, context):
    record = save("application", civil_maximal())
    reader = PdfReader(_io(render_form("application_civil", record, context)))
    seen = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            base = str(font["/BaseFont"])
            assert re.fullmatch(r"/[A-Z]{6}\+.+", base), f"{base} is not an embedded subset"
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{base} is not embedded"
            seen.add(base.split("+", 1)[1])
    assert {"UMingCN", "WenQuanYiZenHei"} <= seen


def test_footer_numbers_pages_and_carries_the_record_fingerprint(save, context, tmp_path):
    record = save("application", civil_maximal())
    pdf = render_form("application_civil", record, context)
    pages = len(PdfReader(_io(pdf)).pages)
    fingerprint = record_fingerprint(record)
    assert re.fullmatch(r"[0-9a-f]{12}", fingerprint)
    text = pdftotext(pdf, tmp_path)
    for n in range(1, pages + 1):
        assert f"第 {n} 页 共 {pages} 页" in text
    assert text.count(f"校验码 {fingerprint}") == pages
    changed = save("application", civil_maximal(facts="另一事实。"))
    assert record_fingerprint(changed) != fingerprint


@requires_poppler
@pytest.mark.slow
def test_long_text_continues_on_more_pages_and_stays_inside_the_paper(save, context, tmp_path):
    record = save("application", civil_maximal(facts=LONG_FACTS[:4900], name="欧阳" + "明" * 40,
                                               id_number=resident_id(sequence="299"),
                                               opposing_party="青山县" + "宏达" * 45 + "公司"))
    pdf = render_form("application_civil", record, context)
    short = render_form("application_civil", save("application", civil_maximal()), context)
    assert len(PdfReader(_io(pdf)).pages) > len(PdfReader(_io(short)).pages)
    text = _squash(pdftotext(pdf, tmp_path))
    assert "（续）" in text  # the facts' label repeated on the continuation page
    assert _squash(LONG_FACTS[:4900])[-40:] in text  # the end of the facts is printed, not cut off
    _assert_pages_in_bounds(pages_png(pdf, tmp_path))


def _assert_pages_in_bounds(pngs, margin_mm: float = 7.0):
    assert pngs
    for png in pngs:
        with Image.open(png) as image:
            gray = image.convert("L")
            ink = gray.point(lambda v: 255 if v < 200 else 0)
            box = ink.getbbox()
            assert box is not None, f"{png.name} is blank"
            w, h = gray.size
            edge = margin_mm / 25.4 * 50
            left, top, right, bottom = box
            assert left >= edge and top >= edge and right <= w - edge and bottom <= h - edge, \
                f"{png.name}: ink at {box} in a {w}x{h} page"
            dark = ink.histogram()[255]
            assert dark > 500, f"{png.name} is nearly blank"


def _words(pdf: bytes, tmp_path) -> list[tuple[int, float, float, float, float, str]]:
    """Every word poppler finds, with its box in points from the page's top left: (page, x0, y0, x1, y1, text)."""
    import html
    import subprocess

    path = tmp_path / "words.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True).stdout.decode()
    words, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            words.append((page, *map(float, m.groups()[:4]), html.unescape(m.group(5))))
    return words


@requires_poppler
@pytest.mark.slow
@pytest.mark.parametrize("size", ["blank", "min", "long"])
def test_no_text_outside_the_frame_on_any_form_with_any_input(size, filled, context, tmp_path):
    """Measured on the PDF: every word of every form, blank, minimal and with long values everywhere, stays
    between the margins (25 mm binding edge, 20 mm right) and 8 mm clear of the paper's top and bottom."""
    from forms.layout import DEFAULT_STYLE, MM, PAGE_H

    left, right = DEFAULT_STYLE["margin_left_mm"] * MM, (210 - DEFAULT_STYLE["margin_right_mm"]) * MM
    outside = []
    for form in all_forms():
        record, decisions = (None, None) if size == "blank" else filled(form, size)
        pdf = render_form(form.id, record, context, decisions=decisions)
        words = _words(pdf, tmp_path)
        assert words, form.id
        for page, x0, y0, x1, y1, text in words:
            if x0 < left - 0.5 or x1 > right + 0.5 or y0 < 8 * MM or y1 > PAGE_H - 8 * MM:
                outside.append(f"{form.id} p{page} {text!r} x {x0 / MM:.1f}-{x1 / MM:.1f} mm y {y0 / MM:.1f}-{y1 / MM:.1f} mm")
        if size == "long":
            out = tmp_path / form.id
            out.mkdir()
            _assert_pages_in_bounds(pages_png(pdf, out))
    assert not outside, "\n".join(outside[:30])


@requires_poppler
def test_uyghur_and_tibetan_names_are_shaped_and_stay_text(save, context, tmp_path):
    from forms.fonts import FontSet, shipped_body, shipped_title

    names = {"ئەخمەت تۇرسۇن": "艾合买提·吐尔逊", "བཀྲ་ཤིས་བདེ་ལེགས": "扎西德勒", "买买提·艾力": None}
    strict = context.with_changes(system_fallbacks=False)  # the shipped fonts alone
    for i, (name, chinese) in enumerate(names.items()):
        record = save("application", civil_maximal(name=name, name_zh=chinese, facts=f"申请人{name}称：工资被拖欠。",
                                                   id_number=resident_id(sequence=f"{301 + 2 * i}")))
        pdf = render_form("application_civil", record, strict)
        text = pdftotext(pdf, tmp_path)
        assert name in text and "本机字体无法正确显示" not in text, name  # copied as written, in its order
        if chinese:
            assert chinese in text
    fonts = FontSet(shipped_body(), shipped_title(), system_fallbacks=False)
    assert not fonts.missing("ئەخمەت تۇرسۇن") and not fonts.missing("བཀྲ་ཤིས")
    arabic = fonts.font_for("ئ")
    shaped, width = fonts.shape(arabic, "ئەخمەت", 14)
    assert [ord(c) for c in shaped] != [ord(c) for c in reversed("ئەخمەت")]  # joined forms, not isolated letters
    assert fonts.missing("ᠮᠣᠩᠭᠣᠯ")  # Mongolian: no shaping font here, marked for the clerk


@requires_poppler
def test_a_character_no_font_has_is_marked_for_the_clerk(save, context, tmp_path):
    from forms.fonts import FontSet, shipped_body, shipped_title

    fonts = FontSet(shipped_body(), shipped_title(), system_fallbacks=False)
    if not fonts.missing("𠮷"):
        pytest.skip("a font with CJK Extension B is configured or shipped")
    record = save("application", civil_maximal(name="𠮷野家", facts="申请人𠮷野家称：工资被拖欠。"))
    text = pdftotext(render_form("application_civil", record, context.with_changes(system_fallbacks=False)), tmp_path)
    assert "□" in text and "本机字体无法正确显示" in text and "生僻字" in text


def test_a_configured_fallback_font_prints_a_rare_character(save, context, tmp_path):
    from pathlib import Path

    hana = Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")
    if not hana.exists():
        pytest.skip("no font with CJK Extension B on this machine (fonts-hanazono)")
    record = save("application", civil_maximal(name="𠮷田"))
    pdf = render_form("receipt", record, context.with_changes(fallback_fonts=(hana,), system_fallbacks=False))
    text = pdftotext(pdf, tmp_path)
    assert b"+HanaMinB" in pdf and "𠮷田" in text  # drawn with the fallback font, and copied as 𠮷 (U+20BB7)
    assert "本机字体无法正确显示" not in text


def test_a_configured_system_font_replaces_the_body_font(save, context):
    from pathlib import Path

    from forms.fonts import FontError

    uming = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
    if uming.exists():  # a .ttc face, as SimSun is on Windows
        pdf = render_form("receipt", save("application", civil_maximal()), context.with_changes(body_font=(uming, 1)))
        assert b"UMingHK" in pdf
    with pytest.raises(FontError):
        render_form("receipt", None, context.with_changes(body_font=Path("/nonexistent/simsun.ttc")))


def test_the_seal_is_drawn_and_a_configured_seal_image_replaces_it(save, context, tmp_path):
    from forms.seal import seal_png

    record = save("application", civil_maximal())
    with_seal = render_form("receipt", record, context)
    without = render_form("receipt", record, context.with_changes(seal=False))
    assert len(with_seal) > len(without)
    png = tmp_path / "seal.png"
    png.write_bytes(seal_png("测试镇法律援助工作站", 200))
    with Image.open(png) as image:
        assert image.size == (200, 200) and image.mode == "RGBA"
    pdf = render_form("receipt", record, context.with_changes(seal_image=png))
    assert b"/Subtype /Image" in pdf


def test_the_signed_pdf_validates_and_fails_after_one_changed_byte(services, save, context, tmp_path):
    from forms.signing import verify_pdf
    from tests.helpers.trust import enroll_offline

    root = enroll_offline(services, tmp_path / "county").county_key.root()
    record = save("application", civil_maximal())
    signer = services.document_signer()
    assert signer.holder.name == "测试镇法律援助工作站" and signer.holder.center == "青山县法律援助中心"
    pdf = render_form("receipt", record, context.with_changes(signer=signer))
    good = verify_pdf(pdf, [root])
    assert good.ok and good.signer == "测试镇法律援助工作站（TS01）", good.message
    assert not verify_pdf(pdf).ok  # no root to check it against: not valid, never "probably fine"
    for where in (len(pdf) // 4, len(pdf) // 2):
        damaged = bytearray(pdf)
        damaged[where] ^= 0x01
        check = verify_pdf(bytes(damaged), [root])
        assert not check.ok, check.message
