"""Rebound: an offline, private writing assistant for job seekers after a rejection."""

__version__ = "0.1.0"
