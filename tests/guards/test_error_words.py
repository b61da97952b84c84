"""No window and no county answer builds what people read from an exception's own text: str(exc), f"{exc}",
exc.args or the system's strerror are English ("Permission denied", "field larger than field limit"). They go to
the log; a message says why with desktop/records/errors.py reason_of / desktop/ui/i18n.py error_text. This guard
finds a new one before a clerk does."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("desktop", "sync", "forms")


def _prints(path: Path) -> bool:
    """Whether the module prints (a command line's words, a report on the console)."""
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def watched() -> list[Path]:
    """Where people's messages are made: the windows, the workspace's client and the county's answers to it, every
    command line (desktop/*_cli.py, the __main__ modules, sync/server/*_cli.py) and any other module that prints."""
    found = {*(ROOT / "desktop" / "ui").glob("*.py"), *(ROOT / "desktop" / "county_ui").glob("*.py"),
             ROOT / "sync" / "workspace_client.py", ROOT / "sync" / "server" / "workspace.py",
             ROOT / "sync" / "server" / "admin.py", ROOT / "sync" / "server" / "errors.py",
             *(ROOT / "desktop").glob("*_cli.py"), *(ROOT / "sync" / "server").glob("*_cli.py"),
             ROOT / "desktop" / "__main__.py", ROOT / "sync" / "server" / "__main__.py", ROOT / "forms" / "__main__.py",
             ROOT / "desktop" / "cli_text.py"}
    found.update(path for package in PACKAGES for path in (ROOT / package).rglob("*.py") if _prints(path))
    return sorted(found)


ERROR_NAMES = {"e", "err", "error", "exc", "exception"}
LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}
# the forms core words its own errors in Chinese (FontError, CatalogueError): shown as they are; an API answer's
# "message" is the English detail for the administrator and scripts beside "message_zh", which people read
ALLOWED = {("desktop/ui/printing.py", "error_detail"), ("sync/server/workspace.py", "refused"),
           ("sync/server/admin.py", "_refused"),
           # the command lines' one refusal of the sync and the county: message_zh, the English detail in brackets
           ("desktop/cli_text.py", "gloss_refusal"),
           # the installer's self-test names the failed check's exception for whoever reads its report file, and
           # the launcher that makes the virtual environment runs before the program (and its catalogue) exists
           ("desktop/selftest.py", "run_checks"), ("desktop/bootstrap.py", "ensure_environment"),
           # the county's reference import keeps csv's words only to tell its cases apart, never to show them
           ("sync/server/reference.py", "_csv_problem"),
           # a sync round's failure is kept as the SyncError (worded where it is shown), not put into a message
           ("desktop/ui/sync_controller.py", "work"), ("forms/__main__.py", "_worded"),
           # the demo-data generator is a developer's tool: its generator bugs are said with their detail
           ("desktop/demo/runner.py", "run_demo_data")}
# an exception given as a message's value ({problem}) is shown as str(): English, unless it is one of the core's
# worded errors that carry their own Chinese (desktop/records/i18n.py in_chinese reads them)
WORDED = {"StorageError", "UserFacingError", "BackupError", "KeyringError", "SignInError", "ImportRefused",
          "RecoveryFileError"}


def _is_log_call(node: ast.Call) -> bool:
    func = node.func
    return isinstance(func, ast.Attribute) and func.attr in LOGGING and isinstance(func.value, ast.Name) \
        and func.value.id in {"log", "logger", "logging"}


def _caught(handler: ast.ExceptHandler) -> set[str]:
    """The names of the exception classes an except clause catches ("" for a bare except)."""
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {kind.id if isinstance(kind, ast.Name) else kind.attr if isinstance(kind, ast.Attribute) else ""
            for kind in kinds}


def _error_text_uses(tree: ast.AST) -> list[tuple[int, str, str]]:
    """(line, function, what) of each exception-text use outside a logging call or a raise."""
    found: list[tuple[int, str, str]] = []

    def visit(node: ast.AST, function: str, quiet: bool, bound: dict[str, set[str]]) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = node.name
        if isinstance(node, ast.ExceptHandler) and node.name:
            bound = {**bound, node.name: _caught(node)}
        if isinstance(node, ast.Call) and _is_log_call(node) or isinstance(node, ast.Raise):
            quiet = True  # the log keeps the detail; a raise's detail is str() of the new error, for the log
        if not quiet:
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("str", "repr")
                    and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in ERROR_NAMES):
                found.append((node.lineno, function, f"{node.func.id}({node.args[0].id})"))
            elif (isinstance(node, ast.Attribute) and node.attr in ("strerror", "args")
                  and isinstance(node.value, ast.Name) and node.value.id in ERROR_NAMES):
                found.append((node.lineno, function, f"{node.value.id}.{node.attr}"))
            elif (isinstance(node, ast.FormattedValue) and isinstance(node.value, ast.Name)
                  and node.value.id in ERROR_NAMES):
                found.append((node.lineno, function, f"{{{node.value.id}}}"))
            elif isinstance(node, ast.Call):  # an error as a message's value: problem=exc, problem=exc.strerror or exc
                for keyword in node.keywords:
                    values = keyword.value.values if isinstance(keyword.value, ast.BoolOp) else [keyword.value]
                    for value in values:
                        if (isinstance(value, ast.Name) and value.id in bound
                                and not bound[value.id] <= WORDED):
                            found.append((node.lineno, function, f"{keyword.arg}={value.id}"))
        for child in ast.iter_child_nodes(node):
            visit(child, function, quiet, bound)

    visit(tree, "", False, {})
    return found


def test_no_message_is_made_of_an_exceptions_own_text():
    found = []
    for path in watched():
        name = path.relative_to(ROOT).as_posix()
        for line, function, what in _error_text_uses(ast.parse(path.read_text(encoding="utf-8"))):
            if (name, function) not in ALLOWED:
                found.append(f"{name}:{line} in {function}(): {what}")
    assert not found, ("an exception's own (English) text in a message; word it with reason_of / error_text and "
                       "log the detail:\n" + "\n".join(found))


def test_the_guard_finds_the_kinds_of_use_it_is_for():
    source = '''
def shown(error):
    label.setText(str(error))
    label.setText(error.strerror)
    label.setText(f"cannot: {error}")
    log.warning("kept in the log: %s", str(error))
    raise ValueError(f"detail {error}") from error

def named(path):
    try:
        path.write_text("")
    except OSError as exc:
        print(gloss(CANNOT_WRITE, path=path, problem=exc.strerror or exc))
        print(gloss(CANNOT_WRITE, path=path, problem=exc))
        print(gloss(CANNOT_WRITE, path=path, problem=reason_of(exc)))
    except StorageError as exc:
        print(gloss(CANNOT_OPEN, problem=exc))  # its own message is worded; in_chinese reads it
'''
    assert [what for _line, _function, what in _error_text_uses(ast.parse(source))] == [
        "str(error)", "error.strerror", "{error}", "problem=exc", "exc.strerror", "problem=exc"]


def test_every_command_line_is_watched():
    names = {path.relative_to(ROOT).as_posix() for path in watched()}
    assert {"desktop/sync_cli.py", "desktop/report_cli.py", "desktop/setup_cli.py", "desktop/__main__.py",
            "sync/server/__main__.py", "sync/server/files_cli.py", "forms/__main__.py"} <= names
