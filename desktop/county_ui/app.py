"""Starting the program as the county workspace: Qt, translations, the runner, the county window. No station is
opened: the workspace keeps only its pinned server (settings.py) in the data folder."""

from __future__ import annotations

import logging
from pathlib import Path

from desktop.ui.app import make_application
from desktop.ui.crash import CrashReporter, setup_logging
from desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
WORKSPACE_LOG = "workspace.log"


def run_county_workspace(data_dir: Path) -> int:
    from .window import CountyWindow

    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    log_dir = setup_logging(data_dir, WORKSPACE_LOG)  # a county workspace is not a station: its log says so
    app = make_application()
    CrashReporter(log_dir, lambda: None).install()
    tasks = TaskRunner(data_dir)  # network calls only: its tasks never open the station's database
    window = CountyWindow(data_dir, tasks)
    window.show()
    code = app.exec()
    tasks.shutdown()
    return code
