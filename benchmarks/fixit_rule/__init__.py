"""A Fixit 2.x rule package (see legacy_model_id.py)."""
