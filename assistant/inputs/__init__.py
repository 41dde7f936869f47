"""Readers: turn the user's files into validated pydantic models, or one clear InputError."""
