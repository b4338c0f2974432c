"""axe-core in the browser tests: the WCAG 2.0/2.1 A and AA rules, every violation counts (issue 14)."""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# The Besluit digitale toegankelijkheid overheid asks WCAG 2.1 level AA: these tags are its success criteria.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """Every WCAG 2.1 A/AA violation on the page as it is now, whatever its impact, with the offending
    elements, so a failing test says what to fix."""
    # Evaluated through the DevTools protocol: a <script> tag would be (rightly) refused by our CSP.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]


# What axe does not check but issue 14 asks of every page: each control shows its keyboard focus (an outline of
# 2px or more, or a box-shadow ring: Chromium's own 1px ring is not enough on the blue bar), each table has a
# name (caption or label), each field error is tied to its field (aria-invalid + aria-describedby), and a page
# with invalid fields has the error summary at the top with a link to each of them.
# Whether an element's computed style shows a focus ring: an outline of 2px or more (Chromium's own "auto" 1px ring
# does not count), or a box-shadow that paints (the theme's transparent 0px shadow does not).
RING = r"""(s) => (!['none', 'auto'].includes(s.outlineStyle) && parseFloat(s.outlineWidth) >= 2)
  || [...s.boxShadow.matchAll(/rgba?\(([^)]*)\)\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+([\d.]+)px(?:\s+(-?[\d.]+)px)?/g)]
       .some(m => { const c = m[1].split(',').map(Number); return (c.length > 3 ? c[3] : 1) > 0
                                                           && (parseFloat(m[4]) > 0 || parseFloat(m[5] || 0) > 0); })"""

_EIGEN_CONTROLES = (
    """() => {
  const ring = """
    + RING
    + """;
  const problemen = [];
  const vorige = document.activeElement;
  const bedieningen = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  for (const e of document.querySelectorAll(bedieningen)) {
    if (e.disabled || !e.checkVisibility({visibilityProperty: true})) continue;
    e.focus({focusVisible: true});  // as after a Tab: :focus-visible applies
    if (document.activeElement !== e) continue;
    if (!ring(getComputedStyle(e))) problemen.push('focus-visible: focus niet zichtbaar — ' + e.outerHTML.slice(0, 90));
  }
  vorige?.focus?.();
  const tekst = (id) => (document.getElementById(id)?.textContent || '').trim();
  for (const tabel of document.querySelectorAll('table')) {
    const naam = (tabel.caption?.textContent || '').trim() || tabel.getAttribute('aria-label')
      || (tabel.getAttribute('aria-labelledby') || '').split(/\\s+/).map(tekst).join(' ').trim();
    if (!naam) problemen.push('table-name: tabel zonder caption of label — ' + tabel.outerHTML.slice(0, 90));
  }
  for (const fout of document.querySelectorAll('.utrecht-form-field-error-message')) {
    const veld = fout.id && document.querySelector(`[aria-describedby~="${fout.id}"][aria-invalid="true"]`);
    if (!veld) problemen.push('error-field: foutmelding niet aan een veld met aria-invalid gekoppeld — #' + fout.id);
  }
  const ongeldig = [...document.querySelectorAll('[aria-invalid="true"]')];
  const overzicht = document.getElementById('foutenoverzicht');
  if (ongeldig.length && !overzicht) problemen.push('error-summary: velden met fouten maar geen foutenoverzicht');
  if (overzicht) {
    const doelen = new Set([...overzicht.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1)));
    for (const veld of ongeldig) {
      const groep = veld.type === 'radio' ? [...document.getElementsByName(veld.name)].map(e => e.id) : [veld.id];
      groep.push(veld.closest('fieldset[id]')?.id);
      if (!groep.some(id => id && doelen.has(id)))
        problemen.push('error-summary: geen link naar het veld #' + veld.id);
    }
    for (const id of doelen) if (!document.getElementById(id)) problemen.push('error-summary: link naar #' + id + ' zonder doel');
  }
  return [...new Set(problemen)];
}"""
)


def eigen_controles(page) -> list[str]:
    return page.evaluate(_EIGEN_CONTROLES)
