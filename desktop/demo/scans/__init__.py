"""Sample scans for the training data (desktop.demo): ID-card copies, hardship proofs, commitments, case photos.

Qt-free: Pillow draws the images, reportlab writes the PDFs, all in memory;
each scan comes back as bytes with the checklist slot and a file name such as a
scanner or a phone would give it. Made to look like what a station receives:

- ``id_copy``: an A4 photocopy (grayscale JPEG, 150 dpi) of both sides of a
  resident ID card, enlarged, slightly askew, with toner noise and the
  applicant's handwritten "for the legal aid application only" note;
- ``hardship_proof``: a village or community committee's 经济困难证明 (PDF);
- ``commitment``: the applicant's 个人诚信承诺书 (PDF), signed with a fingerprint;
- ``case_material``: a phone photo (JPEG with EXIF) of a handwritten note on a
  table, the paper rotated, lit unevenly, noisy: a wage IOU (欠条), a loan
  note (借条) or the applicant's own statement of the facts.

Every scan is marked 仅供培训 ("training only"): a watermark on each page and
image, and the seals read 培训样章, never an office's name alone. The texts are
in resources/demo/scans.json. The PDFs use reportlab's built-in CID font
STSong-Light (nothing embedded; viewers substitute a Song font). The images
use a Chinese font found on the machine; without one they are still drawn,
in English with Pillow's default font.

Sizes stay between about 50 and 300 KB (a 10,000-record demo station holds a
few hundred MB of scans). The bytes depend only on the `random.Random` passed
in and the fonts found: no clock, no OS randomness.

The package, one module per job: `common` (the texts, `Scan`, wrapping, dates,
noise and JPEG helpers), `fonts` (finding a Chinese font), `id_card`,
`letters` (the PDFs) and `photos` (the phone photo of a note), put together
by `maker.ScanMaker`.
"""

from __future__ import annotations

from .common import JPEG, NO_LINE_START, PDF, PHOTO_SIZE, SLOTS, TEXTS, Scan
from .common import (
           _upper_amount as _upper_amount,  # these two private helpers: the tests check them
)
from .common import _wrap as _wrap
from .fonts import FONT_DIRS, FONT_FILES, FONT_HINTS, Fonts, find_cjk_font
from .maker import ScanMaker

__all__ = ["FONT_DIRS", "FONT_FILES", "FONT_HINTS", "JPEG", "NO_LINE_START", "PDF", "PHOTO_SIZE", "SLOTS", "TEXTS",
           "Fonts", "Scan", "ScanMaker", "find_cjk_font"]
