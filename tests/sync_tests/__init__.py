"""Sync against a real county server on a loopback port (named sync_tests: a `sync` package here would shadow the real one, as form_tests does for forms)."""
