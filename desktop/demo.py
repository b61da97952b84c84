"""Training data: `python -m desktop demo-data --count N` fills a station with realistic records.

Every record goes through the real `Store.save` (validated, versioned, in the
history, the outbox and the search index), one transaction each, in the order
a clerk would have entered them over the last two years: the store's clock is
set to the moment each record was "entered", so created_at, history and the
outbox read like a station's real past.

`generate_records` yields ``(record_type, data)``; keys starting with ``_demo_``
are instructions for the runner, never stored:

- ``_demo_key``: this record's number in the stream (for links, edits, voids);
- ``_demo_at``: when the clerk saved it (naive local time, ISO);
- ``_demo_from``: key of the consultation this application was turned from;
- ``_demo_edit_of``: key of the record this data is a second version of;
- ``_demo_void_of`` and ``_demo_reason``: void that record with that reason.

People, places and cases are made up. Proportions follow a township station in
a county of central China with migrant workers leaving and minority residents
arriving: about 70 % consultations, 30 % applications (a fifth of them criminal).
"""

from __future__ import annotations

import heapq
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Iterator

from desktop.records.errors import StorageError, ValidationFailed
from desktop.records.idcard import check_digit
from desktop.records.settings import StationSettings
from desktop.records.station import Station, open_station
from desktop.records.store import Store

META_PREFIX = "_demo_"
PROGRESS_EVERY = 1000

DEMO_SETTINGS = StationSettings(
    station_code="DEMO01", station_name="城关镇法律援助工作站", township="城关镇",
    county_name="临河县", station_type="fixed", clerks=("李明", "王芳", "张建国"), current_clerk="李明")

# The demo county lies in 信阳市, 河南省 (prefecture 4115); its own county code is made up.
HOME_PROVINCE, HOME_PREFECTURE, HOME_REGION = "河南省", "信阳市", "411528"
HOME_AREA_CODE, HOME_POSTCODE = "0376", "465450"

# --------------------------------------------------------------------------- names

_SURNAMES = (
    "王", 71, "李", 70, "张", 67, "刘", 54, "陈", 45, "杨", 31, "黄", 22, "赵", 20, "吴", 20, "周", 19,
    "徐", 13, "孙", 13, "马", 12, "朱", 12, "胡", 11, "郭", 11, "何", 10, "高", 10, "林", 10, "罗", 9,
    "郑", 9, "梁", 8, "谢", 7, "宋", 6, "唐", 6, "许", 6, "韩", 6, "冯", 5, "邓", 5, "曹", 5, "彭", 5,
    "曾", 5, "肖", 5, "田", 5, "董", 4, "袁", 4, "潘", 4, "于", 4, "蒋", 4, "蔡", 4, "余", 4, "杜", 4,
    "叶", 4, "程", 3, "苏", 3, "魏", 3, "吕", 3, "丁", 3, "任", 3, "沈", 3, "姚", 3, "卢", 3, "姜", 3,
    "崔", 3, "钟", 3, "谭", 3, "陆", 3, "汪", 3, "范", 3, "金", 3, "石", 3, "廖", 2, "贾", 2, "夏", 2,
    "付", 2, "方", 2, "白", 2, "邹", 2, "孟", 2, "熊", 2, "秦", 2, "邱", 2, "江", 2, "尹", 2, "薛", 2,
    "闫", 2, "段", 2, "雷", 2, "侯", 2, "龙", 2, "史", 2, "陶", 2, "贺", 2, "顾", 2, "毛", 2, "郝", 2,
    "龚", 2, "邵", 2, "万", 2, "钱", 2, "严", 1, "戴", 1, "孔", 1, "汤", 1, "欧阳", 1, "司马", 0.3,
)
SURNAMES, SURNAME_WEIGHTS = _SURNAMES[0::2], _SURNAMES[1::2]

# Given names by generation: (born before 1965, 1965-1994, 1995 and later).
GIVEN = {
    "male": (
        "建国 国庆 德福 长生 有才 振华 国强 志明 玉林 金山 春生 水根 保国 德胜 广才 卫东 明山 福贵 永福 德明 长青 "
        "明 福 贵 山 林 发 成 忠",
        "伟 强 磊 军 勇 杰 涛 斌 超 刚 平 辉 鹏 华 飞 波 峰 亮 海波 红军 建军 志强 永刚 小龙 俊 东 海涛 建华 文军 "
        "志刚 晓明 伟东 立新 春雷 国栋 振宇",
        "浩 宇 鑫 帅 浩然 子轩 宇航 梓豪 俊杰 一鸣 博文 天佑 晨阳 子墨 皓轩 嘉豪 家乐 晓东 铭 泽 睿 凯 宇轩 明轩 思远",
    ),
    "female": (
        "秀英 桂英 玉兰 秀兰 桂兰 凤英 秀珍 淑珍 玉珍 翠花 桂芝 兰英 凤兰 秀云 金花 素芳 春兰 玉梅 桂香 英 兰 梅",
        "芳 娜 敏 静 丽 艳 娟 霞 红 燕 玲 萍 莉 琴 云 丽娟 红梅 海燕 晓燕 春燕 小红 丽华 美玲 婷 晓丽 艳红 玉洁 "
        "秀梅 丽萍",
        "婷 雪 琳 慧 颖 洁 欣 怡 佳 倩 丹 妍 雯 欣怡 梓涵 诗涵 雨桐 子涵 佳怡 梦瑶 思琪 语嫣 可馨 雨欣 紫涵",
    ),
}
GIVEN = {g: tuple(tuple(s.split()) for s in pools) for g, pools in GIVEN.items()}

UYGHUR = {"male": "买买提 艾力 吐尔逊 阿不都拉 艾则孜 努尔麦麦提 热合曼 亚森 阿里木 吾斯曼 肉孜 艾买提 库尔班 塔依尔 依明".split(),
          "female": "阿依古丽 古丽娜尔 热依拉 帕提古丽 努尔古丽 米热古丽 阿瓦古丽 再努尔 阿依努尔 迪丽努尔 古丽巴哈尔 布再娜甫".split()}
KAZAKH = {"male": "叶尔兰 努尔兰 哈力木拉提 别克 阿斯哈尔 叶尔波拉提".split(),
          "female": "阿依达娜 古丽米拉 加娜尔 阿克让 玛合巴丽".split()}
TIBETAN_FIRST = "扎西 次仁 达瓦 索朗 洛桑 旦增 平措 尼玛 格桑 边巴 白玛 德吉".split()
TIBETAN_SECOND = {"male": "顿珠 多吉 旺堆 罗布 平措 群培 欧珠 扎西".split(),
                  "female": "卓玛 央宗 拉姆 央金 曲珍 措姆 次珍 德吉".split()}
MONGOL = {"male": "巴特尔 乌力吉 朝鲁 苏和 额尔敦 毕力格 宝音".split(),
          "female": "其其格 娜仁花 斯琴 萨仁 乌兰 高娃 图雅".split()}
YI = {"male": "阿西木呷 沙马拉格 海来阿木 吉克曲布 阿苦日哈".split(),
      "female": "吉克阿依 曲比阿果 阿西阿呷 沙马阿支".split()}

# ethnicity code: (weight, Han-style surnames or None for own naming, home prefectures, language, interpreter rate)
ETHNIC = {
    "01": (930, None, None, None, 0.0),
    "03": (25, "马 白 海 穆 丁 沙 哈 杨 李".split(), ("6401", "6229", "4115", "4101"), None, 0.0),
    "05": (12, None, ("6531", "6532", "6529", "6501"), "维吾尔语", 0.4),
    "04": (7, None, ("5401", "5133", "6327", "6230", "5402"), "藏语", 0.3),
    "08": (5, "韦 覃 蒙 黄 陆 农 韦".split(), ("4501", "4510", "4512", "4514"), None, 0.0),
    "06": (5, "龙 吴 杨 石 麻 王".split(), ("5226", "4331", "5326", "4312"), None, 0.0),
    "15": (4, "向 田 彭 覃 冉 谭".split(), ("4228", "4331", "4308"), None, 0.0),
    "02": (4, None, ("1501", "1502", "1504", "1505"), "蒙古语", 0.1),
    "07": (3, None, ("5134", "5323"), "彝语", 0.2),
    "11": (3, "关 佟 那 金 赵 富".split(), ("2101", "2104", "1308"), None, 0.0),
    "17": (2, None, ("6540", "6543", "6542"), "哈萨克语", 0.3),
}
ETHNIC_CODES = tuple(ETHNIC)
ETHNIC_WEIGHTS = tuple(v[0] for v in ETHNIC.values())

# --------------------------------------------------------------------------- places

VILLAGES = ("东关社区 西关社区 南关村 北关村 十里村 王营村 李岗村 张湾村 杨庄村 陈楼村 柳林村 河口村 "
            "大刘庄村 小吴湾村 桥头村 石桥村 新集村 黄土岗村 枣树林村 龙潭村").split()
STREETS = "解放路 人民路 建设路 文化路 新华街 老街 滨河路 车站路".split()
OTHER_TOWNSHIPS = "十里镇 河口镇 白雀乡 槐店乡 仙居乡 双桥镇".split()
CITIES_AWAY = ("广东省东莞市 广东省深圳市宝安区 浙江省杭州市萧山区 江苏省苏州市 上海市松江区 北京市大兴区 "
               "福建省晋江市 郑州市金水区 河南省信阳市浉河区").split()
DETENTION = ("临河县看守所", "信阳市看守所", "临河县拘留所")

OUTREACH_EVENTS = (
    ("法律援助进军营·武警临河中队", "military", 3),
    ("法律援助进军营·驻临某部营区", "military", 2),
    ("退役军人法律服务日·县退役军人服务中心", "military", 1),
    ("送法下乡·{village}", "village", 8),
    ("农民工欠薪专项服务·县城建筑工地", "migrant", 4),
    ("“三八”妇女维权周·镇妇联", "women", 2),
    ("重阳节敬老法律服务·镇敬老院", "elderly", 2),
    ("法治进校园·城关镇中学", "minor", 1),
    ("民族团结法律服务·城关清真寺社区", "ethnic", 1),
    ("残疾人法律服务·县残联", "disabled", 1),
)

EMPLOYERS = ("临河县宏达建筑劳务有限公司", "信阳市鑫源建设工程有限公司", "临河县兴旺制衣厂", "某物流公司临河分公司",
             "临河县华丰农业开发有限公司", "东莞市某电子厂", "深圳某五金制品有限公司", "临河县金鼎商砼有限公司",
             "临河县城关镇某饭店", "苏州某纺织有限公司", "临河县顺发木业加工厂", "郑州某装修工程队")
JOBS = "钢筋工 木工 瓦工 小工 装卸工 保洁员 厨师 服务员 缝纫工 电焊工 司机 保安 外卖骑手 快递员 护工".split()
OCCUPATIONS = ("农民", "进城务工人员", "建筑工人", "个体户", "无业", "快递员", "外卖骑手",
               "保洁员", "工厂工人", "司机", "护工", "厨师", "装修工", "务农")
OCCUPATIONS_YOUNG = ("学生", "学生", "工厂工人", "外卖骑手", "快递员", "服务员", "进城务工人员", "无业")

# --------------------------------------------------------------------------- helpers


def _pick(rng: random.Random, weighted: dict[str, float]) -> str:
    return rng.choices(tuple(weighted), weights=tuple(weighted.values()))[0]


def _money(rng: random.Random, low: int, high: int, step: int = 100) -> str:
    return f"{rng.randrange(low, high + 1, step)}.00"


def _cn_amount(amount: str) -> str:
    """'35600.00' as written in a question: '35600元' or '3.56万元'."""
    value = float(amount)
    return f"{value / 10000:g}万元" if value >= 10000 and value % 100 == 0 else f"{value:g}元"


def resident_id(rng: random.Random, region6: str, birth: date, gender: str) -> str:
    """A valid 18-digit resident ID (GB 11643): region, birth date, sequence with gender parity, check digit."""
    gender_digit = rng.choice("13579" if gender == "male" else "02468")
    first17 = f"{region6}{birth:%Y%m%d}{rng.randrange(100):02d}{gender_digit}"
    return first17 + check_digit(first17)


def mobile(rng: random.Random) -> str:
    prefix = rng.choice(("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                         "155", "156", "157", "158", "159", "166", "173", "176", "177", "180", "181", "182",
                         "183", "186", "187", "188", "189", "191", "198", "199"))
    return prefix + f"{rng.randrange(10 ** 8):08d}"


def landline(rng: random.Random) -> str:
    return f"{HOME_AREA_CODE}-{rng.randrange(2, 9)}{rng.randrange(10 ** 6):06d}"


def _birth_for_age(rng: random.Random, on: date, low: int, high: int) -> date:
    age = rng.randint(low, high)
    day = on - timedelta(days=age * 365 + rng.randrange(365))
    return day if day.year > 1900 else date(1930, 1, 1)


def _months_before(on: date, months: int) -> str:
    """'2024年5月': the month `months` before `on`."""
    index = on.year * 12 + on.month - 1 - months
    return f"{index // 12}年{index % 12 + 1}月"


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


@dataclass
class Person:
    """A made-up person; `fields()` gives the person fields of a record."""
    name: str
    gender: str
    ethnicity: str
    birth: date
    id_type: str
    id_number: str | None
    phone: str | None
    address: str
    hukou: str
    occupation: str | None
    traits: set[str] = field(default_factory=set)  # lasting categories: disabled, military, subsistence, ...
    health: str | None = None
    education: str | None = None
    language: str | None = None
    interpreter: bool = False
    work_unit: str | None = None

    def categories(self, on: date, extra: tuple[str, ...] = ()) -> list[str]:
        cats = set(self.traits) | set(extra)
        age = _age(self.birth, on)
        if age < 18:
            cats.add("minor")
        if age >= 60:
            cats.add("elderly")
        if self.gender == "female" and age >= 18:
            cats.add("woman")
        if self.ethnicity != "01":
            cats.add("ethnic_minority")
        order = ("military", "military_family", "veteran", "migrant_worker", "woman", "minor", "elderly", "disabled",
                 "ethnic_minority", "family_planning_hardship", "petitioner", "subsistence", "judicial_assistance",
                 "preferential_care", "domestic_violence_victim")
        return [c for c in order if c in cats]

    def fields(self, on: date, extra: tuple[str, ...] = (), full: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "gender": self.gender, "phone": self.phone,
                                "categories": self.categories(on, extra)}
        if full or self.id_number:
            data.update(ethnicity=self.ethnicity, id_type=self.id_type, id_number=self.id_number,
                        birth_date=self.birth.isoformat(), address=self.address, hukou=self.hukou,
                        occupation=self.occupation, work_unit=self.work_unit, education=self.education,
                        health=self.health, language=self.language,
                        interpreter_needed=True if self.interpreter else None)
            if data["id_type"] == "resident_id" and data["address"].startswith("临河县"):
                data["postcode"] = HOME_POSTCODE
            if "disabled" in self.traits:
                data["accessibility_needs"] = "需手语翻译" if self.health == "disabled" and "sensory" in self.traits \
                    else "行动不便，需无障碍通道"
        return {k: v for k, v in data.items() if v not in (None, "", [])}


class PersonMaker:
    def __init__(self, rng: random.Random, settings: StationSettings):
        self.rng = rng
        self.county = settings.county_name or "临河县"
        self.township = settings.township or "城关镇"

    def name(self, gender: str, ethnicity: str, birth: date) -> str:
        rng = self.rng
        if ethnicity in ("05",):
            return f"{rng.choice(UYGHUR[gender])}·{rng.choice(UYGHUR['male'])}"
        if ethnicity == "17":
            return f"{rng.choice(KAZAKH[gender])}·{rng.choice(KAZAKH['male'])}"
        if ethnicity == "04":
            first = rng.choice(TIBETAN_FIRST)
            second = rng.choice([s for s in TIBETAN_SECOND[gender] if s != first])
            return first + second if rng.random() < 0.85 else second
        if ethnicity == "02" and rng.random() < 0.7:
            return rng.choice(MONGOL[gender])
        if ethnicity == "07" and rng.random() < 0.6:
            return rng.choice(YI[gender])
        surnames = ETHNIC[ethnicity][1]
        surname = rng.choice(surnames) if surnames else rng.choices(SURNAMES, weights=SURNAME_WEIGHTS)[0]
        generation = 0 if birth.year < 1965 else 1 if birth.year < 1995 else 2
        pool = GIVEN[gender][generation]
        return surname + rng.choice(pool)

    def make(self, on: date, *, low: int = 18, high: int = 75, gender: str | None = None,
             ethnicity: str | None = None, traits: tuple[str, ...] = (), id_known: bool = True) -> Person:
        rng = self.rng
        gender = gender or rng.choice(("male", "female"))
        ethnicity = ethnicity or rng.choices(ETHNIC_CODES, weights=ETHNIC_WEIGHTS)[0]
        birth = _birth_for_age(rng, on, low, high)
        _, _, homes, language, interpreter_rate = ETHNIC[ethnicity]
        local = homes is None or (ethnicity == "03" and rng.random() < 0.6)
        if local:
            region = HOME_REGION if rng.random() < 0.92 else f"4115{rng.randint(21, 28):02d}"
            village = rng.choice(VILLAGES)
            township = self.township if rng.random() < 0.8 else rng.choice(OTHER_TOWNSHIPS)
            if village.endswith("社区"):
                address = f"{self.county}{township}{rng.choice(STREETS)}{rng.randint(1, 300)}号"
            else:
                address = f"{self.county}{township}{village}{rng.randint(1, 12)}组"
            hukou = f"{HOME_PROVINCE}{self.county}{township}{village}"
        else:
            prefecture = rng.choice(homes)
            region = f"{prefecture}{rng.randint(1, 30):02d}"
            province_name = _PROVINCE_NAMES.get(prefecture[:2], "")
            hukou = f"{province_name}{_PREFECTURE_NAMES.get(prefecture, '')}"
            address = f"{self.county}{self.township}{rng.choice(STREETS)}{rng.randint(1, 300)}号（租住）"
        all_traits = set(traits)
        age = _age(birth, on)
        health = "healthy" if rng.random() < 0.8 else None
        if "disabled" in all_traits:
            health = "disabled"
        elif age >= 60 and rng.random() < 0.08:
            health = "seriously_ill"
        if "military" in all_traits:
            id_type, number = ("military_id", f"{rng.choice('南北中西东')}字第{rng.randrange(10 ** 7):07d}号") \
                if rng.random() < 0.4 else ("resident_id", None)
        else:
            id_type, number = "resident_id", None
        if id_type == "resident_id":
            number = resident_id(rng, region, birth, gender) if id_known else None
        phone = None
        if age >= 14:
            phone = mobile(rng) if rng.random() < 0.9 else landline(rng)
        if age < 18:
            occupation = "学生" if age >= 6 else None
        elif age >= 60:
            occupation = rng.choice(("农民", "退休", "无业", "务农"))
        elif "military" in all_traits:
            occupation = "现役军人"
        elif "migrant_worker" in all_traits:
            occupation = rng.choice(("进城务工人员", "建筑工人", "工厂工人", "装修工"))
        elif age <= 23:
            occupation = rng.choice(OCCUPATIONS_YOUNG)
        else:
            occupation = rng.choice(OCCUPATIONS) if rng.random() < 0.85 else None
        education = _education(rng, birth)
        interpreter = bool(language) and rng.random() < interpreter_rate
        work_unit = None
        if occupation in ("建筑工人", "工厂工人", "司机", "保洁员", "厨师") and rng.random() < 0.5:
            work_unit = rng.choice(EMPLOYERS)
        elif occupation == "现役军人":
            work_unit = "中国人民解放军某部" if rng.random() < 0.6 else "武警临河中队"
        return Person(self.name(gender, ethnicity, birth), gender, ethnicity, birth, id_type, number, phone,
                      address, hukou, occupation, all_traits, health, education, language, interpreter, work_unit)


def _education(rng: random.Random, birth: date) -> str | None:
    if rng.random() < 0.35:
        return None
    if birth.year < 1960:
        return rng.choices(("none", "primary", "junior"), weights=(3, 5, 2))[0]
    if birth.year < 1985:
        return rng.choices(("primary", "junior", "senior", "college"), weights=(2, 6, 3, 1))[0]
    return rng.choices(("junior", "senior", "college", "bachelor"), weights=(4, 4, 2, 1))[0]


def _load_region_names() -> tuple[dict[str, str], dict[str, str]]:
    from desktop.records.reference import default_reference
    try:
        regions = default_reference().choices("regions")
    except KeyError:
        return {}, {}
    return ({c.code: c.zh for c in regions if len(c.code) == 2}, {c.code: c.zh for c in regions if len(c.code) == 4})


_PROVINCE_NAMES, _PREFECTURE_NAMES = _load_region_names()

# --------------------------------------------------------------------------- consultations

MATTERS = {"wages": 20, "marriage_family": 17, "labour": 8, "traffic": 8, "support": 7, "inheritance": 6,
           "land": 5, "property": 5, "debt": 6, "work_injury": 5, "personal_injury": 3, "contract": 3,
           "neighbour": 3, "social_security": 2, "consumer": 2, "medical": 2, "criminal": 3, "military": 1,
           "administrative": 1, "state_compensation": 0.3, "other": 2}

# question templates per matter; {slots} are filled by _fill
QUESTIONS: dict[str, tuple[str, ...]] = {
    "wages": (
        "在{employer}干{job}，老板拖欠工资{amount}，已经{months}个月没发，多次讨要无果，问怎么办。",
        "跟着包工头{boss}在工地干活，工程完工后包工头说开发商没结账，拖欠工资{amount}，能不能找总包单位要。",
        "{place}打工回来，厂里还欠{months}个月工资共{amount}，没有签合同，只有微信聊天记录，能要回来吗。",
        "我们{n}个工友的工资被拖欠，总共{amount}，包工头{boss}电话打不通了，问能否申请法律援助。",
    ),
    "labour": (
        "在{employer}工作{years}年，公司一直没签劳动合同也没交社保，现在突然被辞退，问能否要求赔偿。",
        "公司要把我从{place}调到外地，不同意就让走人，问这样合法吗。",
        "在{employer}上班，每天工作12个小时，从来没有加班费，问能不能要。",
        "怀孕后被公司以岗位调整为由辞退，问怎么维权。",
    ),
    "work_injury": (
        "{relation}在{employer}干活时从脚手架上摔下来，腿骨骨折，老板只给了{small}医药费就不管了，单位没交工伤保险。",
        "在厂里操作机器时右手被压伤，已经做了工伤认定，单位不给赔偿，问怎么办。",
        "{relation}在工地受伤后单位不给申请工伤认定，已经过去{months}个月了，还来得及吗。",
    ),
    "marriage_family": (
        "结婚{years}年，丈夫长期酗酒，喝多了就动手打人，想离婚，问孩子抚养权和财产怎么分。",
        "丈夫外出打工{years}年不回家也不给生活费，想起诉离婚。",
        "离婚时约定对方每月给孩子抚养费{small}，已经{months}个月没给了，怎么办。",
        "订婚时给了女方彩礼{amount}，现在女方悔婚，彩礼能不能要回来。",
        "妻子带着孩子回娘家半年多了，不让我见孩子，问有什么办法。",
        "丈夫在外面有人了，要跟我离婚，家里的房子是婚后盖的，我能分到多少。",
    ),
    "support": (
        "今年{age}岁，{n}个子女都不尽赡养义务，我没有生活来源，能不能起诉要赡养费。",
        "父亲去世后母亲一个人生活，兄弟几个为谁出赡养费吵起来了，问法律怎么规定。",
        "老人{age}岁，儿子把老人的房子占了，还不给生活费，老人想告儿子。",
    ),
    "inheritance": (
        "父母去世后留下{house}，兄弟姐妹{n}人对怎么分有争议，没有遗嘱。",
        "{relation}生前写了一份遗嘱把房子留给我，其他兄弟不认可，问遗嘱有没有效。",
        "父亲去世后，继母把父亲的存款都取走了，我们子女有没有份。",
    ),
    "traffic": (
        "{relation}骑电动车被小轿车撞伤，住院{days}天，花了{amount}，对方保险公司只愿赔一部分。",
        "交通事故认定书出来了，对方负主要责任，但肇事司机一直不露面，医药费都是我们垫的。",
        "{relation}在{place}被货车撞了，人没了，司机跑了，问家属能得到哪些赔偿。",
    ),
    "land": (
        "村里调整土地，把我家{mu}亩承包地收回了，问合不合法。",
        "外出打工期间承包地被邻居占种，回来要不回来。",
        "村里的地被征收了，补偿款没有分给出嫁的女儿，问是否合理。",
    ),
    "property": (
        "与邻居因宅基地界线发生争议，对方在我家宅基地上砌了墙。",
        "父亲名下的宅基地，哥哥盖了房子不让我住，问我有没有份。",
        "在县城买的房子交房三年了开发商还不给办证。",
    ),
    "debt": (
        "{year}年借给{boss}{amount}，有借条，现在对方不还，也不接电话。",
        "替亲戚做了担保，亲戚借的{amount}没还，银行来找我，我要不要还。",
        "在网上借了钱，还不上了，催收的人天天打电话骚扰家人，问怎么办。",
    ),
    "personal_injury": (
        "在村里因为浇地的事被邻居打伤，鉴定为轻伤二级，问怎么追究。",
        "孩子在学校被同学打伤，学校说不管，问谁来赔。",
        "给人家帮忙盖房子时摔伤了，房主不愿意赔。",
    ),
    "contract": (
        "给人家盖房子，房主欠工程款{amount}一直不给。",
        "买了{n}吨化肥，用了以后庄稼不长，问经销商要不要赔。",
        "租了村里的鱼塘，合同没到期村里要收回，问怎么办。",
    ),
    "neighbour": (
        "邻居家盖新房，挡住了我家的采光，下雨水还往我家院子里流。",
        "邻居在两家之间的路上堆放杂物，车进不去，协商不成。",
    ),
    "social_security": (
        "母亲申请低保被拒了，说家里有人在外打工，问怎么办。",
        "在单位干了{years}年，单位没给交养老保险，到年龄领不了养老金。",
        "孩子残疾，申请残疾人两项补贴一直没批下来。",
    ),
    "consumer": (
        "在镇上买的电动车骑了一个月就坏了，商家拒不退换。",
        "老人被推销保健品花了{amount}，东西一点用没有，能退吗。",
    ),
    "medical": (
        "{relation}在镇卫生院做手术后出现并发症，怀疑医院有过错，问怎么鉴定。",
        "孩子打针后腿就走路不稳，医院说不是他们的责任。",
    ),
    "criminal": (
        "儿子因涉嫌{charge}被公安机关刑事拘留，家里请不起律师，问能不能申请法律援助。",
        "{relation}涉嫌{charge}被羁押在{detention}，家属想知道案子下一步怎么走。",
        "被人用网络刷单骗了{amount}，报警后一直没有消息，问能做什么。",
    ),
    "military": (
        "现役军人，家里的承包地被村里调整给了别人，问怎么维权。",
        "我是军人配偶，丈夫在部队，家里的房子被邻居侵占，问能否申请法律援助。",
        "退役后安置工作一直没有落实，问应该找哪个部门。",
    ),
    "administrative": (
        "家里的房子被认定为违建要拆除，问能不能申请复议。",
        "被派出所罚款{small}，觉得处罚不公，问怎么办。",
    ),
    "state_compensation": (
        "被羁押了{days}天后案子撤销了，问能否申请国家赔偿。",
    ),
    "other": (
        "身份证丢了以后被人冒用办了贷款，问怎么办。",
        "想给父亲办意定监护，问需要什么手续。",
        "村委会不给开具证明，影响孩子上学，问怎么办。",
    ),
}

ANSWERS: dict[str, tuple[str, ...]] = {
    "wages": (
        "告知可向县劳动保障监察大队投诉，也可向劳动人事争议仲裁委员会申请仲裁；建议收集考勤记录、工资条、转账记录、微信聊天记录和工友证言。",
        "根据《保障农民工工资支付条例》，分包单位拖欠农民工工资的，由施工总承包单位先行清偿；建议保存证据后向劳动监察投诉或申请仲裁。",
        "农民工请求支付劳动报酬可以申请法律援助，免予核查经济困难状况；已告知需携带身份证和欠薪证据到站申请。",
    ),
    "labour": (
        "未签书面劳动合同超过一个月的，可以主张二倍工资差额（最长十一个月）；违法解除劳动合同的可以主张赔偿金。劳动争议仲裁时效为一年。",
        "用人单位变更工作地点属于变更劳动合同内容，应协商一致；建议保留书面通知，必要时申请劳动仲裁。",
        "女职工在孕期、产期、哺乳期内，用人单位不得依照经济性裁员等规定解除劳动合同；建议保存辞退证据，申请劳动仲裁。",
    ),
    "work_injury": (
        "单位应在事故发生之日起三十日内申请工伤认定；单位未申请的，本人或近亲属可在一年内向县人社局申请。认定后进行劳动能力鉴定。",
        "用人单位未参加工伤保险的，由用人单位按照工伤保险待遇项目和标准支付费用；可申请劳动仲裁。",
    ),
    "marriage_family": (
        "协议离婚不成可以向人民法院起诉；子女抚养以有利于子女成长为原则，不满两周岁的一般随母亲生活；夫妻共同财产原则上均等分割，照顾子女、女方和无过错方。",
        "遭受家庭暴力可以向法院申请人身安全保护令，并注意保存报警记录、验伤报告、照片等证据；已告知可向镇妇联求助。",
        "对方不履行生效法律文书确定的抚养费义务的，可以向人民法院申请强制执行。",
        "婚约财产纠纷中，双方未办理结婚登记的，一般应当返还彩礼；已共同生活的，可根据共同生活时间酌情确定返还比例。",
    ),
    "support": (
        "成年子女对父母负有赡养义务，不因放弃继承权或其他理由而免除；可先请村委会或人民调解委员会调解，调解不成可起诉要求支付赡养费。",
        "老年人申请法律援助免予核查经济困难状况；赡养费数额一般根据老人的实际需要、子女负担能力和当地生活水平确定。",
    ),
    "inheritance": (
        "没有遗嘱的按法定继承，第一顺序为配偶、子女、父母，同一顺序继承人一般均等分配；对被继承人尽了主要扶养义务的可以多分。",
        "自书遗嘱应由遗嘱人亲笔书写、签名并注明年、月、日；遗嘱无效的部分按法定继承办理。",
    ),
    "traffic": (
        "可以依据交通事故认定书向肇事方及其保险公司主张医疗费、误工费、护理费、交通费、残疾赔偿金等；先由交强险赔付，不足部分按责任比例承担。诉讼时效为三年。",
        "肇事者逃逸或身份不明的，抢救费用可以由道路交通事故社会救助基金先行垫付；已告知向交警大队申请。",
    ),
    "land": (
        "承包期内发包方不得收回或调整承包地；土地承包经营纠纷可以请村委会、镇政府调解，也可以向农村土地承包仲裁委员会申请仲裁或直接起诉。",
        "妇女结婚后在新居住地未取得承包地的，原发包方不得收回其原承包地；征地补偿款分配应当平等对待。",
    ),
    "property": (
        "宅基地使用权争议由乡镇人民政府或县人民政府处理，对处理决定不服的可以申请行政复议或提起行政诉讼；建议先申请人民调解。",
        "开发商逾期办证的，可以依照购房合同主张违约责任；建议收集合同、付款凭证后起诉。",
    ),
    "debt": (
        "借条约定了还款期限的，诉讼时效自期限届满之日起计算，为三年；建议通过短信或微信催要并保留记录，必要时向法院起诉并申请财产保全。",
        "保证人在保证范围内承担责任，承担后可以向借款人追偿；建议查看担保合同约定的是一般保证还是连带责任保证。",
        "暴力催收、骚扰第三人属于违法行为，可以报警并向金融监管部门投诉；合法债务仍应协商还款。",
    ),
    "personal_injury": (
        "构成轻伤以上的，可以要求公安机关立案追究刑事责任，同时主张民事赔偿；轻微伤可以申请治安调解。",
        "无民事行为能力人在学校受到人身损害的，学校不能证明尽到教育、管理职责的，应当承担侵权责任。",
    ),
    "contract": (
        "承揽合同完成后定作人应当支付报酬；建议收集结算单、聊天记录和证人证言，协商不成可以起诉。",
        "合同未到期，一方无正当理由解除合同的，应当承担违约责任；建议保留合同原件。",
    ),
    "neighbour": (
        "建造建筑物不得违反国家有关工程建设标准，不得妨碍相邻建筑物的通风、采光和日照；建议先请村委会调解。",
        "相邻各方应当为对方通行提供必要的便利；已建议申请人民调解。",
    ),
    "social_security": (
        "对低保审核结果有异议的，可以向县民政局申请复核，也可以申请行政复议；已告知申请所需材料。",
        "用人单位未依法缴纳养老保险的，可以向社会保险经办机构投诉要求补缴；因此造成损失的可以要求赔偿。",
    ),
    "consumer": (
        "经营者提供的商品不符合质量要求的，消费者可以要求退货、更换或修理；可以向县市场监督管理局或消费者协会投诉。",
        "经营者有欺诈行为的，消费者可以要求增加赔偿其受到的损失，增加赔偿的金额为商品价款的三倍。",
    ),
    "medical": (
        "可以申请医疗损害鉴定以确定医院是否存在过错及因果关系；建议封存并复印病历资料，也可以申请医疗纠纷人民调解。",
    ),
    "criminal": (
        "犯罪嫌疑人因经济困难没有委托辩护人的，本人及其近亲属可以向法律援助机构申请法律援助；在押的可通过看守所转交申请。",
        "已告知刑事诉讼各阶段的期限和家属可以委托辩护人；符合条件的可以申请法律援助。",
        "已告知被害人可以提起附带民事诉讼，经济困难的可以申请法律援助。",
    ),
    "military": (
        "军人军属申请法律援助实行简化审查；已告知可以向县退役军人事务局和部队驻地法律援助工作站寻求帮助。",
        "破坏军人婚姻、侵害军人军属合法权益的，依法从严处理；已告知携带军人证件和相关证据来站申请。",
    ),
    "administrative": (
        "对行政处罚不服的，可以在知道之日起六十日内申请行政复议，或者在六个月内提起行政诉讼。",
    ),
    "state_compensation": (
        "被羁押后撤销案件的，可以向作出决定的机关申请国家赔偿，请求时效为两年；已告知所需材料。",
    ),
    "other": (
        "已告知向公安机关报案并向征信机构提出异议；必要时可以起诉确认借款合同对本人不发生效力。",
        "具有完全民事行为能力的成年人，可以与近亲属或者其他愿意担任监护人的个人、组织事先协商，以书面形式确定自己的监护人；建议办理公证。",
        "已告知向镇政府反映，并说明相关政策依据。",
    ),
}

OPENERS = {"walk_in": ("", "来访人称：", "当事人反映："), "hotline": ("来电咨询：", "来电反映：", ""),
           "online": ("网上留言：", ""), "letter": ("来信反映：",), "outreach": ("", "现场咨询：")}
CLOSERS = ("", "", "请求法律帮助。", "希望政府帮忙。", "问如何维权。")
ADDENDA = ("", "", "", "已登记联系方式。", "已发放法律援助便民服务卡。", "已告知到县法律援助中心申请。",
           "已告知12348热线可随时咨询。", "当事人表示理解。")

REFERRALS = {"wages": ("labour_inspection", "labour_arbitration"), "labour": ("labour_arbitration",),
             "work_injury": ("labour_arbitration",), "marriage_family": ("womens_federation", "court", "people_mediation"),
             "support": ("people_mediation",), "land": ("people_mediation",), "property": ("people_mediation",),
             "neighbour": ("people_mediation",), "social_security": ("civil_affairs",), "military": ("veterans_affairs",),
             "criminal": ("police", "procuratorate"), "debt": ("court",), "traffic": ("court", "people_mediation"),
             "consumer": ("other",), "administrative": ("other",), "medical": ("people_mediation",)}
CHARGES_MINOR = ("盗窃罪", "抢劫罪", "寻衅滋事罪", "故意伤害罪", "聚众斗殴罪")
CHARGES_COMMON = ("盗窃罪", "故意伤害罪", "诈骗罪", "危险驾驶罪", "寻衅滋事罪", "帮助信息网络犯罪活动罪",
                  "交通肇事罪", "开设赌场罪", "掩饰、隐瞒犯罪所得罪", "非法拘禁罪", "拒不支付劳动报酬罪")
CHARGES_SERIOUS = ("故意杀人罪", "贩卖毒品罪", "抢劫罪", "绑架罪", "强奸罪")
RELATIONS_TALK = ("父亲", "母亲", "丈夫", "妻子", "儿子", "女儿", "哥哥", "弟弟")
MILITARY = {"military", "military_family", "veteran"}


def _fill(rng: random.Random, template: str, on: date) -> str:
    slots = {
        "employer": rng.choice(EMPLOYERS), "job": rng.choice(JOBS), "boss": rng.choice(SURNAMES[:30]) + "某",
        "amount": _cn_amount(_money(rng, 3000, 80000)), "small": _cn_amount(_money(rng, 300, 3000, 100)),
        "months": rng.randint(2, 14), "years": rng.randint(2, 15), "n": rng.randint(2, 8),
        "place": rng.choice(CITIES_AWAY), "relation": rng.choice(RELATIONS_TALK), "age": rng.randint(68, 89),
        "house": rng.choice(("一处农村房屋", "县城一套住房", "老宅和三亩地", "两间门面房")),
        "days": rng.randint(5, 60), "mu": rng.choice(("1.5", "2", "3", "4.2", "6")),
        "year": on.year - rng.randint(1, 5), "charge": rng.choice(CHARGES_COMMON), "detention": DETENTION[0],
    }
    return template.format(**slots)


class Generator:
    """Makes records one at a time; keeps the few people and records later records refer to."""

    def __init__(self, rng: random.Random, settings: StationSettings):
        self.rng = rng
        self.settings = settings
        self.people = PersonMaker(rng, settings)
        self.returning: list[Person] = []  # people with an ID number, for return visits
        self.clerks = [c for c in settings.clerks if c.strip()] or ["值班员"]
        self.county = settings.county_name or "临河县"
        self.short = self.county[0]

    def clerk(self) -> str:
        return self.rng.choices(self.clerks, weights=[6, 3, 1, 1, 1][:len(self.clerks)] + [1] * max(0, len(self.clerks) - 5))[0]

    def remember(self, person: Person) -> None:
        if person.id_number:
            if len(self.returning) < 4000:
                self.returning.append(person)
            else:
                self.returning[self.rng.randrange(len(self.returning))] = person

    def returning_person(self, on: date, low: int = 18, high: int = 120, traits: tuple[str, ...] = ()) -> Person | None:
        for _ in range(4):
            if not self.returning:
                return None
            person = self.rng.choice(self.returning)
            if low <= _age(person.birth, on) <= high and set(traits) <= person.traits:
                if self.rng.random() < 0.2 and person.phone:  # changed phone since last time
                    person.phone = mobile(self.rng)
                return person
        return None

    def person_for_matter(self, matter: str, on: date, event_kind: str | None) -> Person:
        rng = self.rng
        kw: dict[str, Any] = {}
        if event_kind == "military" or matter == "military":
            trait = rng.choices(("military", "military_family", "veteran"), weights=(4, 4, 2))[0]
            kw = {"traits": (trait,), "low": 19 if trait == "military" else 22, "high": 40 if trait == "military" else 65}
            if trait == "military_family":
                kw["gender"] = "female" if rng.random() < 0.8 else None
        elif event_kind == "elderly" or matter == "support":
            kw = {"low": 62, "high": 90}
        elif event_kind == "minor":
            kw = {"low": 13, "high": 17}
        elif event_kind == "women":
            kw = {"gender": "female", "low": 22, "high": 60}
        elif event_kind == "disabled":
            kw = {"traits": ("disabled",), "low": 18, "high": 70}
        elif event_kind == "ethnic":
            kw = {"ethnicity": rng.choice(("03", "05", "04", "17"))}
        elif matter in ("wages", "work_injury") or event_kind == "migrant":
            kw = {"traits": ("migrant_worker",), "low": 19, "high": 62, "gender": "male" if rng.random() < 0.8 else None}
        elif matter == "marriage_family":
            kw = {"gender": "female" if rng.random() < 0.7 else "male", "low": 22, "high": 60}
        elif matter in ("inheritance", "land", "property", "neighbour"):
            kw = {"low": 30, "high": 80}
        else:
            kw = {"low": 18, "high": 75}
        extra = []
        if rng.random() < 0.03:
            extra.append("subsistence")
        if rng.random() < 0.015 and "disabled" not in kw.get("traits", ()):
            extra.append("disabled")
        if rng.random() < 0.005:
            extra.append("petitioner")
        kw["traits"] = tuple(kw.get("traits", ())) + tuple(extra)
        return self.people.make(on, **kw)

    # -- consultations ------------------------------------------------------------------------

    def consultation(self, at: datetime, channel: str, event: str | None, event_kind: str | None,
                     converts: bool) -> tuple[dict[str, Any], Person | None, str]:
        rng = self.rng
        on = at.date()
        matter = _pick(rng, MATTERS) if event_kind != "military" else rng.choice(
            ("military", "marriage_family", "land", "property", "debt", "military"))
        if event_kind == "migrant":
            matter = rng.choice(("wages", "wages", "work_injury", "labour"))
        elif event_kind == "elderly":
            matter = rng.choice(("support", "support", "inheritance", "consumer", "property"))
        elif event_kind == "women":
            matter = rng.choice(("marriage_family", "marriage_family", "support", "land", "labour"))
        if converts and matter in ("consumer", "neighbour", "other", "administrative"):
            matter = rng.choice(("wages", "traffic", "support", "marriage_family"))
        anonymous = channel in ("hotline", "online") and not converts and rng.random() < (0.45 if channel == "hotline" else 0.3)
        data: dict[str, Any] = {"occurred_at": at.isoformat(timespec="minutes"), "channel": channel,
                                "matter_category": matter, "clerk": self.clerk()}
        if event:
            data["outreach_event"] = event
        person = None
        if anonymous:
            data["anonymous"] = True
            if rng.random() < 0.5:
                data["gender"] = rng.choice(("male", "female"))
        else:
            person = self.returning_person(on, 18, 90) if rng.random() < 0.08 else None
            if person is None:
                person = self.person_for_matter(matter, on, event_kind)
                if not (converts or (channel == "walk_in" and rng.random() < 0.55) or rng.random() < 0.2):
                    person.id_number = None  # only name and phone were asked for
                self.remember(person)
            full = converts or channel in ("walk_in", "outreach") and person.id_number is not None
            data.update(person.fields(on, full=full))
        question = rng.choice(OPENERS[channel]) + _fill(rng, rng.choice(QUESTIONS[matter]), on)
        question += rng.choice(CLOSERS) if question.endswith("。") and rng.random() < 0.3 else ""
        answers = list(ANSWERS[matter])
        rng.shuffle(answers)
        answer = "".join(answers[:rng.choice((1, 1, 2))]) + rng.choice(ADDENDA)
        data.update(question=question, answer=answer)
        data["minutes"] = max(2, int(rng.triangular(*{"walk_in": (8, 60, 20), "hotline": (3, 30, 8),
                                                      "outreach": (5, 40, 12)}.get(channel, (10, 45, 20)))))
        if converts:
            outcome = "application"
            data["answer"] += "当事人符合法律援助条件，当场转为法律援助申请。"
        else:
            outcome = rng.choices(("answered", "mediation", "referred"), weights=(82, 7, 11))[0]
            if outcome == "referred" and matter not in REFERRALS:
                outcome = "answered"
        data["outcome"] = outcome
        if outcome == "referred":
            data["referred_to"] = rng.choice(REFERRALS[matter])
            if data["referred_to"] == "other":
                data["referral_note"] = rng.choice(("县市场监督管理局", "县自然资源局", "县信访局", "县人社局社保股"))
        elif outcome == "mediation":
            data["referral_note"] = rng.choice(("已联系村人民调解委员会", "已转镇司法所组织调解", "约定下周到司法所调解"))
        if rng.random() < 0.08:
            data["follow_up_needed"] = True
            data["follow_up_note"] = rng.choice(("一周后电话回访，了解调解结果。", "提醒当事人注意仲裁时效。",
                                                 "待当事人补齐材料后再来站。", "回访老人子女是否按时给付赡养费。"))
        return data, person, matter

    # -- applications -------------------------------------------------------------------------

    def application(self, at: datetime, channel: str, event: str | None, event_kind: str | None,
                    from_consultation: tuple[dict[str, Any], Person, str] | None = None) -> dict[str, Any]:
        rng = self.rng
        on = at.date()
        if from_consultation:
            _, person, matter = from_consultation
            scenario = _SCENARIO_FOR_MATTER.get(matter, "hardship_civil")
        else:
            scenario = _pick(rng, SCENARIOS)
            person = None
        if scenario in ("notification", "detention_defence") and channel in ("window", "outreach", "online"):
            channel = "notification" if scenario == "notification" else rng.choice(("detention", "window"))
        data: dict[str, Any] = {"received_at": at.isoformat(timespec="minutes"), "channel": channel,
                                "clerk": self.clerk()}
        if event and channel == "outreach":
            data["outreach_event"] = event
        builder = getattr(self, f"_app_{scenario}")
        person, extra = builder(data, on, person)
        if from_consultation:
            data["outreach_event"] = from_consultation[0].get("outreach_event")
        data.update(person.fields(on, extra=extra))
        if data.get("id_type") == "resident_id" and not person.id_number and data.get("eligibility_ground") != "criminal_notification":
            person.id_number = resident_id(rng, HOME_REGION, person.birth, person.gender)
            data.update(person.fields(on, extra=extra))
        if _age(person.birth, on) < 18 and not data.get("legal_rep_name"):
            self._legal_rep(data, person)
        self._materials(data)
        if rng.random() < 0.03:
            data["applied_before"] = True
            data["applied_before_detail"] = (f"{on.year - 1}年在{self.county}法律援助中心申请过，"
                                             f"编号{self.settings.station_code}-{on.year - 1}-{rng.randint(1, 300):05d}")
        if rng.random() < 0.06:
            data["note"] = rng.choice(("申请人不识字，由工作人员代为填写并向其宣读，申请人按手印确认。",
                                       "申请人行动不便，材料由工作人员上门收取。",
                                       "已告知申请人审查期限为七日。",
                                       "申请人需要翻译，已联系县民宗局翻译人员。" if person.interpreter else
                                       "申请人要求尽快指派律师。"))
        self.remember(person)
        return {k: v for k, v in data.items() if v not in (None, "", [])}

    def _new_or_returning(self, on: date, **kw: Any) -> Person:
        if self.rng.random() < 0.12:
            found = self.returning_person(on, kw.get("low", 18), kw.get("high", 75), kw.get("traits", ()))
            if found and found.id_number and found.id_type == "resident_id":
                return found
        return self.people.make(on, **kw)

    def _household(self, data: dict[str, Any], person: Person, ground: str) -> None:
        rng = self.rng
        size = rng.choices((1, 2, 3, 4, 5, 6), weights=(2, 3, 4, 5, 3, 1))[0]
        income = rng.randrange(0, 900 * size + 1, 50) if ground == "hardship_checked" else rng.randrange(300, 1000 * size, 50)
        data.update(household_size=size, monthly_income=f"{income}.00",
                    income_sources=rng.choice(("务农收入", "打零工", "低保金", "养老金", "子女接济", "务农和打零工",
                                               "丈夫外出务工收入", "无固定收入")),
                    property=rng.choice(("农村自建房一处，无车辆，无存款", "无房产，租房居住", "农村住房一处、承包地三亩",
                                         "无房产无存款", "县城老旧住房一套，有房贷")))

    def _civil(self, data: dict[str, Any], case_type: str, cause: str, art31: str | None, opposing: str,
               amount: str | None, position: str = "plaintiff", status: str = "not_started") -> None:
        aid = {"civil": "litigation", "administrative": "litigation", "state_compensation": "state_compensation",
               "labour_arbitration": "arbitration", "non_litigation": "non_litigation"}[case_type]
        data.update(case_type=case_type, aid_kind=aid, cause=cause, litigation=aid in ("litigation", "state_compensation"),
                    legal_position=position if aid != "arbitration" else "applicant",
                    proceeding_status=status if case_type != "labour_arbitration" else self.rng.choice(
                        ("not_started", "arbitration", "arbitration")),
                    art31_category=art31, opposing_party=opposing, amount=amount)
        if case_type == "non_litigation":
            data["proceeding_status"] = "mediation"
            data["litigation"] = False
        if aid != "arbitration" and opposing and "公司" not in opposing and "厂" not in opposing and self.rng.random() < 0.6:
            data["opposing_address"] = f"{self.county}{self.rng.choice(OTHER_TOWNSHIPS)}{self.rng.choice(VILLAGES)}"

    def _ground(self, data: dict[str, Any], person: Person, ground: str, **detail: str) -> None:
        data["eligibility_ground"] = ground
        data.update(detail)
        if ground in ("hardship_checked", "commitment"):
            self._household(data, person, ground)
        if self.rng.random() < 0.35:
            data["informed_judicial_assistance"] = True

    def _urgent(self, data: dict[str, Any], on: date, rate: float = 0.04) -> None:
        rng = self.rng
        if rng.random() < rate:
            data["urgent"] = True
            if rng.random() < 0.75:
                data.update(urgency_reason="deadline", urgent_deadline=(on + timedelta(days=rng.randint(1, 6))).isoformat())
            else:
                data["urgency_reason"] = "preservation"

    def _app_migrant_wages(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=19, high=62, traits=("migrant_worker",),
                                                  gender="male" if rng.random() < 0.8 else None)
        person.traits.add("migrant_worker")
        employer, amount = rng.choice(EMPLOYERS), _money(rng, 4000, 120000)
        months = rng.randint(2, 18)
        began = _months_before(on, months + rng.randint(0, 24))
        case_type = rng.choice(("labour_arbitration", "labour_arbitration", "civil"))
        self._civil(data, case_type, rng.choice(("追索劳动报酬纠纷", "劳动报酬纠纷", "拖欠农民工工资纠纷")), "labour",
                    employer, amount)
        data["facts"] = (f"申请人{person.name}于{began}起在{employer}从事{rng.choice(JOBS)}工作，"
                         f"双方{'未' if rng.random() < 0.7 else '已'}签订书面劳动合同。{employer}拖欠申请人{months}个月工资共计"
                         f"{_cn_amount(amount)}，经多次催讨未果。申请人系进城务工人员，请求支付劳动报酬，特申请法律援助。")
        self._ground(data, person, "art42", art42_exemption="migrant_wages")
        self._urgent(data, on)
        return person, ("migrant_worker",)

    def _app_labour(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=20, high=58)
        employer = rng.choice(EMPLOYERS)
        self._civil(data, "labour_arbitration", rng.choice(("劳动争议", "确认劳动关系纠纷", "经济补偿金纠纷")), "labour",
                    employer, _money(rng, 8000, 90000))
        data["facts"] = (f"申请人自{on.year - rng.randint(2, 10)}年起在{employer}工作，公司未依法缴纳社会保险，"
                         f"{on.year}年{on.month}月以经营困难为由口头通知申请人离职，未支付经济补偿。申请人请求确认劳动关系并支付经济补偿金及二倍工资差额。")
        self._ground(data, person, rng.choice(("hardship_checked", "commitment")))
        return person, ()

    def _app_work_injury(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=20, high=60, traits=("migrant_worker",), gender="male")
        person.traits.add("migrant_worker")
        employer = rng.choice(EMPLOYERS)
        self._civil(data, rng.choice(("labour_arbitration", "civil")), rng.choice(("工伤保险待遇纠纷", "提供劳务者受害责任纠纷")),
                    "injury", employer, _money(rng, 20000, 300000, 1000))
        data["facts"] = (f"申请人在{employer}务工期间，于{on.year}年{rng.randint(1, on.month)}月在作业中"
                         f"{rng.choice(('从脚手架坠落致腰椎骨折', '右手被机器压伤', '被倒塌的模板砸伤头部'))}，"
                         f"经{'县人社局认定为工伤，伤残等级九级' if rng.random() < 0.5 else '治疗花费医疗费若干，用人单位未参加工伤保险'}，"
                         f"用人单位拒绝赔偿。")
        if rng.random() < 0.7:
            self._ground(data, person, "art42", art42_exemption="migrant_wages")
        else:
            self._ground(data, person, "hardship_checked")
        return person, ("migrant_worker",)

    def _app_traffic(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=18, high=78)
        opposing = self.people.name(rng.choice(("male", "female")), "01", date(1980, 1, 1))
        self._civil(data, "civil", "机动车交通事故责任纠纷", "injury", f"{opposing}、某财产保险股份有限公司{self.county}支公司",
                    _money(rng, 10000, 400000, 500))
        data["facts"] = (f"{on.year}年{rng.randint(1, on.month)}月，申请人{rng.choice(('骑电动车', '步行', '骑摩托车'))}"
                         f"途经{self.county}{rng.choice(STREETS)}时被{opposing}驾驶的小型轿车撞伤，经交警大队认定对方负"
                         f"{rng.choice(('全部', '主要'))}责任。申请人住院{rng.randint(10, 90)}天，对方仅垫付部分医疗费，其余赔偿拒不支付。")
        self._ground(data, person, rng.choice(("hardship_checked", "commitment", "commitment")))
        self._urgent(data, on)
        return person, ()

    def _app_support(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=65, high=92)
        child = self.people.name(rng.choice(("male", "female")), person.ethnicity, date(1975, 1, 1))
        self._civil(data, "civil", "赡养纠纷", "support", child, _money(rng, 3600, 24000, 600))
        data["facts"] = (f"申请人今年{_age(person.birth, on)}岁，育有子女{rng.randint(2, 5)}人，现无固定生活来源且体弱多病。"
                         f"被申请人{child}系申请人之子女，长期不履行赡养义务，经村委会调解无果，申请人请求判令其每月支付赡养费。")
        self._ground(data, person, "art42", art42_exemption="no_income_group")
        return person, ("elderly",)

    def _app_child_support(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=24, high=45, gender="female")
        ex = self.people.name("male", "01", date(1985, 1, 1))
        self._civil(data, "civil", "抚养费纠纷", "support", ex, _money(rng, 6000, 60000))
        data["facts"] = (f"申请人与{ex}于{on.year - rng.randint(1, 6)}年离婚，婚生子女随申请人生活，{ex}应每月支付抚养费"
                         f"{rng.choice((500, 800, 1000, 1200))}元，但已{rng.randint(6, 30)}个月未支付。申请人请求支付拖欠的抚养费。")
        self._ground(data, person, rng.choice(("hardship_checked", "commitment")))
        return person, ()

    def _app_domestic_violence(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=22, high=60, gender="female")
        person.traits.add("domestic_violence_victim")
        husband = self.people.name("male", person.ethnicity, date(1980, 1, 1))
        self._civil(data, "civil", rng.choice(("离婚纠纷", "人身安全保护令")), None, husband, None)
        data["facts"] = (f"申请人与{husband}于{on.year - rng.randint(1, max(1, _age(person.birth, on) - 21))}年登记结婚。婚后{husband}经常酗酒后殴打申请人，"
                         f"申请人曾{rng.randint(2, 6)}次报警，有派出所出警记录和医院验伤证明。申请人请求离婚并申请人身安全保护令。")
        self._ground(data, person, "art32", art32_ground="abuse_victim")
        self._urgent(data, on, 0.1)
        return person, ("domestic_violence_victim", "woman")

    def _app_divorce(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=23, high=60, gender="female" if rng.random() < 0.7 else "male")
        spouse = self.people.name("male" if person.gender == "female" else "female", person.ethnicity, date(1985, 1, 1))
        self._civil(data, "civil", "离婚纠纷", "other", spouse, None)
        data["facts"] = (f"申请人与{spouse}于{on.year - rng.randint(1, max(1, _age(person.birth, on) - 21))}年结婚，婚后因性格不合经常争吵，"
                         f"{spouse}外出务工已{rng.randint(2, 6)}年未回家，夫妻感情确已破裂。申请人请求离婚，婚生子女由申请人抚养。")
        self._ground(data, person, rng.choice(("hardship_checked", "commitment")))
        return person, ()

    def _app_inheritance(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=35, high=80)
        sibling = self.people.name(rng.choice(("male", "female")), person.ethnicity, date(1965, 1, 1))
        self._civil(data, "civil", "法定继承纠纷", "other", sibling, _money(rng, 50000, 400000, 1000))
        data["facts"] = (f"申请人之父于{on.year - rng.randint(1, 4)}年去世，未留遗嘱，遗留农村房屋一处及存款若干，"
                         f"现由{sibling}占有，拒绝分割。申请人请求依法继承应得份额。")
        self._ground(data, person, "hardship_checked")
        return person, ()

    def _app_military(self, data, on, person):
        rng = self.rng
        trait = rng.choice(("military_family", "military_family", "military", "veteran"))
        person = person or self.people.make(on, low=21, high=60, traits=(trait,),
                                            gender="female" if trait == "military_family" else "male")
        if not MILITARY & person.traits:
            person.traits.add("military_family")
        matter = rng.choice(("land", "property", "marriage", "debt"))
        opposing = self.people.name("male", "01", date(1975, 1, 1))
        cause, text = {
            "land": ("土地承包经营权纠纷", f"申请人家中承包地{rng.choice(('2', '3.5', '5'))}亩被{opposing}强行占种，经村委会调解未果。"),
            "property": ("排除妨害纠纷", f"{opposing}在申请人家宅基地上搭建棚屋，影响申请人家人居住。"),
            "marriage": ("离婚纠纷", "申请人配偶长期在外，与他人同居，申请人请求离婚并分割夫妻共同财产。"),
            "debt": ("民间借贷纠纷", f"{opposing}向申请人家借款{_cn_amount(_money(rng, 20000, 150000))}，到期拒不归还。"),
        }[matter]
        self._civil(data, "civil", cause, None, opposing, None)
        data["facts"] = text + "申请人系军人军属，请求给予法律援助。"
        self._ground(data, person, "military_simplified")
        return person, tuple(MILITARY & person.traits)

    def _app_social_assistance(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=30, high=80, traits=("subsistence",))
        person.traits.add("subsistence")
        opposing = self.people.name("male", "01", date(1970, 1, 1))
        self._civil(data, "civil", rng.choice(("民间借贷纠纷", "生命权、身体权、健康权纠纷", "房屋租赁合同纠纷")), "other",
                    opposing, _money(rng, 3000, 50000))
        data["facts"] = f"申请人系低保对象，与{opposing}发生纠纷，对方拒不赔偿（返还）款项，申请人无力委托律师。"
        self._ground(data, person, "art42", art42_exemption="social_assistance")
        return person, ("subsistence",)

    def _app_social_insurance(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=50, high=70)
        self._civil(data, rng.choice(("administrative", "civil")), "社会保险待遇纠纷", "social_insurance",
                    rng.choice(("临河县人力资源和社会保障局", rng.choice(EMPLOYERS))), _money(rng, 5000, 80000))
        data["facts"] = "申请人在原单位工作多年，单位未依法为其缴纳养老保险，导致申请人达到退休年龄后无法领取养老金，请求补缴并赔偿损失。"
        self._ground(data, person, "hardship_checked")
        return person, ()

    def _app_bravery(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=20, high=60, gender="male")
        opposing = self.people.name("male", "01", date(1990, 1, 1))
        self._civil(data, "civil", "见义勇为人受害责任纠纷", None, opposing, _money(rng, 10000, 100000))
        data["facts"] = f"申请人在{self.county}{rng.choice(STREETS)}制止{opposing}抢夺他人财物时被其刺伤，请求侵权人赔偿医疗费、误工费等损失。"
        self._ground(data, person, "art32", art32_ground="bravery")
        return person, ()

    def _app_state_compensation(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=25, high=65, gender="male")
        self._civil(data, "state_compensation", "刑事赔偿", "state_compensation", f"{self.county}公安局",
                    _money(rng, 20000, 200000))
        data["facts"] = f"申请人因涉嫌盗窃罪被羁押{rng.randint(30, 400)}日，后经再审改判无罪。申请人依法请求国家赔偿。"
        self._ground(data, person, "art32", art32_ground="retrial_acquittal")
        return person, ()

    def _app_medical(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=20, high=80)
        hospital = rng.choice((f"{self.county}人民医院", f"{self.county}{self.settings.township or '城关镇'}卫生院", "某民营医院"))
        self._civil(data, "civil", "医疗损害责任纠纷", "injury", hospital, _money(rng, 30000, 500000, 1000))
        data["facts"] = f"申请人在{hospital}接受手术后出现严重并发症，经医疗损害鉴定，医院存在过错，与损害后果有因果关系，医院拒绝赔偿。"
        self._ground(data, person, rng.choice(("hardship_checked", "commitment")))
        return person, ()

    def _app_hardship_civil(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=20, high=80)
        opposing = self.people.name("male", "01", date(1975, 1, 1))
        cause = rng.choice(("民间借贷纠纷", "土地承包经营权纠纷", "宅基地使用权纠纷", "相邻关系纠纷", "生命权、身体权、健康权纠纷"))
        self._civil(data, "civil", cause, "other", opposing, _money(rng, 5000, 100000) if "借贷" in cause else None,
                    position="defendant" if rng.random() < 0.1 else "plaintiff")
        data["facts"] = f"申请人与{opposing}因{cause[:-2]}发生争议，经村委会、镇司法所调解未果，申请人家庭经济困难，无力委托律师。"
        self._ground(data, person, rng.choice(("hardship_checked", "commitment")))
        return person, ()

    def _app_mediation(self, data, on, person):
        rng = self.rng
        person = person or self._new_or_returning(on, low=25, high=80)
        opposing = self.people.name(rng.choice(("male", "female")), "01", date(1970, 1, 1))
        self._civil(data, "non_litigation", rng.choice(("赡养纠纷调解", "相邻关系纠纷调解", "劳务费纠纷调解")), None,
                    opposing, None)
        data["facts"] = f"申请人与{opposing}之间的纠纷适宜通过调解解决，申请人请求法律援助人员代理参加人民调解。"
        self._ground(data, person, "commitment")
        return person, ()

    def _criminal(self, data: dict[str, Any], role: str, charge: str, stage: str, detained: bool) -> None:
        rng = self.rng
        data.update(case_type="criminal", litigation=True, criminal_role=role, charge=charge, criminal_stage=stage,
                    aid_kind="criminal_defence" if role in ("suspect", "defendant") else "criminal_representation",
                    cause=(f"涉嫌{charge}" if role in ("suspect", "defendant") else f"{charge[:-1]}案"),
                    proceeding_status={"investigation": "investigation", "prosecution": "prosecution",
                                       "first_instance": "first_instance", "second_instance": "second_instance",
                                       "death_review": "second_instance", "retrial": "retrial"}[stage])
        if detained:
            data["detention_place"] = DETENTION[1] if charge in CHARGES_SERIOUS else rng.choice(DETENTION[:2])

    def _notice(self, data: dict[str, Any], organ: str, year: int) -> None:
        n = self.rng.randint(1, 260)
        data["notifying_organ"] = organ
        data["notification_number"] = {
            "police": f"{self.short}公刑通援〔{year}〕{n}号", "procuratorate": f"{self.short}检刑通援〔{year}〕{n}号",
            "court": f"（{year}）豫15{self.rng.randint(21, 28)}刑初{n}号", "state_security": f"国安通援〔{year}〕{n}号",
        }[organ]

    def _app_notification(self, data, on, person):
        rng = self.rng
        ground = rng.choices(("minor", "life_or_death", "sensory_disability", "mental", "absentia", "death_review"),
                             weights=(40, 28, 15, 12, 3, 2))[0]
        if ground == "minor":
            person = self.people.make(on, low=14, high=17, gender="male" if rng.random() < 0.85 else "female")
            charge = rng.choice(CHARGES_MINOR)
        else:
            traits = ("disabled", "sensory") if ground == "sensory_disability" else ()
            person = self.people.make(on, low=20, high=60, gender="male" if rng.random() < 0.88 else "female",
                                      traits=traits)
            charge = rng.choice(CHARGES_SERIOUS if ground in ("life_or_death", "death_review") else CHARGES_COMMON)
        if rng.random() < 0.2:
            person.id_number = None  # the notice named the suspect, the number follows later
        stage = {"death_review": "death_review", "absentia": "first_instance"}.get(
            ground, rng.choices(("investigation", "prosecution", "first_instance", "second_instance"),
                                weights=(3, 4, 5, 1))[0])
        organ = {"investigation": "police", "prosecution": "procuratorate"}.get(stage, "court")
        self._criminal(data, "suspect" if stage in ("investigation", "prosecution") else "defendant", charge, stage,
                       detained=ground != "absentia")
        if ground in ("life_or_death", "death_review"):
            data["life_or_death"] = True
        self._notice(data, organ, on.year)
        organ_name = {"police": f"{self.county}公安局", "procuratorate": f"{self.county}人民检察院"}.get(organ, f"{self.county}人民法院")
        data["facts"] = (f"{organ_name}以{data['notification_number']}通知，{person.name}涉嫌{charge}，"
                         + {"minor": "系未成年人，没有委托辩护人。", "life_or_death": "可能被判处无期徒刑、死刑，没有委托辩护人。",
                            "sensory_disability": "系听力言语残疾人，没有委托辩护人。",
                            "mental": "系尚未完全丧失辨认或者控制自己行为能力的精神病人，没有委托辩护人。",
                            "absentia": "因在境外，人民法院依法缺席审判，本人及其近亲属未委托辩护人。",
                            "death_review": "死刑复核案件被告人申请法律援助。"}[ground]
                         + "请指派律师提供辩护。")
        data["eligibility_ground"] = "criminal_notification"
        data["art25_ground"] = ground
        if ground == "mental":
            person.health = "seriously_ill"
        return person, ()

    def _app_detention_defence(self, data, on, person):
        rng = self.rng
        person = self.people.make(on, low=19, high=65, gender="male" if rng.random() < 0.9 else "female")
        charge = rng.choice(CHARGES_COMMON)
        stage = rng.choices(("investigation", "prosecution", "first_instance", "second_instance"), weights=(2, 4, 5, 1))[0]
        self._criminal(data, "suspect" if stage in ("investigation", "prosecution") else "defendant", charge, stage, True)
        relative = self.people.name(rng.choice(("male", "female")), person.ethnicity, date(1965, 1, 1))
        if data["channel"] == "window":
            data.update(agent_name=relative, agent_relation=rng.choice(("parent", "spouse", "relative")),
                        agent_phone=mobile(rng))
        data["facts"] = (f"{person.name}因涉嫌{charge}于{on.year}年被{self.county}公安局刑事拘留，现羁押于{data['detention_place']}。"
                         f"其家庭经济困难，无力委托辩护人，{'经看守所转交' if data['channel'] == 'detention' else '由近亲属代为'}申请法律援助。")
        self._ground(data, person, rng.choice(("hardship_checked", "commitment")))
        return person, ()

    def _app_criminal_victim(self, data, on, person):
        rng = self.rng
        role = rng.choices(("victim", "victim_relative", "private_prosecutor", "civil_plaintiff"), weights=(5, 3, 1, 2))[0]
        person = person or self._new_or_returning(on, low=18, high=75)
        if role == "private_prosecutor":
            charge = rng.choice(("虐待罪", "侮辱罪", "诽谤罪", "故意伤害罪"))
        else:
            charge = rng.choice(("故意伤害罪", "交通肇事罪", "强奸罪", "诈骗罪", "故意杀人罪"))
        stage = rng.choice(("prosecution", "first_instance")) if role != "private_prosecutor" else "first_instance"
        self._criminal(data, role, charge, stage, False)
        data["facts"] = (f"申请人系{charge[:-1]}案{dict(victim='被害人', victim_relative='被害人近亲属', private_prosecutor='自诉人', civil_plaintiff='附带民事诉讼原告人')[role]}，"
                         f"因经济困难无力委托诉讼代理人，请求指派律师代理{'提起附带民事诉讼' if role == 'civil_plaintiff' else '参加诉讼'}。")
        if "judicial_assistance" in person.traits or rng.random() < 0.12:
            person.traits.add("judicial_assistance")
            self._ground(data, person, "judicial_assistance_mutual")
            return person, ("judicial_assistance",)
        if _age(person.birth, on) >= 60:
            self._ground(data, person, "art42", art42_exemption="no_income_group")
        else:
            self._ground(data, person, rng.choice(("hardship_checked", "commitment")))
        data["informed_judicial_assistance"] = True
        return person, ()

    def _legal_rep(self, data: dict[str, Any], person: Person) -> None:
        rng = self.rng
        rep_gender = rng.choice(("male", "female"))
        surname = person.name[0] if person.ethnicity in ("01", "03", "08", "06", "15", "11") else ""
        rep = (surname + rng.choice(GIVEN[rep_gender][1])) if surname else self.people.name(rep_gender, person.ethnicity, date(1980, 1, 1))
        data.update(legal_rep_name=rep, legal_rep_relation="parent", legal_rep_phone=mobile(rng))
        if data.get("case_type"):
            data.update(agent_name=rep, agent_relation="parent", agent_phone=data["legal_rep_phone"])

    def _materials(self, data: dict[str, Any]) -> None:
        rng = self.rng
        items = ["signed_form", "case_material"]
        if data.get("id_number"):
            items.insert(0, "id_copy")
        items += {"hardship_checked": ["hardship_proof"], "commitment": ["commitment"],
                  "criminal_notification": ["notification_letter"]}.get(data.get("eligibility_ground"), [])
        if data.get("agent_name"):
            items.append("power_of_attorney")
        if rng.random() < 0.1:
            items.append("other")
        data["materials"] = items
        data["materials_pages"] = rng.randint(len(items), 12 + 4 * len(items))


SCENARIOS = {"migrant_wages": 19, "labour": 6, "work_injury": 6, "traffic": 7, "support": 6, "child_support": 3,
             "domestic_violence": 4, "divorce": 4, "inheritance": 2, "military": 2, "social_assistance": 2,
             "social_insurance": 1, "bravery": 0.3, "state_compensation": 0.3, "medical": 1, "hardship_civil": 3,
             "mediation": 3, "notification": 13, "detention_defence": 7, "criminal_victim": 4}
_SCENARIO_FOR_MATTER = {"wages": "migrant_wages", "labour": "labour", "work_injury": "work_injury", "traffic": "traffic",
                        "support": "support", "marriage_family": "divorce", "inheritance": "inheritance",
                        "military": "military", "social_security": "social_insurance", "medical": "medical",
                        "criminal": "criminal_victim", "state_compensation": "state_compensation"}

VOID_REASONS = ("重复登记，保留较早的一条。", "当事人身份信息录入错误，已重新登记。", "误将咨询登记为申请，已重新登记为咨询。",
                "培训时误录入的测试数据。", "同一事项已由县法律援助中心直接受理，本站登记作废。")

# --------------------------------------------------------------------------- the stream


@dataclass(order=True)
class _Planned:
    at: datetime
    order: int
    kind: str = field(compare=False)  # consultation, application, pair_app, edit, void
    channel: str = field(compare=False, default="")
    event: str | None = field(compare=False, default=None)
    event_kind: str | None = field(compare=False, default=None)
    ref: int | None = field(compare=False, default=None)  # key of the record referred to
    converts: bool = field(compare=False, default=False)


def _event_calendar(rng: random.Random, start: datetime, end: datetime) -> list[tuple[date, str, str]]:
    """About two outreach days a month: (day, event name, kind)."""
    events = []
    day = start.date() + timedelta(days=rng.randint(1, 10))
    while day < end.date():
        if day.weekday() < 6:
            name, kind, _ = rng.choices(OUTREACH_EVENTS, weights=[e[2] for e in OUTREACH_EVENTS])[0]
            events.append((day, name.format(village=rng.choice(VILLAGES)), kind))
        day += timedelta(days=rng.randint(8, 20))
    return events or [(start.date(), "送法下乡·王营村", "village")]


def _moment(rng: random.Random, day: date, channel: str) -> datetime:
    if channel == "hotline":
        minutes = rng.randint(8 * 60, 19 * 60 + 30)
    elif channel == "online":
        minutes = rng.randint(7 * 60, 23 * 60)
    elif channel in ("outreach",):
        minutes = rng.randint(9 * 60, 16 * 60)
    else:  # office hours, with the lunch break
        minutes = rng.choice((rng.randint(8 * 60 + 30, 11 * 60 + 45), rng.randint(14 * 60 + 30, 17 * 60 + 45)))
    return datetime.combine(day, datetime.min.time()) + timedelta(minutes=minutes)


def _random_day(rng: random.Random, start: datetime, end: datetime, weekends: bool) -> date:
    span = (end.date() - start.date()).days
    while True:
        day = start.date() + timedelta(days=rng.randint(0, span))
        if day.weekday() < 5 or weekends and rng.random() < 0.5 or rng.random() < 0.08:
            return day


def _plan(rng: random.Random, count: int, start: datetime, end: datetime) -> list[_Planned]:
    events = _event_calendar(rng, start, end)
    plan: list[_Planned] = []
    order = 0
    n_applications = round(count * 0.3)
    n_pairs = round(n_applications * 0.3)
    n_consultations = count - n_applications
    for i in range(n_consultations):
        channel = _pick(rng, {"walk_in": 50, "hotline": 28, "outreach": 14, "online": 5, "letter": 3})
        event = kind = None
        if channel == "outreach":
            day, event, kind = rng.choice(events)
        else:
            day = _random_day(rng, start, end, channel in ("hotline", "online"))
        converts = i < n_pairs
        if converts and channel in ("hotline", "online", "letter"):
            channel = "walk_in"
        plan.append(_Planned(_moment(rng, day, channel), order, "consultation", channel, event, kind, converts=converts))
        order += 1
    for _ in range(n_applications - n_pairs):
        channel = _pick(rng, {"window": 84, "outreach": 8, "online": 5, "detention": 3})
        event = kind = None
        if channel == "outreach":
            day, event, kind = rng.choice(events)
        else:
            day = _random_day(rng, start, end, channel == "online")
        plan.append(_Planned(_moment(rng, day, "window" if channel != "online" else "online"), order, "application",
                             channel, event, kind))
        order += 1
    for p in plan:  # nothing after the end of the range (today's records are entered "now")
        if p.at > end:
            p.at = end - timedelta(minutes=rng.randint(1, 60))
    plan.sort()
    return plan


def generate_records(rng: random.Random, count: int, settings: StationSettings,
                     now: datetime | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """`count` consultations and applications over the two years before `now`, oldest first, plus edits and voids.

    Yields (record_type, data) in the order a clerk entered them; see the module
    docstring for the `_demo_` keys the runner acts on.
    """
    end = (now or datetime.now()).replace(second=0, microsecond=0) - timedelta(minutes=2)
    start = end - timedelta(days=730)
    gen = Generator(rng, settings)
    queue: list[_Planned] = _plan(rng, count, start, end)
    heapq.heapify(queue)
    order = len(queue)
    pending: dict[int, tuple[dict[str, Any], Person, str]] = {}  # consultation key -> data, person, matter
    kept: dict[int, tuple[str, dict[str, Any]]] = {}  # records to be edited later
    voidable: list[int] = []
    key = 0
    while queue:
        item = heapq.heappop(queue)
        at = item.at
        meta = {"_demo_at": at.isoformat(timespec="seconds")}
        if item.kind == "edit":
            record_type, data = kept.pop(item.ref)
            data = _edited(rng, record_type, data)
            yield record_type, {**data, **meta, "_demo_edit_of": item.ref}
            continue
        if item.kind == "void":
            yield item.channel, {**meta, "_demo_void_of": item.ref, "_demo_reason": rng.choice(VOID_REASONS)}
            continue
        key += 1
        meta["_demo_key"] = key
        if item.kind == "consultation":
            data, person, matter = gen.consultation(at, item.channel, item.event, item.event_kind, item.converts)
            record_type = "consultation"
            if item.converts:
                pending[key] = (data, person, matter)
                delay = timedelta(minutes=rng.randint(10, 50)) if rng.random() < 0.8 else timedelta(days=rng.randint(1, 5))
                later = min(at + delay, end) if at + delay <= end else at + timedelta(minutes=1)
                heapq.heappush(queue, _Planned(later, order, "pair_app", "window", item.event, item.event_kind, key))
                order += 1
        elif item.kind == "pair_app":
            source = pending.pop(item.ref)
            channel = "outreach" if source[0].get("channel") == "outreach" else "window"
            data = gen.application(at, channel, item.event, item.event_kind, source)
            meta["_demo_from"] = item.ref
            record_type = "application"
        else:
            data = gen.application(at, item.channel, item.event, item.event_kind)
            record_type = "application"
        yield record_type, {**data, **meta}
        roll = rng.random()
        if roll < 0.035 and not item.converts:
            kept[key] = (record_type, dict(data, **({"_demo_from": meta["_demo_from"]} if "_demo_from" in meta else {})))
            when = min(at + timedelta(hours=rng.randint(1, 72)), end)
            heapq.heappush(queue, _Planned(max(when, at + timedelta(minutes=1)), order, "edit", ref=key))
            order += 1
        elif roll < 0.045 and not item.converts and item.kind != "pair_app":
            when = min(at + timedelta(hours=rng.randint(1, 240)), end)
            heapq.heappush(queue, _Planned(max(when, at + timedelta(minutes=1)), order, "void", record_type, ref=key))
            order += 1


def _edited(rng: random.Random, record_type: str, data: dict[str, Any]) -> dict[str, Any]:
    """A second version as a clerk makes it: a corrected phone, an addition, a fuller answer."""
    data = dict(data)
    change = rng.random()
    if change < 0.3 and data.get("phone"):
        data["phone"] = mobile(rng)
    elif record_type == "consultation":
        if change < 0.7:
            data["answer"] = data["answer"] + rng.choice(("（补记：已电话回访，当事人表示满意。）",
                                                          "（补记：当事人已到仲裁委立案。）", "（补记：已调解成功。）"))
        else:
            data["minutes"] = (data.get("minutes") or 10) + rng.randint(5, 20)
    else:
        if change < 0.7:
            materials = list(data.get("materials") or [])
            if "other" not in materials:
                materials.append("other")
            data["materials"] = materials
            data["materials_pages"] = (data.get("materials_pages") or 1) + rng.randint(1, 6)
            data["note"] = ((data.get("note") or "") + "申请人补充提交了相关证据材料。").strip()
        else:
            data["note"] = ((data.get("note") or "") + "已电话告知申请人审查进度。").strip()
    return data


# --------------------------------------------------------------------------- the runner


def strip_meta(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if not k.startswith(META_PREFIX)}


class _Clock:
    """The store's clock during the fill: the moment the current record was entered, as the device clock shows it."""

    def __init__(self) -> None:
        self.at: datetime | None = None

    def __call__(self) -> str:
        return (self.at or datetime.now()).astimezone().isoformat(timespec="seconds")


def fill(station: Station, count: int, seed: int, *, progress=print, durable: bool = False) -> dict[str, int]:
    """Save `count` generated records into an open, set-up station; returns counts by kind.

    Unless `durable`, the connection runs with synchronous=NORMAL during the fill
    (a crash may lose the last demo records, never corrupt the file) and FULL again after.
    """
    clock = _Clock()
    store = Store(station.db, station.settings, station.store.reference, now=clock)
    conn = station.db.conn
    if not durable:
        conn.execute("PRAGMA synchronous = NORMAL")
    saved: dict[int, tuple[str, str, int]] = {}  # key -> record type, id, version
    counts = {"consultation": 0, "application": 0, "edit": 0, "void": 0, "linked": 0}
    started = time.perf_counter()
    try:
        for record_type, data in generate_records(random.Random(seed), count, station.settings):
            clock.at = datetime.fromisoformat(data["_demo_at"])
            if "_demo_void_of" in data:
                rt, rid, version = saved[data["_demo_void_of"]]
                result = store.void(rt, rid, data["_demo_reason"], user=station.settings.clerks[0] if station.settings.clerks else "demo",
                                    expected_version=version)
                saved[data["_demo_void_of"]] = (rt, rid, result.version)
                counts["void"] += 1
                continue
            clean = strip_meta(data)
            if "_demo_from" in data:
                clean["consultation_id"] = saved[data["_demo_from"]][1]
            if "_demo_edit_of" in data:
                rt, rid, version = saved[data["_demo_edit_of"]]
                # as the forms do: the record's person link travels with the edit (else a person
                # without an ID number would be recorded again)
                person_id = store.get(rt, rid).data.get("person_id")
                if person_id:
                    clean["person_id"] = person_id
                result = store.save(record_type, clean, user=clean["clerk"], record_id=rid, expected_version=version)
                saved[data["_demo_edit_of"]] = (rt, rid, result.version)
                counts["edit"] += 1
                continue
            result = store.save(record_type, clean, user=clean["clerk"])
            saved[data["_demo_key"]] = (record_type, result.id, result.version)
            counts[record_type] += 1
            if "_demo_from" in data:
                counts["linked"] += 1
            done = counts["consultation"] + counts["application"]
            if done % PROGRESS_EVERY == 0 and progress:
                elapsed = time.perf_counter() - started
                progress(f"  {done:>7}/{count} records  {done / elapsed:7.0f}/s")
    finally:
        if not durable:
            conn.execute("PRAGMA synchronous = FULL")
    counts["seconds"] = time.perf_counter() - started  # type: ignore[assignment]
    return counts


def run_demo_data(data_dir: Path, count: int, seed: int) -> int:
    """`python -m desktop demo-data`: set up a demo station if needed and save `count` training records."""
    data_dir = Path(data_dir)
    if count < 0:
        print("demo-data: --count must be 0 or more", file=sys.stderr)
        return 2
    try:
        station = open_station(data_dir)
    except StorageError as exc:
        print(f"demo-data: {exc.text()}", file=sys.stderr)
        return 1
    try:
        if not station.settings.configured:
            station.update_settings(DEMO_SETTINGS)
            print(f"demo-data: set up demo station {DEMO_SETTINGS.station_code} {DEMO_SETTINGS.station_name}")
        print(f"demo-data: saving {count} records into {station.db.conn.execute('PRAGMA database_list').fetchone()[2]}")
        try:
            counts = fill(station, count, seed)
        except ValidationFailed as exc:  # a generator bug: say which rule, stop
            print(f"demo-data: a generated record did not pass validation: {exc}", file=sys.stderr)
            return 1
        except StorageError as exc:
            print(f"demo-data: {exc.text()}", file=sys.stderr)
            return 1
    finally:
        station.close()
    seconds = float(counts["seconds"])
    total = counts["consultation"] + counts["application"]
    print(f"demo-data: saved {total} records ({counts['consultation']} consultations, {counts['application']} applications, "
          f"{counts['linked']} from consultations, {counts['edit']} edits, {counts['void']} voided) "
          f"in {seconds:.1f} s, {total / seconds if seconds else 0:.0f} records/s")
    return 0
