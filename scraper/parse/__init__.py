"""HTML page -> ParsedPage / Post (placeholder until the parser core lands)."""
