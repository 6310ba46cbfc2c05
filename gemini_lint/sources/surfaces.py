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

#: Signs that a file calls a surface, by surface (any one is enough; case matters where names do): the
#: pattern and its flags, compiled the first time a text holds one of the surface's quick words
#: (:data:`_QUICK`; ~2 ms at import, paid otherwise by a pre-commit run over one file naming a current ID).
_SIGNS = {
    "vertex-ai": (
        r"\b\w*vertexai\w*\s*=\s*True\b|\bvertexai_config\b|^[ \t]*(?:import[ \t]+vertexai\b|from[ \t]+vertexai\b)|\bvertexai\.init\s*\("
        r"|\bgoogle\.cloud\.aiplatform\b|\bfrom[ \t]+google\.cloud[ \t]+import[ \t]+aiplatform\b"
        r"|\bGOOGLE_GENAI_USE_VERTEXAI\b[^\n]{0,20}?(?:(?i:\btrue\b|\byes\b)|[\"'=:\s]1\b)|\bChatVertexAI\b"
        r"|\bVertexAI\w*\s*\("
        r"|aiplatform\.googleapis\.com|/publishers/google/models/|\bvertex_ai(?:_beta)?/|@ai-sdk/google-vertex|\bcreateVertex\s*\(|\bvertex\s*\(\s*[\"'`]"
        # A provider's name for it: letta's google_vertex/<ID> handles, pydantic-ai's google-vertex:<ID>,
        # instructor's vertexai/<ID>, esperanto's provider="vertex".
        r"|\bgoogle[_-]vertex\b|\bvertexai/|\bprovider\s*=\s*[\"'](?:google[_-])?vertex(?:[_-]?ai)?[\"']"
        # BigQuery's generative functions call Vertex AI's models (google-adk's BigQuery skill docs).
        r"|\b(?:AI|ML)\.GENERATE(?:_[A-Z]+)*\s*\(|\bAI\.(?:EMBED|CLASSIFY|SCORE|AGG|IF)\s*\("
        r"|\b(?:REMOTE|remote)[ \t\r\n]+(?:WITH|with)[ \t\r\n]+(?:CONNECTION|connection)\b"
        # pydantic-ai's "google-cloud:<ID>", LangChain's "google_vertexai:<ID>" and model_provider="google_vertexai",
        # Haystack's api="vertex" (in code and in a pipeline's YAML); a second run over real packages.
        r"|\bgoogle-cloud:(?=[a-z])|\bgoogle_vertexai\b|\bapi\s*=\s*[\"']vertex[\"']|^[ \t]*api:[ \t]*[\"']?vertex[\"']?[ \t]*$"
        # Config files' names for it (a review of variants, 2026-12-07): Continue's `provider: vertexai`
        # (YAML, JSON), promptfoo's `vertex:<ID>` and `vertex:chat:<ID>`, llm-vertex's `vertex/<ID>`,
        # Portkey's `@vertex-ai/<ID>`, Spring AI's `spring.ai.vertex.ai` (dotted, or as nested YAML keys).
        r"|\bprovider[\"']?[ \t]*:[ \t]*[\"']?(?:google[_-])?vertex(?:[_-]?ai)?[\"']?[ \t]*(?:[,}\]#\r\n]|$)"
        r"|(?<![\w.\-])vertex:(?=[a-z])|(?<![\w./\\\-])@?vertex(?:-ai)?/(?=[a-z])"
        r"|\bspring\.ai\.vertex\.ai\b|^[ \t]*vertex:[ \t]*\r?\n[ \t]+ai:",
        re.M,
    ),
    "firebase": (
        r"\bfirebase/(?:ai|vertexai)\b|\bfirebase_(?:ai|vertexai)\b|\bFirebaseAI\b|\bFirebaseVertexAI\b"
        r"|\bgetGenerativeModel\s*\(\s*(?:ai|vertexAI)\b",
        0,
    ),
    "gemini-api": (
        r"generativelanguage\.googleapis\.com|\bgoogle\.generativeai\b|\bGEMINI_API_KEY\b|\bvertexai\s*=\s*False\b"
        r"|\bChatGoogleGenerativeAI\b|@ai-sdk/google\b(?!-)|\bcreateGoogleGenerativeAI\s*\(|\bgoogle\s*\(\s*[\"'`]",
        0,
    ),
}
#: Per surface, words at least one of its signs holds, for a quick look first (most files name no surface,
#: and the patterns, led by \b, are slow to search for).
_QUICK = {
    "vertex-ai": ("vertex", "Vertex", "VERTEX", "aiplatform", "/publishers/", "AI.GENERATE", "ML.GENERATE", "AI.EMBED",
                  "AI.CLASSIFY", "AI.SCORE", "AI.AGG", "AI.IF", "REMOTE", "remote", "google-cloud:"),
    "firebase": ("firebase", "Firebase"),
    "gemini-api": ("generativelanguage", "generativeai", "GEMINI_API_KEY", "GoogleGenerativeAI", "@ai-sdk/google",
                   "vertexai", "google("),
}


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
        surface for surface in _SIGNS if any(word in text for word in _QUICK[surface]) and _sign(surface).search(text)
    )
    _last = (text, found)
    return found


def _sign(surface: str) -> re.Pattern[str]:
    compiled = _COMPILED.get(surface)
    if compiled is None:
        compiled = _COMPILED[surface] = re.compile(*_SIGNS[surface])
    return compiled


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
