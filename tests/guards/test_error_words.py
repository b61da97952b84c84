"""No window and no county answer builds what people read from an exception's own text: str(exc), f"{exc}",
exc.args or the system's strerror are English ("Permission denied", "field larger than field limit"). They go to
the log; a message says why with desktop/records/errors.py reason_of / desktop/ui/i18n.py error_text. This guard
finds a new one before a clerk does."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# where people's messages are made: the windows, the workspace's client and the county's answers to it
WATCHED = [*sorted((ROOT / "desktop" / "ui").glob("*.py")), *sorted((ROOT / "desktop" / "county_ui").glob("*.py")),
           ROOT / "sync" / "workspace_client.py", ROOT / "sync" / "server" / "workspace.py",
           ROOT / "sync" / "server" / "admin.py", ROOT / "sync" / "server" / "errors.py"]
ERROR_NAMES = {"e", "err", "error", "exc", "exception"}
LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}
# the forms core words its own errors in Chinese (FontError, CatalogueError): shown as they are; an API answer's
# "message" is the English detail for the administrator and scripts beside "message_zh", which people read
ALLOWED = {("desktop/ui/printing.py", "error_detail"), ("sync/server/workspace.py", "refused"),
           ("sync/server/admin.py", "_refused")}


def _is_log_call(node: ast.Call) -> bool:
    func = node.func
    return isinstance(func, ast.Attribute) and func.attr in LOGGING and isinstance(func.value, ast.Name) \
        and func.value.id in {"log", "logger", "logging"}


def _error_text_uses(tree: ast.AST) -> list[tuple[int, str, str]]:
    """(line, function, what) of each exception-text use outside a logging call or a raise."""
    found: list[tuple[int, str, str]] = []

    def visit(node: ast.AST, function: str, quiet: bool) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = node.name
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
        for child in ast.iter_child_nodes(node):
            visit(child, function, quiet)

    visit(tree, "", False)
    return found


def test_no_message_is_made_of_an_exceptions_own_text():
    found = []
    for path in WATCHED:
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
'''
    assert [what for _line, _function, what in _error_text_uses(ast.parse(source))] == [
        "str(error)", "error.strerror", "{error}"]
