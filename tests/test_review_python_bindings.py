"""From a review of Python fix safety: enum values (``Model.FLASH.value``), command-line option
defaults (argparse, click), items read through a name (``M = MODELS[0]``, ``CONFIG.get("model")``)
and dict keys mapped to an imported constant each had a safe fix that changed what the program does."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import FLASH, FLASH_GA, PRO, PRO_GA, make_settings
from gemini_lint.diagnostic import Applicability
from gemini_lint.linter import applicable, fix_source, lint_source

SETTINGS = make_settings(select=("GL001",), today=dt.date(2026, 12, 7))
BUILT = "gemini-2.0-flash"  # -> gemini-3.6-flash; + "-lite" would build another ID's name


def fixed(src: str, *, unsafe: bool = False) -> str:
    result = lint_source(src, "x.py", SETTINGS)
    return fix_source(src, applicable(result.diagnostics, unsafe_fixes=unsafe))


@pytest.mark.parametrize(
    "src",
    [
        pytest.param(f'class M(str, Enum):\n    FLASH = "{BUILT}"\n\n\nLITE = M.FLASH.value + "-lite"\n', id="enum-value"),
        pytest.param(f'class M(str, Enum):\n    FLASH = "{BUILT}"\n\n\nLITE = f"{{M.FLASH.value}}-lite"\n',
                     id="enum-value-in-f-string"),
        pytest.param(f'class M(StrEnum):\n    FLASH = "{BUILT}"\n\n\ndef lite(n):\n    return M[n].value + "-lite"\n',
                     id="enum-member-by-name"),
        pytest.param(f'class M(Enum):\n    FLASH = "{BUILT}"\n\n\ndef lite(v):\n    return f"{{M(v).value}}-lite"\n',
                     id="enum-member-by-value"),
        pytest.param(f'p = argparse.ArgumentParser()\np.add_argument("--model", default="{BUILT}")\nargs = p.parse_args()\n'
                     'print(args.model + "-lite")\n', id="argparse-default"),
        pytest.param(f'p.add_argument("-m", "--base-model", default="{BUILT}")\nprint(f"{{args.base_model}}-lite")\n',
                     id="argparse-dashed-name"),
        pytest.param(f'p.add_argument("--m", dest="base", default="{BUILT}")\nprint(args.base + "-lite")\n',
                     id="argparse-dest"),
        pytest.param(f'@click.command()\n@click.option("--model", default="{BUILT}")\ndef main(model):\n'
                     '    click.echo(model + "-lite")\n', id="click-option"),
        pytest.param(f'MODELS = ["{BUILT}", "x"]\nM = MODELS[0]\nprint(M + "-lite")\n', id="item-by-index"),
        pytest.param(f'CONFIG = {{"model": "{BUILT}"}}\nMODEL = CONFIG["model"]\n\n\ndef lite():\n    return MODEL + "-lite"\n',
                     id="item-by-key"),
        pytest.param(f'CONFIG = {{"model": "{BUILT}"}}\nM = CONFIG.get("model")\nprint(f"{{M}}-lite")\n', id="item-by-get"),
        pytest.param(f'DEFAULTS = {{"model": "{BUILT}"}}\n\n\nclass C:\n    def __init__(self, **kw):\n'
                     '        self.model = {**DEFAULTS, **kw}["model"]\n\n    def lite(self):\n'
                     '        return f"{self.model}-lite"\n', id="item-of-a-merged-dict"),
        pytest.param(f'GROUPS = [["{BUILT}"], ["x"]]\nfor group in GROUPS:\n    for m in group:\n        print(m + "-lite")\n',
                     id="nested-loops"),
        pytest.param(f'TIERS = {{"fast": ["{BUILT}"]}}\nfor tier, models in TIERS.items():\n    for m in models:\n'
                     '        print(f"{m}-lite")\n', id="nested-loops-over-dict-items"),
        pytest.param(f'DEFAULT = "{BUILT}"\n\n\nclass C:\n    def __init__(self, model=None):\n'
                     '        self.model = model or DEFAULT\n\n    def lite(self):\n        return self.model + "-lite"\n',
                     id="or-default"),
        pytest.param(f'DEFAULT = "{BUILT}"\nM = os.getenv("M", DEFAULT)\nLITE = f"{{M}}-lite"\n', id="getenv-constant-default"),
        pytest.param(f'DEFAULT = "{BUILT}"\n\n\ndef pick(m=None):\n    m = m if m else DEFAULT\n    return m + "-lite"\n',
                     id="conditional-default"),
        pytest.param(f'DEFAULT = "{BUILT}"\n\n\ndef pick(**kw):\n    m = kw.get("model", DEFAULT)\n    return f"{{m}}-lite"\n',
                     id="get-constant-default"),
        # An item read under "or" or a condition is still an item (a review: these had safe fixes).
        pytest.param(f'CONFIG = {{"model": "{BUILT}"}}\nM = CONFIG.get("model") or "x"\nprint(M + "-lite")\n',
                     id="item-by-get-or-default"),
        pytest.param(f'CONFIG = {{"model": "{BUILT}"}}\nM = CONFIG["model"] or DEFAULT\nprint(f"{{M}}-lite")\n',
                     id="item-by-key-or-default"),
        pytest.param(f'MODELS = ["{BUILT}"]\n\n\ndef pick(i=None):\n    m = MODELS[i] if i is not None else "x"\n'
                     '    return m + "-lite"\n', id="item-in-a-conditional"),
    ],
)
def test_a_name_built_on_holds_the_fix(src: str) -> None:
    """Each built ``gemini-3.6-flash-lite`` once fixed."""
    result = lint_source(src, "x.py", SETTINGS)
    assert [d.fix is None for d in result.diagnostics] == [True], [d.message for d in result.diagnostics]
    assert fixed(src, unsafe=True) == src
    # Held by its reading of the binding, not because the file could not be read (then no ID in it is fixed).
    other = f'{src}OTHER = "{PRO}"\n'
    assert fixed(other) == src + f'OTHER = "{PRO_GA}"\n'


@pytest.mark.parametrize(
    "src",
    [
        pytest.param(f'class M(str, Enum):\n    FLASH = "{BUILT}"\n\n\nprint(M.FLASH.value)\n', id="enum-value-used-whole"),
        pytest.param(f'p.add_argument("--model", default="{BUILT}")\nclient.generate(model=args.model)\n',
                     id="argparse-default-used-whole"),
        pytest.param(f'MODELS = ["{BUILT}"]\nM = MODELS[0]\nclient.generate(model=M)\n', id="item-used-whole"),
        pytest.param(f'DEFAULT = "{BUILT}"\nM = os.getenv("M") or DEFAULT\nclient.generate(model=M)\n', id="default-used-whole"),
        pytest.param(f'CONFIG = {{"model": "{BUILT}"}}\nM = CONFIG.get("model") or "x"\nclient.generate(model=M)\n',
                     id="item-or-default-used-whole"),
    ],
)
def test_a_name_used_whole_keeps_the_fix(src: str) -> None:
    result = lint_source(src, "x.py", SETTINGS)
    assert [d.fix is not None and d.fix.applicability is Applicability.SAFE for d in result.diagnostics] == [True]


@pytest.mark.parametrize(
    "src",
    [
        pytest.param(f'from .models import PRO_GA\n\nALIASES = {{"{PRO}": PRO_GA}}\n', id="imported-name"),
        pytest.param(f'from . import models\n\nALIASES = {{"{PRO}": models.PRO_GA}}\n', id="imported-module"),
        pytest.param(f'import app.models as m\n\nALIASES = {{"{FLASH}": m.ImageModel.FLASH}}\n', id="imported-enum"),
    ],
)
def test_a_key_mapped_to_an_imported_constant_gets_an_unsafe_fix(src: str) -> None:
    """``{"<old>": PRO_GA}`` with ``PRO_GA`` imported: an alias map from old names to new, which the
    fix turned into one from the new name to itself (the old name then went to the API unchanged)."""
    (diagnostic,) = lint_source(src, "x.py", SETTINGS).diagnostics
    assert diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.UNSAFE
    assert "imported" in diagnostic.message
    assert fixed(src) == src


def test_a_key_mapped_to_an_imported_function_is_only_a_key() -> None:
    src = f'from .handlers import render_flash\n\nHANDLERS = {{"{FLASH}": render_flash}}\n'
    (diagnostic,) = lint_source(src, "x.py", SETTINGS).diagnostics
    assert diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.UNSAFE
    assert "a dict's key" in diagnostic.message and "imported" not in diagnostic.message
    assert FLASH_GA in fixed(src, unsafe=True)


def test_a_key_mapped_to_an_imported_constant_that_is_no_model_name_keeps_its_fix() -> None:
    """A review of the change: rate limits and prices keyed by model (``{"<ID>": FREE_TIER}``) had lost their safe fixes."""
    src = f'from .limits import FREE_TIER, PAID_TIER\n\nRATE_LIMITS = {{"{FLASH}": FREE_TIER, "{PRO}": PAID_TIER}}\n'
    diagnostics = lint_source(src, "x.py", SETTINGS).diagnostics
    assert [d.fix is not None and d.fix.applicability is Applicability.UNSAFE for d in diagnostics] == [True, True]
    assert all("a dict's key" in d.message and "imported" not in d.message for d in diagnostics)


@pytest.mark.parametrize(
    "src",
    [
        # weave's notdiamond helper (a run over real packages, 2026-12-07): the models of a list name the
        # columns of a stored CSV, f"{model}/final_score"; renamed, the lookup found no column.
        pytest.param(f'def score_column(model):\n    return f"{{model}}/final_score"\n\n\ndef evals(df):\n'
                     f'    for model in ["openai/gpt-4o", "google/{BUILT}"]:\n        df[score_column(model)]\n',
                     id="csv-column-through-a-function"),
        pytest.param(f'MODELS = ["{BUILT}"]\nfor m in MODELS:\n    print(f"{{m}}/final_score")\n', id="f-string-folder"),
        pytest.param(f'M = "{BUILT}"\nOUT = f"runs/{{M}}/report.json"\n', id="f-string-folder-inside-a-path"),
        pytest.param(f'M = "{BUILT}"\nCOLUMN = M + "/score"\n', id="added-folder"),
        pytest.param(f'M = "{BUILT}"\nCOLUMN = "{{}}/score".format(M)\n', id="format-folder"),
        pytest.param(f'M = "{BUILT}"\nCOLUMN = "%s/score" % M\n', id="percent-folder"),
        # As os.path.join(CACHE, M) already was, and FIXTURES / "<ID>" as a literal.
        pytest.param(f'from pathlib import Path\n\nM = "{BUILT}"\nCACHE = Path("cache") / M\n', id="pathlib-name"),
    ],
)
def test_a_name_made_a_folder_of_a_path_holds_the_fix(src: str) -> None:
    """The literal ``"runs/<ID>/report.json"`` is held as a path (the renamed path may not exist); a name
    holding the ID put before a ``/`` and more name builds the same path, and is held the same way."""
    result = lint_source(src, "x.py", SETTINGS)
    assert [d.fix is None for d in result.diagnostics] == [True], [d.message for d in result.diagnostics]
    assert fixed(src, unsafe=True) == src


@pytest.mark.parametrize(
    "src",
    [
        pytest.param(f'M = "{BUILT}"\nURL = f"https://x/v1beta/models/{{M}}:generateContent"\n', id="api-address"),
        pytest.param(f'M = "{BUILT}"\nROUTED = f"gemini/{{M}}"\n', id="a-prefix-before-the-name"),
        pytest.param(f'M = "{BUILT}"\nprint(f"{{M}}/")\n', id="a-slash-then-nothing"),
    ],
)
def test_a_slash_before_the_name_or_ending_it_keeps_the_fix(src: str) -> None:
    result = lint_source(src, "x.py", SETTINGS)
    assert [d.fix is not None and d.fix.applicability is Applicability.SAFE for d in result.diagnostics] == [True]


def test_console_script_leaves_a_column_built_from_the_model_and_a_vertex_framework_file(tmp_path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """Through the installed console script: weave's CSV columns named by model, instructor's "vertexai/"
    prefix (Vertex AI names another replacement) are reported and left; a plain default is fixed."""
    files = {
        "evals.py": (f'def col(model):\n    return f"{{model}}/final_score"\n\n\nfor m in ["google/{FLASH}"]:\n'
                     '    print(col(m))\n'),
        "client.py": 'import instructor\n\nclient = instructor.from_provider("vertexai/gemini-2.5-flash")\n',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "app.py").write_text(f'MODEL = "{FLASH}"\n')
    result = run_cli("--isolated", "--today", "2026-12-07", "--select", "GL001", "--fix", ".", cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    for name, text in files.items():
        assert (tmp_path / name).read_text() == text, name
        assert f"{name}:" in result.stdout
    assert "this file calls Vertex AI" in result.stdout
    assert (tmp_path / "app.py").read_text() == f'MODEL = "{FLASH_GA}"\n'


@pytest.mark.parametrize(
    "src",
    [
        pytest.param(f'M = "{BUILT}"\nROUTED = "{{}}/{{}}".format("openrouter/google", M)\n', id="format-prefix-then-model"),
        pytest.param(f'M = "{BUILT}"\nROUTED = "%s/%s" % ("vertex_ai", M)\n', id="percent-prefix-then-model"),
    ],
)
def test_a_template_of_a_prefix_and_a_model_keeps_the_fix(src: str) -> None:
    """A template read whole: "{}/{}" is most often a router's prefix and its model, not a folder."""
    result = lint_source(src, "x.py", SETTINGS)
    assert [d.fix is not None and d.fix.applicability is Applicability.SAFE for d in result.diagnostics] == [True]


# --- a decorator registering what it decorates under an ID ------------------------------------------


@pytest.mark.parametrize(
    "src",
    [
        pytest.param('@register_model("ID")\nclass Flash(Model):\n    context_window = 1_048_576\n', id="class"),
        pytest.param('@registry.register(name="ID")\ndef build(config):\n    return Client(config)\n', id="function-keyword"),
        pytest.param('class P:\n    @handles("ID")\n    def run(self):\n        return 1\n', id="method"),
        pytest.param('@REGISTRIES["models"]("ID")\nclass Flash:\n    pass\n', id="a-decorator-without-a-name"),
    ],
)
def test_a_decorator_registering_under_an_id_gets_an_unsafe_fix(src: str) -> None:
    """Left alone by a review on 2026-12-07 and held since: renamed, the old model's code would be
    registered for the new one."""
    text = src.replace("ID", FLASH)
    result = lint_source(text, "r.py", SETTINGS)
    [diagnostic] = result.diagnostics
    assert diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.UNSAFE
    assert "registers what it decorates under this name" in diagnostic.message
    assert fixed(text) == text


@pytest.mark.parametrize(
    "src",
    [
        pytest.param('@click.option("--model", default="ID")\ndef main(model):\n    run(model)\n', id="a-default"),
        pytest.param('@pytest.mark.parametrize("model", ["ID"])\ndef test_run(model):\n    run(model)\n', id="test-rows"),
        pytest.param('@traced(default_model="ID")\ndef route():\n    return 1\n', id="a-setting"),
    ],
)
def test_a_decorator_that_registers_nothing_keeps_the_fix(src: str) -> None:
    text = src.replace("ID", FLASH)
    assert fixed(text) == src.replace("ID", FLASH_GA)
