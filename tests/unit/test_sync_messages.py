"""Every message sync/ and the county server give a person comes from the zh_CN catalogue: English source
strings marked for translation, rendered without Qt by `chinese()` (the CLI, the server) and by Qt's
translate in widgets. The county and the station word a refusal the same way."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import requests

from sync.errors import SyncError
from sync.protocol import REFUSALS
from sync.server.errors import CountyError, refusal as county_refusal
from sync.transport import refusal as station_refusal

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")
# Chinese that is data, not a message: the roster CSV's columns and values (the county's file format), and names
DATA = {"sync/server/reference.py": None,  # the roster CSV vocabulary, inside the administrator's English messages
        "sync/server/county_key.py": {"县法律援助中心"},  # the default name on the county's certificate
        "sync/server/app.py": {"法律援助 county sync server"},  # the OpenAPI title
        "sync/server/__main__.py": {"县法律援助中心 sync server and its admin commands"}}


def answer(status: int, body: bytes) -> requests.Response:
    """An HTTP answer as requests hands it over (the county's error answers are small JSON bodies)."""
    response = requests.Response()
    response.status_code = status
    response._content = body
    response.encoding = "utf-8"
    return response


def test_sync_has_no_chinese_literals_outside_the_catalogue():
    found = []
    for path in sorted((ROOT / "sync").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        allowed = DATA.get(name, set())
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and HAN.search(node.value)
                    and id(node) not in docstrings and allowed is not None and node.value not in allowed):
                found.append(f"{name}:{node.lineno} {node.value!r}")
    assert not found, "Chinese in code (mark an English source with QT_TRANSLATE_NOOP instead):\n" + "\n".join(found)


def test_the_county_and_the_station_word_a_refusal_the_same_way():
    for code in REFUSALS:
        body = county_refusal(code, "detail for the log")
        refused = station_refusal(answer(403, json.dumps(body).encode()))
        assert refused.code == code and refused.message_zh == body["message_zh"], code
        assert HAN.search(refused.message_zh) and str(refused) == "detail for the log"
    assert county_refusal("revoked", "x")["message_zh"] == "本工作站已被县法律援助中心撤销，不能再同步。请联系县中心。"


def test_a_refusal_the_station_does_not_know_keeps_the_countys_words():
    newer = {"error": "quota", "message": "over quota", "message_zh": "超过配额。"}
    refused = station_refusal(answer(403, json.dumps(newer, ensure_ascii=False).encode()))
    assert (refused.code, refused.message_zh, str(refused)) == ("quota", "县中心拒绝了请求：超过配额。", "over quota")
    not_json = station_refusal(answer(502, b"<html>Bad gateway</html>"))
    assert not_json.message_zh == "县中心拒绝了请求（状态码 502）。" and "Bad gateway" in str(not_json)
    unworded = station_refusal(answer(403, json.dumps({"error": "quota", "message": "over quota"}).encode()))
    assert "over quota" not in unworded.message_zh and HAN.search(unworded.message_zh)  # its English is the detail
    assert str(unworded) == "over quota"


def test_errors_carry_english_sources_and_render_chinese_without_qt():
    from sync.engine import NOT_ENROLLED
    from sync.server.decisions import WRONG_ORDER

    error = SyncError(NOT_ENROLLED, code="not_enrolled", detail="the station is not enrolled")
    assert error.message == NOT_ENROLLED and str(error) == "the station is not enrolled"
    assert error.message_zh == "本工作站尚未在县中心注册。请在设置中输入服务器地址和注册码。"
    refused = CountyError("cannot close an application whose status is received", WRONG_ORDER,
                          {"status": "已收到", "decision": "结案"})
    assert refused.message_zh == "申请当前状态为“已收到”，不能再结案。"
    assert CountyError("an administrator's detail only").message_zh is None
