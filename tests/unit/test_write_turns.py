"""The county's write transactions take turns first come, first served (sync/server/storage.WriteTurns)."""

from __future__ import annotations

import threading
import time

from sync.server.storage import WriteTurns


def _until(condition) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.001)


def test_turns_are_served_in_the_order_they_were_asked():
    turns, served = WriteTurns(), []
    holding, release = threading.Event(), threading.Event()

    def holder() -> None:
        with turns.turn():
            holding.set()
            release.wait(10)

    def asker(name: str) -> None:
        with turns.turn():
            served.append(name)

    threading.Thread(target=holder).start()
    assert holding.wait(10)
    askers = []
    for i, name in enumerate("abcde"):
        askers.append(threading.Thread(target=asker, args=(name,)))
        askers[-1].start()
        _until(lambda i=i: turns.waiting() == i + 1)
    release.set()
    for thread in askers:
        thread.join(10)
    assert served == list("abcde")
    assert turns.waiting() == 0


def test_the_holder_may_ask_again_and_an_error_gives_the_turn_back():
    turns = WriteTurns()
    with turns.turn():
        with turns.turn():  # nested: passes
            pass
    try:
        with turns.turn():
            raise ValueError("a failed transaction")
    except ValueError:
        pass
    taken = threading.Event()
    thread = threading.Thread(target=lambda: (turns.turn().__enter__(), taken.set()))
    thread.start()
    assert taken.wait(10)  # free again
