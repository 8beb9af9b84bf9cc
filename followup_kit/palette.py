"""The colours and line styles every picture shares, drawn by matplotlib or by the browser.

The colours are the Okabe–Ito palette, which people with colour-blindness
tell apart; the line styles vary too, so a greyscale print still works.
:mod:`followup_kit.chart_model` gives each group of a picture its colour and
style from these, so a curve looks the same in a PNG and in the browser.
"""

from __future__ import annotations

#: Okabe–Ito colours, ordered so neighbours differ in lightness as well as hue.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000",
           "#F0E442"]
LINESTYLES = ["-", "--", "-.", ":"]
