"""A file that plainly calls another surface than the run's: fixes wait where that surface replaces the ID otherwise."""

from __future__ import annotations

import pytest

from conftest import make_settings
from gemini_lint.config import Settings
from gemini_lint.diagnostic import Applicability, Diagnostic
from gemini_lint.linter import applicable, fix_source, lint_source
from gemini_lint.sources.surfaces import surfaces_named

SETTINGS = make_settings(select=("GL001",))
VERTEX_SETTINGS = make_settings(select=("GL001",), surface="vertex-ai")
# Replaced by a Flash-Lite model on the Gemini API and by a Flash model on Vertex AI (the registry).
DIFFERS = "gemini-2.5-flash"
SAME = "gemini-3.1-flash-image-preview"  # gemini-3.1-flash-image everywhere


NAMED = [
        pytest.param('client = genai.Client(vertexai=True, project="p")\n', {"vertex-ai"}, id="genai-client"),
        pytest.param("import vertexai\nvertexai.init(project='p')\n", {"vertex-ai"}, id="vertexai-sdk"),
        pytest.param("from google.cloud import aiplatform\n", {"vertex-ai"}, id="aiplatform"),
        pytest.param("GOOGLE_GENAI_USE_VERTEXAI=true\n", {"vertex-ai"}, id="env"),
        # A run over real packages (semantic-kernel, llama-index): more spellings of the same.
        pytest.param('chat = GoogleAIChatCompletion(gemini_model_id="x", use_vertexai=True)\n', {"vertex-ai"}, id="use-vertexai"),
        pytest.param('os.environ["GOOGLE_GENAI_USE_VERTEXAI"] = "true"\n', {"vertex-ai"}, id="environ-item"),
        pytest.param('os.environ.setdefault("GOOGLE_GENAI_USE_VERTEXAI", "1")\n', {"vertex-ai"}, id="environ-setdefault"),
        pytest.param("llm = GoogleGenAI(vertexai_config={'project': 'p'})\n", {"vertex-ai"}, id="vertexai-config"),
        pytest.param("e = VertexAIEmbeddings(model_name='x')\n", {"vertex-ai"}, id="vertexai-class"),
        pytest.param('os.environ["GOOGLE_GENAI_USE_VERTEXAI"] = "false"\n', set(), id="environ-false"),
        pytest.param("const m = vertex('gemini-2.5-flash');\n", {"vertex-ai"}, id="ai-sdk-vertex"),
        pytest.param("model: vertex_ai/gemini-2.5-flash\n", {"vertex-ai"}, id="litellm-prefix"),
        # google-cloud-aiplatform's tests (a run over real packages): a resource name only Vertex AI has.
        pytest.param('M = "projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash"\n', {"vertex-ai"},
                     id="resource-name"),
        pytest.param('M = f"{parent}/publishers/google/models/gemini-2.0-flash-001"\n', {"vertex-ai"}, id="a-parent-variable"),
        # A run on 2026-12-07 (letta, instructor, esperanto): a provider's own name for Vertex AI.
        pytest.param('("google_vertex/gemini-2.0-flash", True, 0),\n', {"vertex-ai"}, id="letta-handle"),
        pytest.param('{"provider_type": "google_vertex"}\n', {"vertex-ai"}, id="letta-provider-type"),
        pytest.param("agent = Agent('google-vertex:gemini-2.5-flash')\n", {"vertex-ai"}, id="pydantic-ai-prefix"),
        pytest.param('KnownModelName = Literal["vertexai/gemini-2.0-flash-lite"]\n', {"vertex-ai"}, id="instructor-prefix"),
        pytest.param('model = AIFactory.create_language(provider="vertex", model_name="x")\n', {"vertex-ai"},
                     id="provider-keyword"),
        pytest.param('p = make(provider="vertexity")\n', set(), id="another-provider"),
        pytest.param("SELECT AI.GENERATE(prompt, endpoint => 'gemini-2.5-flash')\n", {"vertex-ai"}, id="bigquery-ai-generate"),
        pytest.param("SELECT * FROM ML.GENERATE_TEXT(MODEL `d.m`, TABLE t)\n", {"vertex-ai"}, id="bigquery-ml-generate"),
        # Frameworks' own names for Vertex AI (a second run over real packages, 2026-12-07: each had the
        # Gemini API's replacement written where Vertex AI names another model, or none).
        pytest.param('agent = Agent("google-cloud:gemini-2.5-flash")\n', {"vertex-ai"}, id="pydantic-ai-cloud"),
        pytest.param('llm = init_chat_model("google_vertexai:gemini-2.5-flash")\n', {"vertex-ai"}, id="langchain-prefix"),
        pytest.param('llm = init_chat_model("gemini-2.5-flash", model_provider="google_vertexai")\n', {"vertex-ai"},
                     id="langchain-provider"),
        pytest.param('g = GoogleGenAIChatGenerator(api="vertex", model="gemini-2.5-flash")\n', {"vertex-ai"}, id="haystack"),
        pytest.param("init_parameters:\n  api: vertex\n  model: gemini-2.5-flash\n", {"vertex-ai"}, id="haystack-yaml"),
        pytest.param('r = completion(model="vertex_ai_beta/gemini-2.5-flash")\n', {"vertex-ai"}, id="litellm-beta"),
        pytest.param("SELECT AI.EMBED(p, endpoint => 'text-embedding-005') FROM t;\n", {"vertex-ai"}, id="bigquery-ai-embed"),
        pytest.param("CREATE MODEL m\nREMOTE WITH CONNECTION `us.c`\nOPTIONS (ENDPOINT = 'gemini-2.5-flash');\n",
                     {"vertex-ai"}, id="bigquery-remote-model"),
        pytest.param("google-cloud: true\nremote: origin\n", set(), id="no-model-after-the-name"),
        # Config files' names for Vertex AI (a review of variants, 2026-12-07: each had the Gemini API's
        # replacement written by a safe fix).
        pytest.param("models:\n  - provider: vertexai\n    model: gemini-2.5-flash\n", {"vertex-ai"}, id="continue-yaml"),
        pytest.param('{"provider": "vertexai", "model": "gemini-2.5-flash"}\n', {"vertex-ai"}, id="continue-json"),
        pytest.param("providers:\n  - id: vertex:gemini-2.5-flash\n", {"vertex-ai"}, id="promptfoo"),
        pytest.param("providers:\n  - vertex:chat:gemini-2.5-flash\n", {"vertex-ai"}, id="promptfoo-chat"),
        pytest.param("llm -m vertex/gemini-2.5-flash 'hi'\n", {"vertex-ai"}, id="llm-vertex"),
        pytest.param('{"model": "@vertex-ai/gemini-2.5-flash"}\n', {"vertex-ai"}, id="portkey"),
        pytest.param("spring:\n  ai:\n    vertex:\n      ai:\n        gemini:\n", {"vertex-ai"}, id="spring-ai-yaml"),
        pytest.param("spring.ai.vertex.ai.gemini.chat.options.model=x\n", {"vertex-ai"}, id="spring-ai-properties"),
        pytest.param("provider: vertexity\nshaders: src/vertex/a.glsl\nvertex: 3\n", set(), id="other-vertices"),
        pytest.param('r = OpenAI.chat(model="x", api="openai")\n', set(), id="another-api"),
        pytest.param("import { getAI, getGenerativeModel } from 'firebase/ai';\n", {"firebase"}, id="firebase"),
        pytest.param("const m = google('gemini-2.5-flash');\n", {"gemini-api"}, id="ai-sdk-google"),
        pytest.param("KEY = os.environ['GEMINI_API_KEY']\n", {"gemini-api"}, id="api-key"),
        pytest.param("client = genai.Client(vertexai=use_vertex)\n", set(), id="a-variable-says-nothing"),
        pytest.param("# We compared vertex and other clouds.\n", set(), id="a-word-is-no-sign"),
        pytest.param("import { getGenerativeModel } from '@firebase/ai';\nconst m = getGenerativeModel(ai, {});\n",
                     {"firebase"}, id="firebase-call"),
        # Before each sign had words of its own, "google(" was asked of the whole file first.
        pytest.param("const m = google ('gemini-2.5-flash');\n", {"gemini-api"}, id="a-space-before-the-call"),
]


@pytest.mark.parametrize(("text", "surfaces"), NAMED)
def test_surfaces_named(text: str, surfaces: set[str]) -> None:
    assert surfaces_named(text) == surfaces


def test_a_sign_is_searched_wherever_it_could_match() -> None:
    """A sign's pattern is searched only in a text holding its words: they must be words it cannot match
    without. Over the examples above, their lines, and the standard library's sources in slices, each
    pattern alone finds nothing that its words would keep it from finding."""
    import inspect
    import re

    from gemini_lint.sources import surfaces

    texts = [param.values[0] for param in NAMED]
    texts += [line for text in texts for line in text.splitlines(keepends=True)]
    for module in (re, inspect, pytest, surfaces):
        source = inspect.getsource(module)
        texts += [source[at : at + 2000] for at in range(0, len(source), 1000)]
    found = 0
    for signs, flags in surfaces._SIGNS.values():
        for sign in signs:
            pattern = re.compile(sign.pattern, flags)
            for text in texts:
                if pattern.search(text):
                    found += 1
                    assert surfaces._holds_one(text, (sign._replace(context=()),), flags), (sign, text)
    assert found > 50


def _fix(src: str, path: str, settings: Settings) -> tuple[list[Diagnostic], str]:
    diagnostics = lint_source(src, path, settings).diagnostics
    return list(diagnostics), fix_source(src, applicable(diagnostics, unsafe_fixes=False))


def test_a_vertex_file_waits_where_vertex_replaces_the_id_otherwise() -> None:
    """@ai-sdk/google's docs and a Python client with vertexai=True (a run over real packages): the
    Gemini API's Flash-Lite was written where Vertex AI names a Flash model."""
    src = (
        'client = genai.Client(vertexai=True, project="p", location="us-central1")\n'
        f'client.models.generate_content(model="{DIFFERS}", contents="hi")\n'
        f'client.models.generate_content(model="{SAME}", contents="hi")\n'
    )
    diagnostics, out = _fix(src, "v.py", SETTINGS)
    first, second = diagnostics
    assert first.fix is not None and first.fix.applicability is Applicability.UNSAFE
    assert "this file calls Vertex AI, where its replacement is 'gemini-3.8-flash'" in first.message
    assert "check with --surface vertex-ai" in first.message
    assert out == src.replace(SAME, "gemini-3.1-flash-image")  # the same replacement there: fixed
    # Run for the surface the file names, the fix is the one that surface gives, and safe.
    _, out = _fix(src, "v.py", VERTEX_SETTINGS)
    assert out == src.replace(DIFFERS, "gemini-3.8-flash").replace(SAME, "gemini-3.1-flash-image")


def test_a_file_naming_no_surface_or_the_runs_keeps_its_fixes() -> None:
    for head in ("client = genai.Client(api_key=KEY)\n", "client = genai.Client(vertexai=False)\n"):
        src = head + f'MODEL = "{DIFFERS}"\n'
        _, out = _fix(src, "g.py", SETTINGS)
        assert out == src.replace(DIFFERS, "gemini-3.5-flash-lite")


def test_a_config_file_of_another_surface_waits_too() -> None:
    src = f"GOOGLE_GENAI_USE_VERTEXAI=true\nMODEL={DIFFERS}\n"
    diagnostics, out = _fix(src, ".env", SETTINGS)
    assert out == src and "this file calls Vertex AI" in diagnostics[0].message


@pytest.mark.parametrize(
    ("path", "src"),
    [
        pytest.param("promptfooconfig.yaml", f"providers:\n  - id: vertex:{DIFFERS}\n    config:\n      temperature: 0\n",
                     id="promptfoo"),
        pytest.param("config.yaml", f"models:\n  - name: Flash\n    provider: vertexai\n    model: {DIFFERS}\n", id="continue"),
    ],
)
def test_a_config_naming_vertex_its_own_way_waits(path: str, src: str) -> None:
    """Before a review of variants (2026-12-07), these got the Gemini API's Flash-Lite model where Vertex
    AI names a Flash model."""
    diagnostics, out = _fix(src, path, SETTINGS)
    assert out == src and "this file calls Vertex AI" in diagnostics[0].message
    _, out = _fix(src, path, VERTEX_SETTINGS)
    assert out == src.replace(DIFFERS, "gemini-3.8-flash")


@pytest.mark.parametrize(
    ("path", "src"),
    [
        # browser-use's Vercel AI Gateway list (a run over real packages): the Gemini API's preview was
        # written into a catalog that lists Vertex AI's name for the model.
        pytest.param("chat.py", "M = Literal[\n    'google/veo-3.0-generate-001',\n    'google/veo-3.1-generate-001',\n]\n", id="python"),
        pytest.param("m.json", '{"models": ["veo-3.0-generate-001", "veo-3.1-generate-001"]}\n', id="json"),
    ],
)
def test_a_list_naming_another_surfaces_replacement_waits(path: str, src: str) -> None:
    diagnostics, out = _fix(src, path, SETTINGS)
    assert out == src
    assert "also names 'veo-3.1-generate-001', its replacement on another surface" in diagnostics[0].message


@pytest.mark.parametrize(
    "src",
    [
        '{"vercel": {"models": ["google/gemini-2.5-flash", "google/veo-3.0-generate-001", "google/veo-3.1-generate-001"]},\n'
        ' "default": "gemini-2.5-flash"}\n',
        "vercel:\n  - google/gemini-2.5-flash\n  - google/veo-3.0-generate-001\n  - google/veo-3.1-generate-001\n"
        "default: gemini-2.5-flash\n",
    ],
    ids=["json", "yaml"],
)
def test_the_other_items_of_a_data_files_gateway_list_wait_too(src: str) -> None:
    """browser-use's Vercel gateway list (a third run over real packages): beside the held Veo item, the
    Gemini items were renamed to names the gateway may not serve. A value outside the list keeps its fix."""
    path = "m.json" if src.startswith("{") else "m.yaml"
    diagnostics, out = _fix(src, path, SETTINGS)
    assert out == src.replace('"default": "gemini-2.5-flash"', '"default": "gemini-3.5-flash-lite"').replace(
        "default: gemini-2.5-flash", "default: gemini-3.5-flash-lite")
    assert "another surface's replacement for one of its IDs" in diagnostics[0].message


def test_a_vertex_file_waits_where_vertex_names_no_replacement() -> None:
    src = 'client = genai.Client(vertexai=True)\nMODEL = "gemini-2.0-flash"\n'
    diagnostics, out = _fix(src, "v.py", SETTINGS)
    assert out == src and "this file calls Vertex AI, where Google names no replacement for it" in diagnostics[0].message


def test_a_file_naming_two_other_surfaces_gets_one_reason() -> None:
    src = 'import vertexai\nfrom firebase_ai import x\nMODEL = "imagen-4.0-generate-001"\n'  # replaced otherwise on both
    diagnostics, out = _fix(src, "v.py", SETTINGS)
    assert out == src and diagnostics[0].message.count("this file calls") == 1


@pytest.mark.parametrize(
    "path",
    [
        # esperanto (a run on 2026-12-07): the provider module calls Vertex AI and kept its default, while its
        # test, with no sign of its own, had the expected default renamed to the Gemini API's replacement.
        "tests/providers/llm/test_vertex_provider.py",
        "docs/providers/vertex.md",
        "langchain_google_vertexai/tests/integration_tests/conftest.py",
    ],
)
def test_a_file_named_for_vertex_waits(path: str) -> None:
    src = f'def test_default_model():\n    assert model._get_default_model() == "{DIFFERS}"\n'
    if path.endswith(".md"):
        src = f'```python\nm = AIFactory.create_language("vertex-like", "{DIFFERS}")\n```\n'
    diagnostics, out = _fix(src, path, SETTINGS)
    assert out == src
    assert "this file is named for Vertex AI, where its replacement is 'gemini-3.8-flash'" in diagnostics[0].message
    _, out = _fix(src, path, VERTEX_SETTINGS)
    assert out == src.replace(DIFFERS, "gemini-3.8-flash")
    # The same replacement on both surfaces: fixed.
    _, out = _fix(src.replace(DIFFERS, SAME), path, SETTINGS)
    assert out == src.replace(DIFFERS, "gemini-3.1-flash-image")


@pytest.mark.parametrize(
    "path", ["tests/providers/llm/test_google_provider.py", "vertexlab/app.py", "graph/vertices.py", "src/vertexes.py"]
)
def test_a_file_named_for_no_surface_keeps_its_fixes(path: str) -> None:
    src = f'MODEL = "{DIFFERS}"\n'
    _, out = _fix(src, path, SETTINGS)
    assert out == src.replace(DIFFERS, "gemini-3.5-flash-lite")


@pytest.mark.parametrize(
    ("path", "src"),
    [
        pytest.param("p.py", f'agent = Agent("google-cloud:{DIFFERS}")\n', id="pydantic-ai"),
        pytest.param("h.py", f'g = GoogleGenAIChatGenerator(api="vertex", model="{DIFFERS}")\n', id="haystack"),
        pytest.param("l.py", f'llm = init_chat_model("{DIFFERS}", model_provider="google_vertexai")\n', id="langchain"),
        # google-adk's BigQuery skill: a remote model's endpoint is a Vertex AI model.
        pytest.param("q.md", f"```sql\nCREATE MODEL m REMOTE WITH CONNECTION c OPTIONS (ENDPOINT = '{DIFFERS}');\n```\n",
                     id="bigquery"),
    ],
)
def test_a_framework_calling_vertex_waits_where_vertex_replaces_the_id_otherwise(path: str, src: str) -> None:
    diagnostics, out = _fix(src, path, SETTINGS)
    assert out == src
    assert "this file calls Vertex AI, where its replacement is 'gemini-3.8-flash'" in diagnostics[0].message
    _, out = _fix(src, path, VERTEX_SETTINGS)
    assert out == src.replace(DIFFERS, "gemini-3.8-flash")
