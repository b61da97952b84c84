"""The station's log holds no personal data: a refusal the clerk is shown (which may name a person's scan)
is logged by its kind only."""

from __future__ import annotations

import logging

from desktop.records.vault import ImportRefused
from desktop.ui.tasks import TaskRunner


def test_a_refused_task_is_logged_without_the_file_name_the_clerk_sees(qtbot, tmp_path, caplog):
    failures: list[BaseException] = []

    def work(_job):
        raise ImportRefused(ImportRefused.EMPTY, {"name": "张三身份证13812345678.pdf"}, kind="empty")

    with caplog.at_level(logging.INFO):
        TaskRunner(tmp_path, synchronous=True).run(work, None, failures.append)
    assert [getattr(f, "kind", None) for f in failures] == ["empty"]
    assert "张三身份证13812345678.pdf" in failures[0].text()  # the clerk is told which file
    assert "ImportRefused (empty)" in caplog.text
    assert "张三" not in caplog.text and "13812345678" not in caplog.text
