"""Qt-free core of the station: schema, store, validation, reference data and rules.

Nothing in this package may import Qt; the CLI, the county server and the
forms renderer use it without a display (tests/test_qt_free.py enforces it).
"""
