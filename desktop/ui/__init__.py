"""The station's Qt front end: widgets collect and show; rules live in desktop.records."""

import sys


def _pin_none() -> None:
    """Keep `None` alive for the whole session on Python before 3.12.

    PySide6 6.12 returns `None` from every void method (setText, setVisible, addWidget, ...) without
    taking a reference, as if `None` were immortal, which it is only from Python 3.12 on (PEP 683). On 3.11
    each such call costs `None` one reference, and after some tens of thousands of them (typing a few hundred
    characters into a form) the interpreter aborts with "deallocating None". Giving `None` a reference count
    no session can use up makes it as immortal as 3.12 does. Release builds of CPython only: the count is
    the object's first field there. `True` and `False` likewise: a list model's reset loses `True` one reference
    each time (a list refreshed after each save, a filter changed), which aborted the lists benchmark at exit.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or hasattr(sys, "gettotalrefcount"):
        return
    import ctypes

    for immortal in (None, True, False):
        ctypes.c_ssize_t.from_address(id(immortal)).value += 1 << 40


_pin_none()
