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
    taken_meanwhile = threading.Event()
    with turns.turn():
        with turns.turn():  # nested: passes
            pass
        other = threading.Thread(target=lambda: (turns.turn().__enter__(), taken_meanwhile.set()))
        other.start()
        _until(lambda: turns.waiting() == 1)
        assert not taken_meanwhile.wait(0.05)  # the inner exit did not give the turn away
    assert taken_meanwhile.wait(10)
    other.join(10)
    turns = WriteTurns()
    try:
        with turns.turn():
            raise ValueError("a failed transaction")
    except ValueError:
        pass
    taken = threading.Event()
    thread = threading.Thread(target=lambda: (turns.turn().__enter__(), taken.set()))
    thread.start()
    assert taken.wait(10)  # free again


def test_a_thread_interrupted_in_line_leaves_it():
    turns, release = WriteTurns(), threading.Event()
    holding = threading.Event()

    def holder() -> None:
        with turns.turn():
            holding.set()
            release.wait(10)

    threading.Thread(target=holder).start()
    assert holding.wait(10)
    interrupted: list[BaseException] = []

    def impatient() -> None:
        original = turns._changed.wait

        def wait_then_interrupt(*args):
            original(0.01)
            raise KeyboardInterrupt  # as a signal would, while in line
        turns._changed.wait = wait_then_interrupt
        try:
            with turns.turn():
                pass
        except KeyboardInterrupt as exc:
            interrupted.append(exc)
        finally:
            turns._changed.wait = original

    thread = threading.Thread(target=impatient)
    thread.start()
    thread.join(10)
    assert interrupted and turns.waiting() == 0
    release.set()
    served = threading.Event()
    threading.Thread(target=lambda: (turns.turn().__enter__(), served.set())).start()
    assert served.wait(10)  # the line moves on
