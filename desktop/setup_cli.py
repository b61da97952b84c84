"""`python -m desktop setup`: the station's details from a script, so an installer can set up, enroll
and sync a laptop without opening 设置 (the same checks as the settings page).

    python -m desktop setup --code TS01 --name 测试镇法律援助工作站 --township 测试镇 --clerk 李芳 [--clerk ...]
                            [--type fixed|mobile|military] [--county 某某县] [--phone 0376-6123456]
                            [--address 某某县测试镇人民路1号] [--center-phone 0376-6120148] [--data-dir DIR]

The contact details (the station's phone and address, printed on the receipt; the county center's phone, printed
on its notices) are kept as they are unless given; an empty value clears one.

Exit status: 0 saved; 1 refused (each problem printed after the option it concerns, in Chinese with its English
source in brackets; nothing saved); 2 the code cannot change (applications are numbered with it, or the county
certified it).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path


from desktop.cli_text import gloss, say
from desktop.records.i18n import QT_TRANSLATE_NOOP

CODE_FIXED = QT_TRANSLATE_NOOP("CLI", "{problem} (the station code {code} is fixed)")
SET = QT_TRANSLATE_NOOP("CLI", "Set: station {code} {name} ({township}), clerks {clerks}")
CONTACT = QT_TRANSLATE_NOOP("CLI", "Phone {phone}, address {address}; the county legal-aid center's phone {center}")
NOT_SET = QT_TRANSLATE_NOOP("CLI", "not set")
# the option that gives each setting (a problem is reported after the option the installer typed)
OPTIONS = {"station_code": "--code", "station_name": "--name", "township": "--township", "clerks": "--clerk",
           "station_type": "--type", "county_name": "--county", "station_phone": "--phone",
           "station_address": "--address", "center_phone": "--center-phone"}
CLERK_SEPARATOR = QT_TRANSLATE_NOOP("CLI", ", ")


def run_setup(data_dir: Path, code: str, name: str, township: str, clerks: list[str], station_type: str | None,
              county: str | None, *, phone: str | None = None, address: str | None = None,
              center_phone: str | None = None) -> int:
    from desktop.records.i18n import glossed
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
                         county_name=(county if county is not None else current.county_name).strip(),
                         station_phone=(phone if phone is not None else current.station_phone).strip(),
                         station_address=(address if address is not None else current.station_address).strip(),
                         center_phone=(center_phone if center_phone is not None else current.center_phone).strip())
        problems = wanted.issues()
        if problems:
            for issue in problems:
                print(f"{OPTIONS.get(issue.field, issue.field)}: {glossed(issue.context, issue.message, **issue.params)}",
                      file=sys.stderr)
            return 1
        try:
            station.update_settings(wanted)
        except StationCodeFixed as fixed:  # the core's lock: numbered applications or the county's certificate
            for issue in fixed.issues:
                print(gloss(CODE_FIXED, problem=issue, code=current.station_code), file=sys.stderr)
            return 2
        print(say(SET, code=wanted.station_code, name=wanted.station_name, township=wanted.township,
                  clerks=say(CLERK_SEPARATOR).join(wanted.clerks)))
        print(say(CONTACT, phone=wanted.station_phone or say(NOT_SET), address=wanted.station_address or say(NOT_SET),
                  center=wanted.center_phone or say(NOT_SET)))
        return 0
    finally:
        services.close()
