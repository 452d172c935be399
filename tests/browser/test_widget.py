"""The hub's widget in a real browser: a town's website frames it; any other website
gets nothing (Chromium enforces the widget's frame-ancestors)."""

import contextlib
import http.server
import threading

import pytest
from playwright.sync_api import expect

from hubs.models import Hub

from .conftest import check_accessibility, check_phone

pytestmark = pytest.mark.django_db(transaction=True)


@contextlib.contextmanager
def website(html: str):
    """Another website on this machine (its own origin), serving one page."""

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def test_the_towns_website_shows_the_widget_and_another_website_cannot(page, demo, live_server):
    html = (
        '<!DOCTYPE html><html lang="de"><head><title>Stadt Einbeck</title></head><body>'
        '<main><h1>Stadt Einbeck</h1><iframe title="Digital Hub" width="100%" height="360" '
        f'src="{live_server.url}/hubs/einbeck/widget/"></iframe></main></body></html>'
    )
    with website(html) as town, website(html) as elsewhere:
        Hub.objects.filter(slug="einbeck").update(widget_origins=town)
        page.goto(town)
        widget = page.frame_locator("iframe")
        expect(widget.get_by_role("heading", level=1)).to_contain_text("Einbeck")
        link = widget.get_by_role("link", name="Öffnungszeiten, Schließtage")
        expect(link).to_have_attribute("target", "_top")
        page.reload()  # the browser asks again with its ETag and gets 304: still shown
        expect(widget.get_by_role("heading", level=1)).to_contain_text("Einbeck")

        other = page.context.browser.new_page(base_url=live_server.url)  # nothing cached
        refused = []
        other.on("console", lambda message: refused.append(message.text))
        other.goto(elsewhere)
        expect(other.get_by_role("heading", name="Stadt Einbeck")).to_be_visible()
        frame = other.frames[-1]
        expect(other.locator("iframe")).to_be_attached()
        other.wait_for_timeout(500)
        assert frame.url.startswith("chrome-error:")  # Chromium refused to show it
        assert "EIN.Lebens.raum" not in frame.content()
        assert any("frame-ancestors" in text for text in refused), refused
        other.close()


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("width", [390, 1280])
def test_widget_is_accessible_in_both_languages_on_phone_and_desktop(page, demo, language, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{language}/hubs/einbeck/widget/")
    check_accessibility(page)
    check_phone(page)
