"""The Textual UI: it renders a Briefing and never parses or extracts by itself."""
