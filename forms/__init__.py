"""Standard case-file forms (Qt-free): catalogue, layout, PDF rendering, seal, signature, case file.

    from forms.render import render_form            # one form -> PDF bytes
    from forms.case_file import build_case_file     # a whole case file -> PDF bytes
    from forms.catalogue import forms_for           # which forms a record type prints
    from forms.context import RenderContext, context_for

See resources/forms/README.md for the form files and resources/fonts/README.md for the fonts.
"""
