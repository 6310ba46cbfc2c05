import os
from typing import Literal

# Default model for product thumbnails; was tuned against gemini-3.1-flash-image-preview.
IMAGE_MODEL = os.getenv("IMAGE_MODEL", "gemini-3.1-flash-image-preview")

HeroModel = Literal["gemini-3-pro-image-preview", "gemini-3-pro-image"]

MODEL_LABELS = {
    "gemini-3.1-flash-image-preview": "Nano Banana 2 (preview)",
    "gemini-3-pro-image": "Nano Banana Pro",
}

FALLBACK_MODELS = ["gemini-3-pro-image-preview", "gemini-3.1-flash-image"]
