"""`python -m desktop setup`: the station's details from a script, so an installer can set up, enroll
and sync a laptop without opening 设置 (the same checks as the settings page).

    python -m desktop setup --code TS01 --name 测试镇法律援助工作站 --township 测试镇 --clerk 李芳 [--clerk ...]
                            [--type fixed|mobile|military] [--county 某某县] [--data-dir DIR]

Exit status: 0 saved; 1 refused (each problem printed in Chinese, nothing saved); 2 the code cannot change
(applications are numbered with it, or the county certified it).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path


from desktop.cli_text import say
from desktop.records.i18n import QT_TRANSLATE_NOOP

CODE_FIXED = QT_TRANSLATE_NOOP("CLI", "{problem} (the station code {code} is fixed)")
SET = QT_TRANSLATE_NOOP("CLI", "Set: station {code} {name} ({township}), clerks {clerks}")
CLERK_SEPARATOR = QT_TRANSLATE_NOOP("CLI", ", ")


def run_setup(data_dir: Path, code: str, name: str, township: str, clerks: list[str], station_type: str | None,
              county: str | None) -> int:
    from desktop.records.i18n import chinese
    from desktop.records.settings import StationCodeFixed
    from desktop.services import open_services

    services = open_services(data_dir)
    try:
        station = services.station
        current = station.settings
        code = code.strip().upper()
        clerks = [c.strip() for c in clerks if c.strip()]
        wanted = replace(current, station_code=code, station_name=name.strip(), township=township.strip(),
                         clerks=tuple(clerks), current_clerk=current.current_clerk if current.current_clerk in clerks
                         else (clerks[0] if clerks else ""),
                         station_type=station_type or current.station_type,
                         county_name=(county if county is not None else current.county_name).strip())
        problems = wanted.issues()
        if problems:
            for issue in problems:
                print(f"{issue.field}: {chinese('Validation', issue.message)}", file=sys.stderr)
            return 1
        try:
            station.update_settings(wanted)
        except StationCodeFixed as fixed:  # the core's lock: numbered applications or the county's certificate
            for issue in fixed.issues:
                print(say(CODE_FIXED, problem=chinese("Validation", issue.message).format(**issue.params),
                          code=current.station_code), file=sys.stderr)
            return 2
        print(say(SET, code=wanted.station_code, name=wanted.station_name, township=wanted.township,
                  clerks=say(CLERK_SEPARATOR).join(wanted.clerks)))
        return 0
    finally:
        services.close()
