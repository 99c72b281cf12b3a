"""The stand-in catalogue's content: records written for the tests (test material, not the UN's catalogue) and
the files they link, built from the constructed report texts (tests/data) and the real texts and PDFs of
../shared/corpus (read-only there: the files are built in a temporary folder).

The CTOC/COP/WG.3/ series has six records, newest first: 2024/L.1 in English (PDF) and Russian (Word);
2024/1, a provisional agenda (not a report); 2023/L.1 in English only (ODS has no Russian either); 2022/L.1
in English, its Russian on ODS only; 2021/L.1 without any file; 2020/L.1 in English and Russian (Word).
Beside it: a General Assembly resolution (A/RES/77/321, the real PDF), a First Committee report (A/77/377),
a First Committee draft without files, and a report of another series whose English file link answers a web
page (a download that fails).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import CORPUS, TESTDATA
from ..docx_fixtures import MASTHEAD, docx_from_report_text
from .standin import CatRecord

WG3 = "CTOC/COP/WG.3/{year}/L.1"
WG3_BODY = ("Conference of the Parties to the United Nations Convention against Transnational Organized Crime. "
            "Working Group on International Cooperation")
WG3_SUBJECTS = ["TRANSNATIONAL CRIME", "INTERNATIONAL COOPERATION", "EXTRADITION", "MUTUAL LEGAL ASSISTANCE"]
BROKEN = "E_CN.15_2024_L.1-EN.docx"  # its file link answers a web page


def needs_corpus() -> None:
    for path in (CORPUS / "CTOC_COP_WG.3_2024_L.1.ru.txt", CORPUS / "pdf" / "A_RES_77_321.en.pdf",
                 CORPUS / "real" / "A_77_377.en.txt"):
        if not path.is_file():
            pytest.skip(f"real corpus not available: {path} is absent (../shared is not beside the checkout)")


def wg3_text(lang: str, year: int) -> str:
    source = TESTDATA / "ctoc-wg3-2024-l1.en.txt" if lang == "en" else CORPUS / "CTOC_COP_WG.3_2024_L.1.ru.txt"
    return source.read_text(encoding="utf-8").replace("CTOC/COP/WG.3/2024/L.1", WG3.format(year=year))


def build_files(folder: Path) -> dict[str, Path]:
    """The files the records link and ODS serves, by a short name."""
    from ..pdfmaker import build, fonts_available

    if not fonts_available():
        pytest.skip("the DejaVu fonts the test PDF maker needs are not installed (fonts-dejavu-core)")
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for year, lang, kind in ((2024, "en", "pdf"), (2024, "ru", "docx"), (2023, "en", "docx"), (2022, "en", "pdf"),
                             (2022, "ru", "pdf"), (2020, "en", "docx"), (2020, "ru", "docx")):
        name = f"wg3-{year}.{lang}.{kind}"
        if kind == "pdf":
            made[name] = build(wg3_text(lang, year), folder / name, WG3.format(year=year))
        else:
            made[name] = docx_from_report_text(wg3_text(lang, year), folder / name, MASTHEAD[lang])
    made["agenda.en.pdf"] = build((TESTDATA / "ctoc-wg3-2024-l1.en.txt").read_text(encoding="utf-8"),
                                  folder / "agenda.en.pdf", "CTOC/COP/WG.3/2024/1")
    made["A_77_377.en.docx"] = docx_from_report_text((CORPUS / "real" / "A_77_377.en.txt").read_text(encoding="utf-8"),
                                                     folder / "A_77_377.en.docx", MASTHEAD["en"])
    made["A_RES_77_321.en.pdf"] = CORPUS / "pdf" / "A_RES_77_321.en.pdf"
    return made


def records(files: dict[str, Path]) -> list[CatRecord]:
    def wg3(rid, year, modified, langs, subjects=WG3_SUBJECTS):
        return CatRecord(rid, WG3.format(year=year), "Draft report", f"{year}-06-06", WG3_BODY, "Reports", subjects,
                         {lang: files[name] for lang, name in langs.items()}, modified)

    return [
        wg3(4100006, 2024, "20240612101500.0", {"en": "wg3-2024.en.pdf", "ru": "wg3-2024.ru.docx"}),
        CatRecord(4100005, "CTOC/COP/WG.3/2024/1", "Provisional agenda and annotations", "2024-03-20", WG3_BODY,
                  "Provisional agendas", ["INTERNATIONAL COOPERATION"], {"en": files["agenda.en.pdf"]},
                  "20240321080000.0"),
        wg3(4100004, 2023, "20230720140000.0", {"en": "wg3-2023.en.docx"}, ["TRANSNATIONAL CRIME", "EXTRADITION"]),
        wg3(4100003, 2022, "20220801120000.0", {"en": "wg3-2022.en.pdf"}),
        wg3(4100002, 2021, "20210701120000.0", {}),
        wg3(4100001, 2020, "20200915120000.0", {"en": "wg3-2020.en.docx", "ru": "wg3-2020.ru.docx"},
            ["INTERNATIONAL COOPERATION", "CONFISCATION"]),
        CatRecord(4200003, "A/RES/77/321", "Agreement under the United Nations Convention on the Law of the Sea on the "
                  "Conservation and Sustainable Use of Marine Biological Diversity of Areas beyond National "
                  "Jurisdiction : resolution adopted by the General Assembly", "2023-08-01", "UN. General Assembly "
                  "(77th sess. : 2022-2023)", "Resolutions and Decisions", ["MARINE BIODIVERSITY", "LAW OF THE SEA"],
                  {"en": files["A_RES_77_321.en.pdf"]}, "20230815090000.0"),
        CatRecord(4200002, "A/77/377", "African Nuclear-Weapon-Free Zone Treaty : report of the First Committee : "
                  "General Assembly, 77th session", "2022-11-10", "UN. General Assembly (77th sess. : 2022-2023). "
                  "1st Committee", "Reports", ["NUCLEAR-WEAPON-FREE ZONES", "AFRICA"],
                  {"en": files["A_77_377.en.docx"]}, "20221205110000.0"),
        CatRecord(4200001, "A/C.1/77/L.30", "African Nuclear-Weapon-Free Zone Treaty : draft resolution",
                  "2022-10-13", "UN. General Assembly (77th sess. : 2022-2023). 1st Committee", "Draft resolutions",
                  ["NUCLEAR-WEAPON-FREE ZONES"], {}, "20221020110000.0"),
        CatRecord(4300001, "E/CN.15/2024/L.1", "Draft report", "2024-05-17", "Commission on Crime Prevention and "
                  "Criminal Justice", "Reports", ["CRIME PREVENTION"], {"en": files["wg3-2023.en.docx"]},
                  "20240520100000.0"),
    ]


def ods_files(files: dict[str, Path]) -> dict[tuple[str, str, str], Path]:
    """What the ODS stand-in serves: the Russian of 2022/L.1, which its catalogue record does not link."""
    return {(WG3.format(year=2022), "ru", "pdf"): files["wg3-2022.ru.pdf"]}
