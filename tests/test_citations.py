"""What the rules and the catalogue say of the standard is what the standard says.

- A rule cites Table 1 only for the CRM elements that Table 1 holds; a requirement about an
  element outside it (SM&O 1.1.2.x ...) cites eTOM / ITU-T M.3050.2.
- Russian rule texts say «должен / должна / должны» only where the rule is an error (the standard
  says «должны»: requirements.md).
- The catalogue marks as translations the Russian names that the standard's page held by the
  project does not show, and every name it attributes to the standard is on that page.
"""

from __future__ import annotations

import re

import pytest

from checker.engine.packs import pack_for
from checker.findings import Severity
from checker.kinds import KINDS
from checker.standard.catalogue import load_catalogue
from checker.standard.rulepack import Rule

from .conftest import ROOT

PACK = pack_for("GOST R 53633.3-2009")
SEED = ROOT.parent / "shared" / "seed" / "gost-r-53633.3-2009-page10.txt"
TABLE_1 = re.compile(r"(?:Table 1|табл\. 1),((?:\s*1\.1\.\d+\.\d+,?)+)")


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_table_1_is_cited_only_for_its_crm_elements(rule: Rule) -> None:
    for lang in ("ru", "en"):
        clause = rule.clause[lang]
        for ids in TABLE_1.findall(clause):
            cited = re.findall(r"1\.1\.\d+\.\d+", ids)
            assert all(c.startswith("1.1.1.") for c in cited), (rule.id, lang, clause)
        outside = [e for e in KINDS[rule.kind].elements(rule.options) if not e.startswith("1.1.1")]
        if outside:
            assert "M.3050.2" in clause, (rule.id, lang, clause)


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_shall_only_where_the_rule_is_an_error(rule: Rule) -> None:
    text = " ".join((rule.title["ru"], rule.message["ru"], rule.why["ru"]))
    if rule.severity is not Severity.ERROR:
        assert not re.search(r"\bдолж(ен|на|но|ны)\b", text), (rule.id, text)


def test_the_check_of_shall_can_fail() -> None:
    assert re.search(r"\bдолж(ен|на|но|ны)\b", "каждая функция должна быть поручена")


def _normal(text: str) -> str:
    text = re.sub(r"-\n", "", text)  # words broken at the end of a scanned line
    return " ".join(text.replace("«", " ").replace("»", " ").replace("*", " ").split()).casefold()


@pytest.mark.skipif(not SEED.is_file(), reason="the shared seed is beside the repository in CI")
def test_names_attributed_to_the_standard_are_on_its_page() -> None:
    page = _normal(SEED.read_text(encoding="utf-8"))
    catalogue = load_catalogue()
    standard = [e for e in catalogue.elements.values() if e.ru_source == "standard"]
    assert {e.id for e in standard} == {f"1.1.1.{n}" for n in range(1, 6)}
    for element in standard:
        assert _normal(element.name["ru"]) in page, element.id
    for element in catalogue.elements.values():
        if element.ru_source == "translation":
            assert _normal(element.name["ru"]) not in page or element.id.count(".") < 3, element.id


def test_every_russian_name_says_where_it_comes_from() -> None:
    catalogue = load_catalogue()
    sources = {e.ru_source for e in catalogue.elements.values()}
    assert sources == {"standard", "title", "translation"}
    assert catalogue.elements["1.1.1.6"].translated and not catalogue.elements["1.1.1.5"].translated
