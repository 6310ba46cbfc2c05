"""Calls the REST endpoint directly (no SDK) for the batch exporter."""

import json
import urllib.request

API_ROOT = "https://generativelanguage.googleapis.com/v1beta"
VERTEX_MODEL = "projects/acme/locations/global/publishers/google/models/gemini-3.1-flash-image-preview"


def generate(prompt: str, key: str) -> dict:
    url = f"{API_ROOT}/models/gemini-3.1-flash-image-preview:generateContent?key={key}"
    body = json.dumps({"contents": [{"parts": [{"text": prompt}]}]}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:  # noqa: S310
        return json.load(response)


LEGACY_ALIAS = "gemini-3.1-flash-image-preview"  # noqa: GL001  (kept for the migration report)
