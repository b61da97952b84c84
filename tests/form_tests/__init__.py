"""Tests of the standard case-file forms (named form_tests so it never hides the real `forms` package)."""
