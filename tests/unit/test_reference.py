"""Reference data as the code uses it: mappings between lists must name codes the lists have."""

from __future__ import annotations


def test_the_matter_to_application_mapping_uses_known_codes():
    """A renamed code in resources/ must not silently stop the consultation -> application carry-over."""
    from desktop.records.fields import MATTER_TO_ART31, MATTER_TO_CASE_TYPE, application_matter
    from desktop.records.reference import default_reference

    ref = default_reference()
    codes = {name: {c.code for c in ref.choices(name)} for name in ("matter_categories", "art31_categories",
                                                                  "case_types")}
    assert set(MATTER_TO_ART31) <= codes["matter_categories"] and set(MATTER_TO_CASE_TYPE) <= codes["matter_categories"]
    assert set(MATTER_TO_ART31.values()) <= codes["art31_categories"]
    assert set(MATTER_TO_CASE_TYPE.values()) <= codes["case_types"]
    assert application_matter("criminal") == {"case_type": "criminal"}
    assert application_matter("traffic") == {"art31_category": "injury"}
    assert application_matter("neighbour") == {} and application_matter(None) == {}
