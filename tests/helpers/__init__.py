"""What several test files share: paths, sample inputs, scripted servers, runners."""
