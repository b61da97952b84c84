"""The `account` commands of `python -m sync.server`: the installer makes the first administrator here, who
then keeps every other account in the county workspace (sync/server/staff.py).

    python -m sync.server account add admin --name 张明 --role admin       asks for the password twice
    python -m sync.server account add lifang --name 李芳 --role reviewer --password-stdin   (scripts)
    python -m sync.server account list | deactivate NAME | password NAME
"""

from __future__ import annotations

import getpass
import sys

from desktop.cli_text import gloss, say
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.server.errors import zh
from sync.server.staff import ROLE_NAMES, ROLES

H_ACCOUNT = QT_TRANSLATE_NOOP("CLI", "the county center's staff accounts (the first administrator)")
H_ACCOUNT_ADD = QT_TRANSLATE_NOOP("CLI", "add an account, or change its name and roles")
H_ACCOUNT_NAME = QT_TRANSLATE_NOOP("CLI", "the login name, e.g. lifang")
H_DISPLAY = QT_TRANSLATE_NOOP("CLI", "the person's name, shown on decisions")
H_ROLE = QT_TRANSLATE_NOOP("CLI", "a role (repeat for several): {roles}")
H_PASSWORD_STDIN = QT_TRANSLATE_NOOP("CLI", "read the password from the first line of standard input (scripts)")
H_ACCOUNT_LIST = QT_TRANSLATE_NOOP("CLI", "every account and its roles")
H_ACCOUNT_OFF = QT_TRANSLATE_NOOP("CLI", "end an account (its sessions end; its decisions keep its name)")
H_ACCOUNT_PASSWORD = QT_TRANSLATE_NOOP("CLI", "give an account a new password (its sessions end)")
ASK_PASSWORD = QT_TRANSLATE_NOOP("CLI", "Password for {name}: ")
ASK_AGAIN = QT_TRANSLATE_NOOP("CLI", "The same password again: ")
MISMATCH = QT_TRANSLATE_NOOP("CLI", "The two passwords differ; nothing was changed.")
SAVED = QT_TRANSLATE_NOOP("CLI", "Account {name} ({display}): {roles}.")
DEACTIVATED = QT_TRANSLATE_NOOP("CLI", "Account {name} is ended.")
PASSWORD_SET = QT_TRANSLATE_NOOP("CLI", "Account {name} has a new password; its sessions have ended.")
ACTIVE_WORDS = (QT_TRANSLATE_NOOP("CLI", "ended"), QT_TRANSLATE_NOOP("CLI", "active"))
NO_ACCOUNT = QT_TRANSLATE_NOOP("CLI", "There is no account {name}.")


def add_account_commands(commands, common) -> None:
    def command(under, name: str, text: str, **params):
        return under.add_parser(name, parents=[common], help=gloss(text, **params), description=gloss(text, **params))

    accounts = command(commands, "account", H_ACCOUNT).add_subparsers(dest="account_command", required=True)
    add = command(accounts, "add", H_ACCOUNT_ADD)
    add.add_argument("account", help=gloss(H_ACCOUNT_NAME))
    add.add_argument("--name", required=True, dest="display", help=gloss(H_DISPLAY))
    add.add_argument("--role", action="append", required=True, choices=ROLES, dest="roles",
                     help=gloss(H_ROLE, roles=", ".join(ROLES)))
    add.add_argument("--password-stdin", action="store_true", help=gloss(H_PASSWORD_STDIN))
    command(accounts, "list", H_ACCOUNT_LIST)
    off = command(accounts, "deactivate", H_ACCOUNT_OFF)
    off.add_argument("account", help=gloss(H_ACCOUNT_NAME))
    password = command(accounts, "password", H_ACCOUNT_PASSWORD)
    password.add_argument("account", help=gloss(H_ACCOUNT_NAME))
    password.add_argument("--password-stdin", action="store_true", help=gloss(H_PASSWORD_STDIN))


def _password(args) -> str | None:
    """The new password: a line of standard input, or typed twice without echo; None when the two differ."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(say(ASK_PASSWORD, name=args.account))
    if getpass.getpass(say(ASK_AGAIN)) != first:
        print(gloss(MISMATCH), file=sys.stderr)
        return None
    return first


def account_command(store, args) -> int:
    """Run `account ...`; the exit status (refusals raise CountyError, which the caller prints)."""
    staff = store.staff
    if args.account_command == "list":
        for account in staff.accounts():
            print("\t".join([account.name, account.display_name, "、".join(zh(ROLE_NAMES[r]) for r in account.roles),
                             say(ACTIVE_WORDS[account.active])]))
        return 0
    if args.account_command == "deactivate":
        staff.deactivate(args.account)
        print(say(DEACTIVATED, name=args.account))
        return 0
    existing = {a.name: a for a in staff.accounts()}
    if args.account_command == "password" and args.account not in existing:
        print(gloss(NO_ACCOUNT, name=args.account), file=sys.stderr)
        return 1
    password = _password(args)
    if password is None:
        return 1
    if args.account_command == "password":
        account = existing[args.account]
        staff.save(account.name, account.display_name, list(account.roles), password)
        print(say(PASSWORD_SET, name=args.account))
        return 0
    account = staff.save(args.account, args.display, args.roles, password)
    print(say(SAVED, name=account.name, display=account.display_name,
              roles="、".join(zh(ROLE_NAMES[r]) for r in account.roles)))
    return 0
