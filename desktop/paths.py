"""Where the application's bundled resources live, from source and when frozen; which folder is the county
workspace's."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The `resources/` folder: beside the packages from source, inside the bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file or folder under `resources/`."""
    return resource_root().joinpath(*parts)


# the small file that makes a folder the county workspace's (desktop/county_ui/settings.py writes it): named here,
# so a plain start looks for it without importing the workspace's TLS and enrollment modules (issue 17)
COUNTY_WORKSPACE_FILE = "county_workspace.json"


def is_county_workspace(data_dir: Path) -> bool:
    """This computer was set up as the county workspace (the program opens it instead of the station)."""
    return (Path(data_dir) / COUNTY_WORKSPACE_FILE).is_file()
