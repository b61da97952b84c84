"""Realistic station data for benchmarks: consultations and applications in bulk.

`make_station(path, n, seed)` fills a station folder with `n` consultations and
`n // 10` applications: Chinese names, valid resident ID numbers, questions
and facts written with the words clerks actually type (工资, 离婚, 赡养, ...),
returning people, about 1% voided records and some urgent applications.

Every record goes through the core's own `normalize` and `validate` and is
written by the Store's own insert path (record, person, history, outbox,
search index), only all in one transaction: `Store.save` commits (and fsyncs)
once per record, which costs hours for 200,000 records on a laptop disk.
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.records.db import write_transaction  # noqa: E402
from desktop.records.idcard import check_digit  # noqa: E402
from desktop.records.settings import StationSettings  # noqa: E402
from desktop.records.station import Station, open_station  # noqa: E402
from desktop.records.validation import normalize, validate  # noqa: E402

SETTINGS = StationSettings(station_code="TS01", station_name="测试镇法律援助工作站", township="测试镇",
                           county_name="测试县", clerks=("李四", "王芳", "赵敏"), current_clerk="李四")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
         "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "建国", "志强", "玉兰", "海燕", "红梅", "春生", "德福",
         "金花", "小红", "文斌", "永红", "国庆", "淑珍", "德明", "晓东", "婷婷", "子涵", "浩然", "雨轩", "佳怡")
VILLAGES = ("东山村", "西河村", "南岗村", "北坪村", "新华村", "红旗村", "和平村", "青石村", "柳树湾村", "龙潭村")
REGIONS = ("440507", "440511", "430102", "430421", "510104", "510722", "360102", "362201", "450102", "520102")

# (matter category, question templates, answer templates); {who} and {n} are filled in.
MATTERS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("wages", ("在{place}打工，老板拖欠工资{n}个月，共{amount}元，怎么讨要？",
               "包工头跑路了，工资一直没结，能不能找总承包单位要工资？"),
     ("告知可向劳动保障监察机构投诉，或申请劳动仲裁；农民工讨要工资可申请法律援助。",
      "建议收集考勤、工资条、聊天记录等证据，依法向劳动人事争议仲裁委员会申请仲裁。")),
    ("labour", ("公司没签劳动合同就辞退我，能要求赔偿吗？", "单位不给交社保，想解除劳动合同要经济补偿。"),
     ("未签书面劳动合同的，可主张二倍工资差额；违法解除的，可要求赔偿金。",)),
    ("work_injury", ("在工地干活摔伤了腿，老板不给报医药费，工伤怎么认定？",),
     ("告知工伤认定申请期限为一年，应向人社部门申请工伤认定，再进行劳动能力鉴定。",)),
    ("marriage_family", ("丈夫长期家暴，想离婚，孩子抚养权怎么判？", "结婚{n}年，感情破裂想离婚，彩礼能不能要回来？",
                         "离婚后对方不让看孩子，探望权怎么办？"),
     ("告知协议离婚和诉讼离婚的程序；家暴可申请人身安全保护令。", "讲解离婚财产分割、子女抚养的法律规定。")),
    ("support", ("{n}个子女都不给赡养费，老人生活困难，怎么办？", "儿子在外打工不管老人，能不能起诉要赡养费？",
                 "离婚后对方不给孩子抚养费。"),
     ("子女对父母有赡养扶助的义务，可先由村委会调解，调解不成可起诉要求支付赡养费。",
      "告知抚养费的计算标准，可向法院起诉。")),
    ("inheritance", ("父亲去世没留遗嘱，兄弟几个怎么分房子？",), ("讲解法定继承顺序和遗产分配原则。",)),
    ("traffic", ("骑电动车被小轿车撞了，对方保险公司赔偿太少。",), ("告知交通事故损害赔偿项目和诉讼时效。",)),
    ("debt", ("借给同村人{amount}元，有借条，一直不还。", "亲戚借钱不还，没有借条只有转账记录。"),
     ("有借条和转账记录可起诉，注意三年诉讼时效。",)),
    ("property", ("宅基地被邻居占用，村里调解不了。", "房屋拆迁补偿标准太低，怎么维权？"),
     ("宅基地纠纷先由乡镇政府处理，对处理决定不服可起诉。",)),
    ("land", ("土地承包经营权被村委会收回，合法吗？",), ("告知承包期内发包方不得收回承包地的规定。",)),
    ("neighbour", ("邻居盖房挡住了我家的采光和排水。",), ("讲解相邻关系的法律规定，建议先行调解。",)),
    ("social_security", ("低保被取消了，不知道什么原因。", "养老保险断缴了能不能补缴？"),
     ("建议向民政部门了解原因，可申请复核。",)),
    ("medical", ("在卫生院看病出了医疗事故，医院不承认。",), ("告知医疗损害鉴定和赔偿的途径。",)),
    ("military", ("现役军人家属的承包地被人侵占。",), ("涉军维权案件优先办理，可申请法律援助。",)),
)
CAUSES = (("civil", "追索劳动报酬", "labour", "litigation", "原告", "拖欠工资"),
          ("labour_arbitration", "劳动争议", "labour", "arbitration", "申请人", "未签劳动合同、拖欠工资"),
          ("civil", "赡养纠纷", "support", "litigation", "原告", "子女不履行赡养义务"),
          ("civil", "离婚纠纷", "other", "litigation", "原告", "家庭暴力，感情破裂，要求离婚"),
          ("civil", "机动车交通事故责任纠纷", "injury", "litigation", "原告", "交通事故致伤，要求赔偿"),
          ("criminal", "盗窃罪", None, "criminal_defence", None, "涉嫌盗窃，家庭困难无力委托辩护人"))


def resident_id(rng: random.Random, *, birth_from: int = 1940, birth_to: int = 2000) -> str:
    """A valid 18-digit resident ID number (checksum included)."""
    region = rng.choice(REGIONS)
    born = datetime(rng.randint(birth_from, birth_to), rng.randint(1, 12), rng.randint(1, 28))
    first17 = f"{region}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    return first17 + check_digit(first17)


def _gender(id_number: str) -> str:
    return "male" if int(id_number[16]) % 2 else "female"


def _person(rng: random.Random) -> dict[str, Any]:
    number = resident_id(rng)
    categories = []
    if rng.random() < 0.25:
        categories = rng.sample(("migrant_worker", "elderly", "woman", "disabled", "military_family",
                                 "veteran", "subsistence"), rng.randint(1, 2))
    return {"name": rng.choice(SURNAMES) + rng.choice(GIVEN), "id_type": "resident_id", "id_number": number,
            "gender": _gender(number), "phone": f"1{rng.choice('3578')}{rng.randint(0, 999_999_999):09d}",
            "address": f"测试镇{rng.choice(VILLAGES)}{rng.randint(1, 12)}组", "categories": categories}


def _fill(template: str, rng: random.Random) -> str:
    return template.format(n=rng.randint(2, 8), amount=rng.randint(3, 90) * 1000,
                           place=rng.choice(("县城", "广东", "工地", "砖厂", "镇上的厂里")), who="")


def consultation_data(rng: random.Random, when: datetime, person: dict[str, Any] | None, clerk: str) -> dict[str, Any]:
    """One valid consultation at `when` (anonymous when `person` is None)."""
    category, questions, answers = rng.choice(MATTERS)
    channel = rng.choices(("walk_in", "hotline", "online", "letter", "outreach"), (60, 25, 8, 2, 5))[0]
    outcome = rng.choices(("answered", "mediation", "referred"), (80, 10, 10))[0]
    data: dict[str, Any] = {
        "occurred_at": when.strftime("%Y-%m-%dT%H:%M"), "channel": channel, "matter_category": category,
        "question": _fill(rng.choice(questions), rng), "answer": rng.choice(answers), "clerk": clerk,
        "outcome": outcome, "minutes": rng.randint(5, 60),
    }
    if channel == "outreach":
        data["outreach_event"] = f"{rng.choice(VILLAGES)}普法宣传"
    if outcome == "referred":
        data["referred_to"] = rng.choice(("labour_arbitration", "people_mediation", "court", "civil_affairs"))
    if person is None:
        data["anonymous"] = True
    else:
        data.update(person)
    return data


def application_data(rng: random.Random, when: datetime, person: dict[str, Any], clerk: str) -> dict[str, Any]:
    """One valid application received at `when`."""
    case_type, cause, art31, aid_kind, position, facts = rng.choice(CAUSES)
    data: dict[str, Any] = {
        **person, "received_at": when.strftime("%Y-%m-%dT%H:%M"),
        "channel": rng.choices(("window", "outreach", "online"), (80, 10, 10))[0],
        "case_type": case_type, "aid_kind": aid_kind, "cause": cause, "clerk": clerk,
        "facts": f"申请人{person['name']}称：{facts}，{_fill('共{amount}元', rng)}，请求给予法律援助。",
        "materials": ["id_copy", "case_material"],
    }
    if data["channel"] == "outreach":
        data["outreach_event"] = f"{rng.choice(VILLAGES)}法律服务日"
    if case_type == "criminal":
        data.update(criminal_role="suspect", criminal_stage="prosecution", charge=cause,
                    eligibility_ground="hardship_checked", household_size=rng.randint(1, 6),
                    monthly_income=f"{rng.randint(500, 2500)}.00")
    else:
        ground = rng.choices(("hardship_checked", "commitment", "art42"), (50, 30, 20))[0]
        data["eligibility_ground"] = ground
        data["opposing_party"] = rng.choice(SURNAMES) + rng.choice(GIVEN)
        data["legal_position"] = {"原告": "plaintiff", "申请人": "applicant"}[position]
        if ground == "art42":
            data["art42_exemption"] = "migrant_wages" if art31 == "labour" else "no_income_group"
        else:
            data.update(art31_category=art31, household_size=rng.randint(1, 6),
                        monthly_income=f"{rng.randint(500, 2500)}.00")
    if rng.random() < 0.05:
        data.update(urgent=True, urgency_reason="deadline",
                    urgent_deadline=(when + timedelta(days=rng.randint(1, 6))).strftime("%Y-%m-%d"))
    return data


def records(n: int, seed: int, *, applications: int | None = None,
            end: datetime | None = None, years: float = 5) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(record type, data, voided) for `n` consultations and `applications` applications, oldest first."""
    rng = random.Random(seed)
    applications = n // 10 if applications is None else applications
    end = end or datetime.now().replace(second=0, microsecond=0) - timedelta(days=1)
    span = int(years * 365 * 24 * 60)
    people: list[dict[str, Any]] = []
    kinds = ["consultation"] * n + ["application"] * applications
    rng.shuffle(kinds)
    minutes = sorted(rng.randrange(span) for _ in kinds)
    for kind, back in zip(kinds, reversed(minutes)):
        when = end - timedelta(minutes=back)
        when = when.replace(hour=8 + when.hour % 10)  # office hours
        if people and rng.random() < 0.3:
            person = rng.choice(people)  # a returning person
        else:
            person = _person(rng)
            people.append(person)
        clerk = rng.choice(SETTINGS.clerks)
        if kind == "consultation":
            data = consultation_data(rng, when, None if rng.random() < 0.05 else person, clerk)
        else:
            data = application_data(rng, when, person, clerk)
        yield kind, data, rng.random() < 0.01


def make_station(path: Path, n: int, seed: int = 1, *, applications: int | None = None,
                 check_every: int = 1) -> Station:
    """A station folder at `path` with `n` consultations and `n // 10` applications (or `applications`).

    The folder must not hold a station yet. Every `check_every`-th record is
    validated by the core (1 = all of them; a failure is a bug in this generator).
    """
    station = open_station(Path(path))
    if station.db.execute("SELECT count(*) FROM consultations").fetchone()[0]:
        station.close()
        raise FileExistsError(f"{path} already holds records")
    station.update_settings(SETTINGS)
    store, db = station.store, station.db
    db.conn.execute("PRAGMA synchronous = OFF")  # a benchmark fixture: rebuilt, not recovered
    clock = store._now
    try:
        with write_transaction(db) as conn:
            for i, (kind, data, voided) in enumerate(records(n, seed, applications=applications)):
                clean = normalize(kind, data)
                if check_every and i % check_every == 0:
                    stamp = datetime.fromisoformat(clean.get("occurred_at") or clean["received_at"])
                    issues = validate(kind, clean, reference=store.reference, now=stamp + timedelta(minutes=1))
                    if issues:
                        raise AssertionError(f"generated {kind} is invalid: {[i.text() for i in issues]} {data}")
                when = (clean.get("occurred_at") or clean["received_at"]) + ":00+08:00"
                store._now = lambda when=when: when
                lamport = store._tick(conn)
                if kind == "consultation" and clean.get("anonymous"):
                    clean["person_id"] = None
                else:
                    clean["person_id"] = store._upsert_person(conn, clean, data["clerk"], when, lamport)
                saved = store._insert(conn, kind, clean, data["clerk"], when, lamport)
                if voided:
                    _void(store, conn, kind, saved.id, clean, data["clerk"], when)
    finally:
        store._now = clock
        db.conn.execute("PRAGMA synchronous = FULL")
    return station


def _void(store, conn, kind: str, record_id: str, data: dict[str, Any], user: str, when: str) -> None:
    """What Store.void writes, inside the caller's transaction."""
    lamport = store._tick(conn)
    extra = ", status = 'voided'" if kind == "application" else ""
    table = {"consultation": "consultations", "application": "applications"}[kind]
    conn.execute(f"UPDATE {table} SET version = 2, voided = 1, void_reason = ?, updated_at = ?, updated_by = ?, "
                 f"lamport = ?{extra} WHERE id = ?", ("重复登记", when, user, lamport, record_id))
    store._log(conn, kind, record_id, 2, "void", data, when, user, lamport, "重复登记")


def main(argv: list[str] | None = None) -> int:
    """`python bench/_data.py FOLDER N [SEED]`: build a station folder (used by bench_lists.py)."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("seed", type=int, nargs="?", default=1)
    parser.add_argument("--check-every", type=int, default=1)
    args = parser.parse_args(argv)
    station = make_station(args.folder, args.n, args.seed, check_every=args.check_every)
    station.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
