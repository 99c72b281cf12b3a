"""The site in a real browser: headless Debian Chromium driven by Playwright (no browser download)."""
from __future__ import annotations

import shutil

import pytest

from .conftest import EXAMPLES, ROOT
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
