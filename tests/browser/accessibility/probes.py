"""What the accessibility suites measure inside the page: axe-core (the copy packaged with axe-playwright-python,
never fetched at run time), reflow, focus styles and the skip link."""

from axe_playwright_python.base import AXE_FILE_PATH

AXE_SOURCE = AXE_FILE_PATH.read_text(encoding="utf-8")

#: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (landmarks, heading order…).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

#: Widths at which nothing may scroll sideways nor be cut: a 320 px phone (WCAG 1.4.10), and a 1280 px window at
#: 200 % zoom, which lays the page out in 640 CSS pixels.
REFLOW_WIDTHS = {"320 px": 320, "zoom 200 %": 640}
DESKTOP = {"width": 1280, "height": 800}

REFLOW = """() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    const problems = [];
    for (const el of document.body.querySelectorAll('*')) {
        // Hidden on purpose, or inside the map (its tiles run past its edges, which clip them on purpose).
        if (el.closest('.visually-hidden, .skip-link, .honeypot, [hidden], datalist')) continue;
        if (el.parentElement && el.parentElement.closest('.leaflet-container')) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden') continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        if (box.right > width + 1 || box.left < -1) {
            problems.push(`${name(el)} runs past the screen (${Math.round(box.left)} to ${Math.round(box.right)} px)`);
        } else if (['hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
                   && !el.matches('input, select, textarea, .leaflet-container')) {
            problems.push(`${name(el)} cuts its content (${el.scrollWidth} px in ${el.clientWidth} px)`);
        }
    }
    if (root.scrollWidth > width) problems.unshift(`the page scrolls sideways (${root.scrollWidth} px wide)`);
    return problems;
}"""

#: Every element reachable with Tab, focused in turn: it must show a focus ring (:focus-visible with an outline of at
#: least 2 px or a box shadow).
FOCUS = """() => {
    const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
    const missing = [];
    let checked = 0;
    for (const el of document.querySelectorAll(selector)) {
        if (el.tabIndex < 0 || el.disabled || !el.getClientRects().length) continue;
        if (getComputedStyle(el).visibility === 'hidden') continue;
        el.focus();
        if (document.activeElement !== el) continue;
        checked += 1;
        const style = getComputedStyle(el);
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
        if (!el.matches(':focus-visible') || !(outline || style.boxShadow !== 'none')) {
            missing.push(el.outerHTML.slice(0, 120));
        }
    }
    document.activeElement.blur();
    return {checked, missing};
}"""

#: After one Tab from the top of the page: the skip link, on screen, leading to the main content.
SKIP_LINK = """() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    const target = el.hash ? document.getElementById(el.hash.slice(1)) : null;
    return {
        isSkipLink: el.matches('a.skip-link'),
        onScreen: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
        targetIsMain: Boolean(target && target.tagName === 'MAIN'),
    };
}"""


def run_axe(page):
    """axe-core's violations on the page as ``["[impact] rule: help — targets", …]``."""
    page.evaluate(AXE_SOURCE)
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"[{violation['impact']}] {violation['id']}: {violation['help']} — "
        + ", ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
        for violation in results["violations"]
    ]


#: ARIA and label references that point to no element: axe-core only lists them "to review", yet a screen reader
#: then reads the field without its help or its error.
BROKEN_REFERENCES = """() => {
    const broken = [];
    for (const el of document.querySelectorAll('[aria-describedby], [aria-labelledby], [aria-controls], label[for]')) {
        for (const name of ['aria-describedby', 'aria-labelledby', 'aria-controls', 'for']) {
            for (const id of (el.getAttribute(name) || '').split(/\\s+/).filter(Boolean)) {
                if (!document.getElementById(id)) broken.push(`${el.tagName.toLowerCase()}[${name}=${id}]`);
            }
        }
    }
    return broken;
}"""
