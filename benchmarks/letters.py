"""Benchmark: one check of a 300-word thank-you letter, as the composer checks while the coach types.

Times ``check_thank_you`` on a letter of 300 words (greeting, four
paragraphs, signature) against simplemma lemmatising the same letter
(``simplemma.text_lemmatizer(letter, lang="en")``), measured in the same run:
the library's own reading of the words, which any check over lemmas has to do
at least once. Both are warm (their caches filled by a first run) and the
median of ``--repeat`` runs is printed. The check should take at most 20 ms
and at most 3 times the lemmatising.

The checker reads each line and sentence once and keeps what it found in it,
so two more measurements show what that is worth: the letter as the coach
types it (one line different at each check, the rest as before) and a letter
whose every line is new to the checker.

Run: ``python benchmarks/letters.py [--repeat R]``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import simplemma
from _common import machine

from followup_kit.letters import check_thank_you

INTERVIEW = {"interviewer_name": "Folasade Adebayo", "role": "Care Assistant",
             "company": "Brookfield House Care Home"}
LETTER = """Dear Mrs Adebayo,

Thank you very much for taking the time to interview me on Tuesday for the Care Assistant position at
Brookfield House. I really appreciated the chance to look round the home, to meet the day team and to
chat with some of the residents in the garden room, who made me feel very welcome.

Having seen how your team works, I am even keener to join you. The way the senior carer spoke to Mr
Patel while helping him to lunch, calmly and with real warmth, is exactly the kind of care I want to
give every day. I was also glad to hear about the training you offer new starters, and about the
plans for the sensory garden next spring.

As I mentioned, I cared for my grandmother at home for four years and have since completed my Care
Certificate, so I am confident with personal care, moving and handling, and with simply sitting and
listening when someone needs company. In my last job at a busy pharmacy I handled repeat prescriptions
for over two hundred patients a week, which taught me to keep careful records and to notice when
something is not quite right. I can work early shifts and weekends, and I live ten minutes away.

I would be delighted to bring the same patience and care to Brookfield House. If it would help, I am
happy to send my references or the certificate itself, or to come in again for a trial shift on any
day that suits the team. Please do let me know if you need anything further from me.

Thank you again for your time and for such a warm welcome, and for answering all of my questions so
openly.

Kind regards,

Rebecca Thornton
07700 900123
"""


def median_ms(func, repeat: int) -> float:
    """The median wall time of ``repeat`` runs of ``func``, in milliseconds, after one warm-up run."""
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=500)
    args = parser.parse_args()
    print(machine())
    words = len(LETTER.split())
    result = check_thank_you(LETTER, interview=INTERVIEW)
    print(f"letter: {words} words; verdict: {'all parts found' if result.ok else result.missing}")

    base = median_ms(lambda: simplemma.text_lemmatizer(LETTER, lang="en"), args.repeat)
    check = median_ms(lambda: check_thank_you(LETTER, interview=INTERVIEW), args.repeat)
    print(f"{'baseline: simplemma.text_lemmatizer(letter)':<52} {base:8.2f} ms (median of {args.repeat})")
    print(f"{'check_thank_you(letter)':<52} {check:8.2f} ms (median of {args.repeat})  (target <= 20 ms)")
    print(f"ratio, check / lemmatising: {check / base:.2f}  (target <= 3)")

    typed = iter([LETTER.replace("ten minutes away", f"{n} minutes away") for n in range(args.repeat + 1)])
    typing = median_ms(lambda: check_thank_you(next(typed), interview=INTERVIEW), args.repeat)
    print(f"{'as typed: one line new at each check':<52} {typing:8.2f} ms (median of {args.repeat})"
          f"  ratio {typing / base:.2f}")
    lines = LETTER.splitlines()
    fresh = iter(["\n".join(f"{line} {n}" if line.strip() else line for line in lines)
                  for n in range(args.repeat + 1)])
    new = median_ms(lambda: check_thank_you(next(fresh), interview=INTERVIEW), args.repeat)
    print(f"{'every line new to the checker':<52} {new:8.2f} ms (median of {args.repeat})"
          f"  ratio {new / base:.2f}")


if __name__ == "__main__":
    main()
