"""The site in a real browser: headless Debian Chromium driven by Playwright (no browser download)."""
from __future__ import annotations

import shutil

import pytest

from ..conftest import EXAMPLES, ROOT
from .test_serve import Server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed (the test command installs it)")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (test extra)")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    files = [EXAMPLES / "example-report.ru.txt", ROOT / "tests" / "data" / "example" / "example-report.en.txt"]
    srv = Server([a for f in files for a in ("--data", str(f))], folder)
    yield srv
    srv.stop()


@pytest.mark.parametrize("locale,label,heading", [("ru-RU", "Мексика", "Совещания"), ("en-US", "Mexico", "Meetings")])
def test_page_renders_labels_in_the_readers_language(browser, site, locale, label, heading):
    page = browser.new_page(locale=locale)
    page.goto(site.url + "/id/state/MEX")  # the 303 is followed like any browser does
    assert page.url.endswith("/id/state/MEX.html")
    assert page.locator("h1.label").inner_text() == label
    assert page.locator("header nav a").first.inner_text() == heading
    page.close()


def test_links_navigate(browser, site):
    page = browser.new_page(locale="en-US")
    page.goto(site.url + "/id/meeting/CTOC/COP/WG.2/12/participation/MEX/party")
    page.get_by_role("link", name="Mexico").first.click()
    page.wait_for_url("**/id/state/MEX.html")
    assert page.locator("h1.label").inner_text() == "Mexico"
    page.get_by_role("link", name="States").click()
    page.wait_for_url("**/collections/states")
    assert page.get_by_role("link", name="Mexico").count() == 1
    page.close()


def test_query_page_runs_a_canned_query_and_shows_a_table(browser, site):
    page = browser.new_page(locale="en-US")
    page.goto(site.url + "/sparql")
    page.select_option("#canned", "meeting")
    assert "meetingNumber" in page.locator("#query").input_value()
    page.click("#run")
    page.wait_for_selector("#results table")
    headers = page.locator("#results th").all_inner_texts()
    assert headers == ["symbol", "meeting_number", "start_date", "end_date", "sittings"]
    cells = page.locator("#results tbody tr").first.locator("td").all_inner_texts()
    assert cells == ["CTOC/COP/WG.2/2030/L.1", "12", "2030-03-03", "2030-03-04", "3"]
    assert "1 row(s)" in page.locator("#status").inner_text()
    page.close()


# ------------------------------------------------------------------ subject pages, as a reader sees them

SHOTS = ROOT / "out" / "screenshots"
READERS = {  # locale -> what the reader sees: capacity headings, the addressee of a recommendation, a word to search
    "ru-RU": {"lang": "ru", "party": "участник", "igo": "межправительственная организация",
              "addressee": "государства-участники", "adopted": "Принято", "word": "Танзания"},
    "en-US": {"lang": "en", "party": "party", "igo": "intergovernmental organization",
              "addressee": "States parties", "adopted": "Adopted", "word": "Tanzania"},
    "ar": {"lang": "ar", "party": "طرف", "igo": "منظمة حكومية دولية", "addressee": "الدول الأطراف",
           "adopted": "ما اعتُمد", "word": "تنزانيا"},
}


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    from .test_pages import example_files, serve_files

    folder = tmp_path_factory.mktemp("browser-pages")
    srv = serve_files(folder, example_files(folder, 4))
    yield srv
    srv.stop()


def _open(browser, locale: str, url: str):
    """What the reader of that locale expects, and the page they opened."""
    page = browser.new_page(locale=locale)
    page.goto(url)
    return READERS[locale], page


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("locale", list(READERS))
def test_meeting_page_groups_participants_and_shows_the_agenda_with_outcomes(browser, corpus_site, locale):
    r, page = _open(browser, locale, corpus_site.url + "/id/meeting/CTOC/COP/WG.2/12")
    assert page.locator("html").get_attribute("dir") == ("rtl" if r["lang"] == "ar" else "ltr")
    party = page.locator('section.capacity[data-role="party"]')
    assert party.locator("h3").inner_text().split() [-1] == "10" and r["party"] in party.locator("h3").inner_text()
    assert party.locator("li").count() == 10
    igo = page.locator('section.capacity[data-role="igo"]')
    assert igo.locator("h3").inner_text() == f"{r['igo']} 2" and igo.locator("li").count() == 2
    item2 = page.locator("#item-2")
    assert item2.locator(".adopted li.outcome").count() == 3
    assert r["adopted"] in item2.locator(".adopted h3").inner_text()
    assert r["addressee"] in item2.locator(".adopted").inner_text()
    assert item2.locator(".speakers a").count() >= 6  # five States and the secretariat (plus provenance marks)
    mark = item2.locator(".adopted sup.src a").first
    assert "2030/L.1" in mark.get_attribute("title")  # the paragraph stating it, on hover
    _shot(page, f"meeting-{r['lang']}")
    page.locator("a.dataview").click()
    page.wait_for_url("**/id/meeting/CTOC/COP/WG.2/12.data.html")
    page.close()


@pytest.mark.parametrize("locale", list(READERS))
def test_state_page_shows_history_chart_and_filters(browser, corpus_site, locale):
    r, page = _open(browser, locale, corpus_site.url + "/id/state/MEX")
    rows = page.locator("table.history tbody tr")
    total = rows.count()
    assert total >= 2
    chart = page.locator("figure.chart svg[role=img]")
    assert chart.count() == 1 and chart.locator("title").first.text_content()
    assert page.locator("figure.chart table.chart-data tbody tr").count() >= 1
    _shot(page, f"state-{r['lang']}")
    page.select_option("select[name=body]", "CTOC/COP/WG.2")
    page.locator("form.filters button").click()
    page.wait_for_url("**body=CTOC%2FCOP%2FWG.2**")
    assert page.locator("table.history tbody tr").count() == 1 < total
    with page.expect_download() as download:
        page.locator("a.csv").click()
    lines = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert lines[0].startswith("meeting,") and len(lines) == 2
    page.close()


@pytest.mark.parametrize("locale", list(READERS))
def test_body_page_lists_meetings_and_matrix(browser, corpus_site, locale):
    r, page = _open(browser, locale, corpus_site.url + "/id/body/CTOC/COP/WG.10")
    assert page.locator("ol.meetings li").count() == 4
    assert page.locator("table.matrix thead th").count() == 5  # the corner and four meetings
    assert page.locator("table.matrix tbody tr").count() >= 10
    _shot(page, f"body-{r['lang']}")
    page.close()


@pytest.mark.parametrize("locale", list(READERS))
def test_search_box_finds_a_paragraph_and_the_hit_leads_to_it(browser, corpus_site, locale):
    r, page = _open(browser, locale, corpus_site.url + "/")
    page.fill("header form.search input[name=q]", r["word"])
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=**")
    hit = page.locator("li.hit.paragraph").filter(has_text="CTOC/COP/WG.2/2030/L.1").filter(
        has_text=f"[{r['lang']}]").first
    assert r["word"] in hit.locator("mark").first.inner_text()
    _shot(page, f"search-{r['lang']}")
    hit.locator("a.report").click()
    page.wait_for_url(f"**/id/doc/CTOC/COP/WG.2/2030/L.1/{r['lang']}.html#para-*")
    assert r["word"] in page.locator("li.para:target .text").inner_text()  # the paragraph, in the reading view
    page.close()


@pytest.fixture(scope="module")
def ga_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-ga")
    from .test_pages import ga_reports, serve_files

    srv = serve_files(folder, ga_reports())
    yield srv
    srv.stop()


@pytest.mark.parametrize("locale", list(READERS))
def test_draft_page_shows_the_recorded_vote_lists_and_chart(browser, ga_site, locale):
    r, page = _open(browser, locale, ga_site.url + "/id/doc/A/C.3/95/L.34")
    action = page.locator("section.action").filter(has=page.locator("a[href$='/id/meeting/A/C.3/95']"))
    counts = {key: action.locator(f'section.vote[data-vote="{key}"]') for key in ("yes", "no", "abstain")}
    assert [counts[k].locator("h3 .count").inner_text() for k in counts] == ["12", "3", "4"]
    assert [counts[k].locator("a").count() for k in counts] == [12, 3, 4]
    chart = action.locator("figure.chart svg[role=img] rect")
    assert chart.count() == 3
    assert page.locator("section.sponsors").count() == 2
    _shot(page, f"draft-{r['lang']}")
    page.close()


@pytest.fixture(scope="module")
def real_ga_site(tmp_path_factory):
    from ..conftest import corpus_file
    from .test_pages import serve_files

    report = corpus_file("real/A_77_450.en.txt")
    srv = serve_files(tmp_path_factory.mktemp("browser-real-ga"), [report])
    yield srv
    srv.stop()


@pytest.mark.parametrize("locale", list(READERS))
def test_real_committee_draft_shows_its_recorded_vote(browser, real_ga_site, locale):
    """The draft of the real Second Committee report: the counts a reader finds in A/77/450's vote paragraph."""
    from ..conftest import gold

    expected = gold("A_77_450.en")
    draft = expected["drafts"][0]
    r, page = _open(browser, locale, real_ga_site.url + "/id/doc/" + draft["draft"])
    votes = {key: page.locator(f'section.vote[data-vote="{key}"]') for key in ("yes", "no", "abstain")}
    assert [votes[k].locator("h3 .count").first.inner_text() for k in votes] == \
        [draft["yes"], draft["no"], draft["abstain"]]
    listed = {k: len(codes) for k, codes in expected["votes"][draft["draft"]].items()}
    assert [votes[k].first.locator("a").count() for k in votes] == [listed[k] for k in votes]
    assert page.locator("figure.chart svg[role=img]").count() >= 1
    _shot(page, f"draft-A_C.2_77_L.14-{r['lang']}")
    page.close()


# ------------------------------------------------------------------ the report page and its reading view

REPORT_READERS = {  # locale -> (the version shown, the agenda item printed above the title, a cited resolution)
    "en-US": ("en", "Rights of mountain communities", "Security Council resolution 2999 (2039)"),
    "ar": ("ar", "حقوق المجتمعات الجبلية", "القرار 2999 (2039) (مجلس الأمن)"),
    "zh-CN": ("zh", "山区社区的权利", "安全理事会第2999(2039)号决议"),
}


@pytest.fixture(scope="module")
def report_site(tmp_path_factory):
    from .test_report_page import report_page_files

    folder = tmp_path_factory.mktemp("browser-report")
    srv = Server([a for f in report_page_files(folder) for a in ("--data", str(f))], folder)
    yield srv
    srv.stop()


@pytest.mark.parametrize("locale", list(REPORT_READERS))
def test_report_page_shows_masthead_versions_and_the_reading_view(browser, report_site, locale):
    """The constructed report A/95/540 (tests/web/test_report_page.py says what a reader finds in it)."""
    lang, item, council = REPORT_READERS[locale]
    page = browser.new_page(locale=locale)
    page.goto(report_site.url + "/id/doc/A/95/540")
    assert page.url.endswith("/id/doc/A/95/540.html")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    title = page.locator("h1.label")
    assert title.inner_text().startswith(item) and title.get_attribute("lang") == lang
    versions = page.locator("table.versions tbody tr")
    assert versions.count() == 3 and page.locator("table.versions tr[aria-current] th").inner_text() == lang
    vote = page.locator('#reading li#para-6 ul.facts li[data-kind="vote"] a')
    assert vote.count() == 1 and "9" in vote.inner_text()
    assert page.locator('#reading li#para-4 ul.facts li[data-kind="sponsor"]').count() == 3
    assert page.locator("#reading li.para").first.get_attribute("id") == "front"
    _shot(page, f"report-{lang}")
    page.locator("#reading li#para-8 ul.facts a", has_text=council).click()  # the cited resolution's page
    page.wait_for_url("**/id/resolution/S/2999%20%282039%29.html")
    assert page.locator("h1.label").inner_text() == council
    _shot(page, f"decision-{lang}")
    page.locator("ul.cited-by sup.src a").first.click()  # back to the paragraph citing it
    page.wait_for_url(f"**/id/doc/A/95/540/{lang}.html#para-8")
    target = page.locator("li.para:target")
    assert target.get_attribute("id") == "para-8" and "2999" in target.locator(".text").inner_text()
    page.close()


def test_chinese_pages_have_a_font_to_show_them():
    """Screenshots of Chinese pages show the text only with a CJK font (scripts/ensure-test-servers.sh installs
    Debian's fonts-noto-cjk where the browser tests run)."""
    import subprocess

    if not CHROMIUM or not shutil.which("fc-list"):
        pytest.skip("no browser or fontconfig here: the browser tests do not run")
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    assert fonts.strip(), "no CJK font: apt-get install fonts-noto-cjk (scripts/ensure-test-servers.sh)"
