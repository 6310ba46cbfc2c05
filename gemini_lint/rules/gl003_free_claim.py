"""GL003 free-api-claim: prose that says the Gemini API or a Gemini image model is free.

``gemini-3.1-flash-image`` (Nano Banana 2) has no Gemini Developer API free tier: Standard is
$60 and Batch $30 per 1M output image tokens, both paid-only. Google AI Studio is a browser testing
route and Gemini Apps limits are a consumer surface; neither is API quota. This module finds
sentences that claim otherwise.

The detector is a plain-Python heuristic (regular expressions, no models). Its input is the prose of
one file with everything that is not prose blanked out by spaces (same length, newlines kept), so the
offsets it returns are file offsets. It works sentence by sentence (a Markdown table row, a heading
and a list item each count as one sentence) and reports at most one claim per sentence, at the word
that makes the claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

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
SUMMARY = "Prose claims the Gemini API or a Gemini image model (e.g. Nano Banana 2) is free to call"

DOCS = """\
## What it does

Flags sentences in comments, docstrings, Markdown and notebook text that say the Gemini API or a
Gemini image model is free: "free", "free tier", "free quota", "costs nothing", "$0",
"no billing", "no credit card", "free in production", "free for bulk jobs", "with a free API key",
"unlimited free" and similar wording. The subject may be a model ID (`gemini-3.1-flash-image`,
`gemini-3.1-flash-image-preview`, `gemini-3-pro-image`, `gemini-3-pro-image-preview`, other
`gemini-...` IDs), a display name (Nano Banana 2, Nano Banana Pro, Nano Banana, Gemini 3.1 Flash Image,
Gemini 3 Pro Image), "the Gemini API" / "Gemini Developer API", or "the image API" in a file that
mentions Gemini. The diagnostic points at the word that makes the claim.

It does not flag sentences that correctly deny a free tier ("no free tier", "Free Tier is not
available", "paid-only"), statements about browser testing in Google AI Studio or about Gemini Apps
limits, other products and providers (OpenAI, Stable Diffusion, Hugging Face, Cloudflare, third-party
gateways and their credits), questions, other senses of "free" ("feel free", "free software",
"free up memory", "royalty-free", "free-form"), text inside inline code spans or quoted words, and
free claims in sentences that name no Gemini subject.

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

VALID_EXAMPLES: Tuple[str, ...] = (
    "Nano Banana 2 has no free tier on the Gemini Developer API; Standard is $60 per 1M output image tokens.",
    "You can try gemini-3.1-flash-image for free in Google AI Studio before wiring up billing.",
    "| gemini-3.1-flash-image | Free tier: not available | Batch $30 / 1M |",
    "Feel free to open an issue if Nano Banana 2 returns an error.",
    "Stable Diffusion is free and open source, while Nano Banana 2 is paid-only.",
    "Set `free_tier=False` when you call gemini-3.1-flash-image.",
    "Is Nano Banana 2 free on the Gemini API?",
)

INVALID_EXAMPLES: Tuple[str, ...] = (
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


# --------------------------------------------------------------------------------------------------
# Regular expressions
# --------------------------------------------------------------------------------------------------

_I = re.IGNORECASE
_IX = re.IGNORECASE | re.VERBOSE
_APOS = "['\u2019]"

# Cheap file-level checks.
_FILE_SUBJECT_HINT = re.compile(r"gemini|nano[\s_-]*banana|image[\s_-]+api", _I)
_FILE_GEMINI_HINT = re.compile(r"gemini|nano[\s_-]*banana", _I)
_FILE_CLAIM_HINT = re.compile(
    r"free|gratis|cost|\$\s?0|0\s?\$|billing|card|charge|pay|house|dollars|usd\b|payment", _I
)

# Masked regions: inline code spans (claims inside them never count) and URLs.
_CODE_SPAN = re.compile(r"`[^`\n]+`")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]`\"']+", _I)

# Markdown structure (tested on the stripped line).
_TABLE_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_HEADING = re.compile(r"^#{1,6}\s")
_LIST_ITEM = re.compile(r"^(?:[-*+\u2022]|\d{1,3}[.)])\s+")
_RULE = re.compile(r"^(?:[-*_=]\s*){3,}$")

# Sentence ends inside a paragraph.
_SENT_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]*_]*(?=\s|$)")
_ABBREV = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|approx|cf|fig|mr|mrs|ms|dr|inc|ltd|jr|sr|st|incl|est|al|ca|resp|v)|\b[a-z])$",
    _I,
)

# Gemini subjects. Strong ones always count; the weak one ("the image API") only in files that
# mention Gemini or Nano Banana somewhere.
_STRONG_SUBJECT = re.compile(
    r"""
      (?<![\w/.-])(?:models/)?gemini-(?:\d+(?:\.\d+)?|pro|flash|ultra|exp)(?:[\w.-]*\w)?
    | \bnano[\s_-]?banana(?:[\s_-]?(?:2|two|pro)\b)?
    | \bgemini\s+\d+(?:\.\d+)?(?:\s+(?:flash|pro|ultra))?(?:[\s-]+(?:lite|image|preview))*
    | \bgemini\s+(?:flash|pro)[\s-]+image\b
    | \b(?:google(?:""" + _APOS + r"""s)?\s+)?gemini(?:""" + _APOS + r"""s)?\s+(?:developer\s+|dev\s+)?(?:image\s+)?api\b
    | \bgemini(?:""" + _APOS + r"""s)?\s+(?:native\s+)?image(?:[\s-]+(?:generation|gen|models?|editing|output))?\b
    """,
    _IX,
)
_WEAK_SUBJECT = re.compile(r"\bimage(?:[\s-]+generation)?\s+api\b", _I)

# Claim phrases. Group "w" (when present) is the span to report; otherwise the whole match.
_NEG_AUX = (
    r"(?:do(?:es)?\s+not|do(?:es)?n" + _APOS + r"?t|did\s+not|didn" + _APOS + r"?t|will\s+not|won"
    + _APOS + r"?t|never|no\s+longer|shouldn" + _APOS + r"?t)"
)
_PAY_OBJ = r"(?:billing|credit[\s-]?cards?|debit\s+cards?|cards?|payment(?:\s+(?:method|info(?:rmation)?|details))?|paid\s+(?:plan|tier|account|key))"

_FREE_WORD = re.compile(
    r"(?<![\w$/.@#-])(?P<w>free(?:[\s-]+of[\s-]+(?:charge|cost))?|gratis|no-cost|cost-free|fee-free|zero-cost|on\s+the\s+house)(?![\w@])",
    _I,
)
_OTHER_CLAIMS: Tuple["re.Pattern[str]", ...] = (
    re.compile(r"\bcosts?\s+(?:you\s+|us\s+|users\s+|developers\s+)?(?:absolutely\s+)?nothing\b", _I),
    re.compile(
        r"\b" + _NEG_AUX + r"\s+(?:cost|charge)\s+(?:you\s+|us\s+)?(?:a\s+(?:thing|cent|dime|penny|dollar)|anything|a\s+single\s+(?:cent|penny)|money)\b",
        _I,
    ),
    re.compile(
        r"\b" + _NEG_AUX + r"\s+charge(?:\s+(?:you|users|developers))?\b(?!\s+(?:extra|more|differently|separately|per|your\s+(?:battery|phone)))",
        _I,
    ),
    re.compile(
        r"\b(?:at\s+)?(?:no|zero)[\s-]+(?:extra\s+|additional\s+)?(?:cost|charge|fees?)\b"
        r"(?!\s+(?:estimates?|data|tracking|difference|information|info|breakdown|reports?|center|centre|"
        r"controls?|alerts?|surprises?|overruns?|spikes?|management|optimi[sz]ation|savings|model))",
        _I,
    ),
    re.compile(r"\bwithout\s+(?:any\s+)?(?:charge|cost|fees?)\b", _I),
    re.compile(r"(?<![\w$])\$\s?0(?:\.0+)?(?!\.?\d)(?![\d,])", _I),
    re.compile(r"(?<![\w.$])0\s?\$", _I),
    re.compile(r"\b(?:0|zero)\s*(?:dollars|usd|bucks)\b", _I),
    re.compile(r"\b(?:pay|paying|pays|spend|spending)\s+(?:absolutely\s+)?(?:nothing|zero|\$?0(?!\.\d))\b", _I),
    re.compile(r"\bnothing\s+to\s+pay\b", _I),
    re.compile(r"\bwithout\s+(?:ever\s+)?(?:paying|spending)\b", _I),
    re.compile(
        r"\b" + _NEG_AUX + r"\s+(?:have\s+to\s+|need\s+to\s+|ever\s+)?(?:pay|spend)\b(?!\s+(?:off|attention|close|for\s+(?:itself|themselves)))",
        _I,
    ),
    re.compile(r"\bno\s+need\s+to\s+pay\b", _I),
    re.compile(
        r"\b(?:no|without(?:\s+(?:a|an|any|your))?)\s+(?:cloud\s+)?" + _PAY_OBJ
        + r"(?:\s+(?:account|setup|set\s+up|info(?:rmation)?|details|method|on\s+file))?\b"
        r"(?!\s+(?:surprises?|changes?|issues?|errors?|alerts?|dashboards?|data|reports?|differences?|impact|export|"
        r"page|console|api|games?|tricks?))",
        _I,
    ),
    re.compile(
        r"\bwithout\s+(?:enabling|setting\s+up|adding|linking|attaching|entering|providing|configuring|turning\s+on)\s+"
        r"(?:a\s+|an\s+|any\s+|your\s+)?(?:cloud\s+)?(?:billing|credit[\s-]?cards?|payment|cards?)",
        _I,
    ),
    re.compile(
        r"\bno\s+need\s+(?:to\s+(?:enable|set\s+up|add|link|attach|enter|provide|configure)\s+|for\s+)"
        r"(?:a\s+|an\s+|any\s+|your\s+)?(?:cloud\s+)?(?:billing|credit[\s-]?cards?|payment|cards?|paid\s+(?:plan|tier|account))",
        _I,
    ),
    re.compile(
        r"\b" + _NEG_AUX + r"\s+(?:even\s+)?(?:require|need|ask\s+for|requires|needs|asks\s+for)\s+"
        r"(?:to\s+(?:enable|set\s+up|add|link|attach|enter)\s+)?(?:a\s+|an\s+|any\s+|your\s+)?(?:cloud\s+)?"
        r"(?:billing|credit[\s-]?cards?|payment|cards?|paid\s+(?:plan|tier|account|key))",
        _I,
    ),
    re.compile(
        r"\b(?:billing|credit[\s-]?cards?|payment(?:\s+method)?|a\s+card)\s+(?:is\s+|are\s+)?"
        r"(?:not\s+required|not\s+needed|not\s+necessary|optional|unnecessary|isn" + _APOS + r"?t\s+(?:required|needed|necessary))\b",
        _I,
    ),
)

# Non-cost senses of "free" (checked on the lower-cased text around the word).
_FEEL_BEFORE = re.compile(r"\bfeel\s+$")
_BREAK_BEFORE = re.compile(r"\b(?:break|breaks|broke|broken|set)\s+$")
_PERSON_FREE_TO_BEFORE = re.compile(
    r"(?:\b(?:you|we|they)(?:" + _APOS + r"re|\s+are|\s+were|\s+will\s+be|\s+remain)"
    r"|\b(?:users?|developers?|people|contributors?|everyone|anyone|readers?|teams?|customers?)\s+(?:are|is|remain|will\s+be))"
    r"\s+(?:\w+\s+)?$"
)
_FREE_TO_NONCOST = re.compile(
    r"^\s+to\s+(?:modify|redistribute|share|fork|change|choose|pick|swap|switch|mix|ask|reach|contact|open|contribute|"
    r"submit|create|install|download|clone|read|join|register|sign\s+up|leave|go|copy|adapt|edit|reuse|comment)\b"
)
_FREE_AFTER_NONCOST = re.compile(
    r"""^(?:
        \s?\(\s*[\w*&>.\[\]-]*\s*\)             # free(ptr), free()
      | \.\w                                    # free.py
      | \s*/\s*(?:open|libre)
      | \s+(?:software|and\s+open|&\s+open|open[\s-]source|as\s+in|speech|will|rein|hand|text|form|
             variables?|parameters?|space|memory|disk|ram|vram|slots?|ports?|threads?|time|fall|energy|agents?|
             kicks?|throws?|association|choice|standing|floating|lists?|blocks?|pages?|buffers?|heap|lunch|
             fonts?|icons?|assets?|stock|photos?|function|method|routine|syscall|variable|radicals?|
             of\s+(?!charge|cost|costs|fees?|payment)|from|up\b(?!\s+to\b))\b
    )""",
    re.VERBOSE,
)
_FREE_HYPHEN_AFTER = re.compile(r"^-(\w+)")
_COST_HYPHEN_WORDS = frozenset(
    (
        "tier", "tiers", "to", "of", "plan", "plans", "quota", "usage", "access", "api", "credit", "credits",
        "trial", "forever", "version", "account", "accounts", "key", "keys", "edition", "option", "level",
        "for", "use", "gemini", "nano", "image", "images", "generation", "generations", "calls", "requests",
        "allowance", "limits", "limit", "of-charge",
    )
)
_VERB_BEFORE = re.compile(
    r"(?:^|[:.\-*>]\s*|\b(?:to|must|should|will|can|could|then|and|we|you|i|always|never|please|todo|fixme|"
    r"don" + _APOS + r"?t|do\s+not|need\s+to|let" + _APOS + r"?s|helps?))\s*$"
)
_VERB_OBJECT_AFTER = re.compile(
    r"^\s+(?:the|a|an|all|any|up(?!\s+to)|it|them|its|their|our|your|this|that|these|those|memory|resources?|"
    r"objects?|buffers?|handles?|pointers?|gpu|vram|cache|tensors?|allocated)\b"
)
_TOPIC_AFTER = re.compile(
    r"^[\s-]+tiers?\s+(?:questions?|guide|status|eligibility|wording|claims?|myths?|confusion|rows?|columns?|"
    r"checks?|faq|page|docs|documentation|article|map|topic|comparison|section|field|label|flag|setting|"
    r"config|values?|enum|constant|rules?|limits\s+guide|decision)\b"
)
_ALTERNATIVE_AFTER = re.compile(
    r"^(?:\s*,\s*\w+\s*,?)?\s*(?:or|vs\.?|versus|/)\s*(?:paid|billed|premium|pro|standard|priced|not|non-free)\b"
)
_ALTERNATIVE_BEFORE = re.compile(r"\b(?:paid|billed|premium)\s*(?:or|vs\.?|versus|/)\s*$")
_KEY_PREDICATE_BEFORE = re.compile(r"\bkeys?\s+(?:is|are|costs?)\s+(?:\w+\s+)?$")

# Scope boundaries (positions are in the sentence).
_HARD_BOUNDARY = re.compile(r"[.!?](?=\s|$)|;")
_CONTRAST_BOUNDARY = re.compile(
    r"[.!?](?=\s|$)|;|\s[\u2014\u2013]\s?|\u2014|\s--?\s"
    r"|\b(?:but|however|although|though|whereas|while|whilst|unlike|compared\s+(?:to|with)|versus|instead\s+of|rather\s+than)\b"
    r"|,\s*(?:and|so)\b",
    _I,
)
_LEADING_CONTRAST = re.compile(r"\b(?:unlike|compared\s+(?:to|with)|versus|instead\s+of|rather\s+than)\b", _I)
_NEG_BOUNDARY = re.compile(
    r"[.!?](?=\s|$)|[;:|()\[\],]|\s[\u2014\u2013]\s?|\u2014|\s--?\s"
    r"|\b(?:but|however|although|though|whereas|while|whilst|and|so|because|since|which|unlike)\b",
    _I,
)
_POST_STOP = re.compile(
    r"[.!?](?=\s|$)|;|,|\s[\u2014\u2013]\s?|\u2014|\s--?\s"
    r"|\b(?:and|so|which|who|because|since|if|when|unless|while|but|although|though|as\s+long\s+as)\b",
    _I,
)

# Negation before the claim (inside its clause) and after it.
_PRE_NEG_IGNORE = re.compile(
    r"\bnot\s+(?:only|just|merely|simply|to\s+mention)\b|\bno\s+(?:matter|doubt|wonder|kidding|joke|surprise|question|"
    r"strings|catch|hidden|brainer|-?code)\b|\bnothing\s+(?:beats|compares)\b|\bzero[\s-]shot\b|\bnon-?stop\b"
)
_PRE_NEG = re.compile(
    r"\b(?:not|no|never|without|neither|nor|none|nobody|nothing|cannot|lacks?|lacking|zero|excluded|excludes?|"
    r"ineligible|outside|removed\s+from|dropped\s+from|used\s+to\s+be|isnt|doesnt|dont|wont|cant|arent|hardly)\b"
    r"|n" + _APOS + r"t\b"
)
_TRAILING_NEG = re.compile(r"(?:\bnot|n" + _APOS + r"t|\bnever|\bno\s+longer)\s*$")
_POST_LABEL_NEG = re.compile(
    r"^\s*[:|=(\-\u2013\u2014]+\s*(?:no|none|n/?a|nil|0|zero|\u274c|\u2717|\u2718|\u00d7|\u2014|-)\s*(?:[|).,;]|$)", _I
)
_POST_AVAIL_NEG = re.compile(
    r"^(?:[^.!?;]{0,80}?)\b(?:not\s+(?:currently\s+|yet\s+)?(?:available|offered|supported|included|provided|applicable|"
    r"listed|enabled|eligible|an\s+option)|unavailable|n/a)\b",
    _I,
)
_POST_VERB_NEG = re.compile(
    r"\b(?:do(?:es)?\s+not|do(?:es)?n" + _APOS + r"?t|is\s+not|isn" + _APOS + r"?t|are\s+not|aren" + _APOS
    + r"?t|was\s+not|wasn" + _APOS + r"?t|cannot|can" + _APOS + r"?t|won" + _APOS + r"?t|will\s+not|never|"
    r"no\s+longer|(?:was|were|has\s+been|have\s+been)\s+(?:removed|discontinued|dropped|retired|ended|withdrawn|"
    r"cancell?ed)|ended|expired|went\s+away|is\s+gone|get\s+(?:an?\s+)?(?:429|error|errors)|returns?\s+(?:an?\s+)?"
    r"(?:429|error)|are\s+(?:rejected|blocked|denied)|excludes?|stopped)\b",
    _I,
)
_NONASSERTIVE = re.compile(
    r"\b(?:whether|unless|when|once)\b|\bif\b(?!\s+you(?:" + _APOS + r"re|\s+are)?\s+(?:just\s+|only\s+)?(?:want|need|looking|after))",
    _I,
)
_QUESTION_LEFT = re.compile(r"[.!?](?=\s)|[;:|]")
_QUESTION_START = re.compile(r"^\W*(?:is|are|does|do|can|could|will|should|has|have|was|were|did)\b", _I)

# Sentence-level cues.
_PAID_ONLY = re.compile(
    r"\bpaid[\s-]only\b|\bonly\s+(?:available\s+)?(?:on\s+|in\s+|with\s+|through\s+)?(?:the\s+|a\s+)?paid\b"
    r"|\brequires?\s+(?:a\s+|an\s+)?(?:billing|paid|credit\s+card|payment)|\bbilling\s+(?:is\s+)?(?:required|mandatory)\b"
    r"|\bmust\s+(?:enable|set\s+up|add|have)\s+(?:a\s+)?billing|\b(?:is|are)\s+billed\b|\bbilled\s+(?:per|from|at|separately)\b",
    _I,
)
_CORRECTION = re.compile(
    r"\b(?:myths?|misconceptions?|misleading|mistaken(?:ly)?|wrong(?:ly)?|incorrect(?:ly)?|inaccurate|untrue|falsely|"
    r"outdated|claims?(?!\s+your)|claimed|claiming|alleged?|allegedly|rumou?rs?|supposedly|so-called|assum(?:e|es|ed|ing|ption)|"
    r"beware|fooled|debunk\w*|clickbait|confus(?:e|es|ed|ing|ion)|conflat\w*|advertis\w*|pretend\w*)\b",
    _I,
)

# Other surfaces and subjects that make a "free" statement about something other than the API.
_SURFACE = re.compile(
    r"\b(?:google\s+)?ai\s*studio\b|aistudio|makersuite|\bgemini\s+(?:apps?|advanced|web\s+app|mobile\s+app|chat(?:bot)?)\b"
    r"|gemini\.google\.com|\bgoogle\s+ai\s+(?:pro|ultra|premium|plus)\b|\bgoogle\s+one\b|\bconsumers?\b|\bbrowser\b"
    r"|\bweb\s+ui\b|\bplayground\b|\bmobile\s+app\b|\bthe\s+app\b|\bwhisk\b|\bgoogle\s+(?:flow|photos|slides|search|lens)\b"
    r"|\bnotebooklm\b|\$300\b|\b(?:google\s+cloud|gcp)\s+(?:free\s+)?(?:trial|credits?)",
    _I,
)
_PRODUCTION = re.compile(
    r"\b(?:in\s+production|for\s+production|in\s+prod|production\s+(?:traffic|use|usage|apps?|workloads?|calls?|quota)|"
    r"backend|server[\s-]side|at\s+scale|bulk|api\s+(?:calls?|requests?|usage|quota)|unlimited)\b",
    _I,
)
_GATEWAY = re.compile(
    r"\b(?:openrouter|fal\.ai|fal\.run|replicate\.com|together\.ai|together\s+ai|puter(?:\.js)?|kie\.ai|aimlapi|laozhang|"
    r"hugging\s*face|huggingface|hf\s+spaces?|cloudflare|workers\s+ai|github\s+models|azure|aws|bedrock|groq|novita|"
    r"deepinfra|segmind|wavespeed|eachlabs|apiyi|poe\.com|third[\s-]party|gateways?|prox(?:y|ies)|resellers?|"
    r"aggregators?|relays?|promo(?:tion)?(?:al)?s?|coupons?|referrals?|sign[\s-]?up\s+bonus|partners?)\b",
    _I,
)
_GATEWAY_CASED = re.compile(r"\b(?:Replicate|Together|Poe|Spaces|fal)\b")
_COMPETITOR = re.compile(
    r"\b(?:openai|chatgpt|dall[\s\u00b7.-]?e(?:[\s-]?\d)?|gpt[\s-]?image(?:[\s-]?\d)?|gpt-?4o|gpt-\d[\w.-]*|midjourney|"
    r"stable\s+diffusion|sdxl|sd\s?(?:1\.5|2\.1|3(?:\.5)?)|flux(?:\.\d)?|black\s+forest\s+labs|ideogram|firefly|adobe|"
    r"bing|copilot|canva|leonardo(?:\.ai)?|krea|runway(?:ml)?|pika|claude|anthropic|meta\s+ai|llama|qwen|seedream|"
    r"bytedance|grok|xai|mistral|deepseek|imagen(?:[\s-]?\d[\w.-]*)?|dreamstudio|automatic1111|comfyui|ollama|"
    r"recraft|hunyuan|kling|pollinations|gimp|photoshop|unsplash|pexels|pixabay|colab|kaggle|netlify|vercel|heroku|"
    r"render\.com|fly\.io|supabase|github\s+(?:actions|pages|codespaces))\b",
    _I,
)
_NON_MODEL = re.compile(
    r"\b(?:sdks?|librar(?:y|ies)|packages?|google-genai|gemini-lint|linter|repo|repository|notebooks?|templates?|docs|"
    r"documentation|tutorials?|courses?|e-?books?|webinars?|newsletters?|licen[cs]es?|source\s+code|code\s+samples?|"
    r"cookbook|community|discord|forums?|accounts?|sign[\s-]?ups?|registration|keys?|fonts?|icons?|cli|ide|editor|"
    r"extensions?|plugins?|thumbnails|downloads?)\b",
    _I,
)

_NON_MODEL_NEAR = re.compile(
    r"\b(?:sdks?|librar(?:y|ies)|packages?|google-genai|gemini-lint|linter|repo|repository|notebooks?|templates?|docs|"
    r"documentation|tutorials?|courses?|e-?books?|licen[cs]es?|source\s+code|code\s+samples?|cookbook|cli|"
    r"extensions?|plugins?)\b",
    _I,
)


# --------------------------------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------------------------------

_FLASH_MESSAGE = (
    "the official Gemini Developer API has no free tier for gemini-3.1-flash-image (Nano Banana 2); "
    'say "AI Studio testing" for browser trials or "official API Free Tier not available" for API use '
    "(Standard $60 / Batch $30 per 1M output image tokens, about $0.067 / $0.034 per 1K image)"
)
_PRO_MESSAGE = (
    "don't promise free API use of Gemini 3 Pro Image (Nano Banana Pro): check the Gemini API pricing row for "
    'gemini-3-pro-image and say "AI Studio testing" for browser trials or "official API Free Tier not available" '
    "for API use; Gemini 3 image models are billed per output image token"
)
_OTHER_MESSAGE = (
    "free-tier eligibility is per model and changes: cite the Gemini API pricing row for {subject} with a date; "
    "gemini-3.1-flash-image (Nano Banana 2) has no Developer API free tier "
    "(Standard $60 / Batch $30 per 1M output image tokens), AI Studio is browser testing only"
)
_ID_ONLY = re.compile(r"^(?:models/)?gemini-[\w.-]+$", _I)
_DISPLAY_VERSION = re.compile(r"^gemini\s+\d", _I)


def _message_for(subject: str) -> str:
    low = " ".join(subject.lower().replace("_", " ").split())
    is_image = "image" in low or "banana" in low
    preview = "preview" in low
    if "pro" in low.split("-") + low.split() and is_image:
        prefix = ""
        if preview:
            prefix = f"{subject} shut down on 2026-06-25 (use gemini-3-pro-image); "
        return prefix + _PRO_MESSAGE
    if is_image or not (_ID_ONLY.match(subject) or _DISPLAY_VERSION.match(subject)):
        prefix = ""
        if preview and ("3.1" in low or "banana" in low):
            prefix = f"{subject} shut down on 2026-06-25 (use gemini-3.1-flash-image); "
        return prefix + _FLASH_MESSAGE
    return _OTHER_MESSAGE.format(subject=subject)


# --------------------------------------------------------------------------------------------------
# Segmentation
# --------------------------------------------------------------------------------------------------

_Span = Tuple[int, int]


def _units(text: str) -> List[Tuple[int, int, str]]:
    """Split ``text`` into units: paragraphs, list items, headings and table rows (start, end, kind)."""
    units: List[Tuple[int, int, str]] = []
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
                    del units[last_table_unit]  # a header row is not a sentence
            elif stripped.startswith("|"):
                if cur_start >= 0:
                    units.append((cur_start, cur_end, cur_kind))
                    cur_start = -1
                table_line = len(units)
                units.append((start, end, "table"))
            elif _HEADING.match(stripped):
                if cur_start >= 0:
                    units.append((cur_start, cur_end, cur_kind))
                    cur_start = -1
                units.append((start, end, "heading"))
            elif _LIST_ITEM.match(stripped):
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
        last_table_unit = table_line
        if nl >= n:
            break
        pos = nl + 1
    if cur_start >= 0:
        units.append((cur_start, cur_end, cur_kind))
    return units


def _sentences(ctext: str, unit: Tuple[int, int, str]) -> List[_Span]:
    """Sentences of one unit; table rows and list items are one sentence each."""
    start, end, kind = unit
    if kind in ("table", "item"):
        return [(start, end)]
    spans: List[_Span] = []
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


def _boundaries(pattern: "re.Pattern[str]", text: str) -> List[_Span]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _scope(bounds: List[_Span], lo: int, hi: int, length: int) -> _Span:
    """The region between the last boundary ending at or before ``lo`` and the first starting at or after ``hi``."""
    left = 0
    right = length
    for b_start, b_end in bounds:
        if b_end <= lo:
            left = max(left, b_end)
        elif b_start >= hi:
            right = min(right, b_start)
    return left, right


def _entity_bounds(low: str) -> List[_Span]:
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


def _candidates(sent: str) -> List[Tuple[int, int, bool]]:
    """Claim phrases in the sentence: (start, end, is_free_word), sorted, non-overlapping."""
    found: List[Tuple[int, int, bool]] = []
    for match in _FREE_WORD.finditer(sent):
        found.append((match.start("w"), match.end("w"), True))
    for pattern in _OTHER_CLAIMS:
        for match in pattern.finditer(sent):
            found.append((match.start(), match.end(), False))
    found.sort(key=lambda item: (item[0], -item[1]))
    result: List[Tuple[int, int, bool]] = []
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
    if _FREE_AFTER_NONCOST.match(after):
        return False
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
    for char in low[end:]:
        if char == "?":
            return True
        if char in ".!;|":
            break
    hard_left = max((m.end() for m in _QUESTION_LEFT.finditer(raw_low, 0, start)), default=0)
    return bool(_QUESTION_START.match(raw_low[hard_left:start]))


def _pre_negated(low: str, start: int, neg_bounds: List[_Span]) -> bool:
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


def _post_negated(low: str, end: int, post_bounds: List[_Span], sentence_end: int) -> bool:
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


def _subjects(ctx: _Context, lo: int, hi: int) -> List[Tuple[int, int, bool]]:
    """(start, end, strong) Gemini subjects in ``stext[lo:hi]``, offsets relative to ``lo``."""
    region = ctx.stext[lo:hi]
    found = [(m.start(), m.end(), True) for m in _STRONG_SUBJECT.finditer(region)]
    if ctx.weak_ok:
        for m in _WEAK_SUBJECT.finditer(region):
            if not any(s <= m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), False))
    found.sort()
    return found


def _analyze(ctx: _Context, s: int, e: int) -> Optional[FreeClaim]:
    sent = ctx.ctext[s:e]
    candidates = _candidates(sent)
    if not candidates:
        return None
    subjects = _subjects(ctx, s, e)
    if not subjects:
        return None
    low = sent.lower()
    raw_low = ctx.text[s:e].lower()
    if _CORRECTION.search(low):
        return None
    denial = bool(_PAID_ONLY.search(low))
    neg_bounds = _boundaries(_NEG_BOUNDARY, low)
    post_bounds = _boundaries(_POST_STOP, low)
    ent_bounds = _entity_bounds(low)
    survivors: List[Tuple[int, int, bool, _Span]] = []
    for start, end, is_free in candidates:
        if is_free and not _free_sense_is_cost(low, start, end):
            continue
        if _is_quoted_mention(sent, start, end):
            continue
        neg_left, neg_right = _scope(neg_bounds, start, end, len(low))
        if _is_question(low, raw_low, start, end):
            continue
        if _pre_negated(low, start, neg_bounds) or _post_negated(low, end, post_bounds, len(low)):
            denial = True
            continue
        if _NONASSERTIVE.search(low[neg_left:start]):
            continue
        if is_free and _KEY_PREDICATE_BEFORE.search(low[neg_left:start]):
            continue
        c_left, c_right = _scope(ent_bounds, start, end, len(low))
        clause_raw = raw_low[c_left:c_right]
        near = low[max(neg_left, start - 40):min(neg_right, end + 50)]
        if _SURFACE.search(clause_raw) and not (
            _PRODUCTION.search(near) and not re.search(r"\bnot\s+(?:for|in)\s+prod", near)
        ):
            continue
        clause_cased = ctx.text[s + c_left:s + c_right]
        if _GATEWAY.search(clause_raw) or _GATEWAY_CASED.search(clause_cased):
            continue
        strong_in_clause = any(st and c_left <= a and b <= c_right for a, b, st in subjects)
        masked = _mask_subjects(clause_raw, subjects, c_left)
        if not strong_in_clause:
            if _COMPETITOR.search(masked) or _NON_MODEL.search(masked):
                continue
        elif _other_is_nearer(masked, subjects, c_left, start):
            continue
        survivors.append((start, end, strong_in_clause, (c_left, c_right)))
    if denial:
        survivors = [item for item in survivors if item[2]]
    if not survivors:
        return None
    start, end, _, (c_left, c_right) = survivors[0]
    subject = _pick_subject(subjects, start, c_left, c_right)
    name = ctx.text[s + subject[0]:s + subject[1]].strip().rstrip(".,;:-")
    return FreeClaim(start=s + start, end=s + end, subject=name, message=_message_for(name))


def _mask_subjects(clause: str, subjects: List[Tuple[int, int, bool]], offset: int) -> str:
    """Blank subject mentions so "Gemini API key" is not read as a non-model "key"."""
    chars = list(clause)
    for a, b, _ in subjects:
        for i in range(max(a - offset, 0), min(b - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _other_is_nearer(masked: str, subjects: List[Tuple[int, int, bool]], c_left: int, start: int) -> bool:
    """Whether another product (not a Gemini subject) is the nearest thing named before the claim."""
    rel = start - c_left
    other_end = -1
    for match in _COMPETITOR.finditer(masked, 0, max(rel, 0)):
        other_end = max(other_end, match.end())
    for match in _NON_MODEL_NEAR.finditer(masked, 0, max(rel, 0)):
        if len(masked[match.end():rel].split()) <= 3:  # "the SDK is free", not "in this tutorial we ... free"
            other_end = max(other_end, match.end())
    if other_end < 0:
        return False
    subject_end = max((b - c_left for a, b, st in subjects if st and c_left <= a and b <= start), default=-1)
    return other_end > subject_end


def _pick_subject(subjects: List[Tuple[int, int, bool]], start: int, c_left: int, c_right: int) -> Tuple[int, int, bool]:
    def rank(item: Tuple[int, int, bool]) -> Tuple[int, int, int, int]:
        a, b, strong = item
        in_clause = 0 if c_left <= a and b <= c_right else 1
        preceding = 0 if b <= start else 1
        distance = start - b if b <= start else a - start
        return (0 if strong else 1, in_clause, preceding, distance)

    return min(subjects, key=rank)


def _blank(text: str, pattern: "re.Pattern[str]") -> str:
    parts: List[str] = []
    last = 0
    for match in pattern.finditer(text):
        parts.append(text[last:match.start()])
        parts.append(" " * (match.end() - match.start()))
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
    if not _FILE_SUBJECT_HINT.search(text) or not _FILE_CLAIM_HINT.search(text):
        return []
    stext = _blank(text, _URL)
    ctext = _blank(stext, _CODE_SPAN)
    ctx = _Context(text=text, ctext=ctext, stext=stext, weak_ok=bool(_FILE_GEMINI_HINT.search(text)))
    claims: List[FreeClaim] = []
    for unit in _units(stext):
        if not _FILE_CLAIM_HINT.search(ctext, unit[0], unit[1]):
            continue
        for s, e in _sentences(ctext, unit):
            claim = _analyze(ctx, s, e)
            if claim is not None:
                claims.append(claim)
    return claims
