"""Station <-> county sync; the station's identity (its signing key) lives here.

Qt-free: the station application, its CLI and the county server all use it.
`sync` depends on `desktop.records`, never the reverse: the records core takes
a signer object (a Protocol) and `desktop/services.py` hands it the station key.
"""
