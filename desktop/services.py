"""The station's services, composed in one place: records, the station key, the vault, attachments.

Here, and only here, `desktop.records` (which must not import `sync`) is
handed the station key from `sync.identity` as its signer. The UI and the
CLI get a `Services` and pass its parts on; tests build the parts they need.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.records.attachments import Attachments
from desktop.records.errors import storage_error_from
from desktop.records.station import Station, open_station
from desktop.records.vault import DEFAULT_MAX_BYTES, Vault
from sync.identity import DocumentKey, StationKey

KEYS_DIR = "keys"
VAULT_DIR = "vault"


@dataclass
class Services:
    station: Station
    key: StationKey
    vault: Vault
    attachments: Attachments
    document_key: DocumentKey | None = None  # signs the station's PDFs once the county certified it

    def close(self) -> None:
        self.station.close()

    def sync_engine(self, *, server_url: str | None = None, **options):
        """The station's sync engine on this connection (a worker's: `on_connection(db).sync_engine()`) that
        also sends attachment files from the vault. Raises sync.errors.SyncError when not enrolled."""
        from sync.engine import SyncEngine

        return SyncEngine(self.station.db, self.key, self.station.settings.station_code,
                          server_url=server_url, vault=self.vault, document_key=self.document_key,
                          **options)

    def document_signer(self):
        """The signer of this station's PDFs (forms/signing.py): its document key with the certificate the
        county issued and the county root; None until the county issued one (enrollment or the next sync)."""
        from forms.signing import DocumentSigner
        from sync.certificates import public_key_der
        from sync.errors import SyncError
        from sync.trust import pinned

        try:
            trust = pinned(self.station.db)
        except SyncError:
            return None
        if self.document_key is None or trust is None or trust.root is None or trust.document is None \
                or public_key_der(trust.document) != self.document_key.public_key_der():
            return None
        return DocumentSigner(self.document_key.sign, [trust.document, trust.root])

    def on_connection(self, db) -> "Services":
        """The same station, key and vault on another connection: a task's own (desktop/ui/tasks.py), which
        its runner opens and closes. A connection never crosses threads, so a worker uses this, not `self`."""
        station = self.station.on_connection(db)
        return Services(station, self.key, self.vault, Attachments(station.store, self.vault, self.key),
                        self.document_key)


def keys_passphrase(data_dir: Path) -> bytes:
    """The passphrase of the station's private key files: derived from the data key of the station unlocked in
    this process (SignInError when it is not)."""
    from desktop.records.signin import unlocked_station

    return unlocked_station(data_dir).subkey("private keys").hex().encode("ascii")


def open_services(data_dir: Path, *, max_attachment_bytes: int | None = None) -> Services:
    """Open the station in `data_dir` with its key (made on first run) and its attachment vault.

    The attachment size limit is the station's setting unless given here.
    Raises StorageError (the database, or a keys/vault folder that cannot be made) or
    sync.identity.KeyFileError (a damaged key file).
    """
    data_dir = Path(data_dir)
    station = open_station(data_dir)
    try:
        if max_attachment_bytes is None:
            limit_mb = getattr(station.settings, "max_attachment_mb", None)
            max_attachment_bytes = limit_mb * 1024 * 1024 if limit_mb else DEFAULT_MAX_BYTES
        passphrase = keys_passphrase(data_dir)  # the private keys are encrypted with the station's data key
        key = StationKey.load_or_create(data_dir / KEYS_DIR, passphrase)
        document_key = DocumentKey.load_or_create(data_dir / KEYS_DIR, passphrase)
        vault = Vault.of_station(data_dir, max_attachment_bytes, VAULT_DIR)
        if vault.needs_sealing():  # an older version's clear files (the window did this with progress already)
            vault.seal_clear_objects()
    except OSError as exc:  # the keys or vault folder cannot be made: a read-only or full disk
        station.close()
        raise storage_error_from(exc) from exc
    except BaseException:
        station.close()
        raise
    return Services(station, key, vault, Attachments(station.store, vault, key), document_key)
