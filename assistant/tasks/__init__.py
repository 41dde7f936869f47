"""One module a job: each takes pydantic inputs and returns a pydantic result."""
