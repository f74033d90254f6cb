"""The web app in a real browser: Chromium reads the manifest without errors, the service worker
installs, and when the phone goes offline a page it asks for is answered with the offline page
(saying uploads need a connection). Only the offline page and static files are in its cache."""


def test_manifest_is_valid_and_offline_navigation_gets_the_offline_page(phone_page, users, login, shot):
    page = phone_page
    login(page, users["pegawai"])
    cdp = page.context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert manifest.get("errors") == [], manifest.get("errors")
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)").endswith("/sw.js")
    shot(page, "online")

    page.context.set_offline(True)
    page.goto("/dokumen/unggah/")
    assert "Anda sedang luring" in page.locator("h1").inner_text()
    assert "memerlukan koneksi" in page.locator("main").inner_text()
    shot(page, "offline-page")
    # nothing personal was stored: no API answer, no page but the offline one
    cached = page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
            for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        }
        return urls;
    }""")
    assert "/luring/" in cached and all(u == "/luring/" or u.startswith("/static/") for u in cached), cached
    api = page.evaluate("fetch('/api/v1/documents/').then(() => 'answered', () => 'failed')")
    assert api == "failed"
    assert page.locator("a:has-text('Coba lagi')").get_attribute("href") == "/"
