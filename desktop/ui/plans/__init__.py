"""Plans (editor, a plan from its text, the province's plan file) and units."""
