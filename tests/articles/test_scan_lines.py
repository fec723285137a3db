from hypothesis import given
from hypothesis import strategies as st

from articles.text.scan import Lines

texts = st.text(alphabet="ab \n", max_size=60)


@given(texts, st.data())
def test_lines_answer_as_rfind_and_find_do(text, data):
    pos = data.draw(st.integers(0, len(text)))
    lines = Lines(text)
    assert lines.start(pos) == text.rfind("\n", 0, pos) + 1
    found = text.find("\n", pos)
    assert lines.end(pos) == (found if found != -1 else len(text))


def test_first_on_line_allows_an_indent_only():
    text = "KHARTOUM, April 16\n  GENEVA, talks\nSaid in GENEVA"
    lines = Lines(text)
    assert lines.first_on_line(0)
    assert lines.first_on_line(text.index("GENEVA"))
    assert not lines.first_on_line(text.rindex("GENEVA"))
    assert not Lines(" " * 100 + "X").first_on_line(100)  # no indent is that deep
