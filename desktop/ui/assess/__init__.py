"""The assessment and ranking tab and the assessment set editor."""
