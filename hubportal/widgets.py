"""Form widgets for the browser's own date and time pickers.

`<input type="date">` only accepts an ISO date (2026-11-23) as its value, whatever the
page's language; Django would render the localised 23.11.2026, which the browser
drops, leaving the field empty. These widgets always render ISO.
"""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")
