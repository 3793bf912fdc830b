"""Write a synthetic question set of any size, shaped like the bundled one.

    python benchmarks/generate_set.py 10000 /tmp/bench/questions

writes ``/tmp/bench/questions/bench-10000/``: a ``set.yaml``; fact tables of people, quotes and
treaties (quotes and treaties refer to people), split over files of at most ``CHUNK`` records as a
department's bank would be; templates of every question type over those tables; and hand-written
questions of every type. The set yields exactly the number of questions asked for (``quizgen
validate`` says so). Everything is drawn from a fixed seed: the same size gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

CHUNK = 2000
"""Records (or hand-written questions) per YAML file."""

# Share of the questions: templates over people (3 per person), quotes (2 per quote), treaties
# (4 per treaty); the rest, about a tenth, is hand-written.
PEOPLE_SHARE, QUOTES_SHARE, TREATIES_SHARE = 0.36, 0.30, 0.24


def _words(text: str, separator: str | None = None) -> list[str]:
    return text.split(separator)


SYLLABLES = _words(
    "ka ri mo sa le vi na to ra di mi ko la ze ne ba ru lo fe shi an el or um ta ya gor ven dar "
    "ho pe qui sto lin mar bel cor dan fin gal hel"
)
COUNTRIES = _words(
    "Iran Russia China India Turkey Brazil Egypt Kazakhstan Armenia Azerbaijan Georgia Belarus "
    "Qatar Oman Syria Iraq Pakistan Ethiopia Serbia Cuba Venezuela Mongolia Uzbekistan"
)
OFFICES = _words(
    "deputy foreign minister|ambassador to Moscow|ambassador to Tehran|deputy prime minister|"
    "government spokesman|adviser to the premier|minister of education|chief of the army staff|"
    "senior correspondent|professor of history|director of the museum|mayor of the capital|"
    "minister of culture|head of the parliament|minister of finance",
    "|",
)
QUALIFIERS = _words(
    "at the Valdai Club|during the first term|for Caspian affairs|from the old cabinet|"
    "at a Tehran school|from the new cabinet|for Arctic affairs|at the academy|"
    "during the second term",
    "|",
)
# Roles are an office and a qualifier of about the same length each, so that no key is much
# longer than its distractors (rule Q101), and no word of a role is a word of a quotation: a
# question showing a role never shares the subject of a question about a quote (rule Q502). No
# qualifier says "in": a role would be two parts, office and qualifier, and now and then three
# distractors drawn at random would each change one part of the key (rule Q110).
WORDS = _words(
    "cooperation partnership sanctions pressure energy transit corridor security defense "
    "alliance bloc region economy trade payments banks messaging oil gas nuclear program strategic "
    "relations neighbours partners interests coordination arena international clause "
    "Kremlin talks drones missiles supply routes investment railway port grain"
)
HAND_WORDS = _words(
    "lantern harbour orchard meadow compass granite velvet copper willow thimble saddle quarry "
    "beacon anchor falcon juniper marble pepper ribbon walnut"
)
"""The words of the hand-written questions: none is a word of the quotations or the treaties,
so a hand-written answer is never shown by a template's question (rule Q502)."""
VERBS = _words(
    "are not keen on|have been planning|will strengthen|cannot ignore|have agreed on|"
    "are ready to discuss|do not seek|will continue|have always supported|must protect",
    "|",
)


def _name(rng: random.Random, used: set[str]) -> str:
    """A new name; no two people share a first or a last name (two questions about two people
    called Kari would share a word of their subject: rule Q502)."""

    def word(n: int) -> str:
        for attempt in range(1000):
            # a short name space used up (2,025 names of two syllables): one syllable more
            made = "".join(rng.choice(SYLLABLES) for _ in range(n + attempt // 20)).capitalize()
            if made not in used:
                used.add(made)
                return made
        raise AssertionError("no new name")  # pragma: no cover - 45**4 names of four syllables

    initial = f" {rng.choice('ABDEFKLMNRSTV')}." if rng.random() < 0.3 else ""
    return f"{word(rng.randint(2, 3))}{initial} {word(rng.randint(2, 4))}"


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.sample(WORDS, words))  # no word twice (rule Q403: a doubled word)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (the texts hold no backslash or double quote)."""
    return '"' + text + '"'


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def plan(questions: int) -> tuple[int, int, int, int]:
    """(people, quotes, treaties, hand-written) giving exactly ``questions`` questions."""
    people = max(4, round(questions * PEOPLE_SHARE / 3))
    quotes = max(1, round(questions * QUOTES_SHARE / 2))
    treaties = max(1, round(questions * TREATIES_SHARE / 4))
    hand = questions - 3 * people - 2 * quotes - 4 * treaties
    while hand < 0:  # small sizes: shrink the tables until the hand-written share fits
        if quotes > 1:
            quotes -= 1
            hand += 2
        elif treaties > 1:
            treaties -= 1
            hand += 4
        else:
            raise SystemExit(f"too few questions for a set of this shape: {questions}")
    return people, quotes, treaties, hand


def write_set(questions: int, root: Path, seed: int = 2025) -> Path:
    """Write the set ``bench-<questions>`` under ``root``; return its folder."""
    rng = random.Random(seed)
    n_people, n_quotes, n_treaties, n_hand = plan(questions)
    folder = root / f"bench-{questions}"
    (folder / "facts").mkdir(parents=True, exist_ok=True)
    (folder / "questions").mkdir(exist_ok=True)

    (folder / "set.yaml").write_text(
        f"""\
set:
  title: Synthetic bank of {questions} questions
  description: >-
    A generated set shaped like the bundled one, for benchmarks: people, quotes and treaties,
    templates of every type and hand-written questions.
  deck: Benchmark::{questions}
  seed: 2025
  tags: [benchmark]
  source:
    title: A synthetic article about a treaty
    publisher: The Benchmark Times
    date: 2025-01-17
""",
        encoding="utf-8",
    )

    people_ids = [f"p{i:06d}" for i in range(n_people)]
    people = []
    used_names: set[str] = set()
    for pid in people_ids:
        name = _name(rng, used_names)
        role = f"{rng.choice(OFFICES)} {rng.choice(QUALIFIERS)}"
        country = rng.choice(COUNTRIES)
        people.append(
            f"""\
      - id: {pid}
        name: {name}
        role: {role}
        country: {country}
        evidence: {name}, {role} of {country}
"""
        )
    for number, chunk in enumerate(_chunks(people, CHUNK), start=1):
        (folder / "facts" / f"people-{number:03d}.yaml").write_text(
            "facts:\n  people:\n    description: Named people.\n    records:\n" + "".join(chunk),
            encoding="utf-8",
        )

    quotes = []
    # each person says at most ceil(quotes / people) things, in words no other quote of theirs
    # uses: two quotes of one speaker never share their subject (rule Q502)
    speakers = rng.sample(people_ids, len(people_ids))
    unused: dict[str, tuple[list[str], list[str]]] = {}
    for i in range(n_quotes):
        speaker = speakers[i % len(speakers)]
        if i < len(speakers):
            unused[speaker] = (rng.sample(VERBS, len(VERBS)), rng.sample(WORDS, len(WORDS)))
        verbs, free = unused[speaker]
        count = rng.randint(5, 10)
        text = f"We {verbs.pop()} {' '.join(free.pop() for _ in range(count))}"
        quotes.append(
            f"""\
      - id: q{i:06d}
        text: {text}
        speaker: {speaker}
        evidence: {_quoted(f"“{text},” the {rng.choice(WORDS)} official said on Friday.")}
"""
        )
    for number, chunk in enumerate(_chunks(quotes, CHUNK), start=1):
        (folder / "facts" / f"quotes-{number:03d}.yaml").write_text(
            "facts:\n  quotes:\n    description: Quotations and who said them.\n"
            "    refs:\n      speaker: people\n    records:\n" + "".join(chunk),
            encoding="utf-8",
        )

    treaties = []
    for i in range(n_treaties):
        partner = rng.choice(COUNTRIES)
        signatories = rng.sample(people_ids, 2)
        year = rng.randint(1990, 2025)
        steps = [
            f"talks on {rng.choice(WORDS)} in {year - 2}",
            f"a draft on {rng.choice(WORDS)} in {year - 1}",
            f"the signing in {year}",
            f"ratification in {year + 1}",
        ]
        treaties.append(
            f"""\
      - id: t{i:06d}
        name: the agreement no. {i}
        partner: {partner}
        year: {year}
        mutual_defense: {str(rng.random() < 0.5).lower()}
        signatories: [{", ".join(signatories)}]
        steps:
{"".join(f"          - {step}{chr(10)}" for step in steps)}\
        evidence:
          - Russia signed an agreement with {partner} in {year}
          - {_quoted(_sentence(rng, 12))}
"""
        )
    for number, chunk in enumerate(_chunks(treaties, CHUNK), start=1):
        (folder / "facts" / f"treaties-{number:03d}.yaml").write_text(
            "facts:\n  treaties:\n    description: Agreements.\n"
            "    refs:\n      signatories: people\n    records:\n" + "".join(chunk),
            encoding="utf-8",
        )

    (folder / "templates.yaml").write_text(TEMPLATES, encoding="utf-8")

    hand = [_hand_written(i, rng) for i in range(n_hand)]
    for number, chunk in enumerate(_chunks(hand, CHUNK), start=1):
        (folder / "questions" / f"questions-{number:03d}.yaml").write_text(
            "questions:\n" + "".join(chunk), encoding="utf-8"
        )
    return folder


TEMPLATES = """\
templates:
  # people: three questions per person
  - id: person-role
    table: people
    type: multiple_choice
    topic: Who is who
    tags: [people]
    prompt: How does the article describe {{ name }}?
    answer: "{{ role }}"
    distractors:
      from: people.role
      count: 3
      where: candidate.country != country
    explanation: The article introduces {{ name }} as {{ role }}.

  - id: person-country
    table: people
    type: short_answer
    topic: Who is who
    tags: [people]
    prompt: Which country does {{ name }} represent?
    answer: "{{ country }}"
    accept: ["{{ country | upper }}"]
    explanation: "{{ name }} is {{ role }} of {{ country }}."

  - id: person-cloze
    table: people
    type: cloze
    topic: Who is who
    tags: [people]
    prompt: "{{ name }} took part for [[{{ country }}]]."

  # quotes: two questions per quote
  - id: quote-speaker
    table: quotes
    type: multiple_choice
    topic: Who said what
    tags: [quotes]
    prompt: Who said “{{ text }}”?
    answer: "{{ speaker.name }}"
    distractors:
      from: people.name
      count: 3
      # as in the bundled set: whoever is credited with the same words is right too
      exclude: facts.quotes | selectattr('text', 'equalto', text) | map(attribute='speaker') | list
    explanation: "{{ speaker.name }} ({{ speaker.role }}) said it, as the article reports."

  - id: quote-country
    table: quotes
    type: true_false
    topic: Who said what
    tags: [quotes]
    prompt: "True or false: the speaker of “{{ text }}” speaks for {{ speaker.country }}."
    answer: "true"
    explanation: "{{ speaker.name }} is {{ speaker.role }} of {{ speaker.country }}."

  # treaties: four questions per treaty
  - id: treaty-defense
    table: treaties
    type: true_false
    topic: Treaties
    tags: [treaties]
    prompt: "True or false: {{ name[0] | upper }}{{ name[1:] }} includes a mutual defense clause."
    answer: "{{ mutual_defense }}"
    explanation: >-
      {% if mutual_defense %}The article says it includes a mutual defense clause.{% else %}
      The article says it stops short of a mutual defense clause.{% endif %}

  - id: treaty-signatories
    table: treaties
    type: multiple_select
    topic: Treaties
    tags: [treaties]
    prompt: Who signed {{ name }}?
    answers: signatories | map(attribute='name') | list
    distractors:
      from: people.name
      count: 3
    explanation: "{{ signatories | join(' and ') }} signed it in {{ year }}."

  - id: treaty-facts
    table: treaties
    type: matching
    topic: Treaties
    tags: [treaties]
    prompt: Match each fact about {{ name }} to its value.
    pairs: "[['partner', partner], ['year', year], ['steps', steps | length]]"

  - id: treaty-steps
    table: treaties
    type: ordering
    topic: Treaties
    tags: [treaties]
    prompt: Put the steps towards {{ name }} in order.
    items: steps
    explanation: "{{ steps | join(', then ') }}."
"""


def _hand_written(i: int, rng: random.Random) -> str:
    """A hand-written question of type ``i % 7``; prompts are distinct and never hold the answer
    (what ``quizgen validate`` would warn about), and a question's subject is its passage alone,
    so that no question gives away another's answer (rule Q502)."""
    kind = i % 7
    head = f"  - id: h{i:06d}\n    topic: Hand-written\n"
    where = f"in passage {i + 1}"

    def _sentence(rng: random.Random, words: int) -> str:  # no word twice (rule Q403)
        return " ".join(rng.sample(WORDS, words))

    options = rng.sample(HAND_WORDS, 6)
    evidence = f"    evidence: {_quoted(_sentence(rng, 10))}\n"
    explanation = f"    explanation: {_sentence(rng, 9).capitalize()}.\n"
    if kind == 0:
        body = (
            "    type: multiple_choice\n"
            f"    prompt: What does the article say {where}?\n"
            f"    answer: {options[0]}\n"
            f"    distractors: [{', '.join(options[1:4])}]\n"
        )
    elif kind == 1:
        body = (
            "    type: multiple_select\n"
            f"    prompt: Which of these does the article name {where}?\n"
            f"    answers: [{options[0]}, {options[1]}]\n"
            f"    distractors: [{', '.join(options[2:5])}]\n"
        )
    elif kind == 2:
        body = (
            "    type: true_false\n"
            f"    prompt: The article says {where} {_sentence(rng, 8)}.\n"
            f"    answer: {rng.choice(['true', 'false'])}\n"
        )
    elif kind == 3:
        body = (
            "    type: short_answer\n"
            f"    prompt: What does the article call it {where}?\n"
            f"    answer: {options[0]} {options[1]}\n"
            f"    accept: [{rng.choice(SYLLABLES)}]\n"
            "    points: 2\n"
        )
    elif kind == 4:
        body = (
            "    type: cloze\n"
            f"    prompt: The {_sentence(rng, 1)} {where} connects more than "
            f"[[{rng.randint(100000, 999999)}]] {_sentence(rng, 3)}.\n"
        )
    elif kind == 5:
        body = (
            "    type: matching\n"
            f"    prompt: Match each word {where} to its partner.\n"
            "    pairs:\n"
            + "".join(f"      - [{options[j]}, {options[j + 3]}]\n" for j in range(3))
        )
    else:
        body = (
            "    type: ordering\n"
            f"    prompt: Put these in the order the article names them {where}.\n"
            f"    items: [{', '.join(options[:4])}]\n"
        )
    return head + body + explanation + evidence


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", type=int, help="how many questions the set yields")
    parser.add_argument("root", type=Path, help="folder of sets to write the set into")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    print(write_set(args.questions, args.root, args.seed))


if __name__ == "__main__":
    main()
