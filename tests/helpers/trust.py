"""A county's real certificates for a station without a server: the station `services` enrolled with a
county folder through the same functions as the USB enrollment (county `enroll`, station `accept_enrollment`)."""

from __future__ import annotations

from pathlib import Path

from sync import certificates as certs
from sync.enrollment import accept_enrollment
from sync.server.county import CountyStore

CENTER = "青山县法律援助中心"


def enroll_offline(services, county_dir: Path) -> CountyStore:
    """Enroll the (set up) station with a county in `county_dir`; its document signer then signs."""
    store = CountyStore(county_dir)
    store.init(CENTER)
    settings = services.station.settings
    code = store.add_station(settings.station_code, settings.station_name, settings.township, "fixed")
    answer = store.enroll(code, services.key.public_key_bytes, settings.station_code,
                          services.document_key.certificate_request(settings.station_code))
    accept_enrollment(services.station.db, services.key, services.document_key, answer, settings.station_code,
                      server_url=None, fingerprint=certs.fingerprint_hex(store.county_key.root()))
    return store
