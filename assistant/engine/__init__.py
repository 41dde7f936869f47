"""Backends that turn chat messages into text: llama.cpp in-process, an OpenAI-compatible
server, and a fake one for tests. Nothing here imports llama_cpp until a model is loaded."""
