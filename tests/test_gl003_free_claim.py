"""GL003 free-api-claim: the pure-Python detector, its documentation constants and its measured quality."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import make_settings

from gemini_lint.linter import lint_source

from gemini_lint.rules import gl003_free_claim as gl003
from gemini_lint.rules.gl003_free_claim import FreeClaim, find_free_claims
from gemini_lint.rules.gl003_hints import SUBJECT_IN_PROSE, may_claim

CORPUS = Path(__file__).parent / "data" / "gl003_corpus.tsv"
HELD_OUT = Path(__file__).parent / "data" / "gl003_heldout.tsv"
REVIEW = Path(__file__).parent / "data" / "gl003_review.json"

#: What a reported span may look like: the word or phrase that makes the claim.
CLAIM_WORD = re.compile(
    r"(?i)^(?:free(?:[\s-]of[\s-](?:charge|cost))?|freely[\s-](?:available|accessible|usable)|gratis|complimentary"
    r"|no-cost|zero-cost|cost-free|fee-free"
    r"|on\s+the\s+house|.*(?:cost|charge|fee|\$\s?0|0\s?\$|dollars|pay|spend|billing|billed|card|payment|nothing"
    r"|zero).*)$"
)


def load_corpus(path: Path = CORPUS) -> list[tuple[str, str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        label, sep, text = line.partition("\t")
        assert sep and label in ("claim", "ok"), f"{path.name}:{number}: expected 'claim|ok<TAB>text'"
        rows.append((label, text.replace("\\n", "\n")))
    return rows


def only(text: str) -> FreeClaim:
    claims = find_free_claims(text)
    assert len(claims) == 1, claims
    return claims[0]


def blank_python(source: str) -> str:
    """A small stand-in for the Python reader: keep comment text (``#`` blanked), blank all code."""
    out = []
    for line in source.split("\n"):
        hash_at = line.find("#")
        if hash_at == -1:
            out.append(" " * len(line))
        else:
            out.append(" " * (hash_at + 1) + line[hash_at + 1:])
    return "\n".join(out)


# --- documentation constants ------------------------------------------------------------------------


def test_documentation_constants() -> None:
    assert gl003.CODE == "GL003"
    assert gl003.NAME == "free-api-claim"
    assert gl003.SUMMARY and "\n" not in gl003.SUMMARY
    sections = ["## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"]
    positions = [gl003.DOCS.index(section) for section in sections]
    assert positions == sorted(positions)
    fix_safety = gl003.DOCS[positions[-1]:]
    assert "never auto-fixed" in fix_safety and "--unsafe-fixes" in fix_safety
    assert "$60" in gl003.DOCS and "$30" in gl003.DOCS and "AI Studio" in gl003.DOCS


@pytest.mark.parametrize("example", gl003.VALID_EXAMPLES)
def test_valid_examples_are_not_flagged(example: str) -> None:
    assert find_free_claims(example) == []


@pytest.mark.parametrize("example", gl003.INVALID_EXAMPLES)
def test_invalid_examples_are_flagged(example: str) -> None:
    assert find_free_claims(example)


def test_free_claim_is_frozen() -> None:
    claim = only("Nano Banana 2 is free.")
    with pytest.raises(AttributeError):
        claim.start = 0  # type: ignore[misc]


# --- positions ----------------------------------------------------------------------------------------


def test_offset_points_at_the_word_free() -> None:
    text = "Nano Banana 2 is free to use through the Gemini API."
    claim = only(text)
    assert (claim.start, claim.end) == (text.index("free"), text.index("free") + 4)
    assert claim.subject == "Nano Banana 2"


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Using gemini-3-pro-image-preview costs nothing on the developer API.", "costs nothing"),
        ("Nano Banana 2 API: fast, and no billing account needed.", "no billing account"),
        ("You can call gemini-3.1-flash-image without a credit card.", "without a credit card"),
        ("Generating images with Nano Banana 2 costs $0 per month.", "$0"),
        ("The Gemini API doesn't charge for Nano Banana 2 thumbnails.", "doesn't charge"),
        ("Gemini 3.1 Flash Image is free of charge for developers.", "free of charge"),
        ("Gemini 3 Pro Image is freely available through the API.", "freely available"),
        ("Nano Banana 2 is freely accessible through the Gemini API.", "freely accessible"),
        ("gemini-3.1-flash-image is freely usable with any Gemini API key.", "freely usable"),
    ],
)
def test_offset_covers_the_claim_phrase(text: str, phrase: str) -> None:
    claim = only(text)
    assert text[claim.start:claim.end] == phrase


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Nano Banana 2 is gratis on the developer API.", "gratis"),
        ("Calls to gemini-3.1-flash-image are on the house.", "on the house"),
        ("Complimentary Nano Banana 2 credits come with every key.", "Complimentary"),
        ("gemini-3.1-flash-image is a no-cost API.", "no-cost"),
        ("Nano Banana 2 won't cost you a thing.", "won't cost you a thing"),
        ("Nano Banana 2 costs zero on the developer API.", "costs zero"),
        ("We keep costs at zero with Nano Banana 2.", "costs at zero"),
        ("Nano Banana Pro has no API costs for hobby use.", "no API costs"),
        ("Nano Banana 2 is available at no charge.", "at no charge"),
        ("Nano Banana 2 has no fees.", "no fees"),
        ("gemini-3.1-flash-image: 0 USD per image.", "0 USD"),
        ("You can use Nano Banana 2 without spending a cent.", "without spending"),
        ("You pay nothing for gemini-3.1-flash-image.", "pay nothing"),
        ("You don't have to pay for Nano Banana 2.", "don't have to pay"),
        ("Google doesn't bill for gemini-3.1-flash-image.", "doesn't bill"),
        ("Nano Banana 2 API calls are never metered.", "never metered"),
        ("Nano Banana 2 requests are not billed.", "are not billed"),
        ("You can skip billing setup with Nano Banana 2.", "skip billing setup"),
        ("Nano Banana 2 needs no paid plan.", "no paid plan"),
        ("Gemini 3.1 Flash Image requires zero payment setup.", "zero payment setup"),
        ("Use Nano Banana 2 without enabling billing.", "without enabling billing"),
        ("No need to add a credit card for Nano Banana 2.", "No need to add a credit card"),
        ("Nano Banana Pro doesn't require you to enter payment details.", "doesn't require you to enter payment"),
        ("For Nano Banana 2, billing is optional.", "billing is optional"),
    ],
)
def test_claim_vocabulary(text: str, phrase: str) -> None:
    claim = only(text)
    assert text[claim.start:claim.end] == phrase


def test_offsets_are_file_offsets_with_leading_spaces() -> None:
    text = "          \n    \n        Nano Banana 2 is free for bulk jobs."
    claim = only(text)
    assert text[claim.start:claim.end] == "free"
    assert claim.start == text.index("free")


def test_crlf_line_endings() -> None:
    text = "    Nano Banana 2 is free\r\n    for bulk jobs\r\n"
    claim = only(text)
    assert text[claim.start:claim.end] == "free"


# --- sentences, paragraphs, wrapped comments --------------------------------------------------------


def test_the_decision_is_per_sentence() -> None:
    assert find_free_claims("Nano Banana 2 is not free. Stable Diffusion is free.") == []
    # No subject in that sentence, and "it" is the project's (see the joined claims below for "it" that is the model's).
    assert find_free_claims("This project uses Nano Banana 2. It is free for everyone.") == []
    text = "Nano Banana 2 draws well. The Gemini API is free for it."
    claim = only(text)
    assert claim.start == text.index("free") and claim.subject == "Gemini API"


# --- a claim whose subject is in the sentence before it, or the heading above ---------------------------


@pytest.mark.parametrize(
    ("text", "word", "subject"),
    [
        # @houtini/gemini-mcp's README (found by a run over real packages), with its link and its heading.
        ("Get a Gemini API key from Google AI Studio. The free tier covers most development use.", "free",
         "Gemini API"),
        (
            "## Get started in two minutes\n\n**Step 1: Get a Gemini API key**\n\nGo to [Google AI Studio]"
            "(https://aistudio.google.com/apikey) and create one. The free tier covers most development use -- you'll "
            "hit rate limits on deep research if you're hammering it, but for day-to-day work it's fine.\n",
            "free",
            "Gemini API",
        ),
        ("**Step 1: Get a Gemini API key**\n\nGo to Google AI Studio and create one. The free tier covers most "
         "development use.", "free", "Gemini API"),
        ("Nano Banana 2 is our image model. It's free to call.", "free", "Nano Banana 2"),
        ("Nano Banana 2 is great. It is free for everyone.", "free", "Nano Banana 2"),
        ("gemini-3.1-flash-image makes the thumbnails. It costs nothing.", "costs nothing", "gemini-3.1-flash-image"),
        ("The Gemini API handles generation. It has a generous free tier.", "free", "Gemini API"),
        ("You'll need a Gemini API key. The free tier is generous.", "free", "Gemini API"),
        ("## Nano Banana 2\n\nThe free tier covers most development use.", "free", "Nano Banana 2"),
        ("## Using the Gemini API\n\nThe free tier gives you plenty of requests.", "free", "Gemini API"),
    ],
)
def test_a_claim_joined_to_the_subject_before_it(text: str, word: str, subject: str) -> None:
    claim = only(text)
    assert text[claim.start:claim.end] == word and claim.subject == subject
    assert claim.start == text.rindex(word)
    assert text[claim.sentence[0]:claim.sentence[1]].startswith(("Get", "**Step", "Nano", "gemini", "The", "You", "##"))


def test_a_joined_claim_in_a_python_comment() -> None:
    text = blank_python("# gemini-3.1-flash-image renders the images.\n# It's free to call.\nx = 1\n")
    claim = only(text)
    assert text[claim.start:claim.end] == "free" and claim.subject == "gemini-3.1-flash-image"


@pytest.mark.parametrize(
    "text",
    [
        # The project, app or product is what is free, or owns the free tier.
        "This project uses the Gemini API. It is free and open source.",
        "This project uses the Gemini API. It is free.",
        "This project uses the Gemini API. The free tier includes 5 thumbnails a month.",
        "We call Gemini for captions. Our hosted demo is free.",
        "We call Gemini for captions. Sign up for a free account on our site.",
        "ThumbGen uses Nano Banana 2 to make thumbnails. The free tier includes 5 thumbnails per month.",
        "ThumbGen uses Nano Banana 2 to make thumbnails. It's free to use.",
        "Nano Banana 2 powers ThumbGen. It's free to use.",
        "Use the Nano Banana 2 plugin for Figma. The free tier includes 10 images a day.",
        "Nano Banana 2 is our image model. The free tier of our app allows 3 images.",
        "Claude calls Nano Banana 2 through this MCP server. It's free to install.",
        "Nano Banana 2 runs on Cloud Run here. It's free to deploy.",
        # Unrelated, denied, or about another surface or provider.
        "Gemini API pricing changed in June. Free shipping on all orders.",
        "The Gemini API has no free tier for this model. The free tier of AI Studio is for browser testing only.",
        "Nano Banana 2 is billed per image. The free tier covers text only.",
        "Nano Banana 2 is our image model. The free tier doesn't include it.",
        "Nano Banana 2 is our image model. Is it free?",
        "Nano Banana 2 generates images. The free tier quota is zero.",
        "Nano Banana 2 was launched in 2026. Free tier users get nothing.",
        "You can try Nano Banana 2 in AI Studio. The free tier covers a lot.",
        "Get a Gemini API key from OpenRouter. The free tier covers most use.",
        "Get a Gemini API key from Vertex AI. The free tier covers most use.",
        # A key is free; a text model's free tier is real.
        "Get a Gemini API key. It's free.",
        "Use gemini-2.5-flash for captions. The free tier covers most development use.",
        "Get a Gemini API key and use gemini-2.5-flash. The free tier covers most development use.",
        # Not the sentence just before, not the heading just above, or not a heading that names the API alone.
        "Nano Banana 2 is great.\n\nIt is free for everyone.",
        "## Pricing\n\nThe free tier covers most development use.",
        "## Nano Banana 2\n\nIt's free to call.",
        "## ThumbGen + Nano Banana 2\n\nThe free tier includes 5 images.",
        "## Get a Gemini API key\n\nInstall ThumbGen first. The free tier covers most use.",
        "## Get a Gemini API key\n\nFirst sentence. Second sentence. The free tier covers most use.",
    ],
)
def test_a_claim_not_joined_to_the_subject_before_it(text: str) -> None:
    assert find_free_claims(text) == []


def test_at_most_one_claim_per_sentence_in_file_order() -> None:
    text = "Nano Banana 2 is free, free, free!\n\nGemini 3 Pro Image costs nothing.\n"
    claims = find_free_claims(text)
    assert [text[c.start:c.end] for c in claims] == ["free", "costs nothing"]
    assert claims[0].start == text.index("free")


def test_wrapped_comment_lines_form_one_sentence() -> None:
    source = "MODEL = 'x'\n#   Nano Banana 2 is\n#   free for bulk jobs\nrun(MODEL)\n"
    text = blank_python(source)
    assert len(text) == len(source)
    claim = only(text)
    assert claim.start == source.index("free") and claim.subject == "Nano Banana 2"


def test_trailing_comment_continuation_keeps_file_offsets() -> None:
    source = "client = genai.Client()  # gemini-3.1-flash-image has a free tier,\n# so run it in production\n"
    text = blank_python(source)
    claim = only(text)
    assert claim.start == source.index("free")
    assert claim.subject == "gemini-3.1-flash-image"


def test_a_blank_line_ends_the_paragraph() -> None:
    joined = "   Uses Nano Banana 2 for the thumbnails\n   free for bulk jobs"
    assert only(joined).start == joined.index("free")
    split = "   Uses Nano Banana 2 for the thumbnails\n      \n   free for bulk jobs"
    assert find_free_claims(split) == []


def test_list_items_are_separate_sentences() -> None:
    text = "- Nano Banana 2 renders thumbnails\n- Stable Diffusion is free to run locally\n"
    assert find_free_claims(text) == []
    text = "- Nano Banana 2 renders thumbnails\n  and is free to call\n- Stable Diffusion runs locally\n"
    assert only(text).start == text.index("free")


def test_markdown_table_rows() -> None:
    text = (
        "| Model | Free tier | Price |\n"
        "|---|---|---|\n"
        "| gemini-3.1-flash-image | Free tier: not available | $60 / 1M |\n"
        "| Nano Banana Pro | Free | 500 requests/day |\n"
        "| AI Studio | Free browser testing of Nano Banana 2 | not API quota |\n"
    )
    claim = only(text)
    row = text.index("| Nano Banana Pro")
    assert claim.start == text.index("Free", row)
    assert claim.subject == "Nano Banana Pro"


def test_table_question_rows_are_not_claims() -> None:
    text = "| Is the official API free for gemini-3.1-flash-image? | No. Free Tier is not available. |\n"
    assert find_free_claims(text) == []


def test_headings_and_questions() -> None:
    assert only("## How to use Nano Banana 2 API for free\n").subject == "Nano Banana 2"
    assert find_free_claims("## Does Gemini 3.1 Flash Image have a free API tier?\n") == []
    assert find_free_claims("Is Nano Banana 2 free on the Gemini API?") == []


# --- subjects -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, subject",
    [
        ("gemini-3.1-flash-image-preview is free during the preview.", "gemini-3.1-flash-image-preview"),
        ("`gemini-3.1-flash-image` is free to use with your key.", "gemini-3.1-flash-image"),
        ("Gemini 3 Pro Image is free for up to 100 images per day.", "Gemini 3 Pro Image"),
        ("The Gemini Developer API gives you free quota for image generation.", "Gemini Developer API"),
        ("nano-banana-pro costs you nothing under the daily limit.", "nano-banana-pro"),
    ],
)
def test_subjects_are_reported_as_written(text: str, subject: str) -> None:
    assert only(text).subject == subject


def test_a_sentence_without_a_gemini_subject_is_never_a_claim() -> None:
    assert find_free_claims("The SDK is free and the docs cost nothing.") == []
    assert find_free_claims("No credit card required: start now.") == []


@pytest.mark.parametrize(
    "text",
    [
        # freelm 0.5.2's tests/test_reliability.py (a run over real packages, 2026-12-07): an HTTP status after
        # "Gemini" was read as a model, "Gemini 404", whose pricing row the message asked for.
        "Failure modes seen against the live free tiers (2026-10): retired models\n(NIM 410 / Gemini 404).",
        "Errors seen on the free tiers: Gemini 429 and Groq 503.",
        "The free tier of Gemini 2026 events is open.",
    ],
)
def test_a_number_that_is_no_version_after_gemini_names_no_model(text: str) -> None:
    assert find_free_claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # freelm 0.5.2's README (a run over real packages, 2026-12-07): a gateway named only in an address's
        # host was blanked with the address, and the free key read as a Gemini one.
        "Get a new free key at https://openrouter.ai/keys, then call gemini-3.5-flash-lite.",
        "Get a free key at https://www.openrouter.ai/settings and use gemini-3.1-flash-image there.",
    ],
)
def test_a_gateway_named_in_an_address_owns_the_free_word(text: str) -> None:
    assert find_free_claims(text) == []


def test_an_address_naming_no_gateway_is_still_blanked() -> None:
    claim = only("The Gemini API is free for gemini-3.1-flash-image (see https://ai.google.dev/openrouter-free).")
    assert claim.subject == "gemini-3.1-flash-image"


@pytest.mark.parametrize("text, subject", [("Gemini 3 is free to call.", "Gemini 3"),
                                           ("Gemini 2.5 Flash has a free tier.", "Gemini 2.5 Flash")])
def test_a_version_after_gemini_still_names_a_model(text: str, subject: str) -> None:
    assert only(text).subject == subject


def test_the_gemini_sdk_is_a_subject_only_for_free_quota_or_tokens() -> None:
    """instructor's docs (a run over real packages, 2026-12-07): the SDK's free daily quota is the API's."""
    text = ("Compared to the VertexAI SDK, the Gemini SDK comes with a free daily quota of 1.5 billion tokens to use "
            "for developers.")
    assert only(text).subject == "Gemini SDK"
    assert find_free_claims("The Gemini SDK is free and open source.") == []
    assert find_free_claims("The Gemini SDK is free software; the API bills per token.") == []


def test_the_image_api_counts_only_when_the_file_mentions_gemini() -> None:
    assert find_free_claims("The image API is free for the first 1,000 images.") == []
    text = "The image API is free for the first 1,000 images.\n\nIt wraps Google's Gemini models."
    assert only(text).subject == "image API"


def test_gemini_apps_is_not_the_gemini_api() -> None:
    assert find_free_claims("Gemini Apps let you generate Nano Banana images for free.") == []
    assert only("In short: the Gemini API is free.").subject == "Gemini API"
    # The image model is the more specific subject when both are named.
    assert only("The Gemini API lets you generate Nano Banana images for free.").subject == "Nano Banana"


# --- what must not be flagged -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Feel free to open an issue if Nano Banana 2 fails.",
        "Free software like GIMP can edit Nano Banana 2 output.",
        "The buffer is freed after each gemini-3.1-flash-image call.",
        "Freeing the client closes the Gemini API connection pool.",
        "Remember to free(ptr) after decoding the Nano Banana 2 response.",
        "Royalty-free stock photos are a baseline for Nano Banana 2.",
        "Hands-free regeneration with gemini-3.1-flash-image on every save.",
        "Our lock-free queue feeds prompts to gemini-3.1-flash-image.",
        "The free-form prompt is passed straight to Nano Banana 2.",
        "Users type free text that we send to the Gemini API.",
        "Call gc.collect() to free up memory between Nano Banana 2 batches.",
        "This error-free pipeline retries Gemini API calls.",
        "The SDK is free of charge, but every Nano Banana 2 call is billed.",
    ],
)
def test_other_senses_of_free(text: str) -> None:
    assert find_free_claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Our Gemini image bakery recipes are gluten free.",
        "Gemini 3.1 Flash Image makes a caffeine free menu design.",
        "Ask the Gemini API for a cruelty free product photo.",
        "Nano Banana 2 output is watermark free except for SynthID.",
        "Our sugar and dairy free cookbook was illustrated with Nano Banana 2.",
        "Generate ad free wallpapers with gemini-3.1-flash-image.",
        "Gemini 3.1 Flash Image produces noise free, blur free renders.",
        "The Nano Banana 2 wrapper is dependency free.",
        "Nano Banana 2 images are royalty free for commercial use.",
        "Hands free regeneration with gemini-3.1-flash-image on every save.",
        "Our lock free queue feeds prompts to gemini-3.1-flash-image.",
        "Nano Banana 2 lives rent free in my head.",
    ],
)
def test_compound_free_written_with_a_space(text: str) -> None:
    assert find_free_claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Gemini API is free",
        "Nano Banana 2 is totally free",
        "Use the Gemini API free tier for thumbnails.",
        "The Gemini API free quota covers thumbnails.",
        "Nano Banana 2 is cost free.",
        "Nano Banana 2 is free to use.",
        "Use Nano Banana 2 for free.",
        "Nano Banana 2 offers watermark free images and a free tier.",
        "Nano Banana 2 has a tax free tier for students.",  # "free tier" after a compound noun is still a tier
        "Gemini API: free, ad free, unlimited.",
    ],
)
def test_free_claims_next_to_compound_words(text: str) -> None:
    claims = find_free_claims(text)
    assert len(claims) == 1 and text[claims[0].start:claims[0].end] == "free", claims


@pytest.mark.parametrize(
    "text",
    [
        "You can freely choose the aspect ratio of Nano Banana 2 images.",
        "Nano Banana 2 can freely mix styles in one image.",
        "Gemini 3 Pro Image is not freely available through the API.",
        "Nano Banana Pro is no longer freely accessible through the API.",
        "Is Nano Banana 2 freely available through the Gemini API?",
        "A freely available guide explains Nano Banana 2 pricing.",
        "Docs for Nano Banana 2 are freely available on ai.google.dev.",
        "The Gemini API spec is freely available on GitHub.",
        "The Nano Banana 2 model card is freely available.",
        "Gemini models are freely available in AI Studio for browser testing.",
    ],
)
def test_freely_that_is_not_a_claim(text: str) -> None:
    assert find_free_claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Nano Banana 2 has no free tier on the Gemini Developer API.",
        "gemini-3.1-flash-image is not free: Standard costs $60 per 1M output image tokens.",
        "Gemini 3.1 Flash Image isn't free, even on the Batch API.",
        "The official API Free Tier is not available for gemini-3.1-flash-image.",
        "There is no free API quota for Nano Banana 2.",
        "Free tier: not available for gemini-3.1-flash-image.",
        "Nano Banana 2 is paid-only on the Developer API.",
        "Without a free tier, every gemini-3.1-flash-image request is billed.",
        "gemini-3-pro-image does not, as of June 2026, have a free tier.",
        "You cannot call gemini-3.1-flash-image without a billing account.",
        "Gemini 2.5 Flash has a free tier, but Nano Banana 2 does not.",
    ],
)
def test_correct_denials(text: str) -> None:
    assert find_free_claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "You can try Nano Banana 2 for free in Google AI Studio.",
        "Nano Banana 2 in AI Studio: try prompts free in the browser.",
        "Gemini Apps users get Nano Banana 2 images at no cost within app limits.",
        "Stable Diffusion is free and open source, while Nano Banana 2 is paid-only.",
        "OpenAI offers free credits for DALL-E, but Gemini image models require billing.",
        "Our gateway gives new accounts free credits that work with Nano Banana 2.",
        "Nano Banana 2 is free via OpenRouter's promotion this week.",
        "Set `free_tier=True` only for text models, not for gemini-3.1-flash-image.",
        'Replace "free" with "AI Studio testing" when you describe Nano Banana 2.',
        "Many blog posts claim Nano Banana 2 is free.",
        "See https://example.com/nano-banana-2-free-guide for Nano Banana 2 pricing.",
    ],
)
def test_other_surfaces_products_code_and_quotes(text: str) -> None:
    assert find_free_claims(text) == []


def test_ai_studio_does_not_excuse_a_production_claim() -> None:
    text = "Nano Banana 2 is free in AI Studio and in production."
    assert only(text).start == text.index("free")


@pytest.mark.parametrize(
    "text",
    [
        "Nano Banana 2 is free with an API key from AI Studio.",
        "Nano Banana 2 is free with an AI Studio API key.",
        "The Gemini API is free with a key from Google AI Studio.",
        "Nano Banana 2 thumbnails are free using a key created in Google AI Studio.",
    ],
)
def test_ai_studio_as_the_source_of_an_api_key_is_not_browser_testing(text: str) -> None:
    assert only(text).start == text.index("free")


@pytest.mark.parametrize(
    "text",
    [
        "Nano Banana 2 is free to try in AI Studio",
        "AI Studio is free for browser testing of Nano Banana 2.",
        "Nano Banana 2 is free to try in AI Studio, and you can create an API key there too.",
        "Try Nano Banana 2 for free in AI Studio before you create an API key.",
        "Nano Banana 2 is free to try in AI Studio; API keys from AI Studio are billed for image calls.",
        "An API key from AI Studio is free, but Nano Banana 2 requests are billed.",
        "An API key from AI Studio is free and works with Nano Banana 2.",
        "Creating an API key in AI Studio is free; Nano Banana 2 calls are not.",
        "Nano Banana 2 is free in AI Studio without an API key.",
        "AI Studio API keys are free to create, but Nano Banana 2 calls need billing.",
        "You get API keys in AI Studio, and Nano Banana 2 is free to try there.",
        "Make an API key in AI Studio and try Nano Banana 2 for free in the browser.",
    ],
)
def test_ai_studio_testing_stays_unflagged_next_to_api_keys(text: str) -> None:
    assert find_free_claims(text) == []


# --- messages -------------------------------------------------------------------------------------------


def test_message_for_nano_banana_2() -> None:
    message = only("Nano Banana 2 is free to call.").message
    assert "no free tier for gemini-3.1-flash-image" in message
    assert "$60" in message and "$30" in message and "AI Studio" in message


def test_message_for_nano_banana_pro() -> None:
    message = only("gemini-3-pro-image-preview costs nothing.").message
    assert "gemini-3-pro-image" in message and "Nano Banana Pro" in message


def test_the_price_is_not_read_as_ai_studio_s() -> None:
    # "use AI Studio for browser testing (Standard $60 ...)" read as if browser testing cost $60.
    message = only("Nano Banana 2 is free to call.").message
    assert message.index("$60") < message.index("AI Studio") and "June 2026 pricing" in message


def test_message_for_another_gemini_model_names_it() -> None:
    message = only("gemini-2.5-flash has a free tier.").message
    assert "gemini-2.5-flash" in message and "gemini-3.1-flash-image" in message


# --- cheap paths and speed ------------------------------------------------------------------------------


def test_no_subject_or_no_claim_word_returns_early() -> None:
    assert find_free_claims("") == []
    assert find_free_claims("Everything here is free.\n" * 1000) == []
    assert find_free_claims("Nano Banana 2 renders thumbnails.\n" * 1000) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            ("This section explains how to configure the service and deploy it.\n" * 30
             + "Nano Banana 2 renders the thumbnails; it is not free.\n\n") * 400,  # about 0.8 MB
            id="large-file",
        ),
        pytest.param("The Gemini API is fast\nOur tool is free\n" * 800, id="run-on-lines"),
        pytest.param("free Gemini API " * 2000, id="run-on-line"),
    ],
)
def test_the_work_is_linear_in_the_text(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not timed (speed is measured in benchmarks/): only sentences holding a claim word are weighed,
    and each at most MAX_SENTENCE long, so the work is bounded by the claim words times that."""
    analysed: list[int] = []
    real = gl003._analyze

    def spy(ctx: object, s: int, e: int, kind: str) -> object:
        analysed.append(e - s)
        return real(ctx, s, e, kind)  # type: ignore[arg-type]

    monkeypatch.setattr(gl003, "_analyze", spy)
    find_free_claims(text)
    assert analysed and max(analysed) <= gl003.MAX_SENTENCE
    assert sum(analysed) <= len(text)  # each character weighed in one sentence at most


# --- measured quality on the labelled corpus ---------------------------------------------------------


def test_corpus_is_large_enough() -> None:
    labels = [label for label, _ in load_corpus()]
    assert labels.count("claim") >= 80 and labels.count("ok") >= 80


def test_corpus_precision_and_recall() -> None:
    precision, recall, misses = _score(load_corpus(), "GL003 corpus")
    assert precision >= 0.95, misses
    assert recall >= 0.95, misses


def test_held_out_precision_and_recall() -> None:
    """Sentences a reviewer wrote as READMEs, comments and docs say it, before reading the rule, and
    never tuned on (so its misses stay): what to expect on text the rule has not seen."""
    precision, recall, misses = _score(load_corpus(HELD_OUT), "GL003 held-out")
    assert precision >= 0.9, misses
    assert recall >= 0.95, misses


def _score(rows: list[tuple[str, str]], name: str) -> tuple[float, float, list[str]]:
    tp = fp = fn = tn = 0
    misses = []
    for label, text in rows:
        predicted = len(find_free_claims(text)) >= 1
        if label == "claim":
            tp, fn = (tp + 1, fn) if predicted else (tp, fn + 1)
        else:
            fp, tn = (fp + 1, tn) if predicted else (fp, tn + 1)
        if predicted != (label == "claim"):
            misses.append(f"{label}: {text!r}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(
        f"\n{name}: {tp + fn} claims, {fp + tn} ok; tp={tp} fp={fp} fn={fn} tn={tn}; "
        f"precision={precision:.3f} recall={recall:.3f}"
    )
    for miss in misses:
        print("  miss:", miss)
    return precision, recall, misses


@pytest.mark.parametrize("pad", [1, 4, 13])
def test_corpus_offsets_survive_leading_padding(pad: int) -> None:
    for _label, text in load_corpus():
        plain = find_free_claims(text)
        padded_text = " " * pad + text
        padded = find_free_claims(padded_text)
        assert [(c.start + pad, c.end + pad, c.subject) for c in plain] == [
            (c.start, c.end, c.subject) for c in padded
        ], text
        for claim in padded:
            assert padded_text[claim.start:claim.end] == text[claim.start - pad:claim.end - pad]
            assert CLAIM_WORD.match(padded_text[claim.start:claim.end]), (text, claim)


def test_corpus_offsets_survive_leading_blank_lines() -> None:
    prefix = "     \n\n   \n"
    for _label, text in load_corpus():
        plain = find_free_claims(text)
        shifted = find_free_claims(prefix + text)
        assert [(c.start + len(prefix), c.end + len(prefix)) for c in plain] == [(c.start, c.end) for c in shifted]


def test_may_claim_is_true_wherever_a_claim_is_found() -> None:
    """The whole-file pre-check the engine uses to skip parsing never hides a claim."""
    texts = [text for _, text in load_corpus()]
    texts += list(gl003.INVALID_EXAMPLES) + list(gl003.VALID_EXAMPLES)
    claims = [text for text in texts if find_free_claims(text)]
    assert len(claims) > 100
    assert all(may_claim(text) for text in claims)
    # ... and holds one of the words the Python reader looks for in prose before it finds comments.
    assert all(SUBJECT_IN_PROSE.search(text) for text in claims)
    # ... and passes the engine's bytes test, which looks for those words in the lower-cased bytes.
    from gemini_lint import engine

    assert all(engine.may_hold(text.encode(), engine.Needles((), engine._PROSE_TRIGGERS)) for text in claims)
    assert {word.encode() for word in SUBJECT_IN_PROSE.pattern.split("|")} == set(engine._PROSE_TRIGGERS)
    # Blanking (as readers do) cannot join words the pre-check looks for one by one.
    assert may_claim("# Nano  `x` Banana: free\n") and may_claim("image \n api costs $\n0 (Gemini)")
    # "The image API" counts only beside a Gemini or Nano Banana mention: alone it is no subject.
    assert not may_claim("The image API is free.") and not find_free_claims("The image API is free.")
    assert may_claim('"source": ["Gemini API: $\\n0 a month"]') and may_claim(b"gemini: 0 $")
    assert not may_claim("GEMINI = '${model}'  # regex: ^[a-z]+$")
    assert not may_claim("x = 'banana'  # free") and not may_claim("the Gemini constellation")


def test_may_claim_on_bytes_agrees_with_text() -> None:
    for _, text in load_corpus():
        for encoding in ("utf-8", "latin-1", "cp1252"):
            try:
                data = text.encode(encoding)
            except UnicodeEncodeError:
                continue
            assert may_claim(data) == may_claim(text), (encoding, text)


def test_a_run_on_sentence_is_read_in_pieces_of_bounded_length() -> None:
    """Each claim word is weighed against its sentence: an unbounded one (lines without a full stop,
    CSV-like rows) cost its length squared (a 32 KB run-on took 20 s). Pieces are cut at line breaks,
    else at blanks, and claims are still found in each."""
    from gemini_lint.rules.gl003_free_claim import MAX_SENTENCE, _sentences

    text = "The Gemini API is fast\nOur tool is free\n" * 200
    pieces = _sentences(text, (0, len(text) - 1, "para"))
    assert all(0 < end - start <= MAX_SENTENCE for start, end in pieces)
    assert [start for start, _ in pieces[1:]] == [end for _, end in pieces[:-1]]  # contiguous, nothing lost
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text) - 1
    assert all(text[end] == "\n" for _, end in pieces[:-1])  # at line breaks
    one_line = "free Gemini API " * 500
    cut = _sentences(one_line, (0, len(one_line), "para"))
    assert all(one_line[end] == " " for _, end in cut[:-1]) and all(end - start <= MAX_SENTENCE for start, end in cut)
    assert len(find_free_claims(one_line)) == len(cut)  # a claim in each piece, the last one too


def test_a_short_sentence_over_lines_is_still_one() -> None:
    text = "The Gemini image API\nis free to use\nfor everyone"
    assert [(c.start, c.subject) for c in find_free_claims(text)] == [(text.index("free"), "Gemini image API")]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # Emphasis with underscores: `_` is a word character to `re`, so `\bnot\b` missed `_not_` (found by a review).
        pytest.param("Nano Banana 2 is _not_ free via the Gemini API.", 0, id="underscore-emphasis-not"),
        pytest.param("The Gemini API has __no__ free tier for Nano Banana 2.", 0, id="strong-underscore-no"),
        pytest.param("Nano Banana 2 is _free_ to use with the Gemini API.", 1, id="underscore-emphasis-free"),
        pytest.param("Set free_tier = False for Nano Banana 2 on the Gemini API.", 0, id="snake-case-name-kept"),
        # Emphasis around any word, not only a denial (found by a review of a speed change that gated it so).
        pytest.param("Gemini 3 Pro Image _is not_ free through the Gemini API.", 0, id="emphasis-around-is-not"),
        pytest.param("Nano Banana 2 __does not__ require billing, so it suits side projects.", 1, id="strong-does-not"),
        pytest.param("Developers can call Nano Banana 2 _at_ no cost through the Gemini API.", 1, id="emphasis-at"),
        # An app or tool built on the API that calls itself free says nothing of the API's price.
        pytest.param("This app is free to use and is powered by Nano Banana 2.", 0, id="free-app"),
        pytest.param("This is a free tool built on the Gemini API.", 0, id="free-tool"),
        pytest.param("Try our free Nano Banana 2 prompt generator.", 0, id="free-generator"),
        pytest.param("Completely free to self-host; you pay only for Gemini API usage.", 0, id="free-to-self-host"),
        pytest.param("The Gemini app and the Gemini API are both free for Nano Banana 2 images.", 1, id="gemini-app-claim"),
        # ... nor does one that has a free trial, plan, tier or version: its owner is the product, not the API.
        pytest.param("We offer a free trial of our app, powered by Nano Banana 2.", 0, id="free-trial-of-our-app"),
        pytest.param(
            "Start a free trial of ThumbGen, which uses the Gemini API under the hood.", 0, id="free-trial-of-name"
        ),
        pytest.param("ThumbGen has a free plan; it generates images with Nano Banana 2.", 0, id="name-has-free-plan"),
        pytest.param("Our app has a free plan, powered by Nano Banana 2.", 0, id="our-app-has-free-plan"),
        pytest.param("ThumbGen's free plan includes 10 Nano Banana 2 images a month.", 0, id="name-s-free-plan"),
        pytest.param(
            "This tool has a free tier and calls gemini-3-pro-image under the hood.", 0, id="tool-has-free-tier"
        ),
        pytest.param("Try the free version of PosterPal, which uses Nano Banana 2.", 0, id="free-version-of-name"),
        pytest.param("Our app is free and powered by Nano Banana 2.", 0, id="our-app-is-free"),
        # A free trial or plan that is Gemini's or Google's, or names no other owner, is still a claim.
        pytest.param("Nano Banana 2 has a free trial.", 1, id="model-has-free-trial"),
        pytest.param("Try the Gemini API with a free trial.", 1, id="api-free-trial"),
        pytest.param("The Gemini API has a free plan for Nano Banana 2.", 1, id="api-has-free-plan"),
        pytest.param("Start a free trial of Nano Banana 2.", 1, id="free-trial-of-model"),
        pytest.param("Google has a free plan for Nano Banana 2.", 1, id="google-has-free-plan"),
        pytest.param("Get the free tier of Gemini for Nano Banana 2 images.", 1, id="free-tier-of-gemini"),
        pytest.param("ThumbGen runs on the free tier of the Gemini API.", 1, id="name-on-api-free-tier"),
        pytest.param("Students have a free plan for Nano Banana 2.", 1, id="people-have-free-plan"),
        pytest.param("Everyone has a free tier on the Gemini API.", 1, id="everyone-has-free-tier"),
        pytest.param(
            "Our app has a free plan because Nano Banana 2 is free on the Gemini API.", 1, id="app-plan-and-api-claim"
        ),
    ],
)
def test_emphasis_and_free_apps(text: str, claims: int) -> None:
    assert len(find_free_claims(text)) == claims


def test_each_field_of_a_docstrings_args_block_is_read_alone() -> None:
    """A real docstring: the lines of an ``Args:`` block end without a full stop, and were read as one
    sentence, so the first field's "free from <URL>" hid the second field's claim."""
    from conftest import make_settings

    from gemini_lint.linter import lint_source

    source = (
        'def f(api_key, model_name="x"):\n    """\n    Args:\n'
        "        api_key: Google Gemini API key (free from https://aistudio.google.com/apikey)\n"
        "        model_name: Model to use (gemini-2.0-flash-exp is free and fast)\n"
        '    """\n'
    )
    (claim,) = [d for d in lint_source(source, "x.py", make_settings()).diagnostics if d.code == "GL003"]
    assert claim.line == 5
    assert find_free_claims("Note: the key is free from AI Studio\nThe image API is paid.\n") == []


# --- the third review (2026-12-07): whole files, through each kind's reader ----------------------------


def test_review_corpus_through_each_file_kind_reader() -> None:
    """385 files a reviewer wrote on 2026-12-07 (Markdown, rst, text, Python comments and docstrings,
    notebook cells, YAML), each labelled before the rule was run, read as the CLI reads them. Its
    misses were then fixed (label lines, links on "free", tables, "no API billing", ...), so it is
    tuned now: what it guards is that they stay fixed. Before: precision 0.900, recall 0.977."""
    settings = make_settings(select=("GL003",))
    rows = json.loads(REVIEW.read_text(encoding="utf-8"))
    tp = fp = fn = tn = 0
    misses = []
    for row in rows:
        result = lint_source(row["source"], row["name"], settings)
        predicted = any(d.code == "GL003" for d in result.diagnostics)
        if row["label"] == "claim":
            tp, fn = (tp + 1, fn) if predicted else (tp, fn + 1)
        else:
            fp, tn = (fp + 1, tn) if predicted else (fp, tn + 1)
        if predicted != (row["label"] == "claim"):
            misses.append(f"{row['label']} {row['name']} ({row['category']})")
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"\nGL003 review: {tp + fn} claims, {fp + tn} ok; precision={precision:.3f} recall={recall:.3f}")
    assert len(rows) >= 380
    # The misses left are true free tiers of text models, which get the per-model message by choice.
    assert all("other model free tier" in miss for miss in misses), misses
    assert precision >= 0.97 and recall >= 0.99, misses


@pytest.mark.parametrize(
    "text",
    [
        "- Free tier for gemini-3.1-flash-image: **none**",
        "free tier: none (gemini-3.1-flash-image)",
        "Free Tier for gemini-3.1-flash-image: not available (Standard and Batch).",
        "Free Tier (gemini-3.1-flash-image): not available.",
        "Free tier for gemini-3.1-flash-image: no.",
        "Free tier for gemini-3.1-flash-image: N/A.",
        "Free tier on the Gemini API for Nano Banana 2: none.",
        "Nano Banana 2 is **not** [free](https://ai.google.dev/gemini-api/docs/pricing) on the Gemini API.",
        "Nano Banana 2 is not [free][pricing] on the Gemini API.",
        "Gemini 2.5 Flash has a free tier for text; Nano Banana 2 has none.",
        "Sign up for a free Google account, then enable billing to use Nano Banana 2 via the API.",
        "Our free plan lets you create 10 images a month; we pay Google for the Nano Banana 2 API calls.",
        "Free shipping on all posters generated with Nano Banana 2!",
        "Free stickers made with Nano Banana 2 at our booth!",
        "Generate a dog running free on the beach with Nano Banana 2.",
        "- README said Nano Banana 2 was free on the API; it is paid-only.",
        "- Fixed the README, which said Nano Banana 2 was free on the API.",
    ],
)
def test_review_look_alikes(text: str) -> None:
    assert find_free_claims(text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Free tier for gemini-3.1-flash-image: yes", "Free"),
        ("Nano Banana 2 is [free](https://example.com) on the Gemini API.", "free"),
        ("Calling gemini-3.1-flash-image from this notebook is free.", "free"),
        ("Using gemini-3.1-flash-image in this app is free.", "free"),
        ("No API billing is needed for gemini-3.1-flash-image.", "No API billing"),
        ("The Gemini API free tier is enough for this, so no API billing is required.", "free"),
        ("Nano Banana 2 runs free on the Gemini API.", "free"),
    ],
)
def test_review_claims(text: str, word: str) -> None:
    claim = only(text)
    assert text[claim.start : claim.end] == word


def test_a_named_model_is_the_subject_before_the_api_that_serves_it() -> None:
    claim = only("The Gemini 2.5 Flash text model is available on the Gemini API free tier.")
    assert claim.subject == "Gemini 2.5 Flash" and "pricing row for Gemini 2.5 Flash" in claim.message


def test_a_comment_marker_kept_by_a_config_reader_does_not_make_free_a_price() -> None:
    settings = make_settings(select=("GL003",))
    for name in ("a.yaml", "a.py", "a.toml"):
        source = "# free GPU memory between Nano Banana 2 batches\nx = 1\n" if name != "a.yaml" else (
            "# free GPU memory between Nano Banana 2 batches\nx: 1\n"
        )
        assert lint_source(source, name, settings).diagnostics == (), name


TABLE_CLAIMS = [
    ("| Model | Free tier on Gemini API |\n|---|---|\n| gemini-3.1-flash-image | Yes |\n", "Yes", "gemini-3.1-flash-image"),
    ("| Model | Free tier |\n|---|---|\n| gemini-3.1-flash-image | \u2705 |\n", "\u2705", "gemini-3.1-flash-image"),
    ("| Model | Free quota |\n|:--|--:|\n| Nano Banana 2 | 500 requests/day |\n", "500 requests/day", "Nano Banana 2"),
    ("| Feature | Nano Banana 2 (Gemini API) |\n|---|---|\n| Price | Free |\n", "Free", "Nano Banana 2"),
    ("| Model | Free tier |\n|---|---|\n| Nano Banana 2 | Free |\n", "Free", "Nano Banana 2"),
    ("| Model | Notes |\n|---|---|\n| gemini-3.1-flash-image | Free on the Gemini API |\n", "Free", "gemini-3.1-flash-image"),
]


@pytest.mark.parametrize(("text", "word", "subject"), TABLE_CLAIMS)
def test_a_table_cell_is_read_with_its_column_header(text: str, word: str, subject: str) -> None:
    claim = only(text)
    assert (text[claim.start : claim.end], claim.subject) == (word, subject)


@pytest.mark.parametrize(
    "text",
    [
        "| Model | Free tier |\n|---|---|\n| gemini-3.1-flash-image | No |\n| gemini-2.5-flash | Yes |\n",
        "| Model | Free tier | Paid |\n|---|---|---|\n| gemini-3.1-flash-image | Not available | $60 / 1M |\n",
        "| Myth | Fact |\n|---|---|\n| Nano Banana 2 is free on the API | It is paid-only |\n",
        "| Feature | Nano Banana 2 | Stable Diffusion |\n|---|---|---|\n| Price | $60 / 1M tokens | Free |\n",
        "| Model | Free tier |\n|---|---|\n\n| gemini-3.1-flash-image | Yes |\n",  # the blank line ended the table
        # The source guide's own table: the third column says what each surface does *not* prove.
        "| Surface | What it proves | What it does not prove |\n|---|---|---|\n"
        "| Gemini Apps | The consumer app may let a user generate images under current app rules. "
        "| Your backend has free gemini-3.1-flash-image API quota. |\n"
        "| Google AI Studio | The model can be tried in a browser project environment. "
        "| Production API calls are free or a boundless entitlement. |\n",
    ],
)
def test_table_look_alikes(text: str) -> None:
    assert find_free_claims(text) == []


def test_a_table_row_keeps_file_offsets_and_escaped_pipes() -> None:
    text = "intro\n\n| Model | Free tier |\n|---|---|\n| a \\| b | no |\n| gemini-3.1-flash-image | yes |\n"
    claim = only(text)
    assert text[claim.start : claim.end] == "yes"


@pytest.mark.parametrize("cell", ["0", "0 requests/day", "0,0", "**0**"])
def test_a_zero_under_a_free_tier_header_is_no_claim(cell: str) -> None:
    assert find_free_claims(f"Gemini API:\n\n| Model | Free tier |\n|---|---|\n| gemini-3-pro-image | {cell} |\n") == []


def test_a_header_is_read_once_for_all_its_rows() -> None:
    header = "| Model | Free tier | " + "x " * 2000 + " |\n|---|---|---|\n"
    rows = "| gemini-2.5-flash-image | no | b |\n" * 3
    text = "Gemini API pricing.\n\n" + header + rows + "| gemini-3.1-flash-image | yes | b |\n"
    claim = only(text)
    assert text[claim.start : claim.end] == "yes"


def test_a_label_denial_followed_by_another_comment_line_stays_a_denial() -> None:
    """The differential run found "# Free tier for <ID>: none" flagged where the next comment line
    continued the sentence (the label's end was looked for at the sentence's end only)."""
    text = blank_python("# Free tier for gemini-3.1-flash-image: none\n# Standard is $60 per 1M output image tokens.\nx = 1\n")
    assert find_free_claims(text) == []
