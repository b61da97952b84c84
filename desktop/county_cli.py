"""`python -m desktop county`: the program as the county center's workspace.

    python -m desktop county [--data-dir DIR]                               open the county workspace
    python -m desktop county --server URL --fingerprint FP [--data-dir DIR]  set this computer up as the county
                                                                              workspace (installers), then exit

Set up, the program opens as the county workspace on a plain start too (when this computer has no station).
The workspace keeps its own folder (LegalAidCounty beside the station's), so a station laptop is never turned
into a county workspace by mistake.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli_text import gloss, say
from desktop.records.i18n import QT_TRANSLATE_NOOP

COUNTY_APP_NAME = "LegalAidCounty"
PINNED = QT_TRANSLATE_NOOP("CLI", "This computer now opens as the county workspace of {url} (county certificate {fp}).")
BOTH = QT_TRANSLATE_NOOP("CLI", "Give both --server and --fingerprint, or neither (to open the workspace).")
REFUSED = QT_TRANSLATE_NOOP("CLI", "Refused: {reason}")


def county_dir_beside(station_dir: Path) -> Path:
    """%LOCALAPPDATA%\\LegalAid\\LegalAidCounty: beside the station's folder, never inside it."""
    return Path(station_dir).parent / COUNTY_APP_NAME


def opens_as_county(data_dir: Path | None, station_dir: Path) -> Path | None:
    """The county workspace folder a plain start should open (`data_dir` given, else the default folders),
    or None for the station. A computer that holds a station opens the station."""
    from desktop.paths import is_county_workspace
    from desktop.records.db import database_path

    if data_dir is not None:
        return data_dir if is_county_workspace(data_dir) else None
    county = county_dir_beside(station_dir)
    if is_county_workspace(county) and not database_path(station_dir).is_file():
        return county
    return None


def run_county(folder: Path, server: str | None, fingerprint: str | None) -> int:
    if bool(server) != bool(fingerprint):
        print(gloss(BOTH), file=sys.stderr)
        return 2
    if server:
        from desktop.county_ui.settings import pin_county
        from desktop.records.i18n import chinese
        from sync.errors import SyncError

        try:
            pinned = pin_county(folder, server, fingerprint or "")
        except SyncError as error:
            print(gloss(REFUSED, reason=chinese("Sync", error.message).format(**error.params)), file=sys.stderr)
            return 1
        print(say(PINNED, url=pinned.server_url, fp=pinned.fingerprint))
        return 0
    from desktop.county_ui.app import run_county_workspace

    return run_county_workspace(folder)
