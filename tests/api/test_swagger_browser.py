"""Issue 13 item 3: the Swagger page works under the portal's CSP (no inline script or style): Chromium
renders the operations from the local sidecar assets and reports no violation."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_csp import _chromium, csp_violations  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def test_issue13_swagger_ui_renders_without_csp_violations(
    page,
    live_server,
    transactional_db,
    csp_violations,  # noqa: F811 (the fixture imported above)
):
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.get_by_text("Persoon zoeken op BSN").first).to_be_visible(timeout=15000)
    assert page.locator("script:not([src])").count() == 0
    assert csp_violations == []
