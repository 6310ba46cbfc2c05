"""Which API surface a file's own code says it calls (Vertex AI, Firebase AI Logic, the Gemini Developer API).

A run picks one surface (``--surface``, default the Gemini Developer API), and its registry names the
replacements. Some IDs are replaced by other models on other surfaces (``gemini-2.5-flash``: a
Flash-Lite model on the Gemini API, a Flash model on Vertex AI; the Imagen and Veo IDs), and a file
that plainly calls Vertex AI (``genai.Client(vertexai=True)``, ``import vertexai``, ``vertex("...")``
of the AI SDK) would get the Gemini API's model. Such a file's fixes wait for ``--unsafe-fixes``
when the surface it names replaces the ID otherwise (or not at all): a run with its ``--surface``
fixes it. Only plain signs count: a client whose surface is a variable says nothing.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: Signs that a file calls a surface, by surface (any one is enough; case matters where names do). Each
#: sign is a pattern and the words it cannot match without (one of ``words``, and one of ``also`` if any):
#: most files hold none of them, and a pattern led by ``\b`` is slow to search for (~0.25 ms over 8 KB,
#: against ~5 µs for a substring test), so a pattern is searched only in a text that holds its words,
#: and compiled then (~2 ms for them all at import, paid otherwise by a pre-commit run over one file
#: naming a current ID).
class _Sign(NamedTuple):
    pattern: str
    words: tuple[str, ...]
    also: tuple[str, ...] = ()
    #: Words one of which the text must hold besides a match (not part of the pattern: a condition of its own).
    context: tuple[str, ...] = ()


_VERTEX_SIGNS = (
    _Sign(r"\b\w*vertexai\w*\s*=\s*True\b", ("vertexai",), ("True",)),
    _Sign(r"\bvertexai_config\b", ("vertexai_config",)),
    _Sign(r"^[ \t]*(?:import[ \t]+vertexai\b|from[ \t]+vertexai\b)", ("vertexai",)),
    _Sign(r"\bvertexai\.init\s*\(", ("vertexai.init",)),
    _Sign(r"\bgoogle\.cloud\.aiplatform\b", ("google.cloud.aiplatform",)),
    _Sign(r"\bfrom[ \t]+google\.cloud[ \t]+import[ \t]+aiplatform\b", ("aiplatform",), ("google.cloud",)),
    _Sign(r"\bGOOGLE_GENAI_USE_VERTEXAI\b[^\n]{0,20}?(?:(?i:\btrue\b|\byes\b)|[\"'=:\s]1\b)", ("GOOGLE_GENAI_USE_VERTEXAI",)),
    _Sign(r"\bChatVertexAI\b", ("ChatVertexAI",)),
    _Sign(r"\bVertexAI\w*\s*\(", ("VertexAI",)),
    _Sign(r"aiplatform\.googleapis\.com", ("aiplatform.googleapis.com",)),
    _Sign(r"/publishers/google/models/", ("/publishers/google/models/",)),
    _Sign(r"\bvertex_ai(?:_beta)?/", ("vertex_ai",)),
    _Sign(r"@ai-sdk/google-vertex", ("@ai-sdk/google-vertex",)),
    _Sign(r"\bcreateVertex\s*\(", ("createVertex",)),
    _Sign(r"\bvertex\s*\(\s*[\"'`]", ("vertex",), ("(",)),
    # A provider's name for it: letta's google_vertex/<ID> handles, pydantic-ai's google-vertex:<ID>,
    # instructor's vertexai/<ID>, esperanto's provider="vertex".
    _Sign(r"\bgoogle[_-]vertex\b", ("google_vertex", "google-vertex")),
    _Sign(r"\bvertexai/", ("vertexai/",)),
    _Sign(r"\bprovider\s*=\s*[\"'](?:google[_-])?vertex(?:[_-]?ai)?[\"']", ("vertex",), ("provider",)),
    # BigQuery's generative functions call Vertex AI's models (google-adk's BigQuery skill docs).
    _Sign(r"\b(?:AI|ML)\.GENERATE(?:_[A-Z]+)*\s*\(", ("AI.GENERATE", "ML.GENERATE")),
    _Sign(r"\bAI\.(?:EMBED|CLASSIFY|SCORE|AGG|IF)\s*\(", ("AI.EMBED", "AI.CLASSIFY", "AI.SCORE", "AI.AGG", "AI.IF")),
    _Sign(r"\b(?:REMOTE|remote)[ \t\r\n]+(?:WITH|with)[ \t\r\n]+(?:CONNECTION|connection)\b", ("REMOTE", "remote"),
          ("ONNECTION", "onnection")),
    # pydantic-ai's "google-cloud:<ID>", LangChain's "google_vertexai:<ID>" and model_provider="google_vertexai",
    # Haystack's api="vertex" (in code and in a pipeline's YAML); a second run over real packages.
    _Sign(r"\bgoogle-cloud:(?=[a-z])", ("google-cloud:",)),
    _Sign(r"\bgoogle_vertexai\b", ("google_vertexai",)),
    _Sign(r"\bapi\s*=\s*[\"']vertex[\"']", ("vertex",), ("api",)),
    _Sign(r"^[ \t]*api:[ \t]*[\"']?vertex[\"']?[ \t]*$", ("vertex",), ("api:",)),
    # Config files' names for it (a review of variants, 2026-12-07): Continue's `provider: vertexai`
    # (YAML, JSON), promptfoo's `vertex:<ID>` and `vertex:chat:<ID>`, llm-vertex's `vertex/<ID>`,
    # Portkey's `@vertex-ai/<ID>`, Spring AI's `spring.ai.vertex.ai` (dotted, or as nested YAML keys).
    _Sign(r"\bprovider[\"']?[ \t]*:[ \t]*[\"']?(?:google[_-])?vertex(?:[_-]?ai)?[\"']?[ \t]*(?:[,}\]#\r\n]|$)", ("vertex",),
          ("provider",)),
    _Sign(r"(?<![\w.\-])vertex:(?=[a-z])", ("vertex:",)),
    _Sign(r"(?<![\w./\\\-])@?vertex(?:-ai)?/(?=[a-z])", ("vertex/", "vertex-ai/")),
    _Sign(r"\bspring\.ai\.vertex\.ai\b", ("spring.ai.vertex.ai",)),
    _Sign(r"^[ \t]*vertex:[ \t]*\r?\n[ \t]+ai:", ("vertex:",), ("ai:",)),
)
_FIREBASE_SIGNS = (
    _Sign(r"\bfirebase/(?:ai|vertexai)\b", ("firebase/",)),
    _Sign(r"\bfirebase_(?:ai|vertexai)\b", ("firebase_",)),
    _Sign(r"\bFirebaseAI\b", ("FirebaseAI",)),
    _Sign(r"\bFirebaseVertexAI\b", ("FirebaseVertexAI",)),
    _Sign(r"\bgetGenerativeModel\s*\(\s*(?:ai|vertexAI)\b", ("getGenerativeModel",), context=("firebase", "Firebase")),
)
_GEMINI_API_SIGNS = (
    _Sign(r"generativelanguage\.googleapis\.com", ("generativelanguage.googleapis.com",)),
    _Sign(r"\bgoogle\.generativeai\b", ("google.generativeai",)),
    _Sign(r"\bGEMINI_API_KEY\b", ("GEMINI_API_KEY",)),
    _Sign(r"\bvertexai\s*=\s*False\b", ("vertexai",), ("False",)),
    _Sign(r"\bChatGoogleGenerativeAI\b", ("ChatGoogleGenerativeAI",)),
    _Sign(r"@ai-sdk/google\b(?!-)", ("@ai-sdk/google",)),
    _Sign(r"\bcreateGoogleGenerativeAI\s*\(", ("createGoogleGenerativeAI",)),
    _Sign(r"\bgoogle\s*\(\s*[\"'`]", ("google",), ("(",)),
)
#: Per surface: its signs and the flags of their patterns.
_SIGNS = {
    "vertex-ai": (_VERTEX_SIGNS, re.M),
    "firebase": (_FIREBASE_SIGNS, 0),
    "gemini-api": (_GEMINI_API_SIGNS, 0),
}


def _fewest(words: set[str]) -> tuple[str, ...]:
    """``words`` less those that hold another of them: a text holds one of these if it holds one of ``words``."""
    return tuple(sorted(word for word in words if not any(other != word and other in word for other in words)))


#: Per surface, the words one of which each of its signs needs: most texts hold none, and are told so
#: in a few substring tests (the signs' own words are asked only of the texts that hold one).
_QUICK = {surface: _fewest({word for sign in signs for word in sign.words}) for surface, (signs, _) in _SIGNS.items()}


_COMPILED: dict[str, re.Pattern[str]] = {}


#: The text asked about last and its answer: a file's fixes, its other surfaces' IDs and the triage ask
#: of the same text in turn.
_last: tuple[str, frozenset[str]] = ("", frozenset())


def surfaces_named(text: str) -> frozenset[str]:
    """The surfaces whose signs ``text`` holds (often none)."""
    global _last
    last = _last  # one read: another thread may set it meanwhile
    if last[0] is text:
        return last[1]
    found = frozenset(
        surface
        for surface, (signs, flags) in _SIGNS.items()
        if any(word in text for word in _QUICK[surface]) and _holds_one(text, signs, flags)
    )
    _last = (text, found)
    return found


def _holds_one(text: str, signs: tuple[_Sign, ...], flags: int) -> bool:
    for sign in signs:
        if (
            any(word in text for word in sign.words)
            and (not sign.also or any(word in text for word in sign.also))
            and (not sign.context or any(word in text for word in sign.context))
        ):
            compiled = _COMPILED.get(sign.pattern)
            if compiled is None:
                compiled = _COMPILED[sign.pattern] = re.compile(sign.pattern, flags)
            if compiled.search(text):
                return True
    return False


#: A folder or file name that says its files are for Vertex AI (``langchain_google_vertexai/``,
#: ``test_vertex_provider.py``, ``docs/providers/vertex.md``): "vertex" as a word of the name, so that
#: a ``vertexlab/`` or ``vertices.py`` is none.
_VERTEX_NAME = re.compile(r"(?i)(?:^|[/\\_.\-])vertex(?:[_\-]?ai)?(?=$|[/\\_.\-])")


def surfaces_in_path(path: str) -> frozenset[str]:
    """The surfaces that ``path``, as given, names in a folder's or the file's name: a test, an example or
    a doc page of a Vertex AI provider often holds no sign of its own (it calls the provider's class,
    whose module holds them), and a fix there from the Gemini API's registry parted it from that module
    (esperanto's ``test_vertex_provider.py`` expected a default that ``vertex.py`` kept)."""
    return frozenset(("vertex-ai",)) if _VERTEX_NAME.search(path) else frozenset()
