"""Reads the tables, cards and charts of hd's HTML report (as hd wrote it, or
as Chromium's --dump-dom serialised it) with the standard library's parser.

    page = read(path)
    page.tables["now-priority"]["urgent"]["open_breaches"]  # a cell's attributes and text
    page.tables["trend-backlog"]["2026-11-23T12:00:00Z"]   # week rows are keyed by their end
    page.cards["open_breaches"]                             # a card's text
    page.count("svg"), page.elements                        # every start tag, in order
"""

import html.parser


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables = {}      # data-table -> row key -> field -> {"text", attributes...}
        self.rows = {}        # data-table -> [row keys in order]
        self.cards = {}       # data-field of a card -> its text
        self.elements = []    # (tag, attrs) of every start tag
        self.text = []        # all text, for searching
        self._table = None
        self._row = None
        self._cell = None
        self._card = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag == "table" and "data-table" in a:
            self._table = a["data-table"]
            self.tables.setdefault(self._table, {})
            self.rows.setdefault(self._table, [])
        elif tag == "tr" and self._table:
            self._row = {"attrs": a}
            key = a.get("data-key") or a.get("data-id")
            if key is not None:
                self._register(key)
        elif self._row is not None and tag in ("td", "th"):
            if "data-end" in a:
                self._register(a["data-end"])
            if "data-field" in a:
                self._cell = dict(a, text="")
                self._row[a["data-field"]] = self._cell
        elif tag == "span" and "data-field" in a:
            self._card = a["data-field"]
            self.cards[self._card] = ""

    def _register(self, key):
        table = self.tables[self._table]
        # Findings may name a ticket twice: keep every row, keyed apart.
        k, n = key, 1
        while k in table:
            n += 1
            k = f"{key}#{n}"
        table[k] = self._row
        self.rows[self._table].append(k)

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = self._row = None
        elif tag == "tr":
            self._row = None
        elif tag in ("td", "th"):
            self._cell = None
        elif tag == "span":
            self._card = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell["text"] += data
        if self._card is not None:
            self.cards[self._card] += data

    def count(self, tag):
        return sum(1 for t, _ in self.elements if t == tag)


def read(path):
    page = Page()
    with open(path, encoding="utf-8") as f:
        page.feed(f.read())
    page.close()
    return page


def value(cell):
    """A cell's machine value: an int, or None for '-'."""
    v = cell["data-value"]
    return int(v) if v != "" else None
