"""A backup folder where every name of this second is taken says why in Chinese (a Reason of the context "Problem"),
never the English "too many backups this second" inside the Chinese sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.records.backup.model import BackupError
from desktop.records.backup.rotation import _new_partial
from desktop.records.i18n import in_chinese
from helpers.language import english_words


def test_every_name_of_the_second_taken_is_said_in_chinese(tmp_path, monkeypatch):
    def taken(self, *args, **kwargs):
        raise FileExistsError(self)

    monkeypatch.setattr(Path, "mkdir", taken)
    with pytest.raises(BackupError) as refused:
        _new_partial(tmp_path, {"folder": str(tmp_path)}, name="20260301-101010")
    said = in_chinese(refused.value)
    assert "同一秒" in said and not english_words(said, {str(tmp_path)}), said
