"""What many test modules share, in one place (like qutebrowser's tests/helpers):

    records     builders of valid records (application, consultation), a resident ID, edit()
    county      the real county server on loopback: the `county` and `enrolled` fixtures (a plugin of
                tests/conftest.py, so every tier has them), County, free_port
    qt_blocked  run code in a fresh Python where importing Qt fails
    save_forever.py  a child process that saves records until it is killed (not imported)

Imported as `helpers.…`: pytest puts tests/ on the path (it holds the top conftest.py).
"""
