"""法律援助工作站 — the township legal-aid workstation desktop application."""

__version__ = "0.1.0"
