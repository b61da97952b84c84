"""`python -m sync.server` serving: TLS with the county's certificate (plain HTTP only on this computer itself), and
what an upgrade marked indexed before the first request, saying how far it is."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli_text import refused, say
from desktop.records.i18n import QT_TRANSLATE_NOOP

NEW_ROOT = QT_TRANSLATE_NOOP("CLI", "Note: there is no county key in {path}: a NEW county root and keys are made "
                                    "there. Stations enrolled with another folder's root will not trust this server.")
BOTH_TLS = QT_TRANSLATE_NOOP("CLI", "give both --tls-cert and --tls-key.")
NO_TLS = QT_TRANSLATE_NOOP("CLI", "there is no TLS certificate, and stations refuse plain http to {host}. Make one "
                                  "with `python -m sync.server tls-cert --host NAME_OR_IP` (the names stations use), "
                                  "or give the county's own with --tls-cert and --tls-key.")
SERVING = QT_TRANSLATE_NOOP("CLI", "Serving {url}; the county root's fingerprint is {fingerprint}")
INDEXING = QT_TRANSLATE_NOOP("CLI", "Indexing {count} records for the workspace's queue, search and measures (once, "
                                    "after an upgrade); the server answers when this is done...")
INDEXED_SO_FAR = QT_TRANSLATE_NOOP("CLI", "... {done} of {count} records indexed")


def serve(store, data_dir: Path, args: argparse.Namespace) -> int:
    """Run the server: TLS with the county's certificate, plain HTTP only on this computer itself."""
    import logging

    import uvicorn

    from sync.server.app import create_app
    from sync.trust import is_loopback

    if not store.initialised:  # a first start, or a mistyped --data-dir: say which
        print(say(NEW_ROOT, path=data_dir.resolve()), file=sys.stderr)
        store.init()
    tls: tuple[Path, Path] | None
    if args.tls_cert or args.tls_key:
        if not (args.tls_cert and args.tls_key):
            print(refused(BOTH_TLS), file=sys.stderr)
            return 2
        store.county_key.check_server_certificate(args.tls_cert)
        tls = (args.tls_cert, args.tls_key)
    else:
        tls = store.county_key.server_certificate()
    if tls is None and not is_loopback(args.host):
        print(refused(NO_TLS, host=args.host), file=sys.stderr)
        return 2
    extra = store.county_key.tls_options(*tls) if tls else {}
    catch_up_indexes(store)
    print(say(SERVING, url=f"{'https' if tls else 'http'}://{args.host}:{args.port}",
              fingerprint=store.county_key.fingerprint()), file=sys.stderr)
    # the server's own warnings (failed authentications, sync/server/auth.py) with their time, beside uvicorn's
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    uvicorn.run(create_app(data_dir), host=args.host, port=args.port, log_level="info", **extra)
    return 0


def catch_up_indexes(store) -> int:
    """Index what an upgrade marked (sync/server/indexes.py) before serving: at a large county this takes minutes,
    which would otherwise fall on the first workspace request (and outlast its client's patience)."""
    from sync.server.indexes import catch_up, pending_count

    count = pending_count(store.conn())
    if count:
        print(say(INDEXING, count=count), file=sys.stderr)
        shown = [0]

        def progress(done: int) -> None:  # about every tenth, so the administrator sees it go (150 s at 1,000,000)
            if done - shown[0] >= max(count // 10, 1) or done >= count:
                shown[0] = done
                print(say(INDEXED_SO_FAR, done=done, count=count), file=sys.stderr, flush=True)

        catch_up(store.conn(), progress)
    return count
