"""LazyPattern: compiled on first use, then answers exactly as the compiled pattern does."""

from __future__ import annotations

import re
import subprocess
import sys

from gemini_lint.rules.lazy_re import LazyPattern


def test_compiles_on_first_use_and_then_uses_the_compiled_methods() -> None:
    lazy = LazyPattern(r"\bfree\b", re.I)
    assert "search" not in vars(lazy)
    match = lazy.search("It is FREE now")
    assert match is not None and match.span() == (6, 10)
    # The compiled pattern's bound methods now sit on the instance: no call through the class.
    assert vars(lazy)["search"].__self__ == re.compile(r"\bfree\b", re.I)
    assert lazy.search("nothing here") is None


def test_every_method_matches_re() -> None:
    pattern, text = r"(?P<w>a+)b", "xxaab ab aaab"
    compiled = re.compile(pattern)
    for method in ("search", "match", "finditer", "sub"):
        lazy = LazyPattern(pattern)
        args: tuple[object, ...] = ("-", text) if method == "sub" else (text, 2, 9)
        first, again = getattr(lazy, method)(*args), getattr(lazy, method)(*args)
        expected = getattr(compiled, method)(*args)
        if method == "finditer":
            first, again, expected = ([m.span() for m in it] for it in (first, again, expected))
        elif method != "sub":
            first, again, expected = (m and m.span() for m in (first, again, expected))
        assert first == again == expected, method
    assert LazyPattern("a", re.I).compiled().flags & re.I
    assert repr(LazyPattern("a+", 2)) == "LazyPattern('a+', 2)"


def test_loading_gl003_compiles_none_of_its_patterns() -> None:
    code = (
        "import re, gemini_lint.rules.gl003_free_claim as g; "
        "lazy = [v for v in vars(g).values() if isinstance(v, g.LazyPattern)]; "
        "lazy += [p for p in g._OTHER_CLAIMS]; "
        "print(len(lazy), sum('search' in vars(p) for p in lazy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 50 and out[1] == "0"
