"""The county server: HTTP API (app.py), storage (storage.py), admin CLI (__main__.py)."""
