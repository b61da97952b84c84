"""Backups of a station, checked when made, and a verified restore.

A backup is a folder named after the moment it was made, `BACKUPS/20240601-093012/`:

    station.db       the database at one instant (rollback-journal mode: it opens read-only, alone)
    manifest.json    what the backup holds: the database's size and SHA-256, the row count of every
                     table, every attachment object the database references (sha256, size), the
                     station's public keys
    objects/ab/cd..  those attachment files, named by their SHA-256 exactly as in the vault
    keys/*.pub       the station key's public part (the private key never leaves DATA/keys)

How one is made (`make_backup`), on a connection of its own, never the UI's:

1. A read transaction is opened on the live database and everything is read inside it: the row
   counts, the attachment list, and the pages (sqlite3 `Connection.backup`, a few MB a step, with
   progress and cancel). In WAL mode that snapshot does not stop the clerks' saves, and since the
   reading transaction stays open between steps SQLite never restarts the copy: the copy is the
   database exactly as it was when the transaction began, and the counts are that instant's counts.
2. Attachment objects are copied incrementally: a file already in the previous backup (same name =
   same content) is hard-linked from it when both are on one file system, otherwise copied from
   the vault. Backups therefore share unchanged files with each other, never with the live vault:
   a backup on the same disk is still a real second copy. Objects are read-only and never change,
   so a hard link cannot be modified through another backup; a damaged shared file is found by the
   check below (every backup re-hashes every object) and replaced by a fresh copy from the vault.
   A vault file that is missing or damaged is taken from an older backup when one has it intact
   (so rotation never throws away the last good copy); failing that it is listed as `absent` and
   reported as a warning, and the database is still backed up.
3. Everything is written under `<name>.partial/` and fsynced; the backup is then CHECKED exactly as
   `verify_backup` checks it later (`PRAGMA integrity_check` on the copy, its SHA-256, every table's
   row count against the snapshot's, every object re-hashed). A failed check deletes the folder and
   raises `BackupError`; only a backup that passed is renamed to its final name. A crash leaves a
   `.partial` folder, which is never listed and which the next backup removes.
4. Rotation keeps the newest `keep` backups. When a second folder is set (a USB drive) the checked
   backup is copied there the same way (hard links when that drive can, full copies on FAT/exFAT)
   and rotated there too; an absent drive or a failed copy is a warning, never a failure.

`restore_backup` verifies the backup first, moves the current database (and its -wal/-shm) aside
to `station.db.before-restore-<stamp>` (never deleted), copies the backup's database into place,
puts back vault objects that are missing or damaged, and checks that the result opens, migrates
and holds the backup's rows. It refuses while another connection has the database open.

Qt-free. User-facing messages are English, marked for translation (context "Backup").

The package, one job per module: `model` (names, errors, problems, BackupInfo, RestoreInfo), `files`
(the progress meter, a backup's keys, low-level file and SQLite helpers), `manifest` (reading a manifest.json:
the one place its size and fields are checked, for a backup folder is hostile until then), `rotation` (the folder of backups:
partial folders, listing, rotation), `checking` (verify), `owner` (whose backup it is), `making` (make and copy), `schedule`
(settings, when the automatic backup is due: after real work, daily, at close) and `restoring`. Import from `desktop.records.backup` itself.
"""

from __future__ import annotations

from .checking import verify_backup
from .making import copy_backup, make_backup
from .model import (BACKUP_INTERVAL, BACKUPS_DIR, BEFORE_RESTORE, CHUNK, KEYS_DIR, MANIFEST_FILE, MANIFEST_FORMAT,
                    MANIFEST_KIND, NAME_PATTERN, OBJECTS_DIR, PARTIAL_SUFFIX, STEP_BYTES, VAULT_DIR, WRITING_LOCK,
                    BackupCancelled, BackupError, BackupInfo, Cancelled, Problem, Problems, Progress, RestoreInfo,
                    Warnings, data_dir_of)
from .owner import OTHER_STATION_HOW, check_own_station
from .restoring import restore_backup
from .rotation import backup_info, clean_partials, list_backups, rotate
from .schedule import (FIRST_BACKUP_CHANGES, LastBackup, backup_due, backup_folder, backup_if_due, backup_station,
                       changes_since, history_mark, last_backup, last_backup_time, read_settings)

__all__ = [
    "BACKUP_INTERVAL", "BACKUPS_DIR", "BEFORE_RESTORE", "CHUNK", "KEYS_DIR", "MANIFEST_FILE", "MANIFEST_FORMAT",
    "MANIFEST_KIND", "NAME_PATTERN", "OTHER_STATION_HOW", "check_own_station", "OBJECTS_DIR", "PARTIAL_SUFFIX", "STEP_BYTES", "VAULT_DIR", "WRITING_LOCK",
    "BackupCancelled", "BackupError", "BackupInfo", "Cancelled", "FIRST_BACKUP_CHANGES", "LastBackup", "Problem",
    "Problems", "Progress", "RestoreInfo", "Warnings", "backup_due", "backup_info", "changes_since", "history_mark", "last_backup", "backup_folder", "backup_if_due", "backup_station", "clean_partials", "copy_backup",
    "data_dir_of", "last_backup_time", "list_backups", "make_backup", "read_settings", "restore_backup", "rotate",
    "verify_backup",
]
