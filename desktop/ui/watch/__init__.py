"""Watch lists in the window: the list page and hit review, flags, list import (issue 21)."""
