"""The pure core: ``lint_source`` (text -> diagnostics) and ``fix_source`` (text + diagnostics -> text).

Nothing here touches the file system or the clock: ``today`` comes in through :class:`Settings`.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Optional

from gemini_lint.config import Settings
from gemini_lint.diagnostic import Applicability, Diagnostic, Severity
from gemini_lint.matching import Matcher, settings_matcher
from gemini_lint.registry import LegacyModel, fix_caveat
from gemini_lint.sources import Kind, kind_of
from gemini_lint.sources.base import NO_CODES, Context, Mention, Scan, all_unsafe, prose_fixes_held

if TYPE_CHECKING:
    from gemini_lint.rules.gl003_free_claim import FreeClaim

Reader = Callable[[str, Matcher], Scan]


@dataclass(frozen=True)
class LintResult:
    """What linting one text found: diagnostics in report order, notes, and whether it may be written."""

    diagnostics: tuple[Diagnostic, ...]
    notes: tuple[str, ...] = ()
    writable: bool = True


def reader_for(kind: Kind) -> Reader:
    """The source reader of ``kind`` (imported on demand: libcst only loads for Python)."""
    if kind is Kind.PYTHON:
        from gemini_lint.sources.python import scan_python

        return scan_python
    if kind in (Kind.MARKDOWN, Kind.RST, Kind.TEXT):
        from gemini_lint.sources import markdown

        markdown_reader: Reader = markdown.reader(kind)
        return markdown_reader
    if kind is Kind.NOTEBOOK:
        from gemini_lint.sources.notebook import scan_notebook

        return scan_notebook
    from gemini_lint.sources import config_files

    config_reader: Reader = config_files.reader(kind)
    return config_reader


def lint_source(
    text: str,
    path: str,
    settings: Settings,
    *,
    kind: Optional[Kind] = None,
    matcher: Optional[Matcher] = None,
    reader: Optional[Reader] = None,
    recordings: str = "",
) -> LintResult:
    """Lint ``text`` (the decoded content of ``path``) and return its diagnostics, sorted.

    ``recordings`` names the recorded HTTP exchanges that the caller found beside a Python test module
    (``cassettes/<module>/``), which its tests replay though the module may not say so: its values then
    get unsafe fixes.
    """
    from gemini_lint.rules import free_claims, gl001_value, gl002_prose

    kind = kind or kind_of(path) or Kind.TEXT
    matcher = matcher or settings_matcher(settings)
    scan = (reader or reader_for(kind))(text, matcher)
    enabled = enabled_codes(settings, path)
    today = settings.today
    diagnostics: list[Diagnostic] = []
    mentions, claims = _prose_held(text, kind, scan, enabled, enabled)
    if "GL001" in enabled and any(m.safe_value for m in mentions):
        mentions = _other_surfaces_held(text, mentions, settings, path)
        mentions = all_unsafe(mentions, _recording(text, kind, recordings) or _generated(text))
        if "[[[cog" in text:
            mentions = _cog_output_held(text, mentions)
        mentions = _built_names_held(text, mentions)
        if kind in _DATA_KINDS:
            mentions = _file_named_held(path, mentions)
        mentions = all_unsafe(mentions, _changelog(path))
    if "GL001" in enabled or "GL002" in enabled:
        extra = _other_surface_mentions(text, kind, settings, enabled, scan.mentions, reader)
        if extra is not None:  # their fixes are unsafe or none already: no caveat below changes them
            found, noqa = extra
            mentions = [*mentions, *found]
            scan = replace(scan, noqa={**noqa, **scan.noqa})  # the same text's markers, as each reading found them
    for mention in mentions:
        if mention.context is Context.VALUE and "GL001" in enabled:
            if mention.fixable and not mention.unsafe:  # a replacement that needs the code changed too
                caveat = fix_caveat(mention.model.id, mention.model.replacement)
                if caveat:
                    mention = replace(mention, unsafe=True, reason=caveat)
            diagnostics.append(gl001_value.diagnostic(path, mention, today))
        elif mention.context is Context.PROSE and "GL002" in enabled:
            diagnostics.append(gl002_prose.diagnostic(path, mention, today))
    if "GL003" in enabled:
        for number, block in enumerate(scan.prose):
            diagnostics.extend(free_claims(path, block, matcher, today, claims[number] if claims else None))
    kept = [d for d in diagnostics if not _suppressed(d, scan)]
    kept.sort(key=lambda d: d.sort_key)
    return LintResult(tuple(kept), tuple(scan.notes) + _unread_noqa(kept, scan), scan.writable)


#: Why a prose mention in a sentence that claims the API is free is not fixed.
CLAIM_REASON = "its sentence says the API is free (GL003): rewrite it by hand, a rename would carry the claim over to the new model"


#: Why a value in a recorded HTTP exchange, or in code that replays one, gets an unsafe fix.
RECORDING_REASON = (
    "{where}: renamed, a request no longer matches its recording (or a recording says the new model answered "
    "what the old one did); record them again with the new model"
)
#: A Python file that replays recorded HTTP exchanges (vcrpy, pytest-recording, Betamax) or names their files.
_REPLAYS = re.compile(r"\b(?:vcr|VCR|use_cassette|cassettes?|pytest_recording|betamax|Betamax)\b")
_REPLAY_WORDS = ("vcr", "VCR", "cassette", "pytest_recording", "betamax", "Betamax")
#: Beside ``modelVersion``, what a saved answer of the Gemini API holds (kani's cached responses).
_RESPONSE_WORDS = ('"responseId"', '"usageMetadata"', '"candidates"')
#: A Python file whose tests go through google-genai's replay client (``pytest_helper.setup(file=__file__,
#: test_method=...)`` in google-genai's and google-cloud-aiplatform's ``replays`` tests): in replay mode each
#: request is matched against one recorded under the old model's name.
_GENAI_REPLAYS = re.compile(r"\bpytest_helper\.setup\s*\(|\b_replay_api_client\b|\bReplayApiClient\b")
#: A Python file that holds recorded answers as snapshots (inline-snapshot, syrupy).
_SNAPSHOTS = re.compile(r"\b(?:inline_snapshot|syrupy)\b")
#: A recording itself: VCR's YAML or JSON cassette (``interactions:`` of ``request:``/``response:``), Betamax's.
_RECORDING = re.compile(r"(?m)^[\"']?(?:http_)?interactions[\"']?[ \t]*:|\"(?:http_)?interactions\"[ \t]*:")


def _recording(text: str, kind: Optional[Kind], beside: str = "") -> str:
    """Why every value of a recorded HTTP exchange (a VCR cassette), of a saved API response, or of a
    Python file that replays them gets an unsafe fix, or "": the recording holds what the old model was
    sent and said, and the test's request must match it (mirascope's end-to-end tests built their
    cassettes' names from the ID, and a safe fix rewrote 210 recordings besides; found by a run over
    real packages)."""
    where = ""
    # The patterns, led by \b, are slow to search for: first the words they need, as plain substrings.
    if kind is Kind.PYTHON and any(word in text for word in _REPLAY_WORDS) and _REPLAYS.search(text):
        where = "this file replays recorded HTTP exchanges (VCR cassettes)"
    elif kind is Kind.PYTHON and beside:
        where = f"this file's tests replay the recorded HTTP exchanges beside it ({beside})"
    elif kind is Kind.PYTHON and ("pytest_helper" in text or "eplay" in text) and _GENAI_REPLAYS.search(text):
        where = "this file's tests replay recorded API exchanges (google-genai's replay client)"
    elif kind is Kind.PYTHON and ("inline_snapshot" in text or "syrupy" in text) and _SNAPSHOTS.search(text):
        where = "this file holds recorded snapshots of answers (inline-snapshot, syrupy)"
    elif kind in (Kind.YAML, Kind.JSON) and "interactions" in text and _RECORDING.search(text) and "response" in text:
        where = "a recorded HTTP exchange (a VCR cassette)"
    elif kind is Kind.JSON and "modelVersion" in text and any(word in text for word in _RESPONSE_WORDS):
        where = "a recorded API response (its modelVersion says which model answered)"
    return RECORDING_REASON.format(where=where) if where else ""


#: A file's head that says the file is generated (``Do not edit manually``, ``@generated``, Go's ``Code generated ... DO NOT EDIT``).
_GENERATED = re.compile(r"(?i)\bdo[ \t]+not[ \t]+edit\b|\bauto-?generated\b|@generated\b|\bcode[ \t]+generated[ \t]+by\b")
#: How far into a file its head reaches.
_HEAD = 1024


def _generated(text: str) -> str:
    """Why every value of a file whose head says it is generated gets an unsafe fix, or "": the
    next generation undoes the fix, and the generator's source keeps the old name (mirascope's
    ``model_info.py``, "auto-generated by scripts/...: Do not edit manually"; a run over real packages)."""
    head = text[:_HEAD].lower()
    found = _GENERATED.search(text, 0, _HEAD) if "generat" in head or "edit" in head else None
    if found is None:
        return ""
    return (f"the file says it is generated ('{found.group(0)}'): change what generates it, or the next "
            "generation undoes the fix")


#: cog (nedbat's code generator) writes a region: its generator between ``[[[cog`` and ``]]]``, in comments of
#: the file's own syntax (``<!--[[[cog ... ]]]-->``), then its output up to ``[[[end]]]``.
COG_REASON = (
    "inside what cog generates here ('[[[cog' on line {line}): the next 'cog -r' writes it again from the "
    "generator's source, which keeps the old name; change that source"
)


def _cog_output_held(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions``, with the values inside a cog-generated region made unsafe: aider's documented model
    settings (``adv-model-settings.md``) are ``cog.out(get_model_settings_as_yaml())`` of its
    ``model-settings.yml``, and a safe fix there was undone by the next docs build (a run over real
    packages, 2026-12-07). The head check (:func:`_generated`) sees none of it: the page is hand-written
    around the region."""
    regions: list[tuple[int, int, int]] = []  # in order, apart: (output start, output end, opener's line)
    at = text.find("[[[cog")
    counted, line = 0, 1
    while at >= 0:  # str.find, not a lazy pattern: linear however many openers lack their ends
        code_end = text.find("]]]", at + 6)
        output_end = text.find("[[[end]]]", code_end + 3) if code_end >= 0 else -1
        if output_end < 0:
            break
        line += text.count("\n", counted, at)  # counted on from the last opener: thousands of regions stay linear
        counted = at
        regions.append((code_end + 3, output_end, line))
        at = text.find("[[[cog", output_end)
    if not regions:
        return list(mentions)
    lows = [low for low, _, _ in regions]
    out = []
    for mention in mentions:
        if mention.safe_value:
            k = bisect.bisect_right(lows, mention.start) - 1
            if k >= 0 and mention.start < regions[k][1]:
                mention = replace(mention, unsafe=True, reason=COG_REASON.format(line=regions[k][2]))
        out.append(mention)
    return out


CHANGELOG_REASON = (
    "in a changelog: its examples show what a release did, and renamed, they would show a model that release "
    "did not use"
)
#: File names (less their extension, lower case) and folders of changelogs and release notes.
_CHANGELOG_NAMES = frozenset({"changelog", "changelogs", "changes", "history", "news", "releases", "release_notes",
                              "release-notes", "releasenotes", "whatsnew", "whats_new", "whats-new"})


def _changelog(path: str) -> str:
    """Why every value of a changelog or release notes (by its name or folder) gets an unsafe fix, or
    "": its prose is never fixed without --unsafe-fixes, and nor, now, its code blocks (kani's
    "v1.6.0: native Gemini support" example was renamed to a model that release did not have)."""
    parts = path.replace("\\", "/").lower().split("/")
    names = [part.rpartition(".")[0] or part for part in parts[-1:]] + parts[-3:-1]
    return CHANGELOG_REASON if any(name in _CHANGELOG_NAMES for name in names) else ""


BUILT_NAME_REASON = (
    "'{id}' also stands inside a longer name in this file ('{name}'), which the fix leaves as it is: a name "
    "built from the ID (a log folder, a cache key, a file) would part from it"
)
#: Around an ID inside a longer name, what the message shows of that name (a token: no blank, quote or bracket).
_TOKEN_CHARS = re.compile(r"[^\s\"'`<>()\[\]{},;=]*")
#: A character that runs a longer name into an ID standing after it.
_BUILT_BEFORE = re.compile(r"[A-Za-z0-9_-]")
#: A shell default expansion right before an ID (``${MODEL:-<ID>...}``): its '-' builds no name.
_DEFAULT_EXPANSION_BEFORE = re.compile(r"\$\{[A-Za-z_]\w*:?-\Z")


#: Why a value of the ID that a data file's own name holds gets an unsafe fix.
FILE_NAMED_REASON = (
    "this file is named for '{id}' ('{name}'): renamed, its content would describe another model than its "
    "name says, and what finds the file by that name (a test's list of configs) would run the new model "
    "under the old name; rename the file too"
)
#: Data files, which are read by name as one model's settings (letta's ``llm_model_configs/<ID>.json``).
_DATA_KINDS = frozenset((Kind.JSON, Kind.YAML, Kind.TOML, Kind.INI, Kind.ENV))


def _file_named_held(path: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions``, with unsafe fixes for the values of an ID that the data file's own name holds as a
    whole token (``gemini-2.5-flash.json``, ``gemini-2.5-pro-vertex.yaml``): a run on 2026-12-07 renamed
    the model inside letta's test configs, which its tests list by file name."""
    name = path.replace("\\", "/").rpartition("/")[2]
    held = []
    for mention in mentions:
        if mention.safe_value:
            model_id = mention.model.id
            at = name.find(model_id)
            while at >= 0:
                after = name[at + len(model_id) : at + len(model_id) + 1]
                if (at == 0 or not name[at - 1].isalnum()) and after in ("", ".", "-", "_"):
                    mention = replace(mention, unsafe=True, reason=FILE_NAMED_REASON.format(id=model_id, name=name))
                    break
                at = name.find(model_id, at + 1)
        held.append(mention)
    return held


def _built_names_held(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions``, with unsafe fixes for the values of an ID whose text also stands in the file inside
    a longer name that is no ID (``eval-logs-gemini-2.5-pro/report.json`` beside ``GEMINI_MODEL=<ID>``
    in gemini-cli's docs: renamed, the new model's results were written among the old one's logs).
    The longer name is never matched as the ID (its token goes on), so nothing else holds the value."""
    ids = {m.model.id for m in mentions if m.safe_value}
    if not ids:
        return list(mentions)
    spans = sorted((m.start, m.end) for m in mentions)
    starts = [start for start, _ in spans]
    found: dict[str, str] = {}
    for model_id in sorted(ids):
        at = text.find(model_id)
        while at >= 0 and model_id not in found:
            k = bisect.bisect_right(starts, at) - 1
            # No mention holds this one, and a name runs into it from before (logs-<ID>, cache_<ID>): a name
            # built from the ID. (One that only goes on after it, <ID>-2, is most often another model's.)
            if (not (k >= 0 and spans[k][1] >= at + len(model_id)) and at > 0 and _BUILT_BEFORE.match(text, at - 1)
                    and not _DEFAULT_EXPANSION_BEFORE.search(text, max(0, at - 100), at)):
                begin = at
                while begin > 0 and _TOKEN_CHARS.fullmatch(text[begin - 1]):
                    begin -= 1
                token = _TOKEN_CHARS.match(text, at)
                end = token.end() if token is not None else at + len(model_id)
                found[model_id] = text[max(begin, at - 60) : min(end, at + len(model_id) + 60)]
            at = text.find(model_id, at + 1)
    if not found:
        return list(mentions)
    return [
        replace(m, unsafe=True, reason=BUILT_NAME_REASON.format(id=m.model.id, name=found[m.model.id]))
        if m.safe_value and m.model.id in found else m
        for m in mentions
    ]


#: How a surface is named in a message.
_SURFACE_LABELS = {"gemini-api": "the Gemini Developer API", "vertex-ai": "Vertex AI", "firebase": "Firebase AI Logic"}


@functools.lru_cache(maxsize=8)
def _by_id(models: tuple[LegacyModel, ...]) -> dict[str, LegacyModel]:
    return {model.id: model for model in models}


def _other_surfaces_held(text: str, mentions: Sequence[Mention], settings: Settings, path: str = "") -> list[Mention]:
    """``mentions``, with unsafe fixes for values whose file plainly calls another surface than the
    run's, or whose path names one, where that surface replaces the ID otherwise or not at all
    (:mod:`gemini_lint.sources.surfaces`): ``vertex("gemini-2.5-flash")`` would get the Gemini API's
    Flash-Lite, where Vertex AI names a Flash."""
    from gemini_lint.config import ConfigError
    from gemini_lint.matching import models_for
    from gemini_lint.sources.surfaces import surfaces_in_path, surfaces_named

    called = surfaces_named(text)
    others = sorted((called | surfaces_in_path(path)) - {settings.surface})
    if not others:
        return list(mentions)
    tables = {}
    for surface in others:
        try:
            tables[surface] = _by_id(models_for(surface, settings.extra_models))
        except ConfigError:  # configured entries that do not hold on that surface: no view of it
            continue
    held = []
    for mention in mentions:
        for surface, table in tables.items():
            if not mention.safe_value:
                break
            there = table.get(mention.model.id)
            if there is not None and there.replacement == mention.model.replacement:
                continue
            label = _SURFACE_LABELS.get(surface, surface)
            if there is None:
                what = f"'{mention.model.id}' is not retired"
            elif not there.replacement:
                what = "Google names no replacement for it"
            else:
                what = f"its replacement is '{there.replacement}'"
            how = "calls" if surface in called else "is named for"
            reason = f"this file {how} {label}, where {what}: check with --surface {surface}"
            mention = replace(mention, unsafe=True, reason=reason)
        held.append(mention)
    return held


#: Why an ID that only another surface than the run's lists, in a file that calls that surface, is
#: reported with that surface's dates and replacement, and its fix waits for ``--unsafe-fixes``.
SURFACE_ONLY_REASON = "retired on {label}, which this file calls, not on {run}: check with --surface {surface}"
#: Why such an ID that two surfaces the file calls replace differently gets no fix.
SURFACES_DIFFER_REASON = "retired on {labels}, which this file calls, with different replacements: check with --surface"


def _other_surface_mentions(
    text: str,
    kind: Kind,
    settings: Settings,
    enabled: frozenset[str],
    mentions: Sequence[Mention],
    reader: Optional[Reader] = None,
) -> Optional[tuple[list[Mention], dict[tuple[Optional[int], int], Optional[frozenset[str]]]]]:
    """The mentions of IDs that only another surface than the run's lists (``imagetext@001``,
    ``text-bison``: Vertex AI's), in a file that plainly calls that surface
    (:func:`~gemini_lint.sources.surfaces.surfaces_named`), and the ``noqa`` markers their reading
    found; None when there are none to look for.

    The text is read again with a matcher of only those IDs and the same reader; only its mentions
    count (its prose and claims are the first reading's), less those that overlap a mention of the
    first reading (``mentions``); ``reader`` is the first reading's (by default, ``kind``'s). Each gets that surface's dates and replacement, and its fix waits
    for ``--unsafe-fixes`` (none where the surface names no replacement): a run with that
    ``--surface`` is the one that knows the rest of the file. Found by two runs over real packages,
    where ``imagetext@001`` beside ``ChatVertexAI(...)`` passed a default run.
    """
    from gemini_lint.engine import other_surface_ids
    from gemini_lint.matching import other_surface_matchers

    named = other_surface_ids(text, kind, other_surface_matchers(settings))
    if not named:
        return None
    reader = reader or reader_for(kind)
    spans = sorted((m.start, m.end) for m in mentions)
    starts = [start for start, _ in spans]
    reach = list(itertools.accumulate((end for _, end in spans), max))  # the furthest end up to each span
    found: dict[tuple[int, int], list[tuple[str, Mention]]] = {}
    noqa: dict[tuple[Optional[int], int], Optional[frozenset[str]]] = {}
    for surface, other in named:
        scan = reader(text, other)
        noqa.update(scan.noqa)
        held, _ = _prose_held(text, kind, scan, enabled, frozenset())  # claims reported by the first reading
        for mention in held:
            k = bisect.bisect_left(starts, mention.end) - 1  # the first reading's spans that start before its end
            if k >= 0 and reach[k] > mention.start:
                continue
            found.setdefault((mention.start, mention.end), []).append((surface, mention))
    run = _SURFACE_LABELS.get(settings.surface, settings.surface)
    out = []
    for _, alike in sorted(found.items()):
        surface, mention = alike[0]
        model = mention.model
        label = _SURFACE_LABELS.get(surface, surface)
        if len({there.model.replacement for _, there in alike}) > 1:
            labels = " and ".join(_SURFACE_LABELS.get(s, s) for s, _ in alike)
            reason = SURFACES_DIFFER_REASON.format(labels=labels)
            out.append(replace(mention, fixable=False, unsafe=False, reason=_joined(reason, mention.reason)))
            continue
        reason = SURFACE_ONLY_REASON.format(label=label, run=run, surface=surface)
        if not (mention.fixable and model.replacement):
            out.append(replace(mention, fixable=False, unsafe=False, reason=_joined(reason, mention.reason)))
            continue
        caveat = fix_caveat(model.id, model.replacement) if mention.context is Context.VALUE else ""
        out.append(replace(mention, unsafe=True, reason=_joined(_joined(reason, mention.reason), caveat)))
    return out, noqa


def _prose_held(
    text: str, kind: Kind, scan: Scan, enabled: frozenset[str], reported: frozenset[str]
) -> tuple[list[Mention], Optional[list[list[FreeClaim]]]]:
    """The scan's mentions with the prose fixes that are never made held (the file's prose, where the
    reader gave it, tells: a sentence saying the ID is retired, a free-API claim, a linked anchor), and
    the claims of each prose block (:func:`_free_claims`; found for GL003 when ``reported`` holds it)."""
    whole = [block.text for block in scan.prose if block.cell is None]
    mentions = prose_fixes_held(text, scan.mentions, whole[0] if len(whole) == 1 else None, kind is Kind.NOTEBOOK)
    claims = _free_claims(scan, reported, mentions)
    if claims:
        mentions = _claims_held(mentions, scan, claims)
    if scan.linked:
        mentions = _linked_held(mentions, scan, enabled)
    return mentions, claims


def _joined(first: str, then: str) -> str:
    return f"{first}; {then}" if first and then else first or then


def _free_claims(scan: Scan, enabled: frozenset[str], mentions: Sequence[Mention]) -> Optional[list[list[FreeClaim]]]:
    """GL003's claims in each of the scan's prose blocks: found when GL003 reports them, or when a
    prose mention may get a fix that a claim in its sentence must hold back (else None)."""
    if "GL003" not in enabled and not any(m.context is Context.PROSE and m.fixable for m in mentions):
        return None
    from gemini_lint.rules.gl003_free_claim import find_free_claims
    from gemini_lint.rules.gl003_hints import may_claim

    # Prose is often read only for what else it says of an ID (a retiring word, the new ID named):
    # without the words every claim needs, its sentences are not read for claims.
    return [find_free_claims(block.text) if may_claim(block.text) else [] for block in scan.prose]


def _claims_held(mentions: Sequence[Mention], scan: Scan, claims: list[list[FreeClaim]]) -> list[Mention]:
    """``mentions`` with no fix for a prose mention inside a sentence that makes a free claim: the
    sentence needs rewriting, and renaming the ID alone would turn a false claim about the preview
    (a past price, say) into one about the GA model."""
    from gemini_lint.sources.base import position_of

    spans = []
    for block, found in zip(scan.prose, claims):
        for claim in found:
            where = position_of(block.index, claim.sentence[0], claim.sentence[1], block.cell)
            spans.append((where.cell, (where.line, where.column), (where.end_line, where.end_column)))
    if not spans:
        return list(mentions)
    held = []
    for mention in mentions:
        at = (mention.position.line, mention.position.column)
        if mention.context is Context.PROSE and mention.fixable and any(
            cell == mention.position.cell and first <= at < last for cell, first, last in spans
        ):
            mention = replace(mention, fixable=False, reason=CLAIM_REASON)
        held.append(mention)
    return held


#: Why an anchor's fix, or a link's to it, is held with the other.
LINKED_REASON = "a link in this file points to this anchor and one of the two is not fixed: renaming one alone leaves the link pointing nowhere"


def _linked_held(mentions: Sequence[Mention], scan: Scan, enabled: frozenset[str]) -> list[Mention]:
    """``mentions`` with the fixes of each of the scan's linked groups (an anchor and the links to it)
    all applied or none: a member held, not reported (its rule off, a ``noqa``) or without a fix holds
    the others; a group whose fixes differ in safety gets unsafe fixes throughout."""
    by_start = {mention.start: mention for mention in mentions}
    changed: dict[int, Mention] = {}
    for group in scan.linked:
        members = [by_start[start] for start in group if start in by_start]
        if all(_fixed_when_reported(m, scan, enabled) for m in members):
            if len({m.unsafe for m in members}) > 1:
                changed.update((m.start, replace(m, unsafe=True, reason=LINKED_REASON)) for m in members if not m.unsafe)
            continue
        changed.update((m.start, replace(m, fixable=False, unsafe=False, reason=LINKED_REASON)) for m in members if m.fixable)
    return [changed.get(mention.start, mention) for mention in mentions]


def _fixed_when_reported(mention: Mention, scan: Scan, enabled: frozenset[str]) -> bool:
    """Whether ``mention`` gets a diagnostic with a fix: it has one, its rule is on and no ``noqa`` silences it."""
    code = "GL001" if mention.context is Context.VALUE else "GL002"
    codes = scan.noqa.get((mention.position.cell, mention.position.line), ())
    return mention.fixable and code in enabled and codes is not None and code not in codes


def enabled_codes(settings: Settings, path: str) -> frozenset[str]:
    """The codes enabled for ``path`` once ``per-file-ignores`` apply."""
    if not settings.per_file_ignores:
        return settings.enabled
    from gemini_lint.discovery import matches_glob

    enabled = set(settings.enabled)
    for glob, codes in settings.per_file_ignores:
        if matches_glob(glob, path, settings.root):
            enabled -= codes
    return frozenset(enabled)


def _suppressed(diagnostic: Diagnostic, scan: Scan) -> bool:
    key = (diagnostic.cell, diagnostic.line)
    if key not in scan.noqa:
        return False
    codes = scan.noqa[key]
    return codes is None or diagnostic.code in codes


def _unread_noqa(kept: Sequence[Diagnostic], scan: Scan) -> tuple[str, ...]:
    """A note for each line with a finding whose ``noqa:`` marker names no code (ruff warns of
    such a marker anywhere; here only where it is what leaves a finding shown, as the marker may be
    another tool's)."""
    lines = sorted({(d.cell or 0, d.line) for d in kept if scan.noqa.get((d.cell, d.line), ()) == NO_CODES})
    return tuple(
        f"{'line' if not cell else f'cell {cell}, line'} {line}: the `noqa:` names no code, so it silences nothing "
        f"(codes are upper case: `# noqa: GL001, GL002`; a bare `# noqa` silences every code)"
        for cell, line in lines
    )


def applicable(diagnostics: Iterable[Diagnostic], *, unsafe_fixes: bool) -> list[Diagnostic]:
    """The diagnostics whose fix ``--fix`` applies (safe ones; unsafe too with ``--unsafe-fixes``)."""
    return [
        d
        for d in diagnostics
        if d.fix is not None and (unsafe_fixes or d.fix.applicability is Applicability.SAFE)
    ]


def fix_source(text: str, diagnostics: Sequence[Diagnostic]) -> str:
    """Apply the fixes of ``diagnostics`` to ``text`` by offset, back to front; overlapping edits are skipped."""
    edits = sorted(
        {edit for d in diagnostics if d.fix is not None for edit in d.fix.edits},
        key=lambda e: (e.start, e.end),
    )
    pieces: list[str] = []
    last = len(text)
    for edit in reversed(edits):
        if edit.end > last:
            continue  # overlaps an edit already applied: keep the text as it is
        pieces.append(text[edit.end : last])
        pieces.append(edit.content)
        last = edit.start
    pieces.append(text[:last])
    return "".join(reversed(pieces))


def worst(diagnostics: Iterable[Diagnostic]) -> Optional[Severity]:
    """The highest severity among ``diagnostics``."""
    ranked = max((d.severity.rank for d in diagnostics), default=-1)
    return None if ranked < 0 else [Severity.INFO, Severity.WARNING, Severity.ERROR][ranked]
