"""A small image service that still calls the preview IDs (the shipped example for gemini-lint)."""
