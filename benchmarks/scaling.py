#!/usr/bin/env python3
"""How gemini-lint's time grows on hostile files: each input at two sizes, the second 4x the first.

A linter that CI and pre-commit run on every file must not hang on one odd file. Each generator
below writes a file of one kind that stresses one reader or rule (a very long line, thousands of
IDs in one string or value, runs of dots, clashing keys...). The file is linted and fixed in this
process, as a worker would (``engine.process_bytes`` in ``--diff`` mode with unsafe fixes: every
reader, rule and fix-safety check, nothing written), at ``--size`` and at 4x ``--size``; the table
gives both times and their ratio. Linear growth gives ~4; quadratic ~16. A ratio over 8 is flagged.

Usage: ``python benchmarks/scaling.py [--size 25000] [--only NAME,...] [--out benchmarks/scaling.md]``.
Timings are the best of ``--runs`` (default 3). Nothing is installed or downloaded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing, too

from gemini_lint.config import Settings  # noqa: E402
from gemini_lint.engine import Mode, process_bytes  # noqa: E402

TODAY = dt.date(2026, 12, 7)
FLAG_RATIO = 8.0

Generator = Callable[[int], str]
GENERATORS: Dict[str, Tuple[str, Generator]] = {}


def generator(name: str, suffix: str) -> Callable[[Generator], Generator]:
    def register(make: Generator) -> Generator:
        GENERATORS[name] = (suffix, make)
        return make

    return register


def fill(unit: str, size: int) -> str:
    """``unit`` repeated to about ``size`` characters (whole units)."""
    return unit * max(1, size // len(unit))


def notebook(cells: List[dict]) -> str:
    return json.dumps({"cells": cells, "metadata": {"language_info": {"name": "python"}}, "nbformat": 4,
                       "nbformat_minor": 5}, indent=1)


def code_cell(source: object) -> dict:
    return {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": source}


# Python
generator("py: IDs in one long string", ".py")(lambda n: 'X = "' + fill("gemini-3-pro-image-preview ", n) + '"\n')
generator("py: query words before IDs in one string", ".py")(lambda n: "Q = \"" + fill("or x = 'gemini-2.0-flash', ", n) + "\"\n")
generator("py: one ID a line in a triple-quoted string", ".py")(
    lambda n: 'X = """\n' + fill("gemini-3-pro-image-preview\n", n) + '"""\n')
generator("py: escaped IDs in one string", ".py")(
    lambda n: 'X = "' + fill(r"gemini\u002d3\u002dpro-image-preview gemini-3\.1-flash-image-preview ", n) + '"\n')
generator("py: calls, one ID a line", ".py")(lambda n: fill('client.generate(model="gemini-3-pro-image-preview")\n', n))
generator("py: clashing dict keys", ".py")(lambda n: "D = {\n" + "".join(
    f'    "k{i} gemini-2.0-flash": 1,\n    "k{i} gemini-2.0-flash-001": 2,\n' for i in range(n // 66)) + "}\n")
generator("py: a comment packed with claims", ".py")(
    lambda n: "# " + fill("Nano Banana 2 free API gemini free tier ", n) + "\nx = 1\n")
generator("py: a run of dots in a claim comment", ".py")(lambda n: "# Nano Banana 2 is free " + "." * n + "x\nx = 1\n")
generator("py: IDs split over lines in one string", ".py")(
    lambda n: 'X = """' + fill("gemini-3-pro-\\\nimage-preview ", n) + '"""\n')
generator("py: calls to functions whose parameters build", ".py")(lambda n: "".join(
    f'def f{i}(m{i}, *a):\n    return m{i} + "-x"\n\nf{i}("gemini-2.0-flash", *r)\n' for i in range(n // 70)))
generator("py: tuple targets", ".py")(lambda n: "".join(
    f'a{i}, b{i} = "gemini-2.0-flash", x\nprint(a{i} + "-x")\n' for i in range(n // 60)))
generator("py: implicit concatenation", ".py")(lambda n: "X = (" + fill('"gemini-3-pro-" "image-preview " ', n) + ")\n")
# Markdown, rst, text
generator("md: IDs on one line", ".md")(lambda n: fill("gemini-3-pro-image-preview ", n) + "\n")
generator("md: a run of dots after a claim", ".md")(lambda n: "gemini free " + "." * n + "x\n")
generator("md: claims without a full stop", ".md")(lambda n: fill("Nano Banana 2 free API gemini free tier costs nothing ", n) + "\n")
generator("md: emphasis and links", ".md")(
    lambda n: fill("_gemini-2.0-flash_ [gemini-2.0-flash](https://x.example/gemini-2.0-flash) ", n) + "\n")
generator("md: shields badges on one line", ".md")(
    lambda n: fill("![m](https://img.shields.io/badge/model-gemini--2.0--flash-blue) ", n) + "\n")
generator("md: products' free plans in one sentence", ".md")(
    lambda n: fill("ThumbGen has a free plan and a free trial of our app uses Nano Banana 2 ", n) + "\n")
generator("md: nested lists", ".md")(lambda n: "".join("  " * (i % 40) + "- gemini-2.0-flash\n" for i in range(n // 58)))
generator("md: a table under a free-tier header", ".md")(lambda n: "| Model | Free tier | Notes |\n|---|---|---|\n" + fill(
    "| gemini-3.1-flash-image | no | see the [pricing](https://x.example) row |\n", n))
generator("md: a wide table row of links", ".md")(lambda n: "| Nano Banana 2 | Free tier |\n|---|---|\n|" + fill(
    " [free](https://x.example) | not [free][p] |", n) + "\n")
generator("rst: roles on one line", ".rst")(lambda n: fill("``gemini-2.0-flash`` :ref:`gemini-3-pro-image-preview` ", n) + "\n")
generator("txt: claims on one line", ".txt")(lambda n: fill("Nano Banana 2 is free and gemini-3.1-flash-image costs nothing ", n) + "\n")
# Notebooks
generator("ipynb: many cells", ".ipynb")(lambda n: notebook([
    code_cell("m = 'gemini-2.0-flash'\n") if i % 2 else
    {"cell_type": "markdown", "metadata": {}, "source": "gemini-3-pro-image-preview is free"}
    for i in range(n // 150)]))
generator("ipynb: one long line", ".ipynb")(lambda n: notebook([code_cell("x = '" + fill("gemini-2.0-flash ", n) + "'")]))
generator("ipynb: shell lines joined by backslashes", ".ipynb")(lambda n: notebook([code_cell(
    fill("!echo gemini-2.0-flash \\\n", n) + "m = 'gemini-2.0-flash'\n")]))
# Data files
generator("json: clashing keys", ".json")(lambda n: "{" + ",".join(
    f'"k{i} gemini-2.0-flash": 1, "k{i} gemini-2.0-flash-001": 2' for i in range(n // 60)) + "}")
generator("json: escaped IDs", ".json")(lambda n: json.dumps(["gemini\\u002d2.0-flash " * 3] * (n // 80)).replace("\\\\u", "\\u"))
generator("json: many IDs in one value", ".json")(lambda n: '{"a": "' + fill("gemini-2.0-flash ", n) + '"}')
generator("yaml: many IDs in one quoted value", ".yaml")(lambda n: 'a: "' + fill("gemini-2.0-flash ", n) + '"\n')
generator("py: one method name in many classes", ".py")(lambda n: "".join(
    f'class C{i}:\n    def build(self, m):\n        return m + "-x"\n\nC{i}().build("gemini-2.0-flash")\n'
    for i in range(n // 90)))
generator("py: many classes built with the ID", ".py")(lambda n: "".join(
    f'class C{i}:\n    def __init__(self, m):\n        self.m = m + "-x"\n\nC{i}("gemini-2.0-flash")\n'
    for i in range(n // 90)))
generator("py: constants taken as fallbacks", ".py")(lambda n: 'D = "gemini-2.0-flash"\n' + "".join(
    f"m{i} = x or D if c else kw.get('m', D)\nprint(m{i} + '-x')\n" for i in range(n // 50)))
generator("py: option defaults", ".py")(lambda n: "".join(
    f'p.add_argument("--m{i}", default="gemini-2.0-flash")\nprint(args.m{i} + "-x")\n' for i in range(n // 80)))
generator("py: dataclasses filled by their constructors", ".py")(lambda n: "".join(
    f'@dataclass\nclass D{i}:\n    model: str\n\nD{i}(model="gemini-2.0-flash").model + "-x"\n' for i in range(n // 80)))
generator("md: headings and links to them", ".md")(lambda n: fill("## gemini-2.0-flash\n\nSee [it](#gemini-20-flash).\n", n))
generator("md: links to headings that hold no ID", ".md")(lambda n: fill("[gemini-2.0-flash](#gemini-20-flash)\n", n))
generator("rst: targets and references", ".rst")(lambda n: fill(".. _gemini-2.0-flash:\n\nSee `gemini-2.0-flash`_ here.\n\n", n))
generator("md: claims joined to the sentence before", ".md")(lambda n: fill(
    "Nano Banana 2 is our image model. It's free to call. Get a Gemini API key. The free tier covers most use. ", n) + "\n")
generator("md: claims joined to the heading above", ".md")(lambda n: fill(
    "**Step 1: Get a Gemini API key**\n\nGo to Google AI Studio and create one. The free tier covers most use.\n\n", n))
generator("md: a wide header over many table rows", ".md")(lambda n: "Gemini API pricing.\n\n| Free tier | " + "x " * 2000
    + " |\n|---|---|\n" + fill("| gemini-2.5-flash-image | b |\n", n))
generator("yaml: clashing keys", ".yaml")(lambda n: "".join(
    f"k{i} gemini-2.0-flash: 1\nk{i} gemini-2.0-flash-001: 2\n" for i in range(n // 56)))
generator("yaml: a list of IDs", ".yaml")(lambda n: "models:\n" + fill("  - gemini-2.0-flash\n", n))
generator("yaml: a long list under a key that says retired", ".yaml")(
    lambda n: "deprecated_models:\n" + fill("  - gemini-2.0-flash\n", n))
generator("yaml: a note over many lines naming both IDs", ".yaml")(
    lambda n: "notes: |\n" + fill("  from gemini-2.0-flash to gemini-3.6-flash\n", n))
generator("yaml: a Kubernetes manifest with many labels", ".yaml")(
    lambda n: "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n" + "".join(
        f"    l{i}: gemini-2.0-flash\n" for i in range(n // 28)))
generator("toml: a long array under a key that says retired", ".toml")(
    lambda n: "old_models = [\n" + fill('  "gemini-2.0-flash",\n', n) + "]\n")
generator("json: a long array under a key that says retired", ".json")(
    lambda n: '{"retired": [\n' + ",\n".join(['  "gemini-2.0-flash"'] * (n // 22)) + "\n]}\n")
generator("yaml: a long word beside a key that says old", ".yaml")(
    lambda n: "model: gemini-2.0-flash\nold: 1\nblob: " + "a1" * (n // 2) + "\n")
generator("toml: clashing keys", ".toml")(lambda n: "".join(
    f'"k{i} gemini-2.0-flash" = 1\n"k{i} gemini-2.0-flash-001" = 2\n' for i in range(n // 60)))
generator("toml: tables", ".toml")(lambda n: "".join(f'[t{i}]\nmodel = "gemini-2.0-flash"\n' for i in range(n // 30)))
generator("yaml: entries named by IDs", ".yaml")(lambda n: fill("- name: gemini/gemini-2.0-flash\n  # x\n  edit: diff\n", n))
generator("toml: arrays of tables named by IDs", ".toml")(lambda n: fill('[[m]]\nname = "gemini-2.0-flash"\nedit = 1\n', n))
generator("json: entries named by IDs", ".json")(lambda n: "[" + ",".join(
    ['{"name": "gemini-2.0-flash", "edit": 1}'] * (n // 40)) + "]")
generator("yaml: one name per model, twice", ".yaml")(lambda n: fill("- name: gemini-2.0-flash\n- name: gemini-3.6-flash\n", n))
generator("toml: one line of IDs", ".toml")(lambda n: 'a = [' + fill('"gemini-2.0-flash", ', n) + ']\n')
# The session of 2026-12-07 (evening): code blocks read for conditions, as data, and cog regions; Python
# records in a list and constants searched with `in`.
generator("md: one code line of many IDs (minified JSON)", ".md")(lambda n: "```\n[" + fill('{"m": "gemini-2.0-flash"}, ', n) + "]\n```\n")
generator("md: many yaml blocks naming entries", ".md")(lambda n: fill("```yaml\n- name: gemini-2.0-flash\n  edit: diff\n```\n\n", n))
generator("md: a yaml block under a condition", ".md")(lambda n: "```yaml\nrules:\n  - when:\n" + fill("      model: gemini-2.0-flash\n", n) + "```\n")
generator("md: cog regions", ".md")(lambda n: fill("<!--[[[cog x ]]]-->\nmodel: gemini-2.0-flash\n<!--[[[end]]]-->\n", n))
generator("py: constants searched with in", ".py")(lambda n: "".join(
    f'M{i} = "gemini-2.0-flash"\nif "2.0" in M{i}:\n    pass\n' for i in range(n // 48)))
generator("yaml: records giving their model's price", ".yaml")(lambda n: "models:\n" + "".join(
    f"  m{i}:\n    model: gemini-2.0-flash\n    input_price: 0.1\n" for i in range(n // 52)))
generator("py: records in a list", ".py")(lambda n: "M = [\n" + fill('    {"name": "gemini-2.0-flash", "price": 1},\n', n) + "]\n")
generator("yaml: one flow line of conditions", ".yaml")(lambda n: "r: [" + fill("{when: {model: gemini-2.0-flash}}, ", n) + "]\n")
generator("json: one line of endpoints and IDs", ".json")(lambda n: "[" + ",".join(
    [f'{{"url": "https://p{i}.example.net/v1", "m": "gemini-2.0-flash"}}' for i in range(n // 60)]) + "]")
generator(".env: IDs inside longer names", ".env")(lambda n: "M=gemini-2.0-flash\n" + fill("P=logs-gemini-2.0-flash/x\n", n))
generator("ini: [DEFAULT] beside many sections", ".ini")(lambda n: "[DEFAULT]\ngemini-2.0-flash = x\n" + "".join(
    f"d{i} = x\n" for i in range(n // 20)) + "".join(f"[s{i}]\na = b\n" for i in range(n // 24)))
generator("ini: clashing keys", ".ini")(lambda n: "[s]\n" + "".join(
    f"k{i} gemini-2.0-flash = 1\nk{i} gemini-2.0-flash-001 = 2\n" for i in range(n // 60)))
generator(".env: one value over many lines", ".env")(lambda n: 'A="' + fill("gemini-2.0-flash \\\n", n) + '"\n')
generator(".env: references in one value", ".env")(lambda n: "M=gemini-2.0-flash\nA=\"" + fill("$M x \\\n", n) + '"\n')
generator(".env: a chain of variables", ".env")(
    lambda n: "V0=gemini-2.0-flash\n" + "".join(f"V{i}=${{V{i - 1}}}x\n" for i in range(1, n // 20)))

generator("yaml: model entries over what each supports", ".yaml")(
    lambda n: fill("- model: gemini-2.0-flash\n  supports:\n    - tools\n", n))
generator("yaml: top-level keys beside a display name", ".yaml")(
    lambda n: "title: Gemini 2.0 Flash\n" + "".join(f"k{i}: gemini-2.0-flash\n" for i in range(n // 22)))
generator("json: one object of IDs beside a display name", ".json")(lambda n: '{"title": "Gemini 2.0 Flash", ' + ", ".join(
    f'"k{i}": "gemini-2.0-flash"' for i in range(n // 26)) + "}")
generator("python: one call of IDs beside a display name", ".py")(
    lambda n: 'f("Gemini 2.0 Flash", ' + fill('"gemini-2.0-flash", ', n) + ")\n")
# The session of 2026-12-08 (after midnight): compiled patterns searching constants, decorator registries.
generator("py: compiled patterns searching constants", ".py")(lambda n: "import re\n" + "".join(
    f'P{i} = re.compile("2.0")\nM{i} = "gemini-2.0-flash"\nif P{i}.search(M{i}):\n    pass\n' for i in range(n // 70)))
generator("py: classes registered under IDs", ".py")(lambda n: "".join(
    f'@register("gemini-2.0-flash", v={i})\nclass C{i}:\n    pass\n' for i in range(n // 56)))


def timed(suffix: str, text: str, settings: Settings, runs: int) -> float:
    data = text.encode("utf-8")
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        process_bytes("hostile" + suffix, data, settings, Mode.DIFF)
        best = min(best, time.perf_counter() - began)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=25_000, help="the smaller size in characters (default 25000)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated parts of generator names")
    parser.add_argument("--out", default=str(HERE / "scaling.md"), help="where to write the table ('' for nowhere)")
    args = parser.parse_args()
    settings = Settings(today=TODAY, unsafe_fixes=True)
    wanted = [part for part in args.only.split(",") if part]
    rows = []
    for name, (suffix, make) in GENERATORS.items():
        if wanted and not any(part in name for part in wanted):
            continue
        small, large = make(args.size), make(4 * args.size)
        first = timed(suffix, small, settings, args.runs)
        second = timed(suffix, large, settings, args.runs)
        ratio = second / first if first > 0 else float("inf")
        rows.append((name, len(small), first, len(large), second, ratio))
        flag = "  <- grows faster than linear" if ratio > FLAG_RATIO else ""
        print(f"{name:45s} {len(small) / 1000:6.0f} KB {first:7.3f} s  {len(large) / 1000:6.0f} KB {second:7.3f} s"
              f"  x{ratio:5.1f}{flag}", flush=True)
    if args.out:
        lines = [
            "# How the time grows on hostile files",
            "",
            f"`python benchmarks/scaling.py --size {args.size}` on {platform.system()} with Python "
            f"{platform.python_version()}, {dt.datetime.now():%Y-%m-%d %H:%M}: each file linted and fixed in one process "
            f"(`--diff --unsafe-fixes`, nothing written), best of {args.runs}. 4x the size should take ~4x the time;",
            "quadratic growth would be ~16x. (One concatenation of ~3,000 strings, the 100 KB implicit-concatenation file, is",
            "more than libcst parses: it is reported as not parsed, its IDs read from the text, nothing written.)",
            "",
            "| input | size | time | 4x size | time | growth |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        lines += [f"| {name} | {a / 1000:.0f} KB | {ta:.3f} s | {b / 1000:.0f} KB | {tb:.3f} s | {r:.1f}x |"
                  for name, a, ta, b, tb, r in rows]
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    worst = max((row[5] for row in rows), default=0.0)
    return 1 if worst > FLAG_RATIO else 0


if __name__ == "__main__":
    sys.exit(main())
