from articles.text.prose import prose_problem

REPORT = (
    "Fighting spread to the northern suburbs overnight, residents said. Artillery fire hit a "
    "market and two schools, and the local hospital asked for blood donors. A spokesman for "
    "the army blamed the rebels, who denied firing on civilians and accused government troops "
    "of shelling their own neighbourhoods. Aid agencies said the road to the airport was cut."
)


def test_a_news_paragraph_is_prose():
    assert prose_problem(REPORT) is None


def test_a_short_note_is_prose_however_few_its_words():
    assert prose_problem("Talks resume. Talks resume.") is None


def test_a_text_without_words_is_not():
    assert prose_problem("12 " * 1000) == "the text has no words"
    assert prose_problem("a-a-" * 1000) == "the text has no words"


def test_a_repetition_is_not_whatever_its_length():
    for times in (10, 1000):
        problem = prose_problem("On Monday the army shelled the town. " * times)
        assert problem is not None and "repeats itself" in problem


def test_a_long_text_that_keeps_using_new_words_is_prose():
    words = [
        f"w{'abcdefghij'[i % 10]}{'klmnopqrst'[i // 10 % 10]}{'uvwxyz'[i // 100 % 6]}"
        for i in range(600)
    ]
    text = " ".join(words[i % 600] for i in range(20000))  # 600 distinct in 20,000: above 2·√N
    assert prose_problem(text) is None


def test_a_title_over_a_file_of_figures_is_not():
    problem = prose_problem("Weekly report\n\nNAIROBI, May 3 - " + "12 40 7.5 " * 500)
    assert problem is not None and "hardly words" in problem


def test_a_report_with_a_table_of_figures_is_prose():
    table = "".join(
        f"District {n}: {n * 13} displaced, {n * 3} injured, {n} killed.\n" for n in range(60)
    )
    assert prose_problem(REPORT * 3 + "\n" + table) is None


def test_a_long_run_of_dates_is_not():
    days = " ".join(f"May {d % 28 + 1}, {w}" for d, w in enumerate(["rain", "wind", "sun"] * 200))
    problem = prose_problem(days)
    assert problem is not None and "mostly dates" in problem


def test_a_long_list_of_names_is_not():
    names = " ".join(
        f"General {a} {b},"
        for a in ("Ali", "Omar", "Musa", "Idris", "Yusuf")
        for b in ("Hassan", "Ahmed", "Bashir", "Saleh", "Tahir", "Adam") * 8
    )
    problem = prose_problem(names)
    assert problem is not None and "capitalised" in problem


def test_a_dated_chronology_in_sentences_is_prose():
    from wordfreq import top_n_list

    words = [w for w in top_n_list("en", 400) if w.isalpha()]
    entries = [
        f"On May {d}, {' '.join(words[(d * 11 + k) % len(words)] for k in range(12))}."
        for d in range(1, 29)
    ]
    assert prose_problem(" ".join(entries)) is None
