"""The county workspace while it runs: the pinned server, the signed-in account, and the one way its
screens call the server (on the program's TaskRunner, never on the UI thread).

`desk.call(work, on_done, on_refused)` runs `work(client)` on a worker, with a client of its own (the
workspace client is not thread-safe) carrying the session's token. What can go wrong is sorted once, here:
an expired session asks for the password again (the screens keep what was typed); a lost connection says
so in the status bar and leaves every screen as it was; a refusal the server words (a rule, a role, a
stale view) goes to the screen that asked, in Chinese.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.ui.i18n import error_text
from desktop.ui.tasks import Task, TaskRunner
from sync import certificates as certs
from sync.county_rules import may
from sync.workspace_client import SessionExpired, WorkspaceClient, WorkspaceError

from .settings import WorkspaceSettings

Refusal = Callable[[str, BaseException], None]  # (the Chinese text, the error)


def is_offline(error: BaseException) -> bool:
    """The server could not be reached (or stopped answering): nothing was changed, try again later."""
    return isinstance(error, WorkspaceError) and error.code == "unreachable"


def failure_text(error: BaseException) -> str:
    """A refusal in the user's words: the server's own Chinese wording (the client's str()); anything else said
    as what it is, never in the exception's English (the task runner logged it)."""
    if isinstance(error, WorkspaceError):
        return error.message_zh
    return QCoreApplication.translate("CountyDesk", "The request to the county's server did not complete: %1").replace(
        "%1", error_text(error))


class CountyDesk(QObject):
    """What every screen of the county workspace shares: the server, the account, the runner."""

    expired = Signal()  # the session ended: ask for the password again, keep the screens
    onlineChanged = Signal(bool)  # the server answered again / stopped answering
    signedIn = Signal()

    def __init__(self, data_dir: Path, tasks: TaskRunner, settings: WorkspaceSettings,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir, self.tasks, self.settings = Path(data_dir), tasks, settings
        self._root_pem = certs.pem(settings.root)
        self.token: str | None = None
        self.account: Any = None  # the signed-in account (name, display_name, roles)
        self.online = True
        self.last_account = ""  # offered again when the session ends

    def client(self) -> WorkspaceClient:
        """A client of its own for one task (the TLS root pinned, the session's token)."""
        client = WorkspaceClient(self.settings.server_url, self._root_pem)
        if self.token:
            client.use_token(self.token)
        return client

    def may(self, right: str) -> bool:
        """The signed-in account's roles give `right` (the server decides again; this greys out buttons)."""
        return self.account is not None and may(self.account.roles, right)

    def login(self, name: str, password: str, on_done: Callable[[Any], None], on_refused: Refusal) -> Task:
        self.last_account = name

        def signed_in(session: Any) -> None:
            self.token, self.account = session.token, session.account
            self._set_online(True)
            on_done(session.account)
            self.signedIn.emit()

        return self.tasks.run(lambda _job: self.client().login(name, password), signed_in,
                              lambda error: self._failed(error, on_refused))

    def call(self, work: Callable[[WorkspaceClient], Any], on_done: Callable[[Any], None] | None = None,
             on_refused: Refusal | None = None) -> Task:
        """Run `work(client)` on a worker; `on_done(result)` or `on_refused(text, error)` on the UI thread."""
        client = self.client()

        def done(result: Any) -> None:
            self._set_online(True)
            if on_done is not None:
                on_done(result)

        return self.tasks.run(lambda _job: work(client), done, lambda error: self._failed(error, on_refused))

    def _failed(self, error: BaseException, on_refused: Refusal | None) -> None:
        if is_offline(error):
            self._set_online(False)
            text = self.tr("The county's server cannot be reached; nothing was changed. Check the network; the "
                           "screens stay as they are.")
        elif isinstance(error, SessionExpired):
            self.token = self.account = None
            self.expired.emit()
            text = self.tr("Your session has ended: log in again, then repeat the last step.")
        else:
            self._set_online(True)
            text = failure_text(error)
        if on_refused is not None:
            on_refused(text, error)

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.onlineChanged.emit(online)
