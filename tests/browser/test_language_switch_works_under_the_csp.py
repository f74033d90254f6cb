"""Choosing English in the header switches the page, with the Content-Security-Policy in force
(the switch once used an inline `onchange`, which the policy silently blocked)."""


def test_language_switch_works_under_the_csp(page, demo, shot):
    page.goto("/masuk/")
    assert page.locator("h1").inner_text() == "Masuk"
    page.select_option("#lang", "en")
    assert page.locator("h1").inner_text() == "Masuk"  # choosing does not switch yet (WCAG 3.2.2)
    page.click("#lang-apply")
    page.wait_for_url("**/masuk/**")
    page.wait_for_load_state()
    shot(page, "english")
    assert page.locator("h1").inner_text() == "Log in"
    assert page.console_errors == []
