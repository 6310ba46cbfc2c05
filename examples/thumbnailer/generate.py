"""Generate thumbnails with the google-genai client."""

from google import genai
from google.genai import types

from thumbnailer.settings import IMAGE_MODEL

client = genai.Client()


def thumbnail(prompt: str) -> bytes:
    response = client.models.generate_content(
        model=IMAGE_MODEL,
        contents=prompt,
        config=types.GenerateContentConfig(response_modalities=["IMAGE"]),
    )
    return response.candidates[0].content.parts[0].inline_data.data


def hero_image(prompt: str) -> bytes:
    # Nano Banana Pro for hero shots.
    response = client.models.generate_content(
        model="gemini-3-pro-image-preview",
        contents=prompt,
    )
    return response.candidates[0].content.parts[0].inline_data.data


def model_name(tier: str) -> str:
    match tier:
        case "fast":
            return "models/gemini-3.1-flash-image-preview"
        case _:
            return "models/gemini-3-pro-image"
