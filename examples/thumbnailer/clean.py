"""A module that is already migrated: gemini-lint finds nothing here."""

from google import genai

MODEL = "gemini-3.1-flash-image"
PRO_MODEL = "gemini-3-pro-image"

# gemini_3_1_flash_image_preview is a metric name, not a model ID.
gemini_3_1_flash_image_preview = "counter"


def generate(prompt: str) -> object:
    return genai.Client().models.generate_content(model=MODEL, contents=prompt)
