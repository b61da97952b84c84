"""Where this computer's county workspace points (Qt-free): the server's address and the county root it pinned.

A computer set up as the county workspace (by the installer, `python -m desktop county --server URL
--fingerprint FP`, or its first run) keeps one small file in its data folder. The root is pinned the way a
station pins it at enrollment: the server's root is fetched once and kept only when its fingerprint is the
one the county printed; every later connection checks TLS against that root alone (sync/trust.py).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from desktop.paths import COUNTY_WORKSPACE_FILE as SETTINGS_FILE, is_county_workspace  # noqa: F401 (re-exported)
from sync import certificates as certs
from sync.enrollment import NO_FINGERPRINT, fetch_root
from sync.errors import SyncError
from sync.trust import check_server_url


@dataclass(frozen=True)
class WorkspaceSettings:
    server_url: str
    root: x509.Certificate

    @property
    def fingerprint(self) -> str:
        return certs.show_fingerprint(certs.fingerprint_hex(self.root))


def settings_path(data_dir: Path) -> Path:
    return Path(data_dir) / SETTINGS_FILE


def load_settings(data_dir: Path) -> WorkspaceSettings | None:
    """The pinned server and root; None when not set up yet or when the file is damaged (set up again)."""
    try:
        kept = json.loads(settings_path(data_dir).read_text(encoding="utf-8"))
        return WorkspaceSettings(check_server_url(str(kept["server_url"])),
                                 certs.check_root(certs.load_pem(str(kept["root"]))))
    except (OSError, ValueError, KeyError, TypeError, SyncError, certs.CertificateError):
        return None


def pin_county(data_dir: Path, server_url: str, fingerprint: str) -> WorkspaceSettings:
    """Fetch the server's root, keep it only if its fingerprint is `fingerprint`. SyncError (worded for
    the user) when the address is refused, the server cannot be reached or the root is not the county's."""
    url = check_server_url(server_url)
    expected = certs.normalise_fingerprint(fingerprint)
    if expected is None:
        raise SyncError(NO_FINGERPRINT, code="no_fingerprint", detail="no valid root fingerprint given")
    root = fetch_root(url, expected)
    save_settings(data_dir, WorkspaceSettings(url, root))
    return WorkspaceSettings(url, root)


def save_settings(data_dir: Path, settings: WorkspaceSettings) -> None:
    path = settings_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"server_url": settings.server_url, "root": certs.pem(settings.root)},
                              ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
