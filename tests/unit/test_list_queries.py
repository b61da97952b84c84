"""The lists' queries: a search lists who a record is about before what it mentions (issue #10, item 14),
and any page of a list is read the same, from the start, from the end or from the middle (item 9)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desktop.records import queries
from desktop.records.idcard import check_digit
from desktop.records.queries import ListQuery, Listing

CLERK = "李芳"
NOW = datetime.now().replace(second=0, microsecond=0)


def resident_id(first17: str) -> str:
    return first17 + check_digit(first17)


def consult(station, hours_ago: int, name: str, question: str, **more) -> str:
    data = {"occurred_at": (NOW - timedelta(hours=hours_ago)).strftime("%Y-%m-%dT%H:%M"), "channel": "walk_in",
            "name": name, "matter_category": "other", "question": question, "answer": "已解答。", "clerk": CLERK,
            "outcome": "answered", **more}
    return station.store.save("consultation", data, user=CLERK).id


@pytest.fixture
def mixed(station):
    """Newest first: two records that only mention 张, then the person named 张, then one more mention."""
    return {
        "mention_new": consult(station, 1, "李明", "对方主张我赔偿一万元，合理吗？"),
        "tense": consult(station, 2, "王芳", "最近关系很紧张，邻居天天吵。"),
        "named": consult(station, 3, "张秀英", "子女不给赡养费怎么办？"),
        "phone": consult(station, 4, "刘强", "工资被拖欠。", phone="13800138000"),
        "mention_old": consult(station, 5, "陈静", "丈夫主张离婚后孩子归他。"),
    }


def ids(station, query: ListQuery) -> list[str]:
    return [row.id for row in Listing(station.db, query).page(0, 100)]


def test_searching_a_surname_lists_the_people_before_the_words(station, mixed):
    found = ids(station, ListQuery("consultation", text="张"))
    assert found == [mixed["named"], mixed["mention_new"], mixed["tense"], mixed["mention_old"]]
    assert queries.segment_counts(station.db, ListQuery("consultation", text="张")) == [1, 3]


def test_numbers_are_who_hits_too(station, mixed):
    consult(station, 0, "赵六", "电话13800138000打不通怎么办？")  # newer, but the number is only in the text
    assert ids(station, ListQuery("consultation", text="0013800"))[0] == mixed["phone"]


def test_filters_and_the_chosen_order_apply_within_each_part(station, mixed):
    later = consult(station, 6, "张伟", "工资的事。", channel="hotline")
    query = ListQuery("consultation", text="张", descending=False)
    assert ids(station, query) == [later, mixed["named"], mixed["mention_old"], mixed["tense"], mixed["mention_new"]]
    hotline = ListQuery("consultation", text="张", channel="hotline")
    assert ids(station, hotline) == [later] and queries.count(station.db, hotline) == 1


def test_voided_records_leave_the_counts_of_both_parts(station, mixed):
    station.store.void("consultation", mixed["named"], "录错了", user=CLERK)
    assert queries.segment_counts(station.db, ListQuery("consultation", text="张")) == [0, 3]
    assert queries.segment_counts(station.db, ListQuery("consultation", text="张", include_voided=True)) == [1, 3]


def test_any_page_reads_the_same_rows_from_either_end(station):
    for i in range(23):
        consult(station, i, "张" + "一二三四五六七八九十"[i % 10], "问题" if i % 3 else "对方主张的事")
    for text in ("", "张"):
        listing = Listing(station.db, ListQuery("consultation", text=text))
        every = listing.page(0, 100)
        assert len(every) == listing.total == 23
        for start in range(0, 23, 5):  # pages of 5, read alone (from the nearer end of their part)
            assert [r.id for r in listing.page(start, 5)] == [r.id for r in every[start:start + 5]]
        for start in range(5, 23, 5):  # and by keyset from the page before, and from the page after
            assert listing.page(start, 5, after=every[start - 1]) == every[start:start + 5]
            assert listing.page(start - 5, 5, before=every[start]) == every[start - 5:start]
