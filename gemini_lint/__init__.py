"""gemini-lint: find and fix retired Gemini, Imagen and Veo model IDs and "free API" claims."""

__version__ = "0.1.0"
