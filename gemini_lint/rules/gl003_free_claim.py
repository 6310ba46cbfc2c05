"""GL003 free-api-claim: prose that says the Gemini API or a Gemini image model is free.

``gemini-3.1-flash-image`` (Nano Banana 2) has no Gemini Developer API free tier: Standard is $60
and Batch $30 per 1M output image tokens, both paid-only. Google AI Studio is a browser testing
route and Gemini Apps limits are a consumer surface; neither is API quota. This module finds
sentences that claim otherwise.

The detector is a plain-Python heuristic (compiled regular expressions, no models, no network).
Its input is the prose of one file with everything that is not prose blanked out by spaces (same
length, newlines kept), so the offsets it returns are file offsets. The steps:

1. Cheap exits: no Gemini subject word or no claim word anywhere -> ``[]``.
2. Segmentation: a line of spaces ends a paragraph; consecutive non-blank lines continue one;
   a Markdown table row, a heading and a list item are one sentence each; paragraphs split at
   ``.``/``!``/``?`` followed by white space. URLs are blanked; inline code spans are blanked
   for claim words but kept for subjects (``gemini-3.1-flash-image`` in backticks names one).
3. Per sentence: find claim phrases ("free", "free tier", "costs nothing", "$0", "no billing",
   "no credit card", "doesn't charge", "freely available", ...) and Gemini subjects (model IDs,
   display names, "the Gemini API", "the image API" in files that mention Gemini).
4. Per claim phrase, drop it when: "free" has another sense (feel free, free software, free(ptr),
   lock-free, free-form, free up memory, a free course, gluten free, watermark free ...); it is
   quoted or in a question; it is negated before ("no free tier", "isn't free", "without a free
   tier") or after ("Free tier: not available", "... is gone"); it is conditional ("if you are on
   the free tier"); it is about AI Studio / Gemini Apps / Flow (unless it also says production,
   backend, bulk ...; AI Studio named as where an API key comes from does not count); it belongs to
   another product or provider named in its clause (OpenAI, Stable Diffusion, a gateway, the SDK).
5. A sentence that also denies a free tier ("paid-only", "..., but Nano Banana 2 does not") keeps
   only claims whose own clause names an image model. The first surviving claim is reported.
6. A paragraph's sentence that names no subject and says "the free tier covers/is/gives ..." or "it's
   free" / "it costs nothing" takes its subject from the sentence just before it ("Get a Gemini API
   key from Google AI Studio. The free tier covers most development use."), or, for "the free tier",
   from the heading right above the paragraph, and is then read as in step 4. Only the Gemini API or
   an image model counts, leading that sentence or as what it tells the reader to get or use, with
   nothing else named there (a project, app, product, provider, text model, denial).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from gemini_lint.rules.gl003_hints import CLAIM_WORDS
from gemini_lint.rules.lazy_re import LazyPattern

__all__ = [
    "CODE",
    "DOCS",
    "INVALID_EXAMPLES",
    "NAME",
    "SUMMARY",
    "VALID_EXAMPLES",
    "FreeClaim",
    "find_free_claims",
]

CODE = "GL003"
NAME = "free-api-claim"
SUMMARY = "Free-API claim about a Gemini model"
DEFAULT_SEVERITY = "warning, whatever the date"

DOCS = """\
## What it does

Flags sentences in comments, docstrings, Markdown and notebook text that say the Gemini API or a
Gemini image model is free: "free", "free tier", "free quota", "costs nothing", "$0",
"no billing", "no credit card", "free in production", "free for bulk jobs", "with a free API key",
"unlimited free", "freely available" and similar wording. The subject may be a model ID
(`gemini-3.1-flash-image`, `gemini-3.1-flash-image-preview`, `gemini-3-pro-image`,
`gemini-3-pro-image-preview`, other `gemini-...` IDs), a display name (Nano Banana 2, Nano Banana Pro,
Nano Banana, Gemini 3.1 Flash Image, Gemini 3 Pro Image), "the Gemini API" / "Gemini Developer API",
or "the image API" in a file that mentions Gemini. The diagnostic points at the word that makes the claim.

It does not flag sentences that correctly deny a free tier ("no free tier", "Free Tier is not
available", "paid-only"), statements about browser testing in Google AI Studio or about Gemini Apps
limits, other products and providers (OpenAI, Stable Diffusion, Hugging Face, Cloudflare, third-party
gateways and their credits), questions, other senses of "free" ("feel free", "free software",
"free up memory", "royalty-free", "free-form", "gluten free", "watermark free", "you can freely
choose"), text inside inline code spans or quoted words, and free claims in sentences that name no
Gemini subject. AI Studio named only as where an API key comes from ("free with an API key from AI
Studio") is not browser testing: the claim is about API calls. A sentence without a subject of its own
("The free tier covers most development use.", "It's free to call.") is read with the one just before
it when that one leads with the Gemini API or an image model or tells you to get or use it ("Get a
Gemini API key from Google AI Studio."), and names no project, app, product or provider; "the free tier"
also takes its subject from the heading right above its paragraph ("**Step 1: Get a Gemini API key**").

## Why is this bad?

`gemini-3.1-flash-image` (Nano Banana 2, GA since 2026-05-28) has no Gemini Developer API free tier.
Both API rows are paid-only: Standard costs $60 per 1M output image tokens (about $0.067 per 1K
image) and Batch $30 per 1M (about $0.034 per 1K image). The preview IDs
`gemini-3.1-flash-image-preview` and `gemini-3-pro-image-preview` shut down on 2026-06-25.
Google AI Studio lets you try the model in the browser, but that is not production API quota, and
Gemini Apps limits are a consumer surface, not API quota. A README or comment that says the model is
"free" leads to unbudgeted bills, failed requests on unbilled projects, and support time spent
debugging the wrong surface.

## Example

```markdown
Nano Banana 2 is free to use through the Gemini API, so no billing setup is needed.
```

```python
# gemini-3.1-flash-image has a free tier,
# so run it for bulk jobs.
```

## Use instead

Say which route you mean, following Google's migration checklist: "AI Studio testing" for the
browser, or "official API Free Tier not available" for API traffic.

```markdown
Nano Banana 2 (`gemini-3.1-flash-image`) has no Gemini Developer API free tier: Standard is
$60 and Batch $30 per 1M output image tokens. Use Google AI Studio for browser testing.
```

## Fix safety

GL003 is never auto-fixed, not even with `--unsafe-fixes`: the right wording depends on the route the
sentence describes (AI Studio testing, the paid Standard API, the paid Batch API, Gemini Apps), which
only the author knows. Prices and free-tier rows also change; re-check Google's pricing page before
publishing cost figures.
"""

VALID_EXAMPLES: tuple[str, ...] = (
    "Nano Banana 2 has no free tier on the Gemini Developer API; Standard is $60 per 1M output image tokens.",
    "You can try gemini-3.1-flash-image for free in Google AI Studio before wiring up billing.",
    "| gemini-3.1-flash-image | Free tier: not available | Batch $30 / 1M |",
    "Feel free to open an issue if Nano Banana 2 returns an error.",
    "Stable Diffusion is free and open source, while Nano Banana 2 is paid-only.",
    "Set `free_tier=False` when you call gemini-3.1-flash-image.",
    "Is Nano Banana 2 free on the Gemini API?",
)

INVALID_EXAMPLES: tuple[str, ...] = (
    "Nano Banana 2 is free to use through the Gemini API.",
    "gemini-3.1-flash-image-preview has a generous free tier, so run as many jobs as you like.",
    "| Nano Banana Pro | Free | 500 requests/day |",
    "- **Cost:** $0 with gemini-3.1-flash-image, no credit card required",
    "Gemini 3.1 Flash Image is free\nfor bulk jobs in production.",
    "You don't need to enable billing to call the Gemini API with Nano Banana 2.",
)


@dataclass(frozen=True)
class FreeClaim:
    """One sentence that claims a Gemini subject is free to use through the API."""

    start: int  # offset in `text` of the word that makes the claim ("free", "costs nothing", "no billing")
    end: int  # offset just past that word/phrase
    subject: str  # the Gemini subject named in the sentence, as written
    message: str  # what to write instead
    #: The sentence (or table row) that makes the claim, as offsets in `text`.
    sentence: tuple[int, int] = (0, 0)


# --------------------------------------------------------------------------------------------------
# Regular expressions
# --------------------------------------------------------------------------------------------------

_I = re.IGNORECASE
_IX = re.IGNORECASE | re.VERBOSE
_APOS = "['\u2019]"

# Cheap file-level checks.
# Applied to lower-cased text (re.IGNORECASE makes a long alternation several times slower).
_FILE_SUBJECT_HINT = LazyPattern(r"gemini|nano[\s_-]*banana|image[\s_-]+api")
_FILE_GEMINI_HINT = LazyPattern(r"gemini|nano[\s_-]*banana")
# Every claim phrase below contains one of the CLAIM_WORDS (gl003_hints.py; keep them in step).
_FILE_CLAIM_HINT = LazyPattern(r"free|gratis|complimentary|house|" + CLAIM_WORDS)

# Masked regions: inline code spans (claims inside them never count) and URLs.
_CODE_SPAN = LazyPattern(r"`[^`\n]+`")
#: Underscore emphasis markers around a word (``_not_``, ``__no__``): blanked so that ``\bnot\b`` sees the
#: word (``_`` is a word character to ``re``); ``free_tier`` and ``__init__``'s inner letters are kept.
_UNDERSCORE_EMPHASIS = LazyPattern(r"(?<![A-Za-z0-9_])_{1,3}(?=[A-Za-z])|(?<=[A-Za-z])_{1,3}(?![A-Za-z0-9_])")
#: What emphasis must hold for the blanking above to matter: a denial or a claim word after an
#: underscore (a literal first, so that code's many snake_case names are passed over quickly).
_EMPHASIS_HINT = LazyPattern(r"_(?i:no|never|free|zero|nothing)")
_URL = LazyPattern(r"\b(?:https?://|www\.)[^\s<>()\[\]`\"']+", _I)
#: A Markdown link's brackets and destination (``not [free](https://...)``, ``[free][pricing]``): blanked,
#: so that its text reads as the words around it (a bracket is a clause boundary for negations).
_MD_LINK = LazyPattern(
    r"\[(?=[^\[\]\n]{1,120}\](?:\([^()\n]*\)|\[[^\[\]\n]{0,40}\]))|(?<=[^\[\]\n])\](?:\([^()\n]*\)|\[[^\[\]\n]{0,40}\])"
)

# Markdown structure (tested on the stripped line).
_TABLE_SEP = LazyPattern(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_HEADING = LazyPattern(r"^#{1,6}\s")
_LIST_ITEM = LazyPattern(r"^(?:[-*+\u2022]|\d{1,3}[.)])\s+")
#: A docstring's field line (``api_key: ...``, ``model_name (str): ...``), an item of its own: the
#: lines of an ``Args:`` block end without a full stop, and were read as one sentence (a "free
#: from" in one field hid a claim in the next).
_FIELD_ITEM = LazyPattern(r"^[A-Za-z_][\w.]*(?:\s*\([^()\n]{0,40}\))?:\s+\S")
_RULE = LazyPattern(r"^(?:[-*_=]\s*){3,}$")

# Sentence ends inside a paragraph.
# The look-behind starts a match only at the first of a run of stops: started inside a run of n
# stops that no blank follows, the pattern fails after n steps at each of them (n squared).
_SENT_END = LazyPattern(r"(?<![.!?])[.!?]+[\"'\u201d\u2019)\]*_]*(?=\s|$)")
_ABBREV = LazyPattern(
    r"(?:\b(?:e\.g|i\.e|etc|vs|approx|cf|fig|mr|mrs|ms|dr|inc|ltd|jr|sr|st|incl|est|al|ca|resp|v)|\b[a-z])$",
    _I,
)

# Gemini subjects. Strong ones always count; the weak one ("the image API") only in files that
# mention Gemini or Nano Banana somewhere.
_STRONG_SUBJECT = LazyPattern(
    r"""
      (?<![\w/.-])(?:models/)?gemini-(?:\d+(?:\.\d+)?|pro|flash|ultra|exp)(?:[\w.-]*\w)?
    | \bnano[\s_-]?banana(?:[\s_-]?(?:2|two|pro)\b)?
    | \bgemini\s+\d{1,2}(?:\.\d+)?\b(?:\s+(?:flash|pro|ultra))?(?:[\s-]+(?:lite|image|preview))*
    | \bgemini\s+(?:flash|pro)[\s-]+image\b
    | \bgemini\s+(?:flash|pro)(?:[\s-]+lite)?\s+api\b
    | \bgemini(?:""" + _APOS + r"""s)?(?=\s+free[\s-]+(?:tier|api|quota|plan|usage|credits?|access|key)\b)
    | \b(?:google(?:""" + _APOS + r"""s)?\s+)?gemini(?:""" + _APOS + r"""s)?\s+
        (?:developer\s+|dev\s+)?(?:image\s+)?api\b
    | \bgemini(?:""" + _APOS + r"""s)?\s+(?:native\s+)?image(?:[\s-]+(?:generation|gen|models?|editing|output))?\b
    | \bgemini\s+sdk\b(?=[^.\n]{0,60}?\bfree\s+(?:daily\s+|monthly\s+)?(?:quota|tier|tokens|requests|credits?)\b)
    """,
    _IX,
)
_WEAK_SUBJECT = LazyPattern(r"\bimage(?:[\s-]+generation)?\s+api\b", _I)

# Claim phrases. Group "w" (when present) is the span to report; otherwise the whole match.
_NEG_AUX = (
    r"(?:do(?:es)?\s+not|do(?:es)?n" + _APOS + r"?t|did\s+not|didn" + _APOS + r"?t|will\s+not|won"
    + _APOS + r"?t|never|no\s+longer|shouldn" + _APOS + r"?t)"
)
_PAY_OBJ = (
    r"(?:billing|credit[\s-]?cards?|debit\s+cards?|cards?|payment(?:\s+(?:method|info(?:rmation)?|"
    r"details))?|paid\s+(?:plan|tier|account|key))"
)

_FREE_WORD = LazyPattern(
    r"(?<![\w$/.@#-])(?P<w>free(?:[\s-]+of[\s-]+(?:charge|cost))?|freely[\s-]+(?:available|accessible|usable)|"
    r"gratis|no-cost|cost-free|fee-free|zero-cost|complimentary|on\s+the\s+house)(?![\w@])",
    _I,
)
_OTHER_CLAIMS: tuple[LazyPattern, ...] = (
    LazyPattern(r"\bcosts?\s+(?:you\s+|us\s+|users\s+|developers\s+)?(?:absolutely\s+)?(?:nothing|zero)\b", _I),
    LazyPattern(
        r"\b(?:costs?|bills?|spend(?:ing)?|invoices?)\s+(?:(?:at|to|is|are|was|were|of|stays?\s+at|"
        r"remains?\s+at|drops?\s+to)\s+)(?:zero|nothing)\b",
        _I,
    ),
    LazyPattern(r"\bskip(?:s|ping)?\s+(?:the\s+)?(?:billing|credit[\s-]?card|payment)(?:\s+(?:setup|step|"
        r"account))?\b", _I),
    LazyPattern(
        r"\b" + _NEG_AUX + r"\s+(?:cost|charge)\s+(?:you\s+|us\s+)?(?:a\s+(?:thing|cent|dime|penny|dollar)|"
        r"anything|a\s+single\s+(?:cent|penny)|money)\b",
        _I,
    ),
    LazyPattern(
        r"\b" + _NEG_AUX + r"\s+(?:charge|bill|invoice)(?:\s+(?:you|users|developers))?\b"
        r"(?!\s+(?:extra|more|differently|separately|per|your\s+(?:battery|phone)))",
        _I,
    ),
    LazyPattern(
        r"\b(?:at\s+)?(?:no|zero)[\s-]+(?:extra\s+|additional\s+|api\s+|usage\s+)?(?:costs?|charges?|fees?)\b"
        r"(?!\s+(?:estimates?|data|tracking|difference|information|info|breakdown|reports?|center|centre|"
        r"controls?|alerts?|surprises?|overruns?|spikes?|management|optimi[sz]ation|savings|model))",
        _I,
    ),
    LazyPattern(r"\bwithout\s+(?:any\s+)?(?:charge|cost|fees?)\b", _I),
    LazyPattern(r"(?<![\w$])\$\s?0(?:\.0+)?(?!\.?\d)(?![\d,])", _I),
    LazyPattern(r"(?<![\w.$])0\s?\$", _I),
    LazyPattern(r"\b(?:0|zero)\s*(?:dollars|usd|bucks)\b", _I),
    LazyPattern(r"\b(?:pay|paying|pays|spend|spending)\s+(?:absolutely\s+)?(?:nothing|zero|\$?0(?!\.\d))\b", _I),
    LazyPattern(r"\bnothing\s+to\s+pay\b", _I),
    LazyPattern(r"\bwithout\s+(?:ever\s+)?(?:paying|spending)\b", _I),
    LazyPattern(
        r"\b" + _NEG_AUX + r"\s+(?:have\s+to\s+|need\s+to\s+|ever\s+)?(?:pay|spend)\b(?!\s+(?:off|attention|"
        r"close|for\s+(?:itself|themselves)))",
        _I,
    ),
    LazyPattern(r"\bno\s+need\s+to\s+pay\b", _I),
    LazyPattern(
        r"\b(?:(?:is|are|was|were|get|gets)(?:\s+not|"
        r"n" + _APOS + r"t)|won" + _APOS + r"?t\s+be|will\s+not\s+be|never\s+(?:get\s+)?)"
        r"\s*(?:be\s+)?(?:billed|charged|invoiced|metered)\b",
        _I,
    ),
    LazyPattern(
        r"\b(?:no|zero|without(?:\s+(?:a|an|any|your))?)\s+(?:(?:cloud|api)\s+)?" + _PAY_OBJ
        + r"(?:\s+(?:account|setup|set\s+up|info(?:rmation)?|details|method|on\s+file))?\b"
        r"(?!\s+(?:surprises?|changes?|issues?|errors?|alerts?|dashboards?|data|reports?|differences?|impact|export|"
        r"page|console|api|games?|tricks?))",
        _I,
    ),
    LazyPattern(
        r"\bwithout\s+(?:enabling|setting\s+up|adding|linking|attaching|entering|providing|configuring|"
        r"turning\s+on)\s+"
        r"(?:a\s+|an\s+|any\s+|your\s+)?(?:(?:cloud|api)\s+)?(?:billing|credit[\s-]?cards?|payment|cards?)",
        _I,
    ),
    LazyPattern(
        r"\bno\s+need\s+(?:to\s+(?:enable|set\s+up|add|link|attach|enter|provide|configure)\s+|for\s+)"
        r"(?:a\s+|an\s+|any\s+|your\s+)?(?:(?:cloud|api)\s+)?(?:billing|credit[\s-]?cards?|payment|cards?|"
        r"paid\s+(?:plan|tier|account))",
        _I,
    ),
    LazyPattern(
        r"\b" + _NEG_AUX + r"\s+(?:even\s+)?(?:require|need|ask\s+for|requires|needs|asks\s+for)\s+"
        r"(?:(?:you\s+|users\s+|developers\s+)?to\s+(?:enable|set\s+up|add|link|attach|enter|provide|have)\s+)?"
        r"(?:a\s+|an\s+|any\s+|your\s+)?(?:(?:cloud|api)\s+)?"
        r"(?:billing|credit[\s-]?cards?|payment|cards?|paid\s+(?:plan|tier|account|key))",
        _I,
    ),
    LazyPattern(
        r"\b(?:billing|credit[\s-]?cards?|payment(?:\s+method)?|a\s+card)\s+(?:is\s+|are\s+)?"
        r"(?:not\s+required|not\s+needed|not\s+necessary|optional|unnecessary|"
        r"isn" + _APOS + r"?t\s+(?:required|needed|necessary))\b",
        _I,
    ),
)

_OTHER_CLAIMS_HINT = LazyPattern(CLAIM_WORDS, _I)

# Non-cost senses of "free" (checked on the lower-cased text around the word).
_FEEL_BEFORE = LazyPattern(r"\bfeel\s+$")
_BREAK_BEFORE = LazyPattern(r"\b(?:break|breaks|breaking|broke|broken|set|roam|roams|roaming|roamed)\s+$")
# "a cat running free in a field": free as in loose, where the running goes on (not "run free jobs").
_RUNNING_FREE = LazyPattern(r"\b(?:run|runs|running|ran|wander|wandering|wandered)\s+$")
_RUNNING_WHERE = LazyPattern(
    r"^\s*(?:through|across|around|along|wild\b|(?:in|on|at|over|by|near|into)\s+(?:a|an|the)\s+(?:open\s+)?"
    r"(?:fields?|parks?|gardens?|meadows?|wild|forests?|yards?|streets?|woods?|grass|sun|beach(?:es)?|shore|sand|"
    r"snow|hills?|mountains?|plains?|prairie|farm|countryside|lawn|savann?ah?|grasslands?|desert|road|waves)\b)"
)
_PERSON_FREE_TO_BEFORE = LazyPattern(
    r"(?:\b(?:you|we|they)(?:" + _APOS + r"re|\s+are|\s+were|\s+will\s+be|\s+remain)"
    r"|\b(?:users?|developers?|people|contributors?|everyone|anyone|readers?|teams?|customers?)\s+(?:are|is|"
    r"remain|will\s+be))"
    r"\s+(?:\w+\s+)?$"
)
_FREE_TO_NONCOST = LazyPattern(
    r"^\s+to\s+(?:modify|redistribute|share|fork|change|choose|pick|swap|switch|mix|ask|reach|contact|open|"
    r"contribute|"
    r"submit|create|install|download|clone|read|join|register|sign\s+up|leave|go|copy|adapt|edit|reuse|comment|"
    r"browse|"
    r"view|watch|visit|attend|subscribe|enrol+|print)\b"
)
_FREE_AFTER_NONCOST = LazyPattern(
    r"""^(?:
        \s?\(\s*[\w*&>.\[\]-]*\s*\)             # free(ptr), free()
      | \.\w                                    # free.py
      | \s*/\s*(?:open|libre)
      | \s*,?\s*(?:and\s+|&\s+)?open[\s-]source
      | \s+(?:software|and\s+open|&\s+open|open[\s-]source|as\s+in|speech|will|rein|hand|text|form|
             variables?|parameters?|space|memory|disk|ram|vram|slots?|ports?|threads?|time|fall|energy|agents?|
             kicks?|throws?|association|choice|standing|floating|lists?|blocks?|pages?|buffers?|heap|lunch|
             fonts?|icons?|assets?|stock|photos?|function|method|routine|syscall|variable|radicals?|shipping|
             delivery|returns|stickers?|swag|merch|gifts?|t-?shirts?|posters?|prints|coffee|pizza|food|snacks?|
             drinks?|beer|parking|wi-?fi|consultations?|estimates?|
             of\s+(?!charge|cost|costs|fees?|payment)|from|up\b(?!\s+to\b))\b
    )""",
    re.VERBOSE,
)
_FREE_HYPHEN_AFTER = LazyPattern(r"^-(\w+)")
# "gluten free", "watermark free", "hassle free": a noun that takes "free" as a compound ("without X"),
# written with a space (hyphenated compounds never reach this: "free" after "-" is no claim word).
# Words that make it a price ("cost free", "fee free", "payment free") are deliberately not listed.
_COMPOUND_NOUN_BEFORE = LazyPattern(
    r"\b(?:gluten|sugar|fat|caffeine|lactose|dairy|nuts?|peanuts?|soy|egg|wheat|grain|meat|alcohol|allergens?|gmo|"
    r"calories?|carbs?|salt|cruelty|smoke|smoking|plastic|carbon|bpa|parabens?|sulfates?|fragrance|chemicals?|"
    r"pesticides?|watermarks?|logos?|artifacts?|artefacts?|noise|blur|glare|banding|flicker|distortions?|ads?|"
    r"advert(?:isement)?s?|distractions?|clutter|spam|jargon|hassle|worry|stress|pain|trouble|fuss|friction|"
    r"maintenance|errors?|bugs?|crash|glitch|jank|lag|latency|downtime|lock|wait|dependency|boilerplate|"
    r"copyright|royalty|duty|tax|toll|rent|hands|scratch|drift|allocations?|(?:side[\s-])?effects?|cache|"
    r"backgrounds?|locks?|mutex|leaks?|races?|branch|zero[\s-]copy|state|schema|dependencies|boilerplate)\s+$"
)
# ... unless "free" then names what is free ("the watermark free tier" is still a free tier).
_COST_NOUN_AFTER = LazyPattern(r"^[\s-]+(?:tiers?|quotas?|plans?|credits?|trials?|usage|access|api)\b")
_COST_HYPHEN_WORDS = frozenset(
    (
        "tier", "tiers", "to", "of", "plan", "plans", "quota", "usage", "access", "api", "credit", "credits",
        "trial", "forever", "version", "account", "accounts", "key", "keys", "edition", "option", "level",
        "for", "use", "gemini", "nano", "image", "images", "generation", "generations", "calls", "requests",
        "allowance", "limits", "limit", "of-charge",
    )
)
_VERB_BEFORE = LazyPattern(
    r"(?:^|[:.\-*>#/]\s*|\b(?:to|must|should|will|can|could|then|and|we|you|i|always|never|please|todo|fixme|"
    r"don" + _APOS + r"?t|do\s+not|need\s+to|let" + _APOS + r"?s|helps?))\s*$"
)
_VERB_OBJECT_AFTER = LazyPattern(
    r"^\s+(?:the|a|an|all|any|up(?!\s+to)|it|them|its|their|our|your|this|that|these|those|memory|resources?|"
    r"objects?|buffers?|handles?|pointers?|gpu|vram|cache|tensors?|allocated)\b"
)
_TOPIC_AFTER = LazyPattern(
    r"^[\s-]+tiers?\s+(?:questions?|guide|status|eligibility|wording|claims?|myths?|confusion|rows?|columns?|"
    r"checks?|faq|page|docs|documentation|article|map|topic|comparison|section|field|label|flag|setting|"
    r"config|values?|enum|constant|rules?|limits\s+guide|decision)\b"
)
_ALTERNATIVE_AFTER = LazyPattern(
    r"^(?:\s*,\s*\w+\s*,?)?\s*(?:or|vs\.?|versus|/)\s*(?:paid|billed|premium|pro|standard|priced|not|non-free)\b"
)
_ALTERNATIVE_BEFORE = LazyPattern(r"\b(?:paid|billed|premium)\s*(?:or|vs\.?|versus|/)\s*$")
# "the key is free", "an API key from AI Studio is free": the key costs nothing, which is true.
_KEY_PREDICATE_BEFORE = LazyPattern(
    r"\bkeys?\s+(?:(?:from|in|via|through|at)\s+(?:[\w.-]+\s+){1,4})?(?:is|are|costs?)\s+(?:\w+\s+)?$"
)

# Scope boundaries (positions are in the sentence).
_CONTRAST_BOUNDARY = LazyPattern(
    r"[.!?](?=\s|$)|;|\s[\u2014\u2013]\s?|\u2014|\s--?\s"
    r"|\b(?:but|however|although|though|whereas|while|whilst|unlike|compared\s+(?:to|with)|versus|instead\s+of|"
    r"rather\s+than)\b"
    r"|,\s*(?:and|so)\b",
    _I,
)
_LEADING_CONTRAST = LazyPattern(r"\b(?:unlike|compared\s+(?:to|with)|versus|instead\s+of|rather\s+than)\b", _I)
_NEG_BOUNDARY = LazyPattern(
    r"[.!?](?=\s|$)|[;:|()\[\],]|\s[\u2014\u2013]\s?|\u2014|\s--?\s"
    r"|\b(?:but|however|although|though|whereas|while|whilst|and|so|because|since|which|unlike)\b",
    _I,
)
_POST_STOP = LazyPattern(
    r"[.!?](?=\s|$)|;|,|\s[\u2014\u2013]\s?|\u2014|\s--?\s"
    r"|\b(?:and|so|which|who|because|since|if|when|unless|while|but|although|though|as\s+long\s+as)\b",
    _I,
)

# Negation before the claim (inside its clause) and after it.
_PRE_NEG_IGNORE = LazyPattern(
    r"\bnot\s+(?:only|just|merely|simply|to\s+mention)\b|\bno\s+(?:matter|doubt|wonder|kidding|joke|surprise|"
    r"question|"
    r"strings|catch|hidden|brainer|-?code)\b|\bnothing\s+(?:beats|compares)\b|\bzero[\s-]shot\b|\bnon-?stop\b"
)
_PRE_NEG = LazyPattern(
    r"\b(?:not|no|never|without|neither|nor|none|nobody|nothing|cannot|lacks?|lacking|zero|excluded|excludes?|"
    r"ineligible|outside|removed\s+from|dropped\s+from|used\s+to\s+be|isnt|doesnt|dont|wont|cant|arent|hardly)\b"
    r"|\blimits?\s*(?:of|:|=|is|are|set\s+to)?\s*0\b|[\u274c\u2717\u2718\U0001f6ab\u26d4]"
    r"|n" + _APOS + r"t\b"
)
_TRAILING_NEG = LazyPattern(r"(?:\bnot|n" + _APOS + r"t|\bnever|\bno\s+longer)\s*$")
#: "Free tier: none", also with what it is for ("Free tier for gemini-3.1-flash-image: **none**",
#: "free tier (Nano Banana 2): no", "free tier: none (gemini-3.1-flash-image)"): the label form of a denial.
_POST_LABEL_NEG = LazyPattern(
    r"^(?:[\s-]+(?:tiers?|quota|plan|usage|access|api))?(?:\s+(?:for|on|with|of|in)\s+[^:|=()\n]{1,60}?)?"
    r"(?:\s*\([^)\n]{0,40}\))?"
    r"(?:\s*[:|=(]\s*|\s+[-\u2013\u2014]\s+)[*_]{0,3}(?:no|none|n/?a|nil|0|zero|\u274c|\u2717|\u2718|\u00d7)[*_]{0,3}"
    r"[ \t]*(?:[|().,;\r\n]|$)"
    r"|^(?:[\s-]+(?:tiers?|quota|plan|usage|access|api))?\s*\|\s*[-\u2013\u2014]+\s*(?:\||$)",
    _I,
)
_POST_AVAIL_NEG = LazyPattern(
    r"^(?:[^.!?;]|[.](?=\w)){0,80}?\b(?:not\s+(?:currently\s+|yet\s+)?(?:available|offered|supported|included|provided|"
    r"applicable|"
    r"listed|enabled|eligible|an\s+option)|unavailable|n/a)\b",
    _I,
)
_POST_VERB_NEG = LazyPattern(
    r"\b(?:do(?:es)?\s+not|do(?:es)?n" + _APOS + r"?t|is\s+not|isn" + _APOS + r"?t|are\s+not|aren" + _APOS
    + r"?t|was\s+not|wasn" + _APOS + r"?t|cannot|can" + _APOS + r"?t|won" + _APOS + r"?t|will\s+not|never|"
    r"no\s+longer|(?:was|were|has\s+been|have\s+been)\s+(?:removed|discontinued|dropped|retired|ended|withdrawn|"
    r"cancell?ed)|ended|expired|went\s+away|is\s+gone|get\s+(?:an?\s+)?(?:429|error|errors)|(?:gets?|are|is|"
    r"will\s+be)\s+(?:rejected|blocked|denied|refused|throttled)|fails?|returns?\s+(?:an?\s+)?"
    r"(?:429|error)|are\s+(?:rejected|blocked|denied)|excludes?|stopped)\b",
    _I,
)
_NONASSERTIVE = LazyPattern(
    r"\b(?:whether|unless)\b|\bif\b(?!\s+you(?:" + _APOS + r"re|\s+are)?\s+(?:just\s+|only\s+)?(?:want|need|"
    r"looking|after))",
    _I,
)
_WHY_START = LazyPattern(r"^\W*why\b", _I)
_QUESTION_LEFT = LazyPattern(r"[.!?](?=\s)|[;:|]")
_WHEN = LazyPattern(r"\b(?:when|once|while)\b", _I)
_ON_TIER_BEFORE = LazyPattern(r"\b(?:on|using|in|with)\s+(?:(?:a|an|the|your|their|our)\s+)?$", _I)
_QUESTION_START = LazyPattern(r"^\W*(?:is|are|does|do|can|could|will|should|has|have|was|were|did)\b", _I)

# Sentence-level cues.
_PAID_ONLY = LazyPattern(
    r"\bpaid[\s-]only\b|\bonly\s+(?:available\s+)?(?:on\s+|in\s+|with\s+|through\s+)?(?:the\s+|a\s+)?paid\b"
    r"|(?<!not\s)(?<!n't\s)(?<!n\u2019t\s)(?<!never\s)\brequires?\s+(?:a\s+|an\s+)?(?:billing|paid|credit\s+card|"
    r"payment)|(?<!\bno\s)(?<!\bno\sapi\s)(?<!\bno\scloud\s)\bbilling\s+(?:is\s+)?"
    r"(?:required|mandatory)\b"
    r"|\bmust\s+(?:enable|set\s+up|add|have)\s+(?:a\s+)?billing|\b(?:is|are)\s+billed\b|\bbilled\s+(?:per|from|"
    r"at|separately)\b"
    r"|\b(?:is|are)\s+(?:a\s+)?paid\b|\b(?:is|are)\s+(?:excluded|not\s+(?:included|eligible|covered))\b"
    r"|\b(?:is|are)(?:\s+not|n['\u2019]t)\s+(?:part\s+of|included|covered|eligible|on\s+(?:it|the\s+free))"
    r"|\b(?:does|do|is|are|has|have)(?:\s+not|n['\u2019]t)(?:\s+(?:qualify|apply|"
    r"count))?(?:\s+either)?\s*(?:[.;,)]|$)"
    r"|\b(?:has|have)\s+none\b(?!\s+of)|\bwe\s+pay\s+(?:google|for)\b"
    r"|(?<!\bno\s)(?<!\bnever\s)\bcharges?\s+(?:per|for)\b|\$\s?(?:0\.0*[1-9]|[1-9])\d*(?:\.\d+)?\s*(?:per|/|for|each|a\b)",
    _I,
)
_NEED_PAID = LazyPattern(r"\b(?:needs?|requires?)\s+(?:a\s+|to\s+(?:enable|set\s+up|add)\s+)?(?:billing|paid|"
    r"credit\s+card|payment)", _I)
_NEED_PAID_NEGATED = LazyPattern(r"(?:\bno|\bnot|n['\u2019]t|\bnever|\bwithout)\s+(?:\w+\s+){0,2}$", _I)
_CORRECTION = LazyPattern(
    r"\b(?:myths?|misconceptions?|misleading|mistaken(?:ly)?|wrong(?:ly)?|incorrect(?:ly)?|inaccurate|untrue|falsely|"
    r"outdated|claims?(?!\s+your)|claimed|claiming|alleged?|allegedly|rumou?rs?|supposedly|so-called|assum(?:e|"
    r"es|ed|ing|ption)|"
    r"beware|fooled|debunk\w*|clickbait|confus(?:e|es|ed|ing|ion)|conflat\w*|advertis\w*|pretend\w*)\b"
    # Reported or described wording: "a sentence that says the Gemini API is free", "stop saying ...".
    r"|\b(?:that|which)\s+(?:says?|claims?|states?|calls?)\b|\bsaying\b|\bsaid\b",
    _I,
)

# Other surfaces and subjects that make a "free" statement about something other than the API.
_SURFACE = LazyPattern(
    r"\b(?:google\s+)?ai\s*studio\b|aistudio|makersuite|\bgemini\s+(?:apps?|advanced|web\s+app|mobile\s+app|"
    r"chat(?:bot)?)\b"
    r"|gemini\.google\.com|\bgoogle\s+ai\s+(?:pro|ultra|premium|plus)\b|\bgoogle\s+one\b|\bconsumers?\b|\bbrowser\b"
    r"|\bweb\s+ui\b|\bplayground\b|\bmobile\s+app\b|\bthe\s+app\b|\bwhisk\b|\bgoogle\s+(?:flow|photos|slides|"
    r"search|lens)\b"
    r"|\bnotebooklm\b|\$300\b|\b(?:google\s+cloud|gcp)\s+(?:free\s+)?(?:trial|credits?)|flow\.google"
    r"|\b(?:in|inside|within|via|through)\s+(?:the\s+)?gemini\b(?![\s-]*(?:api|developer|\d|models?|image|flash|"
    r"pro\b|"
    r"['\u2019]s\s+api|-))",
    _I,
)
_SURFACE_CASED = LazyPattern(r"\bFlow\b")  # Google Flow
# The claim word owned by the consumer app ("the Gemini app's free limits", "the Gemini Apps free plan"):
# about the app whatever the sentence says of the API beside it ("... are separate from API quota").
_OWNED_BY_APPS = LazyPattern(r"\bgemini\s+(?:apps?|advanced)(?:" + _APOS + r"s?)?\s+$", _I)
# ... when the sentence sets the two apart ("are separate from API quota", "are different things"),
# not when it joins them ("also apply to the Gemini API in production", "are not separate from it").
_API_NOUN = r"(?:the\s+|your\s+)?(?:gemini\s+)?(?:developer\s+)?api"
_SEPARATE = LazyPattern(
    r"\b(?:are|is)\s+(?:(?!not\b|never\b)\w+\s+)?(?:separate|different|distinct|unrelated)\b"
    r"|\b(?:separate|different|distinct|unrelated|independent)\s+(?:from|of|to)\s+" + _API_NOUN + r"\b"
    r"|\bnot\s+the\s+same\s+as\s+" + _API_NOUN + r"\b",
    _I,
)
# A surface named in the sentence does not make a claim about it when the claim word is the API's
# ("so the API is free", "free Gemini API access", "call the Gemini API for free") or the sentence
# joins the surface's free use to the API ("the app's free limits also apply to the Gemini API").
_API_IS_BEFORE = LazyPattern(_API_NOUN + r"(?:" + _APOS + r"s)?\s+(?:is|are|stays|remains)\s+(?:\w+\s+){0,2}$", _I)
_API_RIGHT_AFTER = LazyPattern(r"\s+(?:gemini\s+)?(?:developer\s+)?api\s+(?:access|calls?|requests?|usage)\b", _I)
_USE_THE_API_BEFORE = LazyPattern(
    r"\b(?:call|use|hit|access|query)\s+" + _API_NOUN + r"\b[^.;:!?]*$|\bvia\s+" + _API_NOUN + r"\s+(?:\w+\s+){0,2}$", _I
)
_JOINS_THE_API = LazyPattern(
    r"\b(?:appl(?:y|ies)|extends?|carr(?:y|ies)\s+over)\s+(?:\w+\s+){0,2}?to\s+" + _API_NOUN + r"\b"
    r"|\b(?:covers?|includes?|is\s+shared\s+with|counts?\s+toward)\s+" + _API_NOUN + r"\b",
    _I,
)
_JOIN_DENIED = LazyPattern(r"(?:\bnot|n['\u2019]t|\bnever|\bonly)\s+(?:\w+\s+){0,2}$", _I)
# AI Studio named only as where the key used for the calls comes from ("free with an API key from AI
# Studio", "using an AI Studio API key"): the claim is about API calls made with that key, not browser
# testing. Only the instrument form counts; "you get keys in AI Studio, ... free to try there" stays.
_AI_STUDIO = r"(?:google\s+)?(?:ai\s*studio|aistudio|makersuite)"
_KEY_FROM_SURFACE = LazyPattern(
    r"\b(?:with|using|via|through)\s+(?:(?:a|an|the|your|one|any)\s+)?(?:free\s+)?(?:gemini\s+)?"
    r"(?:(?:api\s+)?keys?\s+(?:(?:created|generated|made|issued|obtained|from|in|via|through|on|at)\s+){1,2}"
    r"(?:the\s+)?" + _AI_STUDIO + r"|" + _AI_STUDIO + r"(?:" + _APOS + r"s)?\s+(?:api\s+)?keys?)\b"
    # The key itself as what gives the access: "the AI Studio API key gives free access", "an API key
    # from AI Studio gets you free calls" (a compound naming the key, with "API" in it).
    r"|\b(?:the|an?|your|our|my)\s+(?:" + _AI_STUDIO + r"(?:" + _APOS + r"s)?\s+(?:gemini\s+)?api\s+keys?"
    r"|(?:gemini\s+)?api\s+keys?\s+(?:from|in|via)\s+(?:the\s+)?" + _AI_STUDIO + r")\b",
    _I,
)
_SURFACE_BOUNDARY = LazyPattern(
    r"[.!?](?=\s|$)|;|\b(?:but|however|although|though|whereas|while|whilst|unlike)\b", _I
)
_PRODUCTION = LazyPattern(
    r"\b(?:in\s+production|for\s+production|in\s+prod|production\s+(?:traffic|use|usage|apps?|workloads?|calls?|"
    r"quota)|"
    r"backend|server[\s-]side|at\s+scale|bulk|api\s+(?:calls?|requests?|usage|quota)|unlimited)\b",
    _I,
)
_GATEWAY = LazyPattern(
    r"\b(?:openrouter|fal\.ai|fal\.run|replicate\.com|together\.ai|together\s+ai|puter(?:\.js)?|kie\.ai|aimlapi|"
    r"laozhang|"
    r"hugging\s*face|huggingface|hf\s+spaces?|cloudflare|workers\s+ai|github\s+models|azure|aws|bedrock|groq|novita|"
    r"deepinfra|segmind|wavespeed|eachlabs|apiyi|poe\.com|third[\s-]party|gateways?|prox(?:y|ies)|resellers?|"
    r"aggregators?|relays?|promo(?:tion)?(?:al)?s?|coupons?|referrals?|sign[\s-]?up\s+bonus|partners?)\b",
    _I,
)
_GATEWAY_CASED = LazyPattern(r"\b(?:Replicate|Together|Poe|Spaces|fal)\b")
_COMPETITOR = LazyPattern(
    r"\b(?:openai|chatgpt|dall[\s\u00b7.-]?e(?:[\s-]?\d)?|gpt[\s-]?image(?:[\s-]?\d)?|gpt-?4o|gpt-\d[\w.-]*|"
    r"midjourney|"
    r"stable\s+diffusion|sdxl|sd\s?(?:1\.5|2\.1|3(?:\.5)?)|flux(?:\.\d)?|black\s+forest\s+labs|ideogram|firefly|"
    r"adobe|"
    r"bing|copilot|canva|leonardo(?:\.ai)?|krea|runway(?:ml)?|pika|claude|anthropic|meta\s+ai|llama|qwen|seedream|"
    r"bytedance|grok|xai|mistral|deepseek|imagen(?:[\s-]?\d[\w.-]*)?|dreamstudio|automatic1111|comfyui|ollama|"
    r"recraft|hunyuan|kling|pollinations|gimp|photoshop|unsplash|pexels|pixabay|colab|kaggle|netlify|vercel|heroku|"
    r"render\.com|fly\.io|supabase|github\s+(?:actions|pages|codespaces)|android\s+studio|code\s+assist|"
    r"gemini\s+cli|gemini\s+in\s+\w+|google\s+workspace|jules|cloud\s+(?:run|functions|storage|build|sql|"
    r"logging)|bigquery|"
    r"firestore|app\s+engine|compute\s+engine|gke|firebase\s+(?:hosting|storage|auth)|veo(?:[\s-]?\d[\w.-]*)?|"
    r"lyria|chirp|gemma(?:[\s-]?\d[\w.-]*)?)\b",
    _I,
)
_NON_MODEL = LazyPattern(
    r"\b(?:sdks?|librar(?:y|ies)|packages?|google-genai|gemini-lint|linter|repo|repository|notebooks?|"
    r"templates?|docs|"
    r"documentation|tutorials?|courses?|e-?books?|webinars?|newsletters?|licen[cs]es?|source\s+code|code\s+samples?|"
    r"cookbook|community|discord|forums?|accounts?|sign[\s-]?ups?|registration|keys?|fonts?|icons?|cli|ide|editor|"
    r"extensions?|plugins?|thumbnails|downloads?)\b",
    _I,
)

_NON_MODEL_NEAR = LazyPattern(
    r"\b(?:sdks?|librar(?:y|ies)|packages?|google-genai|gemini-lint|linter|repo|repository|notebooks?|"
    r"templates?|docs|"
    r"documentation|tutorials?|courses?|e-?books?|licen[cs]es?|source\s+code|code\s+samples?|cookbook|cli|"
    r"extensions?|plugins?|merch|sticker\s+packs?|stickers?|swag|t-shirts?|prompt\s+(?:library|pack|guide)s?|"
    r"prompts?|"
    r"examples?|samples?|workshops?|webinars?|demos?|wrappers?|guides?|cheat\s*sheets?|videos?|(?:web\s*)?sites?|"
    r"websites?|blogs?|pages?|books?|podcasts?|newsletters?|courses?|specs?|specifications?|schemas?|"
    r"(?:white\s*)?papers?|model\s+cards?|datasets?|references?|(?<!gemini )(?<!gemini-)(?:apps?|applications?)|tools?|services?|bots?|"
    r"generators?|saas|web\s*ui)\b",
    _I,
)
#: A non-model word that only says where something happens ("calling ... from this notebook is free").
_PLACE_BEFORE = LazyPattern(r"\b(?:from|in|inside|within|via|through)\s+(?:(?:this|that|the|a|an|your|our|my|any|each)\s+)?$")
_COPULA_ONLY = LazyPattern(
    r"(?:\s*(?:['\u2019]s|is|are|was|were|be|also|completely|totally|entirely|100%|itself|themselves|itself|a|an|the|"
    r"its|their|remains?|stays?|comes?|with|always|still|now)\b)*\s*$",
    _I,
)
# "docs for Nano Banana 2 are ...": the non-model word heads a phrase that names the subject (blanked).
_HEAD_OF_SUBJECT = LazyPattern(r"\s+(?:for|of|about|on|covering)\s+(?:the\s+)?" + _COPULA_ONLY.pattern, _I)
_NON_MODEL_AFTER = LazyPattern(
    r"\s+(?:[\w-]+\s+)?(?:tutorials?|courses?|notebooks?|templates?|e-?books?|webinars?|guides?|newsletters?|"
    r"cheat\s*sheets?|workshops?|demos?|sdks?|librar(?:y|ies)|docs|documentation|fonts?|icons?|assets?|plugins?|"
    r"extensions?|videos?|articles?|resources|community|communities|discord|slack|forums?|meetups?|events?|"
    r"hackathons?|channels?|newsletters?|office\s+hours|support|tools?|generators?|self[\s-]?host(?:ed|ing)?|"
    r"accounts?)\b"
)
_DOUBLE_QUOTED = LazyPattern(r"\"[^\"\n]{1,160}\"|\u201c[^\u201c\u201d\n]{1,160}\u201d")
_ELLIPTIC_DENIAL = LazyPattern(
    r"(?:\b(?:not|except|excluding|excludes?|but\s+not)|n['\u2019]t\s+(?:include|cover|support|apply\s+to)|"
    r"\bnot\s+(?:include|cover|support|apply\s+to))\s+(?:(?:for|on|with|to|including|via|the|through)\s+)*$"
)
_CONTRASTED_SUBJECT = LazyPattern(
    r"\b(?:alternatives?\s+to|instead\s+of|rather\s+than|replacements?\s+for|competitors?\s+(?:to|of)|"
    r"cheaper\s+than|unlike|compared\s+(?:to|with)|versus|vs\.?)\s+(?:the\s+)?$"
)
_OTHER_RIGHT_AFTER = LazyPattern(r"\s+(?:[\w-]+\s+)?(?:" + _GATEWAY.pattern + "|" + _COMPETITOR.pattern + ")", _I)
_ROUTE_AFTER = r"(?:\s+[\w-]+){0,5}?\s+(?:via|through|on|from|with|at|using|by|thanks\s+to)\s+(?:the\s+)?"
_GATEWAY_ROUTE_AFTER = LazyPattern(_ROUTE_AFTER + _GATEWAY.pattern, _I)
_GATEWAY_ROUTE_AFTER_CASED = LazyPattern(_ROUTE_AFTER + r"\b(?:Replicate|Together|Poe|Spaces|fal)\b")
_AWAY_FROM = LazyPattern(
    r"\b(?:from|off|instead\s+of|rather\s+than|than|over|not|unlike|replac\w+|leav\w+|dropp\w+|quit\w*|ditch\w*)"
    r"\s+(?:[\w'-]+\s+){0,2}$"
)
_PROPER_NAME = LazyPattern(r"(?<![\w-])[A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*)*")
_NOT_NAMES = frozenset(
    (
        "free", "tier", "tiers", "api", "apis", "note", "notes", "cost", "costs", "price", "pricing", "tl;dr", "tip",
        "tips", "pro", "yes", "no", "the", "our", "we", "you", "it", "its", "this", "that", "these", "with", "for",
        "and", "or", "but", "plan", "plans", "quota", "usage", "access", "standard", "batch", "developer",
        "developers",
        "bonus", "important", "warning", "heads", "up", "faq", "q", "a", "an", "i", "in", "on", "to", "of", "so",
        "todo", "fixme", "nb", "ps", "update", "edit", "good", "news", "great", "best", "part", "why", "how", "what",
        "limits", "limit", "rpm", "rpd", "tpm", "2026", "it's", "there", "here", "then", "now", "just", "also",
        "unlimited", "paid", "billing", "total", "summary", "short", "currently", "today", "sadly", "luckily",
        "everyone", "everybody", "anyone", "anybody", "each", "every",
    )
)
#: Words that make a name Google's, so its free plan no other product's ("Google's free tier", "Gemini has a
#: free plan", "Vertex AI has a free trial"): the Gemini subjects themselves are blanked before names are read.
_GOOGLE_NAMES = frozenset(("google", "gemini", "deepmind", "vertex"))
#: A free trial, plan, tier, version or account (after "free"), and its owner after it: "a free trial of <our app>".
_FREE_THING = LazyPattern(r"[\s-]+(?:trials?|plans?|tiers?|versions?|accounts?)\b", _I)
_FREE_THING_OF = LazyPattern(_FREE_THING.pattern + r"\s+of\s+(?:(?:the|our|my|your|their|this|that)\s+)?", _I)
#: ... or its owner before it, as the subject that has it or as a possessive: "<ThumbGen> has a free plan",
#: "<our app>'s free tier".
_OWNS_BEFORE = LazyPattern(
    r"(?:['\u2019]s|\s+(?:also\s+|now\s+|still\s+)?(?P<verb>has|have|offers?|comes?\s+with|includes?|"
    r"gives?(?:\s+you)?))\s+(?:(?:a|an)\s+)?$",
    _I,
)
_NOT_PRODUCTION = LazyPattern(r"(?:\bnot|\bno|n['\u2019]t|\bnever|\bwithout)\s+(?:[\w-]+\s+){0,3}$", _I)

# A claim whose subject is in the sentence before it (or the heading above): "Get a Gemini API key from
# Google AI Studio. The free tier covers most development use." Read only in these narrow forms.
#: The claim sentence (lower case): "the free tier" as its subject ("The free tier covers ...", not "the free
#: tier of AI Studio"), or "it" ("It's free to call", "It costs nothing", "It has a free tier", "Its free tier").
_JOINED_CLAIM = LazyPattern(
    r"[\s*_>#+\u2022-]*(?:"
    r"(?P<tier>(?:the\s+)?free\s+tier(?=\s+(?:covers|gives|includes|allows|lets|offers|provides|is|should|will|"
    r"can|has|comes|supports|handles|works|suffices|gets|grants|permits|goes|stays|remains)\b))"
    r"|(?P<it>it(?:['\u2019]s|\s+is|\s+was)\s+(?:also\s+|completely\s+|totally\s+|entirely\s+|still\s+|currently\s+)?"
    r"free\b|it\s+(?:also\s+|still\s+)?costs\s+(?:you\s+)?nothing\b|it\s+(?:also\s+)?has\s+(?:a\s+)?(?:generous\s+)?"
    r"free\s+tier\b|its\s+free\s+tier(?=\s+[a-z])))",
    _I,
)
#: Words that keep a claim sentence from being joined at all: a denial or a limit anywhere in it, a question,
#: or a first person that may own the free thing ("The free tier of our app ...", "it's free for us").
_JOIN_STOP = LazyPattern(
    r"\b(?:no|not|never|none|without|cannot|only|except|unless|whether|our|we|us|my)\b|n['\u2019]t\b|\?"
)
#: Markup and a step label before the first word of a sentence or heading ("**Step 1:** ").
_STEP_MARKUP = r"[\s*_>#+\u2022`\[-]*(?:(?:step|part)\s+\d+\s*[:.)\u2013\u2014-]\s*[*_]*\s*)?"
#: What may come before the subject of the sentence before: markup, a step label, then the subject itself
#: ("Nano Banana 2 is ...", "The Gemini API ...") or a verb telling the reader to get or use it ("Get a Gemini
#: API key ...", "Using the Gemini API", "You'll need a Gemini API key"); group "verb" holds the latter.
_JOIN_LEAD = LazyPattern(
    _STEP_MARKUP
    + r"(?:(?P<verb>(?:get|grab|create|obtain|generate|use|call|enable|set\s+up|sign\s+up\s+for|getting|grabbing|"
    r"creating|obtaining|generating|using|calling|enabling|setting\s+up|signing\s+up\s+for|"
    r"you(?:['\u2019]ll|\s+will)?\s+need|requires?)\s+(?:(?:a|an|the|your|own|new)\s+){0,2})|the\s+)?[`\[]?\Z"
)
_JOIN_MARKUP = LazyPattern(_STEP_MARKUP, _I)
#: A noun that the subject only qualifies ("the Gemini API key", "the Nano Banana 2 app"): what "it" or
#: "the free tier" would then be about is that thing (a key is free; an app's free tier is its own).
_HEAD_NOUN_AFTER = LazyPattern(
    r"[\s`*_]*(?:[\w-]+\s+)?(?P<noun>keys?|sdks?|clients?|librar(?:y|ies)|wrappers?|servers?|bots?|apps?|"
    r"applications?|plugins?|extensions?|integrations?|projects?|tools?|generators?|docs|documentation|tutorials?|"
    r"guides?|courses?|demos?|examples?|templates?|notebooks?|ui|frontends?|mcp|cli|prox(?:y|ies)|gateways?|"
    r"playground|studio|skills?|agents?|nodes?|actions?|plans?|accounts?|credits?|calls?|requests?|responses?|"
    r"helpers?|objects?|results?)\b"
)
#: Google's other surfaces, whose free trials and credits are their own ("a key from Vertex AI", "Google Cloud").
_OTHER_GOOGLE_SURFACE = LazyPattern(r"\b(?:vertex|google\s+cloud|gcp|firebase|workspace)\b")
#: A sentence whose surface (AI Studio) is only where a key is made ("Go to Google AI Studio and create one").
_KEY_ERRAND = LazyPattern(
    r"\b(?:create|generate|get|grab|make|copy)\s+(?:one|it|(?:a|an|your)\s+(?:new\s+)?(?:gemini\s+)?(?:api\s+)?key)\b"
)
#: In the sentence a subject is taken from: a denial (what follows may be a contrast), or the project, server or
#: product that the reader's free use may be of.
_ANTECEDENT_STOP = LazyPattern(
    r"\b(?:no|not|never|none|nor|without|cannot|projects?|servers?|mcp|products?|platforms?|startups?|"
    r"compan(?:y|ies))\b|n['\u2019]t\b|\?"
)
#: A line that is all bold or all underline emphasis: a heading written without ``#`` ("**Step 1: ...**").
_BOLD_LINE = LazyPattern(r"(?:\*\*|__)[^\n]{1,200}(?:\*\*|__)[ \t]*\Z")
_SENTENCE_STOP_AT_END = LazyPattern(r"[.!?][\"'\u201d\u2019)\]*_]*\s*$")
#: A heading longer than this is no heading to take a subject from.
_MAX_HEADING = 300


# --------------------------------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------------------------------

_FLASH_MESSAGE = (
    "the official Gemini Developer API has no free tier for gemini-3.1-flash-image (Standard $60 / Batch $30 "
    "per 1M output image tokens, June 2026 pricing); AI Studio is for browser testing only; write \"AI Studio "
    "testing\" or \"official API Free Tier not available\" instead"
)
_PRO_MESSAGE = (
    "don't promise free API use of Gemini 3 Pro Image (Nano Banana Pro): check the Gemini API pricing row "
    'for gemini-3-pro-image, then say "AI Studio testing" for browser trials or "official API Free Tier not '
    'available" for API use'
)
_OTHER_MESSAGE = (
    "free-tier eligibility is per model and changes: cite the Gemini API pricing row for {subject} with a "
    "date; gemini-3.1-flash-image (Nano Banana 2) has no Developer API free tier (Standard $60 / Batch $30 "
    "per 1M output image tokens, June 2026 pricing) and AI Studio is browser testing only"
)
_FLASH_31 = LazyPattern(r"3\.1|banana[\s_-]*(?:2|two)\b", _I)
_PRO_IMAGE = LazyPattern(r"\bpro\b|3[\s-]+pro[\s-]+image|banana[\s_-]*pro", _I)
_API_WORD = LazyPattern(r"\bapi\b", _I)
_SPECIFIC_MODEL = LazyPattern(r"^(?:models/)?gemini-|^gemini\s+\d|^nano[\s_-]?banana$", _I)


def _message_for(subject: str) -> str:
    """What to write instead, for the subject the sentence names.

    A retired ID named as the subject gets its dates and replacement in front, from the registry and
    the run's date (:func:`gemini_lint.rules.free_claims`), not here: this module knows no date.
    """
    low = subject.lower()
    is_image = "image" in low or "banana" in low
    if is_image and _PRO_IMAGE.search(low.replace("-", " ")):
        return _PRO_MESSAGE
    if is_image and _FLASH_31.search(low):
        return _FLASH_MESSAGE
    if _SPECIFIC_MODEL.search(subject.strip("`")):
        # Another named model (gemini-2.5-flash, Nano Banana = gemini-2.5-flash-image, ...).
        return _OTHER_MESSAGE.format(subject=subject)
    return _FLASH_MESSAGE  # "the Gemini API", "the image API", "Gemini image generation", ...


# --------------------------------------------------------------------------------------------------
# Segmentation
# --------------------------------------------------------------------------------------------------

_Span = tuple[int, int]


def _units(text: str, headers: Optional[dict[int, _Span]] = None) -> list[tuple[int, int, str]]:
    """Split ``text`` into units: paragraphs, list items, headings and table rows (start, end, kind).

    ``headers`` (when given) gets, for each row of a Markdown table with a header row, the span of
    that header, keyed by the row's start: a column's header says what its cells are.
    """
    units: list[tuple[int, int, str]] = []
    header: Optional[_Span] = None  # the header row of the table being read
    cur_start = -1
    cur_end = -1
    cur_kind = ""
    last_table_unit = -1  # index in ``units`` of a table row on the previous line, or -1
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl == -1:
            nl = n
        line = text[pos:nl]
        stripped = line.strip()
        table_line = -1
        if stripped:
            lead = len(line) - len(line.lstrip())
            start = pos + lead
            end = pos + len(line.rstrip())
            if _TABLE_SEP.match(stripped) or _RULE.match(stripped):
                if cur_start >= 0:
                    units.append((cur_start, cur_end, cur_kind))
                    cur_start = -1
                if last_table_unit >= 0 and _TABLE_SEP.match(stripped) and "|" in stripped:
                    header = units[last_table_unit][:2]
                    del units[last_table_unit]  # a header row is not a sentence
                else:
                    header = None
            elif stripped.startswith("|"):
                if cur_start >= 0:
                    units.append((cur_start, cur_end, cur_kind))
                    cur_start = -1
                table_line = len(units)
                units.append((start, end, "table"))
                if header is not None and headers is not None:
                    headers[start] = header
            elif _HEADING.match(stripped):
                if cur_start >= 0:
                    units.append((cur_start, cur_end, cur_kind))
                    cur_start = -1
                units.append((start, end, "heading"))
            elif _LIST_ITEM.match(stripped) or _FIELD_ITEM.match(stripped):
                if cur_start >= 0:
                    units.append((cur_start, cur_end, cur_kind))
                cur_start, cur_end, cur_kind = start, end, "item"
            elif cur_start >= 0:
                cur_end = end
            else:
                cur_start, cur_end, cur_kind = start, end, "para"
        elif cur_start >= 0:
            units.append((cur_start, cur_end, cur_kind))
            cur_start = -1
        if table_line < 0 and not (stripped and (_TABLE_SEP.match(stripped) or _RULE.match(stripped))):
            header = None  # the table (if any) has ended
        last_table_unit = table_line
        if nl >= n:
            break
        pos = nl + 1
    if cur_start >= 0:
        units.append((cur_start, cur_end, cur_kind))
    return units


#: Longer "sentences" (a run of lines without a full stop: a list without markers, CSV-like rows)
#: are read in pieces of at most about this many characters, cut at line breaks, else at blanks:
#: each claim word is weighed against its whole sentence, so one unbounded sentence costs its
#: length squared (a 32 KB run-on took 20 s). No real sentence is this long.
MAX_SENTENCE = 1000


def _sentences(ctext: str, unit: tuple[int, int, str]) -> list[_Span]:
    """Sentences of one unit (table rows and list items are one sentence each), none longer than
    :data:`MAX_SENTENCE` characters (:func:`_pieces`)."""
    return [piece for span in _whole_sentences(ctext, unit) for piece in _pieces(ctext, span)]


def _pieces(ctext: str, span: _Span) -> list[_Span]:
    """``span`` cut into pieces of at most :data:`MAX_SENTENCE` characters where it is longer: at the
    last line break in reach, else the last blank, else anywhere."""
    start, end = span
    if end - start <= MAX_SENTENCE:
        return [span]
    pieces: list[_Span] = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = ctext.rfind("\n", start + 1, limit)
        if cut <= start:
            cut = max(ctext.rfind(" ", start + 1, limit), ctext.rfind("\t", start + 1, limit))
        if cut <= start:
            cut = limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _whole_sentences(ctext: str, unit: tuple[int, int, str]) -> list[_Span]:
    start, end, kind = unit
    if kind in ("table", "item"):
        return [(start, end)]
    spans: list[_Span] = []
    begin = start
    for match in _SENT_END.finditer(ctext, start, end):
        if match.group().startswith(".") and _ABBREV.search(ctext, max(begin, match.start() - 8), match.start()):
            continue
        stop = match.end()
        if stop > begin:
            spans.append((begin, stop))
        begin = stop
    if begin < end and ctext[begin:end].strip():
        spans.append((begin, end))
    return spans


def _boundaries(pattern: LazyPattern, text: str) -> list[_Span]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _scope(bounds: list[_Span], lo: int, hi: int, length: int) -> _Span:
    """The region between the last boundary ending at or before ``lo`` and the first starting at or after ``hi``."""
    left = 0
    right = length
    for b_start, b_end in bounds:
        if b_end <= lo:
            left = max(left, b_end)
        elif b_start >= hi:
            right = min(right, b_start)
    return left, right


def _entity_bounds(low: str) -> list[_Span]:
    bounds = _boundaries(_CONTRAST_BOUNDARY, low)
    # "Unlike Stable Diffusion, Nano Banana 2 is ..." -- the leading contrast phrase ends at its comma.
    for match in _LEADING_CONTRAST.finditer(low):
        comma = low.find(",", match.end())
        if comma != -1:
            bounds.append((comma, comma + 1))
    return bounds


# --------------------------------------------------------------------------------------------------
# Claim analysis
# --------------------------------------------------------------------------------------------------


def _candidates(sent: str) -> list[tuple[int, int, bool]]:
    """Claim phrases in the sentence: (start, end, is_free_word), sorted, non-overlapping."""
    found: list[tuple[int, int, bool]] = []
    for match in _FREE_WORD.finditer(sent):
        found.append((match.start("w"), match.end("w"), True))
    if _OTHER_CLAIMS_HINT.search(sent):
        for pattern in _OTHER_CLAIMS:
            for match in pattern.finditer(sent):
                found.append((match.start(), match.end(), False))
    found.sort(key=lambda item: (item[0], -item[1]))
    result: list[tuple[int, int, bool]] = []
    last_end = -1
    for item in found:
        if item[0] >= last_end:
            result.append(item)
            last_end = item[1]
    return result


def _free_sense_is_cost(low: str, start: int, end: int) -> bool:
    """Whether the word "free" at ``low[start:end]`` is about price (not "feel free", "free memory", ...)."""
    word = low[start:end]
    if not word.startswith("free"):
        return True  # gratis, no-cost, on the house, ...
    if word != "free":
        return True  # free of charge
    before = low[max(0, start - 48):start]
    after = low[end:end + 60]
    if _FEEL_BEFORE.search(before) or _BREAK_BEFORE.search(before):
        return False
    if _RUNNING_FREE.search(before) and _RUNNING_WHERE.match(after):
        return False
    if _COMPOUND_NOUN_BEFORE.search(before) and not _COST_NOUN_AFTER.match(after):
        return False  # "gluten free", "watermark free except for SynthID"
    if _FREE_AFTER_NONCOST.match(after):
        return False  # "free from bugs", "free memory"
    hyphen = _FREE_HYPHEN_AFTER.match(after)
    if hyphen and hyphen.group(1) not in _COST_HYPHEN_WORDS:
        return False
    if after.startswith(" to") or after.startswith("-to"):
        if _PERSON_FREE_TO_BEFORE.search(before) or _FREE_TO_NONCOST.match(after.replace("-", " ", 1)):
            return False
    if _VERB_BEFORE.search(before) and _VERB_OBJECT_AFTER.match(after):
        return False
    if _TOPIC_AFTER.match(after) or _ALTERNATIVE_AFTER.match(after) or _ALTERNATIVE_BEFORE.search(before):
        return False
    return True


def _is_quoted_mention(sent: str, start: int, end: int) -> bool:
    """``"free"``, ``'free tier'``: the word is mentioned in quotes rather than used."""
    before = sent[max(0, start - 2):start].rstrip()
    if not before or before[-1] not in "\"'\u201c\u2018\u00ab":
        return False
    tail = sent[end:end + 30]
    for pos, char in enumerate(tail):
        if char in "\"'\u201d\u2019\u00bb":
            return len(tail[:pos].split()) <= 2
        if char in "\n":
            return False
    return False


def _is_question(low: str, raw_low: str, start: int, end: int) -> bool:
    """The claim sits in a question ("Is Nano Banana 2 free?", "| Is the API free for ...? | No |")."""
    clause_left = max((m.end() for m in _QUESTION_LEFT.finditer(raw_low, 0, start)), default=0)
    for char in low[end:]:
        if char == "?":
            # "Why pay for DALL-E when Nano Banana 2 is free?" asserts the claim.
            return not _WHY_START.match(raw_low[clause_left:start])
        if char in ".!;|":
            break
    return bool(_QUESTION_START.match(raw_low[clause_left:start]))


def _pre_negated(low: str, start: int, neg_bounds: list[_Span]) -> bool:
    left, _ = _scope(neg_bounds, start, start, len(low))
    window = _PRE_NEG_IGNORE.sub(" ", low[left:start])
    tokens = window.split()
    if _PRE_NEG.search(" ".join(tokens[-12:])):
        return True
    # "does not, as of June 2026, have a free tier": look back over short comma insertions.
    cursor = left
    for _ in range(2):
        if cursor <= 0 or low[cursor - 1] != ",":
            break
        prev_left, _ = _scope(neg_bounds, cursor - 1, cursor - 1, len(low))
        segment = low[prev_left:cursor - 1]
        if _TRAILING_NEG.search(segment):
            return True
        cursor = prev_left
    return False


def _post_negated(low: str, end: int, post_bounds: list[_Span], sentence_end: int) -> bool:
    after = low[end:sentence_end]
    if _POST_LABEL_NEG.match(after):
        return True
    avail = _POST_AVAIL_NEG.match(after)
    if avail and len(after[:avail.end()].split()) <= 9:
        return True
    _, right = _scope(post_bounds, end, end, len(low))
    window = low[end:right]
    verb = _POST_VERB_NEG.search(window)
    return bool(verb and len(window[:verb.start()].split()) <= 6)


@dataclass
class _Context:
    text: str  # original
    ctext: str  # code spans and URLs blanked (claims are searched here)
    stext: str  # URLs blanked (subjects are searched here)
    weak_ok: bool
    #: Per table header row: what each of its cells says (:func:`_header_cells`), read once for all rows.
    headers: dict[_Span, list[_HeaderCell]] = field(default_factory=dict)


@dataclass(frozen=True)
class _HeaderCell:
    """A cell of a table's header row: its span, whether it denies its column, whether it names a
    free tier ("Free tier"), and the first image model it names (as a span), if any."""

    span: _Span
    denies: bool
    claims: bool
    subject: Optional[_Span]


_IMAGE, _OTHER, _WEAK, _DENIED, _CONTRASTED = 2, 1, 0, -1, -2
_Subject = tuple[int, int, int]  # start, end, rank (_IMAGE, _OTHER or _WEAK), relative to the sentence


def _subjects(ctx: _Context, lo: int, hi: int) -> list[_Subject]:
    """Gemini subjects in ``stext[lo:hi]``: image models rank above other models and "the Gemini API"."""
    region = ctx.stext[lo:hi]
    found: list[_Subject] = []
    for m in _STRONG_SUBJECT.finditer(region):
        low = m.group().lower()
        found.append((m.start(), m.end(), _IMAGE if ("image" in low or "banana" in low) else _OTHER))
    if ctx.weak_ok:
        for m in _WEAK_SUBJECT.finditer(region):
            if not any(a <= m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), _WEAK))
    found.sort()
    return found


def _demote(low: str, start: int, rank: int) -> int:
    """Image subjects named only to be denied ("..., not Nano Banana 2") or contrasted cannot carry a claim."""
    if rank != _IMAGE:
        return rank
    if _ELLIPTIC_DENIAL.search(low, max(0, start - 40), start):
        return _DENIED
    if _CONTRASTED_SUBJECT.search(low, max(0, start - 40), start):
        return _CONTRASTED
    return rank


def _names_other_product(before: str, text: str, offset: int) -> bool:
    """A proper name (not a Gemini subject) leads the claim's clause: "...; Cloud Run free tier = $0"."""
    for match in _PROPER_NAME.finditer(before):
        words = [w for w in match.group().split() if w.strip("*_`").lower() not in _NOT_NAMES]
        if not words:
            continue
        absolute = offset + match.start()
        line_start = text.rfind("\n", 0, absolute) + 1
        lead = text[line_start:absolute].strip(" \t>*_-+#|0123456789.)[]")
        if len(words) >= 2 or (lead and not lead.endswith((".", "!", "?", ":"))):
            return True
    return False


def _owned_by_other_product(masked: str, masked_cased: str, start: int, end: int) -> bool:
    """Whether the free trial, plan, tier, version or account at ``masked[start:end]`` belongs to a product
    that is not Gemini: "a free trial of our app", "of ThumbGen", "ThumbGen has a free plan", "our app
    has a free plan". An app that has a free plan says no more of the API's price than one that calls
    itself free. ``masked`` (lower case) and ``masked_cased`` are the clause with its subjects blanked, so
    "a free trial of Nano Banana 2" and "the Gemini API has a free plan" name no owner."""
    if not _FREE_THING.match(masked, end):
        return False
    of = _FREE_THING_OF.match(masked, end)
    if of is not None:
        at = of.end()
        return bool(_NON_MODEL_NEAR.match(masked, at) or _is_other_name(_PROPER_NAME.match(masked_cased, at)))
    # Windows of a few words, not the clause: asked per claim, a run-on of claims would cost its length squared.
    owns = _OWNS_BEFORE.search(masked, max(0, start - 40), start)
    if owns is None:
        return False
    at = owns.start()
    if any(match.end() == at for match in _NON_MODEL_NEAR.finditer(masked, max(0, at - 40), at)):
        return True
    verb = owns.group("verb")
    if verb is not None and not verb.startswith(("has", "offers", "comes", "includes", "gives")):
        return False  # "Students have a free plan": people, not a product (whose name takes "has")
    names = _PROPER_NAME.finditer(masked_cased, max(0, at - 60), at)
    return any(match.end() == at and _is_other_name(match) for match in names)


def _is_other_name(match: Optional[re.Match[str]]) -> bool:
    """A proper name that is not Google's ("Google Cloud", "Vertex AI") and not only common capitalised
    words (:data:`_NOT_NAMES`)."""
    if match is None:
        return False
    words = [w.strip("*_`").lower() for w in match.group().split()]
    return not any(w in _GOOGLE_NAMES for w in words) and any(w not in _NOT_NAMES for w in words)


def _says_the_api(low: str, start: int, end: int, left: int) -> bool:
    """Whether the claim word at ``low[start:end]`` is the API's, or its sentence joins a surface's
    free use to the API (see :data:`_JOINS_THE_API`), undenied."""
    if _API_IS_BEFORE.search(low, left, start) or _API_RIGHT_AFTER.match(low, end):
        return True
    if _USE_THE_API_BEFORE.search(low, left, start):
        return True
    return any(
        not _JOIN_DENIED.search(low, max(0, found.start() - 24), found.start()) for found in _JOINS_THE_API.finditer(low)
    )


def _says_production(near: str) -> bool:
    """Whether the words around a claim extend it to production API use ("free in AI Studio and in production")."""
    for match in _PRODUCTION.finditer(near):
        if not _NOT_PRODUCTION.search(near, max(0, match.start() - 24), match.start()):
            return True
    return False


def _quoted_spans(sent: str) -> list[_Span]:
    spans: list[_Span] = []
    for match in _DOUBLE_QUOTED.finditer(sent):
        spans.append((match.start(), match.end()))
    return spans


def _sentence_denies(low: str, subjects: list[_Subject]) -> bool:
    """Whether the sentence says some Gemini subject is paid (so free mentions of *other* subjects are contrasts)."""
    if _PAID_ONLY.search(low):
        return True
    for match in _NEED_PAID.finditer(low):
        if not _NEED_PAID_NEGATED.search(low, max(0, match.start() - 30), match.start()):
            return True
    return any(rank == _DENIED for _, _, rank in subjects)


def _analyze(
    ctx: _Context, s: int, e: int, kind: str, borrowed: Optional[tuple[_Span, _Span]] = None
) -> Optional[FreeClaim]:
    """The claim the sentence ``[s, e)`` makes, if any. ``borrowed`` is, for a sentence that names no
    subject of its own, the span of the subject it refers to in the sentence before it (or the heading
    above) and the span of that sentence (:func:`_joined_claim`): the sentence is then read as if the
    subject were named in another clause of it, and the claim's sentence is both."""
    sent = ctx.ctext[s:e]
    candidates = _candidates(sent)
    if not candidates:
        return None
    subjects = _subjects(ctx, s, e)
    if not subjects and borrowed is None:
        return None
    low = sent.lower()
    # "..., not gemini-3.1-flash-image": a subject named only to be denied cannot carry a claim.
    subjects = [(a, b, _demote(low, a, rank)) for a, b, rank in subjects]
    raw_low = ctx.text[s:e].lower()
    if _CORRECTION.search(low):
        return None
    denial = _sentence_denies(low, subjects)
    quoted = _quoted_spans(sent)
    neg_bounds = _boundaries(_NEG_BOUNDARY, low)
    post_bounds = _boundaries(_POST_STOP, low)
    ent_bounds = _entity_bounds(low)
    surf_bounds = _boundaries(_SURFACE_BOUNDARY, low)
    masked_sent = _mask_subjects(low, subjects, 0)
    survivors: list[tuple[int, int, int, _Span]] = []
    surfaces: dict[_Span, bool] = {}
    for start, end, is_free in candidates:
        if is_free and not _free_sense_is_cost(low, start, end):
            continue
        if _is_quoted_mention(sent, start, end) or any(a < start and end < b for a, b in quoted):
            continue
        if is_free and (_NON_MODEL_AFTER.match(masked_sent, end) or _OTHER_RIGHT_AFTER.match(masked_sent, end)):
            continue  # "a free course on ...", "a free Hugging Face Space ..."
        neg_left, neg_right = _scope(neg_bounds, start, end, len(low))
        if _is_question(low, raw_low, start, end):
            continue
        if _pre_negated(low, start, neg_bounds) or _post_negated(low, end, post_bounds, len(low)):
            denial = True
            continue
        if _NONASSERTIVE.search(low[neg_left:start]) or (
            _WHEN.search(low, neg_left, start) and _ON_TIER_BEFORE.search(low, max(0, start - 16), start)
        ):
            continue  # "if you are on the free tier, ...", "check whether ... a free or billed tier"
        if is_free and _KEY_PREDICATE_BEFORE.search(low[neg_left:start]):
            continue
        c_left, c_right = _scope(ent_bounds, start, end, len(low))
        if _LEADING_CONTRAST.match(low[c_left:c_right].lstrip(" ,*_>-")):
            continue  # "unlike the free Gemini 2.5 Flash tier, ..." -- contrasted, not asserted
        near = low[max(neg_left, start - 40):min(c_right, end + 50)]
        # Claims in one surface scope share its answer (a run-on of claims has one scope: asked
        # per claim, the search is the scope's length times the number of claims).
        sf_key = (0, e - s) if kind == "table" else _scope(surf_bounds, start, end, len(low))
        named_surface = surfaces.get(sf_key)
        if named_surface is None:
            surface_scope = _blank(ctx.text[s + sf_key[0]:s + sf_key[1]], _KEY_FROM_SURFACE)
            named_surface = surfaces[sf_key] = bool(
                _SURFACE.search(surface_scope) or _SURFACE_CASED.search(surface_scope)
            )
        if named_surface and (
            not (_says_production(near) or _says_the_api(low, start, end, neg_left))
            or (_OWNED_BY_APPS.search(low, max(0, start - 40), start) and _SEPARATE.search(low, neg_left, c_right))
        ):
            continue  # AI Studio testing, Gemini Apps, Flow: true statements about a non-API surface
        best = max((rank for a, b, rank in subjects if c_left <= a and b <= c_right), default=-1)
        masked = masked_sent[c_left:start] + " " * (end - start) + masked_sent[end:c_right]
        masked_cased = _mask_subjects(ctx.text[s + c_left:s + c_right], subjects, c_left)
        if is_free and _owned_by_other_product(masked, masked_cased, start - c_left, end - c_left):
            continue  # "a free trial of our app", "ThumbGen has a free plan": the product's plan, not the API's
        if best < _OTHER:
            if (
                _names_other_product(ctx.text[s + c_left:s + start], ctx.text, s + c_left)
                or _COMPETITOR.search(masked)
                or _NON_MODEL.search(masked)
                or _GATEWAY.search(masked)
                or _GATEWAY_CASED.search(masked_cased)
            ):
                continue
        elif _other_is_nearer(masked, masked_cased, subjects, c_left, start, end):
            continue
        survivors.append((start, end, best, (c_left, c_right)))
        if survivors[0][2] == _IMAGE:
            break  # the claim reported whatever the rest says (a denial keeps claims about an image model)
    if denial:
        # "Gemini 2.5 Flash has a free tier, but Nano Banana 2 does not": only an image model named in
        # the claim's own clause keeps the claim alive in a sentence that also denies one.
        survivors = [item for item in survivors if item[2] == _IMAGE]
    if not survivors:
        return None
    start, end, _, (c_left, c_right) = survivors[0]
    if borrowed is not None:
        (subject_start, subject_end), (before_start, _) = borrowed
        name = ctx.text[subject_start:subject_end].strip().rstrip(".,;:-")
        return FreeClaim(
            start=s + start, end=s + end, subject=name, message=_message_for(name), sentence=(before_start, e)
        )
    subject = _pick_subject(subjects, start, c_left, c_right, ctx.stext[s:e])
    name = ctx.text[s + subject[0]:s + subject[1]].strip().rstrip(".,;:-")
    return FreeClaim(start=s + start, end=s + end, subject=name, message=_message_for(name), sentence=(s, e))


def _joined_claim(
    ctx: _Context, hits: list[int], sentences: list[_Span], index: int, above: Optional[_Span]
) -> Optional[FreeClaim]:
    """The claim of ``sentences[index]``, a sentence that names no subject and says "the free tier ..." or
    "it's free" (:data:`_JOINED_CLAIM`), about the Gemini API or image model named in the sentence just before
    it in its paragraph or, for "the free tier", in the heading ``above`` the paragraph (with at most one
    sentence between that names nothing). Kept narrow: the subject must lead that sentence or be what it tells
    the reader to get or use, and nothing else (a product, a provider, a text model) may be named there."""
    s, e = sentences[index]
    form = _JOINED_CLAIM.match(ctx.ctext, s, e)
    if form is None:
        return None
    before = sentences[index - 1] if index > 0 else None
    if before is not None and (
        _has_hit(hits, before[0], before[1]) or not _SENTENCE_STOP_AT_END.search(ctx.ctext, before[0], before[1])
    ):
        return None  # a sentence that speaks of price itself, or a piece of a run-on cut for length
    if _JOIN_STOP.search(_lower(ctx.ctext[s:e])) or _subjects(ctx, s, e) or not _names_nothing_else(ctx, s, e, []):
        return None
    pronoun = form.group("it") is not None
    if before is not None:
        subjects = _subjects(ctx, before[0], before[1])
        if subjects:
            found = _antecedent(ctx, before, subjects, pronoun)
            return None if found is None else _analyze(ctx, s, e, "para", (found, before))
        if pronoun or index > 1 or not _names_nothing_else(ctx, before[0], before[1], []):
            return None
    if pronoun or above is None or _has_hit(hits, above[0], above[1]):
        return None
    subjects = _subjects(ctx, above[0], above[1])
    found = _antecedent(ctx, above, subjects, False) if subjects else None
    return None if found is None else _analyze(ctx, s, e, "para", (found, (above[0], e)))


def _antecedent(ctx: _Context, span: _Span, subjects: list[_Subject], pronoun: bool) -> Optional[_Span]:
    """The subject (as file offsets) that a following "it" (``pronoun``) or "the free tier" refers to in the
    sentence or heading ``span``: the Gemini API or an image model, leading it ("Nano Banana 2 is ...") or,
    for "the free tier", what it tells the reader to get or use ("Get a Gemini API key ..."); else None."""
    a, b = span
    region = _lower(ctx.stext[a:b])
    if any(rank != _IMAGE and not (rank == _OTHER and _API_WORD.search(region, x, y)) for x, y, rank in subjects):
        return None  # a text model's free tier is real; "the image API" is too vague to join
    x, y, _ = subjects[0]
    lead = _JOIN_LEAD.match(region, 0, x)
    if lead is None or (pronoun and lead.group("verb") is not None):
        return None
    noun = _HEAD_NOUN_AFTER.match(region, y)
    if noun is not None and (pronoun or not noun.group("noun").startswith("key")):
        return None
    if _ANTECEDENT_STOP.search(_lower(ctx.ctext[a:b])) or not _names_nothing_else(ctx, a, b, subjects):
        return None
    return a + x, a + y


def _names_nothing_else(ctx: _Context, a: int, b: int, subjects: list[_Subject]) -> bool:
    """Whether ``[a, b)`` names nothing that a following claim could be about besides its Gemini subjects: no
    other product, provider or proper name (Google's aside), no SDK, app, tool or docs, no correction or paid
    tier, and AI Studio only as where a key is made."""
    if b - a > MAX_SENTENCE:
        return False
    low = _lower(ctx.ctext[a:b])
    masked = _mask_subjects(low, subjects, 0)
    masked_cased = _mask_subjects(ctx.ctext[a:b], subjects, 0)
    if (
        _COMPETITOR.search(masked)
        or _GATEWAY.search(masked)
        or _GATEWAY_CASED.search(masked_cased)
        or _NON_MODEL_NEAR.search(masked)
        or _OTHER_GOOGLE_SURFACE.search(masked)
        or _CORRECTION.search(low)
        or _sentence_denies(low, [])
    ):
        return False
    surfaces = _blank(ctx.stext[a:b], _KEY_FROM_SURFACE)
    if (_SURFACE.search(surfaces) or _SURFACE_CASED.search(surfaces)) and not _KEY_ERRAND.search(low):
        return False
    names = _blank(masked_cased, _SURFACE)
    first = _JOIN_MARKUP.match(names)
    lead = 0 if first is None else first.end()
    for match in _PROPER_NAME.finditer(names, lead):
        if match.start() == lead and len(match.group().split()) == 1:
            continue  # the sentence's first word ("Get", "Go")
        if _is_other_name(match):
            return False
    return True


def _mask_subjects(clause: str, subjects: list[_Subject], offset: int) -> str:
    """Blank subject mentions so "Gemini API key" is not read as a non-model "key"."""
    chars = list(clause)
    for a, b, _ in subjects:
        for i in range(max(a - offset, 0), min(b - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _other_is_nearer(
    masked: str, masked_cased: str, subjects: list[_Subject], c_left: int, start: int, end: int
) -> bool:
    """Whether another product or provider is what the claim is about.

    True when it is the nearest thing named before the claim ("Vercel's free plan ... calls
    gemini-3.1-flash-image") or a provider follows it as the route ("free via OpenRouter").
    """
    rel = start - c_left
    rel_end = end - c_left
    if _GATEWAY_ROUTE_AFTER.match(masked, rel_end) or _GATEWAY_ROUTE_AFTER_CASED.match(masked_cased, rel_end):
        return True
    # A provider named before the claim is the one offering it ("Replicate lists Nano Banana Pro with free
    # runs"), unless the sentence moves away from it ("switched from OpenRouter to Gemini's free tier").
    before = max(rel, 0)
    gateways = list(_GATEWAY.finditer(masked, 0, before)) + list(_GATEWAY_CASED.finditer(masked_cased, 0, before))
    for match in gateways:
        if not _AWAY_FROM.search(masked, max(0, match.start() - 24), match.start()):
            return True
    other_end = -1
    for match in _COMPETITOR.finditer(masked, 0, max(rel, 0)):
        other_end = max(other_end, match.end())
    for match in _NON_MODEL_NEAR.finditer(masked, 0, max(rel, 0)):
        if _PLACE_BEFORE.search(masked, max(0, match.start() - 24), match.start()):
            continue  # "calling gemini-3.1-flash-image from this notebook is free": where the calls are made
        if _COPULA_ONLY.match(masked[match.end():rel]):  # "the SDK is free", not "in this tutorial we ... free"
            other_end = max(other_end, match.end())
        elif _HEAD_OF_SUBJECT.match(masked, match.end(), max(rel, 0)) and any(
            match.end() < a - c_left and b - c_left <= rel for a, b, _ in subjects
        ):
            other_end = max(other_end, rel)  # "docs for Nano Banana 2 are free": the docs are, not the model
    if other_end < 0:
        return False
    subject_end = max(
        (b - c_left for a, b, rank in subjects if rank > _WEAK and c_left <= a and b <= start), default=-1
    )
    return other_end > subject_end


def _pick_subject(subjects: list[_Subject], start: int, c_left: int, c_right: int, region: str) -> _Subject:
    """The subject a claim is about: in its clause, an image model first, then a model before "the
    Gemini API" (in "Gemini 2.5 Flash ... on the Gemini API free tier" the model is the subject, the
    API its route), then the nearest, preceding first."""

    def rank(item: _Subject) -> tuple[int, int, int, int, int]:
        a, b, kind = item
        in_clause = 0 if c_left <= a and b <= c_right else 1
        the_api = 1 if _API_WORD.search(region, a, b) else 0
        preceding = 0 if b <= start else 1
        distance = start - b if b <= start else a - start
        return (in_clause, -kind, the_api, preceding, distance)

    return min(subjects, key=rank)


def _blank_addresses(text: str) -> str:
    """``text`` with its web addresses blanked, all but a gateway's name in an address's host
    (``https://openrouter.ai/keys``: ``openrouter``): "get a new free key at https://openrouter.ai/keys"
    names whose key it is (a run over real packages read it as a free Gemini key, the host blanked)."""
    return _blank(text, _URL, _gateway_in_host)


def _gateway_in_host(address: str) -> str:
    """``address`` as spaces, but for a gateway's name in its host (same length)."""
    scheme = address.find("://")
    host_start = scheme + 3 if scheme >= 0 else 0
    host_end = address.find("/", host_start)
    host_end = len(address) if host_end < 0 else host_end
    kept = [" "] * len(address)
    for name in _GATEWAY.finditer(address, host_start, host_end):
        kept[name.start():name.end()] = address[name.start():name.end()]
    return "".join(kept)


def _blank(text: str, pattern: LazyPattern, keep: Optional[Callable[[str], str]] = None) -> str:
    """``text`` with each match of ``pattern`` as spaces (or as ``keep`` gives it, same length)."""
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        parts.append(text[last:match.start()])
        found = match.group(0)
        parts.append(" " * len(found) if keep is None else keep(found))
        last = match.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def find_free_claims(text: str) -> list[FreeClaim]:
    """Find sentences that claim the Gemini API or a Gemini image model is free.

    ``text`` is the prose of one file with everything that is not prose replaced by spaces (same
    length, newlines kept), so the offsets of the returned claims are file offsets. A line that is
    all spaces ends a paragraph; consecutive non-blank lines continue a sentence; a Markdown table
    row, heading or list item is one sentence. At most one claim is reported per sentence, at the
    word that makes it ("free", "costs nothing", "no billing", ...), in file order.
    """
    low_text = _lower(text)
    if not _FILE_SUBJECT_HINT.search(low_text):
        return []
    # Case-insensitive and led by \b, the address pattern is slow to search for: first the parts every address has.
    stext = _blank_addresses(text) if "://" in text or "www." in low_text else text
    if "](" in stext or "][" in stext:
        stext = _blank(stext, _MD_LINK)
    ctext = _blank(stext, _CODE_SPAN)
    if "_" in ctext and _UNDERSCORE_EMPHASIS.search(ctext):  # any emphasis marker, as the blanking itself finds them
        ctext = _blank(ctext, _UNDERSCORE_EMPHASIS)
    hits = [match.start() for match in _FILE_CLAIM_HINT.finditer(_lower(ctext))]
    if not hits:
        return []
    ctx = _Context(text=text, ctext=ctext, stext=stext, weak_ok=bool(_FILE_GEMINI_HINT.search(low_text)))
    claims: list[FreeClaim] = []
    headers: dict[int, _Span] = {}
    units = _units(stext, headers)
    for number, unit in enumerate(units):
        header = headers.get(unit[0])
        if header is not None:  # a table row under a header: read with it (its claim word may be there)
            if _has_hit(hits, unit[0], unit[1]) or _has_hit(hits, header[0], header[1]):
                claim = _table_row(ctx, unit[0], unit[1], header, _has_hit(hits, unit[0], unit[1]))
                if claim is not None:
                    claims.append(claim)
            continue
        if not _has_hit(hits, unit[0], unit[1]):
            continue
        sentences = _sentences(ctext, unit)
        for index, (s, e) in enumerate(sentences):
            if _has_hit(hits, s, e):
                claim = _analyze(ctx, s, e, unit[2])
                if claim is None and unit[2] == "para":
                    above = _heading_above(stext, units, number) if index <= 1 else None
                    claim = _joined_claim(ctx, hits, sentences, index, above)
                if claim is not None:
                    claims.append(claim)
    return claims


def _heading_above(stext: str, units: list[tuple[int, int, str]], number: int) -> Optional[_Span]:
    """The heading right above paragraph ``units[number]`` (a ``#`` heading or a line all in bold, with only
    blank lines between), if it is short enough to be one."""
    if number == 0:
        return None
    a, b, kind = units[number - 1]
    gap = units[number][0] - b
    if b - a > _MAX_HEADING or gap > _MAX_HEADING or stext[b:b + gap].strip():
        return None
    if kind == "heading" or (kind == "para" and _BOLD_LINE.match(stext, a, b)):
        return a, b
    return None


#: Longer rows are read as sentences only (no cell is weighed against its header).
_MAX_CELLS = 40
#: A header that denies what its column holds ("What it does not prove", "Myth", "Wrong"), or a
#: header naming what is compared with Gemini (another product's column).
_HEADER_DENIES = LazyPattern(
    r"\b(?:not|no|never|don['\u2019]?t|doesn['\u2019]?t|isn['\u2019]?t|myths?|wrong|false|incorrect|avoid|"
    r"misconceptions?|claims?)\b|n['\u2019]t\b",
    _I,
)
#: A cell that says yes to its header ("Free tier | Yes", "✅", "500 requests/day").
_AFFIRMATIVE_CELL = LazyPattern(
    r"^[*_]{0,3}(?:yes|y|true|available|included|unlimited|\u2705|\u2713|\u2714\ufe0f?|\u2611\ufe0f?|"
    r"(?![0,]+(?!\d))\d[\d,]*\s*(?:rpd|rpm|requests?|images?|calls?)?(?:\s*(?:/|per|a)\s*(?:day|minute|min|month))?)[*_]{0,3}"
    r"(?:\s*\([^()]{0,40}\))?[.!]?$",
    _I,
)
#: A cell that is only the claim ("Free", "Free tier", "$0", "Free (500/day)").
_BARE_CLAIM_CELL = LazyPattern(
    r"^[*_]{0,3}(?:free(?:[\s-]+(?:tier|quota|plan|of\s+charge))?|\$\s?0(?:\.0+)?|gratis|no\s+cost)[*_]{0,3}"
    r"(?:\s*\([^()]{0,40}\))?[.!]?$",
    _I,
)


def _cells(text: str, start: int, end: int) -> list[_Span]:
    """The cells of the table row ``text[start:end]`` (its outer pipes dropped, ``\\|`` kept in a cell)."""
    if text.startswith("|", start):
        start += 1
    if end > start and text[end - 1] == "|" and text[end - 2 : end] != "\\|":
        end -= 1
    cells: list[_Span] = []
    cell_start = at = start
    while at < end:
        char = text[at]
        if char == "\\":
            at += 2
            continue
        if char == "|":
            cells.append((cell_start, at))
            cell_start = at + 1
        at += 1
    cells.append((cell_start, end))
    return cells


def _table_row(ctx: _Context, s: int, e: int, header: _Span, row_hit: bool) -> Optional[FreeClaim]:
    """A table row read with its header row: a claim in a column whose header denies it ("What it
    does not prove") is none; a column headed by the claim ("Free tier") with a yes in a row naming
    an image model, or headed by an image model with a bare "Free" in the row, is one."""
    row = _cells(ctx.ctext, s, e)
    head = ctx.headers.get(header)
    if head is None:
        head = ctx.headers[header] = _header_cells(ctx, header)
    claim = _analyze(ctx, s, e, "table") if row_hit else None
    if len(row) != len(head) or len(row) > _MAX_CELLS:
        return claim
    if claim is not None:
        column = next((i for i, (a, b) in enumerate(row) if a <= claim.start < b), None)
        return None if column is not None and head[column].denies else claim
    row_subjects = [item for item in _subjects(ctx, s, e) if item[2] == _IMAGE]
    for (a, b), cell in zip(row, head):
        value = ctx.ctext[a:b].strip()
        if not value or cell.denies or _HEADER_DENIES.search(value):
            continue
        at = a + ctx.ctext[a:b].index(value)
        if row_subjects and cell.claims and _AFFIRMATIVE_CELL.match(value):
            first = row_subjects[0]
            return _header_claim(ctx, at, at + len(value), s + first[0], s + first[1], (s, e))
        if cell.subject is not None and not row_subjects and _BARE_CLAIM_CELL.match(value):
            return _header_claim(ctx, at, at + len(value), cell.subject[0], cell.subject[1], (s, e))
    return None


def _header_cells(ctx: _Context, header: _Span) -> list[_HeaderCell]:
    """What each cell of a table's header row says (read once, however many rows the table has)."""
    cells = []
    for ha, hb in _cells(ctx.ctext, header[0], header[1])[: _MAX_CELLS + 1]:
        claims = False
        found = _FREE_WORD.search(ctx.ctext, ha, hb)
        if found is not None:
            near = max(0, found.start("w") - 48)  # the words around it, as _free_sense_is_cost reads them
            window = ctx.ctext[near : found.end("w") + 60].lower()
            claims = _free_sense_is_cost(window, found.start("w") - near, found.end("w") - near)
        images = [item for item in _subjects(ctx, ha, hb) if item[2] == _IMAGE]
        subject = (ha + images[0][0], ha + images[0][1]) if images else None
        cells.append(_HeaderCell((ha, hb), _HEADER_DENIES.search(ctx.ctext, ha, hb) is not None, claims, subject))
    return cells


def _header_claim(
    ctx: _Context, start: int, end: int, subject_start: int, subject_end: int, row: _Span
) -> FreeClaim:
    name = ctx.text[subject_start:subject_end].strip().rstrip(".,;:-")
    return FreeClaim(start=start, end=end, subject=name, message=_message_for(name), sentence=row)


def _lower(text: str) -> str:
    """Lower-cased text of the same length (characters whose lower case is longer are kept as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(char if len(char.lower()) != 1 else char.lower() for char in text)


def _has_hit(hits: list[int], start: int, end: int) -> bool:
    """Whether a claim-word position in the sorted ``hits`` lies in ``[start, end)``."""
    index = bisect.bisect_left(hits, start)
    return index < len(hits) and hits[index] < end
