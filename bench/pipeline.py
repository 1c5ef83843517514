"""Pipeline throughput against a stitched-together baseline, with per-stage time and cost growth (issue 7).

    .venv/bin/python bench/pipeline.py [--sizes 1000,10000] [--quick] [--threshold 0.1] [--json out.json]
    .venv/bin/python bench/pipeline.py --cheap-sizes 100000 --sizes ''   # stages without the parser only

For every size N a corpus of N HTML pages is generated reproducibly (``--seed``) in a temporary
folder: 10% relevant articles (the bundled North Korea articles and the HRDsAttack train/dev texts,
each copy varied: its own id and URL, a shifted date, the non-lead paragraphs shuffled) and 90%
other news (sports, markets, weather, culture, technology) written from the templates below, which
use none of the profile's relevance keywords. Then, each in its own fresh worker process (one core,
BLAS/OpenMP threads pinned to 1, model load and warm-up not timed):

* ``baseline``: ``trafilatura.extract`` on every page + en_core_web_sm ``nlp.pipe`` over every text
  (the model from ``rightswatch.analyse.load_language()``), what a user would stitch together;
* ``pipeline``: ``Pipeline.ingest`` over the folder into a fresh SQLite store, profile north_korea,
  ``relevance_threshold`` = ``--threshold``, the article gate's relevance classifier on (``--no-classifier``:
  keywords alone); then near-duplicate/derivative linking of the stored
  articles (what ``rightswatch link`` does) as a separate stage. Stages are timed from outside by
  wrapping the functions the pipeline calls (no product code changed). At the first size the
  relevant articles are also analysed again with ``min_relevance=0`` (the same Analyzer) to check
  that the article gate loses no incident;
* ``cheap`` (``--cheap-sizes``): the same ingest with a threshold above any score (1.01) and no
  classifier, so no article reaches the parser: read + extract + gate + store + link only.

Throughput is reported per core as articles per CPU second of the worker (user+sys, robust to
other jobs on the machine) and as articles per wall second. Peak memory is the worker's ru_maxrss.
"""

from __future__ import annotations

import argparse
import html as htmlmod
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HRDS = Path(os.environ.get("RIGHTSWATCH_HRDSATTACK", "/work/shared/data/hrdsattack"))
NK_DIRS = (ROOT / "src" / "rightswatch" / "data" / "corpus", ROOT / "tests" / "domain" / "corpus")
REPORT_FIELDS = ("size", "baseline", "pipeline", "ratio_cpu", "ratio_wall")

# -- corpus: relevant sources -------------------------------------------------------------------


def relevant_sources() -> list[dict]:
    """(title, date, paragraphs, origin) of every bundled NK article and HRDsAttack train/dev text."""
    from rightswatch.collect import Failure, iter_documents
    from rightswatch.extract import extract_article
    from rightswatch.settings import Settings

    settings = Settings()
    out: list[dict] = []
    paths = [p for d in NK_DIRS for p in sorted(d.iterdir())
             if p.suffix in (".txt", ".html", ".jsonl") and not p.name.startswith("gen") and p.name != "README.md"]
    for item in iter_documents(paths, settings):
        if isinstance(item, Failure):
            continue
        art = extract_article(item, settings)
        paras = [p for p in art.text.split("\n\n") if p.strip()]
        title = art.title or paras[0][:90].rsplit(" ", 1)[0]
        out.append({"title": title, "date": (art.published or "2024-01-15")[:10], "paras": paras,
                    "origin": "nk:" + Path(item.origin).name})
    for split in ("train", "dev"):
        path = HRDS / f"{split}.json"
        if not path.exists():
            continue
        for rec in json.loads(path.read_text(encoding="utf-8")):
            s = rec["sample"]
            paras = [_strip_tags(p) for p in re.findall(r"<p[^>]*>(.*?)</p>", s["Input.article_interface"], re.S)]
            paras = [p for p in paras if p]
            if not paras:
                continue
            out.append({"title": _strip_tags(s.get("Input.title") or "") or paras[0][:80],
                        "date": (s.get("Input.publish_date") or "2021-01-01")[:10], "paras": paras,
                        "origin": f"hrdsattack-{split}:{s['Input.GLOBALEVENTID']}"})
    return out


def _strip_tags(text: str) -> str:
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]+>", " ", text)).split())


# -- corpus: other news, from templates --------------------------------------------------------
# Inline choices are written [a|b|c]; {slot} draws from LEX. None of these words may contain a
# relevance keyword of the north_korea/general profiles (checked by ``_check_clean``).

LEX: dict[str, list[str]] = {
    "city": ["Seoul", "Osaka", "Lyon", "Porto", "Denver", "Perth", "Leeds", "Bilbao", "Austin", "Hamburg", "Nagoya",
             "Turin", "Valencia", "Calgary", "Auckland", "Busan", "Glasgow", "Munich", "Kyoto", "Bristol",
             "Marseille", "Sapporo", "Adelaide", "Quebec", "Gothenburg", "Utrecht", "Seville", "Incheon"],
    "first": ["Anna", "Marco", "Keiko", "Daniel", "Sofia", "Liam", "Yuna", "Tomas", "Grace", "Hiro", "Elena", "Oscar",
              "Mina", "Felix", "Clara", "Jonas", "Priya", "Mateo", "Ingrid", "Samuel", "Aiko", "Lucas", "Nora", "Ravi"],
    "last": ["Park", "Rossi", "Tanaka", "Moreau", "Silva", "Becker", "Lindqvist", "Okafor", "Novak", "Hughes",
             "Kimura", "Duarte", "Fischer", "Larsen", "Costa", "Brennan", "Yamada", "Haddad", "Petrov", "Walsh"],
    "team": ["Rovers", "United", "Falcons", "Mariners", "Comets", "Wanderers", "Athletic", "Rangers", "Hawks",
             "Dolphins", "Titans", "Harriers", "Pioneers", "Vikings", "Stallions", "Orcas"],
    "sport_pos": ["striker", "midfielder", "goalkeeper", "winger", "captain", "playmaker", "full-back", "centre-back"],
    "company": ["Norvik Systems", "Halden Foods", "Azura Motors", "Quillon Energy", "Brightwell Retail",
                "Tessera Chips", "Marlow Shipping", "Orchid Pharma", "Kestrel Airlines", "Solano Steel",
                "Vantage Telecom", "Greyfield Insurance", "Lumen Semiconductors", "Cobalt Cloud", "Ridgeway Mining"],
    "index": ["the KOSPI", "the Nikkei 225", "the FTSE 100", "the DAX", "the S&P 500", "the Stoxx 600",
              "the Hang Seng", "the ASX 200", "the Nasdaq Composite", "the CAC 40"],
    "sector": ["chipmakers", "carmakers", "utilities", "airlines", "lenders", "retailers", "shipping stocks",
               "energy shares", "drugmakers", "software groups", "steelmakers", "insurers"],
    "weather": ["heavy rain", "dense fog", "strong winds", "a cold snap", "freezing drizzle", "a heatwave",
                "thunderstorms", "light snow", "humid air", "a dry spell", "hail showers", "coastal gales"],
    "region": ["the northern coast", "the central plains", "the eastern valleys", "the southern islands",
               "the western highlands", "the capital region", "the lake district", "the river delta"],
    "artist": ["the Meridian Quartet", "painter Ines Calder", "director Jun Sato", "the Harbour Dance Company",
               "novelist Mara Quint", "composer Leif Aberg", "the Northlight Choir", "sculptor Teo Marin",
               "the Lantern Theatre troupe", "photographer Aya Moreno"],
    "venue": ["the city concert hall", "the modern art museum", "the riverside gallery", "the old opera house",
              "the national theatre", "the harbour arts centre", "the botanical garden pavilion", "the civic library"],
    "gadget": ["smartphone", "laptop", "smartwatch", "tablet", "electric scooter", "home robot", "VR headset",
               "wireless earbud", "e-reader", "drone", "game console", "smart speaker"],
    "tech": ["battery", "chip", "display", "camera module", "software update", "cloud service", "language model",
             "charging standard", "satellite link", "operating system", "solid-state drive", "sensor array"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"],
    "adj": ["steady", "uneven", "strong", "modest", "sharp", "gradual", "surprising", "cautious", "brisk", "mixed",
            "remarkable", "solid", "tentative", "robust", "lively", "muted"],
    "food": ["noodles", "pastries", "grilled fish", "dumplings", "street tacos", "seasonal salads", "curry"],
}

TOPICS: dict[str, dict[str, list[str]]] = {
    "sports": {
        "title": ["{city} {team} [edge|beat|overcome|hold off] {city2} {team2} in [tense|late|dramatic|scrappy] [win|victory]",
                  "{first} {last} [scores twice|strikes late|sparks comeback] as {team} [climb|move up|rise] the table",
                  "[Marathon|Regatta|Cycling race|Triathlon] in {city} draws [record|big|bumper] field of {n1000} runners"],
        "lead": ["The {city} {team} [beat|edged|overcame] {city2} {team2} {score} on {day}, with {sport_pos} {first} {last} [scoring the decisive goal|setting up both goals|producing a late winner] in front of {n10000} [fans|spectators|supporters].",
                 "More than {n1000} [runners|cyclists|athletes] [set off|started|lined up] in {city} on {day} morning for the annual [marathon|road race|charity run], which organisers said was the [largest|busiest|most popular] in its {n100}-year history."],
        "body": ["{first} {last} [opened the scoring|broke the deadlock|found the net] in the {min}th minute with a [low shot|curling effort|header|volley] [from the edge of the box|at the far post|after a quick counter].",
                 "The visitors [pressed hard|pushed forward|enjoyed more possession] after the break, but {first} {last} in goal [made|produced|pulled off] {n10} [saves|stops|fine saves] to keep them out.",
                 "Coach {first} {last} said the team had [trained|worked|prepared] for weeks on [set pieces|pressing|their passing game] and that the {adj} result [reflected|rewarded|showed] that effort.",
                 "\"We [knew|felt|believed] we could [win|turn it around|get something] here,\" {first} {last} told reporters [after the match|in the tunnel|at the press conference]. \"The [crowd|atmosphere|support] was [incredible|fantastic|a huge lift].\"",
                 "The win [lifts|moves|takes] {team} to {ordinal} place in the league, {n10} points [behind|clear of|ahead of] {city2} {team2} with {n10} games [left|remaining|to play].",
                 "Attendance at the {city} [stadium|ground|arena] has [risen|grown|climbed] by {pct} percent this season, [the club said|figures showed|according to the league].",
                 "{city2} {team2} [had chances|created openings|pushed forward] [early on|before half-time|in the closing minutes], [hitting the post|forcing a corner|testing the keeper] [twice|once|several times].",
                 "The [winner|champion|fastest finisher] of the [men's|women's|open] race, {first} {last}, [crossed the line|finished|came home] in {time}, [a course record|a personal best|just outside the record].",
                 "Volunteers [handed out|distributed|gave away] {n10000} bottles of water along the route, and [traffic|bus services|tram lines] in central {city} were [diverted|rerouted|paused] until [noon|early afternoon|mid-morning].",
                 "[Statistics|Figures|Data] from the league show the side has [won|drawn|lost] {n10} of its last {n10b} [matches|games|fixtures] [at home|away|in all competitions].",
                 "The next [fixture|match|game] is away at {city} {team2} on {day}, [a ground where|a venue where|a place where] {team} have [struggled|rarely won|done well] in recent seasons.",
                 "[Youth|Academy|Reserve] [player|graduate|prospect] {first} {last}, {n20} years old, [made his debut|came on as a substitute|started for the first time] and [impressed|looked composed|earned applause]."],
    },
    "markets": {
        "title": ["{index} [rises|slips|climbs|edges lower] as {sector} [rally|retreat|lead gains|weigh]",
                  "{company} [shares jump|stock falls|posts record profit|cuts forecast] after [quarterly results|earnings|sales update]",
                  "[Currency|Bond|Oil] markets [steady|wobble|rally] ahead of central bank decision"],
        "lead": ["{index} [rose|fell|gained|slipped] {pct} percent on {day}, as [investors|traders|fund managers] [weighed|digested|reacted to] [fresh inflation data|quarterly earnings|comments from central bankers], with {sector} [leading|dragging on|driving] the [market|index|session].",
                 "Shares in {company} [jumped|fell|climbed|dropped] {pct} percent in {city} trading on {day} after the company [reported|posted|announced] {adj} [quarterly results|half-year earnings|sales figures] and [raised|trimmed|kept] its [annual outlook|guidance|profit forecast]."],
        "body": ["[Revenue|Sales|Turnover] [rose|grew|increased] {pct} percent to {money} in the [three months|quarter|period] to {month}, [above|below|in line with] [analyst estimates|market expectations|the consensus forecast].",
                 "[Chief executive|Finance chief|Chair] {first} {last} said demand for the company's [products|services|new range] had been {adj} [across markets|in Asia|in Europe|at home] and that [costs|margins|orders] were [stabilising|improving|under control].",
                 "\"[Investors|The market|Traders] [want|are looking for|need] [clarity|evidence|a signal] on [rates|margins|growth],\" said {first} {last}, [a strategist|an analyst|a portfolio manager] at {company2}.",
                 "The [yield|rate|return] on ten-year government bonds [rose|eased|held] to {rate} percent, while the [dollar|yen|euro|won] [strengthened|weakened|was little changed] against major currencies.",
                 "{sector} [outperformed|lagged|tracked] the wider market, [adding|losing|gaining] {pct} percent [on the day|over the session|by the close].",
                 "Trading volume was {adj}, with about {n1000} million shares [changing hands|traded|exchanged], [compared with|against|versus] a {n10}-day average of {n1000b} million.",
                 "[Brent crude|Copper|Gold|Wheat futures] [rose|fell|traded] {pct} percent to {money} [a barrel|a tonne|an ounce|a bushel], [supported|pressured|driven] by [supply data|shipping schedules|weather forecasts|factory orders].",
                 "The company said it would [spend|invest|allocate] {money} on [new factories|research|a share buyback|store refits] [over the next|in the coming|during the next] {n10} years.",
                 "Analysts at {company2} [kept|raised|lowered] their [rating|price target|recommendation] on the stock, citing {adj} [orders|margins|cash flow] and [a healthy pipeline|new contracts|lower input costs].",
                 "[Retail|Private|Pension] investors [bought|sold|added] a net {money} of [local shares|equities|bonds] during the [week|session|month], [exchange data|figures from the bourse|fund flow data] showed.",
                 "The central bank [meets|will announce its decision|sets rates] on {day}, and [futures|swap markets|surveys] [suggest|imply|point to] a {pct} percent chance of a [cut|hike|pause].",
                 "[Factory|Export|Retail] data for {month} [beat|missed|matched] [forecasts|expectations], with [output|shipments|sales] [up|down|flat] {pct} percent from a year earlier."],
    },
    "weather": {
        "title": ["{weather} [expected|forecast|set] to [hit|sweep|linger over] {region} this [weekend|week]",
                  "[Forecasters|Meteorologists] [warn of|predict|expect] {weather} as temperatures [drop|climb|swing]",
                  "{city} [records|sees|logs] [warmest|wettest|coldest|driest] {month} day in {n10} years"],
        "lead": ["The national weather agency [issued|raised|posted] a [yellow|orange|advisory-level] [alert|notice|bulletin] for {region} on {day}, [forecasting|predicting|warning of] {weather} and temperatures [near|around|of] {temp} degrees Celsius through the [weekend|next three days|coming week].",
                 "{city} [recorded|saw|registered] a high of {temp} degrees Celsius on {day}, the [warmest|coldest|most unusual] {month} reading [since records began|in {n10} years|in more than a decade], [the weather service said|forecasters said|officials at the observatory said]."],
        "body": ["[Rainfall|Snowfall|Wind speeds] [could reach|may exceed|are expected to top] {n100} [millimetres|centimetres|kilometres per hour] in [exposed|higher|coastal] areas, [according to|said|the forecast from] the agency.",
                 "[Farmers|Orchard growers|Vineyards] in {region} said the [conditions|weather|temperatures] [would delay|could help|might affect] the {adj} [harvest|planting season|spring sowing].",
                 "[Ferry|Rail|Flight] [services|schedules|timetables] from {city} were [adjusted|trimmed|reviewed] as a [precaution|safety step|matter of routine], [operators|the transport ministry|the airport] said.",
                 "Meteorologist {first} {last} said a [high-pressure system|low-pressure trough|warm front|cold front] [over|moving across|sitting above] {region} was [driving|behind|steering] the [pattern|change|conditions].",
                 "\"[Residents|People|Commuters] should [carry an umbrella|dress warmly|drink plenty of water|allow extra time],\" {first} {last} said. \"[Conditions|Things|The skies] should [improve|clear|settle] by {day}.\"",
                 "The [average|mean|typical] temperature for {month} in {city} is {temp} degrees, [and|while|whereas] this year's readings have been {n10} degrees [above|below|around] that.",
                 "Water levels in the [reservoirs|lakes|rivers] serving {city} [stood at|reached|were at] {pct} percent of capacity, [utility data|the water board|local officials] said.",
                 "[Skiers|Beachgoers|Gardeners|Cyclists] [welcomed|grumbled about|made the most of] the {adj} [change|forecast|conditions], with [resorts|parks|promenades] reporting {adj} [crowds|visitor numbers|bookings].",
                 "[Pollen|Air quality|UV] [levels|readings|indices] [were|will be|are expected to be] [high|moderate|low] across {region} [until|through|into] {day}, the [health agency|environment office|forecast] said.",
                 "The [agency|weather office|observatory] [updates|revises|publishes] its [forecast|outlook|bulletin] every {n10} hours and [posts|shares|publishes] [radar images|satellite maps|hourly charts] online."],
    },
    "culture": {
        "title": ["{artist} [opens|brings|unveils] [new|long-awaited|ambitious] [show|season|exhibition] at {venue}",
                  "[Festival|Book fair|Film week] in {city} [celebrates|showcases|spotlights] [local talent|new voices|classic works]",
                  "[Review|Preview]: {artist} [returns|delights|surprises] in {city}"],
        "lead": ["{artist} [opened|launched|presented] a [new|much-anticipated|sold-out] [season|exhibition|programme] at {venue} in {city} on {day}, [drawing|attracting|welcoming] about {n1000} visitors [on the first night|in its opening weekend|on opening day].",
                 "The {n10}th [annual|international|city] [film festival|book fair|jazz week|design week] [opens|began|got under way] in {city} on {day}, with {n100} [screenings|readings|concerts|installations] [spread across|held in|staged at] {n10} venues."],
        "body": ["The [programme|exhibition|show] [features|includes|brings together] {n100} [works|pieces|performances] [spanning|covering|drawn from] {n10} decades, [many|several|some] [shown|performed|displayed] for the first time [in {city}|abroad|in public].",
                 "Curator {first} {last} said the [idea|aim|goal] was to [show|explore|trace] how [light|sound|memory|landscape|craft] [shapes|changes|connects] [everyday life|the city|our sense of place].",
                 "\"[It|This work|The piece] [began|started|grew] as a [sketch|small experiment|conversation] [years ago|during a residency|on a train],\" {first} {last} said. \"[I|We] [never|hardly|did not] [expected|imagined|planned] it to [grow|travel|last] this far.\"",
                 "Tickets [cost|are priced at|start at] {money_small}, with [free entry|discounts|reduced prices] for [students|children|residents] on {day} [evenings|afternoons|mornings].",
                 "[Critics|Reviewers|Early visitors] [praised|admired|were struck by] the {adj} [staging|lighting|arrangement|score], [though|while|and] [some|a few|several] [found|thought|felt] the [second half|final room|ending] {adj}.",
                 "[Food stalls|Pop-up cafes|Street vendors] [selling|offering|serving] {food} [lined|filled|ringed] the [square|courtyard|riverbank] outside {venue}.",
                 "The [event|festival|season] [is supported|is funded|receives backing] by the [city council|arts foundation|culture ministry] and {company}, [organisers|the venue|a spokesperson] said.",
                 "[Workshops|Talks|Guided tours] for [families|schools|beginners] [run|take place|are held] every {day}, and a [catalogue|programme book|recording] [will be|is being|has been] [published|released|printed] in {month}.",
                 "{artist} [studied|trained|worked] in {city2} and {city} before [settling|moving|returning] to [the coast|the capital|their home town] {n10} years ago.",
                 "The [run|exhibition|festival] [continues|lasts|closes] until {month} {n20}, [after which|and then|before] it [travels|moves|tours] to {city2}."],
    },
    "technology": {
        "title": ["{company} [unveils|launches|previews] [new|thinner|cheaper|faster] {gadget} with [improved|bigger|longer-lasting] {tech}",
                  "[Startup|Researchers|Engineers] in {city} [develop|build|test] [faster|greener|smaller] {tech}",
                  "{gadget} sales [rise|slow|rebound] as [buyers|shoppers|customers] [wait for|embrace|weigh] new {tech}"],
        "lead": ["{company} [unveiled|launched|introduced] a new {gadget} at an event in {city} on {day}, [promising|touting|highlighting] a {adj} [improvement|upgrade|leap] in {tech} and a price of {money_small}.",
                 "[Engineers|Researchers|A team] at a {city} [university|laboratory|startup] [said on {day} they had|have|announced they had] [built|developed|demonstrated] a {tech} that [uses|needs|draws] {pct} percent less power than [current designs|existing products|rivals]."],
        "body": ["The {gadget} [weighs|measures|comes in at] {n100} grams and [runs|lasts|works] for up to {n10} hours on a [single charge|full battery|charge], the company said.",
                 "[Product chief|Lead engineer|Head of design] {first} {last} said the {tech} had taken {n10} years to [develop|perfect|bring to market] and [relied on|used|combined] [new materials|custom silicon|a redesigned layout].",
                 "\"[People|Customers|Users] [told us|said|made clear] they [wanted|needed|cared about] [longer battery life|a lighter device|faster charging],\" {first} {last} said. \"[That|This] [shaped|drove|guided] every [decision|choice|trade-off].\"",
                 "[Analysts|Reviewers|Industry watchers] at {company2} [expect|estimate|forecast] [shipments|sales|orders] of about {n1000} thousand units in the [first quarter|launch month|first year].",
                 "The [update|release|device] [adds|brings|introduces] [offline maps|a dark mode|voice controls|a repair guide|larger fonts] and [fixes|addresses|resolves] {n10} [bugs|issues|glitches], [according to|per|said] the release notes.",
                 "[Supply|Component|Memory] [costs|prices|shortages] have [eased|risen|stabilised] since {month}, [helping|allowing|pushing] [makers|vendors|brands] to [hold|cut|raise] prices.",
                 "The {tech} [connects|pairs|syncs] with [most|older|existing] {gadget}s and [supports|works with|handles] [open standards|common chargers|third-party apps].",
                 "[Repairability|Energy use|Recycling] was a [focus|priority|theme], with [screws instead of glue|a replaceable battery|recycled aluminium] and [a promise|a pledge|a plan] of {n10} years of [updates|spare parts|support].",
                 "[Pre-orders|Sales|Shipping] [begin|start|open] on {day} in {city}, {city2} and [online|selected stores|partner shops], with [wider|global|regional] availability [in|from|by] {month}.",
                 "The [research|work|study], [published|described|presented] at a [conference|workshop|symposium] in {city2}, [was|has been] [funded|supported|backed] by {company} and a [public|national|regional] science fund."],
    },
}

GENERIC = ["[Officials|Organisers|Spokespeople] said [further|more|additional] [details|figures|information] would be [released|published|shared] on {day}.",
           "[Local|Regional|National] [media|newspapers|broadcasters] [reported|noted|described] the [news|story|development] as {adj}.",
           "[Earlier|Last|Late] in {month}, a [similar|comparable|related] [event|announcement|report] in {city2} [drew|attracted|received] {adj} [interest|attention|coverage].",
           "[Residents|Visitors|Shoppers] in {city} [interviewed|asked|spoken to] on {day} [gave|offered|had] {adj} [reactions|views|opinions], [with|and] [many|some|a few] [saying|adding|noting] they [would|might|planned to] [follow|watch|keep up with] [developments|the news|what happens next]."]

OUTLETS = [("The Daily Courier", "dailycourier.example.com"), ("Metro Ledger", "metroledger.example.net"),
           ("Harbour Times", "harbourtimes.example.org"), ("Evening Dispatch", "eveningdispatch.example.com"),
           ("Valley Gazette", "valleygazette.example.net"), ("Northern Herald", "northernherald.example.org")]

_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")


def _fill(rng: random.Random, template: str) -> str:
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)

    def slot(m: re.Match[str]) -> str:
        name = m.group(1)
        base = name.rstrip("0123456789") if name.rstrip("0123456789") in LEX else name
        if base in LEX:
            return rng.choice(LEX[base])
        return {
            "n10": lambda: str(rng.randint(2, 12)), "n10b": lambda: str(rng.randint(5, 15)),
            "n20": lambda: str(rng.randint(17, 31)), "n100": lambda: str(rng.randint(15, 240)),
            "n1000": lambda: f"{rng.randint(1, 95) * 100:,}", "n1000b": lambda: f"{rng.randint(2, 90) * 10:,}",
            "n10000": lambda: f"{rng.randint(3, 60) * 1000 + rng.randint(0, 999):,}",
            "pct": lambda: f"{rng.randint(1, 190) / 10:.1f}", "rate": lambda: f"{rng.randint(150, 520) / 100:.2f}",
            "money": lambda: f"{rng.randint(12, 980)} {rng.choice(['million', 'billion'])} {rng.choice(['dollars', 'euros', 'won', 'yen'])}",
            "money_small": lambda: f"{rng.randint(9, 1400)} {rng.choice(['dollars', 'euros', 'pounds'])}",
            "temp": lambda: str(rng.randint(-12, 38)), "min": lambda: str(rng.randint(3, 89)),
            "score": lambda: f"{rng.randint(1, 4)}-{rng.randint(0, 1)}", "ordinal": lambda: rng.choice(["second", "third", "fourth", "fifth", "sixth", "seventh"]),
            "time": lambda: f"{rng.randint(2, 4)}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
        }.get(base, lambda: name)()
    out = _SLOT.sub(slot, text)
    return out[:1].upper() + out[1:]


def other_article(rng: random.Random) -> dict:
    topic = rng.choice(sorted(TOPICS))
    t = TOPICS[topic]
    target = rng.randint(300, 820)
    paras = [_fill(rng, rng.choice(t["lead"]))]
    words = len(paras[0].split())
    pool = t["body"] + GENERIC
    while words < target:
        para = " ".join(_fill(rng, rng.choice(pool)) for _ in range(rng.randint(2, 5)))
        paras.append(para)
        words += len(para.split())
    return {"title": _fill(rng, rng.choice(t["title"])), "paras": paras, "topic": topic}


def _check_clean() -> None:
    """No template word may carry a relevance keyword (then general news would never be skipped)."""
    from rightswatch.analyse.profile import load_profile

    keywords = load_profile("north_korea").relevance
    words = json.dumps([LEX, TOPICS, GENERIC]).lower()
    bad = sorted(k for k in keywords if k in words)
    if bad:
        raise SystemExit(f"other-news templates contain relevance keywords: {bad}")


def page(title: str, paras: list[str], published: str, outlet: tuple[str, str], slug: str, section: str) -> str:
    name, host = outlet
    e = htmlmod.escape
    body = "\n".join(f"<p>{e(p)}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(title)} | {e(name)}</title>
<meta property="og:title" content="{e(title)}">
<meta property="og:site_name" content="{e(name)}">
<meta property="article:published_time" content="{published}T08:00:00+00:00">
<meta property="article:section" content="{e(section)}">
<link rel="canonical" href="https://{host}/{section}/{slug}">
</head>
<body>
<header><nav><a href="/">{e(name)}</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a> <a href="/culture">Culture</a> <a href="/weather">Weather</a></nav></header>
<main>
<article>
<h1>{e(title)}</h1>
<p class="byline">By Staff Reporter · {published}</p>
{body}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Weekend traffic advice</a></li><li><a href="/b">Letters to the editor</a></li></ul></aside>
</main>
<footer><p>© {e(name)}. All rights reserved.</p><p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · <a href="/contact">Contact us</a></p></footer>
</body>
</html>
"""


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the benchmark corpus, as drawn (before it is written anywhere)."""

    index: int
    html: str
    title: str
    paras: list[str]
    published: str
    outlet: tuple[str, str]  # (name, host)
    section: str
    slug: str
    relevant: bool
    origin: str


def draw_pages(n: int, seed: int) -> Iterator[GeneratedPage]:
    """The ``n`` pages of the corpus for ``seed``, in order: 10% relevant copies, 90% other news."""
    _check_clean()
    rng = random.Random(seed)
    sources = relevant_sources()
    slots = set(rng.sample(range(n), round(n * 0.10)))
    order = list(range(len(sources)))
    rng.shuffle(order)
    used = 0
    for i in range(n):
        if i in slots:
            src = sources[order[used % len(order)]]
            used += 1
            paras = [src["paras"][0]] + rng.sample(src["paras"][1:], len(src["paras"]) - 1)
            try:
                d = date.fromisoformat(src["date"]) + timedelta(days=rng.randint(-20, 20))
            except ValueError:
                d = date(2022, 1, 1) + timedelta(days=rng.randint(0, 700))
            title, section, relevant, origin = src["title"], "world", True, src["origin"]
        else:
            art = other_article(rng)
            d = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
            title, paras, section, relevant = art["title"], art["paras"], art["topic"], False
            origin = "generated:" + art["topic"]
        outlet = rng.choice(OUTLETS)
        slug = f"story-{i:06d}"
        html = page(title, paras, d.isoformat(), outlet, slug, section)
        yield GeneratedPage(i, html, title, paras, d.isoformat(), outlet, section, slug, relevant, origin)


def generate_corpus(n: int, seed: int, out: Path) -> list[dict]:
    """Write ``n`` HTML pages into ``out``; returns the manifest (file, relevant, origin)."""
    out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for p in draw_pages(n, seed):
        name = f"a{p.index:06d}.html"
        (out / name).write_text(p.html, encoding="utf-8")
        manifest.append({"file": name, "relevant": p.relevant, "origin": p.origin})
    (out.parent / (out.name + ".manifest.json")).write_text(json.dumps(manifest), encoding="utf-8")
    return manifest


# -- workers (each run in a fresh process) -----------------------------------------------------


def _usage() -> dict:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu": r.ru_utime + r.ru_stime, "maxrss_mb": r.ru_maxrss / 1024}


def worker_baseline(folder: Path) -> dict:
    import trafilatura

    from rightswatch.analyse import load_language
    from rightswatch.settings import Settings

    t0 = time.perf_counter()
    nlp = load_language()
    nlp("Warm-up sentence for the parser and the tagger.")
    load_s = time.perf_counter() - t0
    files = sorted(folder.glob("*.html"))
    stage = {"extract": 0.0, "parse": 0.0}
    empty = 0

    def texts():
        nonlocal empty
        for f in files:
            t = time.perf_counter()
            text = trafilatura.extract(f.read_bytes().decode("utf-8")) or ""
            empty += not text
            stage["extract"] += time.perf_counter() - t
            yield text

    u0, w0 = _usage()["cpu"], time.perf_counter()
    ents = 0
    for doc in nlp.pipe(texts(), batch_size=Settings().batch_size):  # same batch size as the pipeline
        ents += len(doc.ents)
    wall = time.perf_counter() - w0
    cpu = _usage()["cpu"] - u0
    stage["parse"] = wall - stage["extract"]
    return {"articles": len(files), "wall_s": wall, "cpu_s": cpu, "stages_s": stage, "entities": ents,
            "empty_extractions": empty, "model_load_s": load_s, "maxrss_mb": _usage()["maxrss_mb"]}


class _Clock:
    def __init__(self) -> None:
        self.s: dict[str, float] = {}
        self.series: dict[str, list[float]] = {}
        self.on_call: dict[str, object] = {}

    def wrap(self, name: str, fn, series: bool = False):  # type: ignore[no-untyped-def]
        def timed(*a, **k):  # type: ignore[no-untyped-def]
            t, c = time.perf_counter(), time.process_time()
            try:
                return fn(*a, **k)
            finally:
                self.s[name] = self.s.get(name, 0.0) + time.perf_counter() - t
                if series:  # CPU time per call: growth within a run, robust to other jobs
                    self.series.setdefault(name, []).append(time.process_time() - c)
                    hook = self.on_call.get(name)
                    if hook is not None:
                        hook(len(self.series[name]))  # type: ignore[operator]
        return timed


def _progress(clock: _Clock, total: int) -> None:
    """Every 10% of a large run, one stderr line with cumulative stage times: a run stopped early still shows its growth."""
    if total < 5000:
        return
    step = max(1000, total // 20)
    t0, c0 = time.perf_counter(), time.process_time()

    def hook(n: int) -> None:
        if n % step == 0:
            stages = " ".join(f"{k}={v:.0f}s" for k, v in sorted(clock.s.items()))
            saves = clock.series["store"][n - step:n]
            print(f"[progress] {n}/{total} saved, wall {time.perf_counter() - t0:.0f} s, cpu {time.process_time() - c0:.0f} s, "
                  f"save cpu {1000 * sum(saves) / len(saves):.2f} ms over the last {step}, {stages}", file=sys.stderr, flush=True)
    clock.on_call["store"] = hook


def _deciles(values: list[float]) -> list[float]:
    """Mean per decile of a run, in ms: the first and last show whether a stage slows down as it fills."""
    k = len(values) / 10
    return [round(1000 * sum(values[int(i * k):int((i + 1) * k)]) / max(1, int((i + 1) * k) - int(i * k)), 3) for i in range(10)]


def _signature(report) -> list:  # type: ignore[no-untyped-def]
    return sorted((i.type, tuple((s.start, s.end) for s in i.evidence)) for i in report.incidents)


def worker_pipeline(folder: Path, threshold: float, parity: bool, link: bool, classifier: bool = True,
                    keep_db: Path | None = None) -> dict:
    import rightswatch.analyse.analyzer as analyzer_mod
    import rightswatch.analyse.relevance as relevance_mod
    import rightswatch.pipeline as pipeline_mod
    from rightswatch.cli.collection import Linking
    from rightswatch.records import Article
    from rightswatch.settings import Settings
    from rightswatch.store import Store
    from rightswatch.store.collection_repo import CollectionRepository

    manifest = json.loads((folder.parent / (folder.name + ".manifest.json")).read_text())
    relevant_files = {m["file"] for m in manifest if m["relevant"]}
    db = folder.parent / (folder.name + ".db")
    db.unlink(missing_ok=True)
    settings = Settings(db_url=f"sqlite:///{db}", profile="north_korea", relevance_threshold=threshold,
                        relevance_classifier=classifier)
    clock = _Clock()
    t0 = time.perf_counter()
    store = Store.open(settings.db_url)
    pipe = pipeline_mod.Pipeline(settings, store)
    analyzer = pipe.analyzer  # builds the spaCy pipeline now, outside the timed run
    analyzer.analyse(Article(text="Warm-up: a broker was arrested in Hyesan on Monday.", title="warm-up"))
    analyzer.skipped = 0
    load_s = time.perf_counter() - t0

    # stage timers, from outside
    gated_reports: dict[str, list] = {}
    relevant_articles: dict[str, Article] = {}
    sha_to_file: dict[str, str] = {}
    orig_iter = pipeline_mod.iter_documents

    def iter_documents(paths, s):  # type: ignore[no-untyped-def]
        it = orig_iter(paths, s)
        while True:
            t = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                clock.s["read"] = clock.s.get("read", 0.0) + time.perf_counter() - t
                return
            clock.s["read"] = clock.s.get("read", 0.0) + time.perf_counter() - t
            sha_to_file[getattr(item, "sha256", "")] = Path(item.origin).name
            yield item

    orig_extract = pipeline_mod.extract_article

    def extract_article(doc, s):  # type: ignore[no-untyped-def]
        art = orig_extract(doc, s)
        if Path(doc.origin).name in relevant_files:
            relevant_articles[Path(doc.origin).name] = art
        return art

    pipeline_mod.iter_documents = iter_documents
    pipeline_mod.extract_article = clock.wrap("extract", extract_article)
    gate_calls = {"classifier_scored": 0, "classifier_admitted": 0}
    orig_gate_call = relevance_mod.ArticleGate.__call__

    def gate_call(self, article):  # type: ignore[no-untyped-def]
        decision = orig_gate_call(self, article)
        if decision.classifier is not None:
            gate_calls["classifier_scored"] += 1
            gate_calls["classifier_admitted"] += int(decision.analyse)
        return decision

    relevance_mod.ArticleGate.__call__ = clock.wrap("gate", gate_call)
    analyzer_mod.quote_regions = clock.wrap("gate", analyzer_mod.quote_regions)
    analyzer.gate = clock.wrap("gate", analyzer.gate)
    orig_many = analyzer.analyse_many

    def analyse_many(articles):  # type: ignore[no-untyped-def]
        reports = list(orig_many(articles))
        for r in reports:
            name = sha_to_file.get(r.article.document_sha256 or "")
            if name in relevant_files:
                gated_reports[name] = _signature(r)
        return iter(reports)

    analyzer.analyse_many = clock.wrap("analyse+gate", analyse_many)
    store.save = clock.wrap("store", store.save, series=True)
    _progress(clock, len(manifest))
    store.has_document = clock.wrap("store", store.has_document)

    u0, w0 = _usage()["cpu"], time.perf_counter()
    summary = pipe.ingest([folder])
    ingest_wall = time.perf_counter() - w0
    ingest_cpu = _usage()["cpu"] - u0
    stages = dict(clock.s)
    stages["analyse"] = stages.pop("analyse+gate", 0.0) - stages.get("gate", 0.0)
    stages["other"] = ingest_wall - sum(stages.values())

    result: dict = {"articles": len(manifest), "threshold": threshold, "wall_s": ingest_wall, "cpu_s": ingest_cpu,
                    "counts": dict(summary.counts), "incidents": summary.incidents,
                    "skipped_by_gate": analyzer.skipped, "analysed": len(manifest) - analyzer.skipped,
                    "model_load_s": load_s}
    # relevant articles kept from the parser: stored with no incidents because the gate said no
    result.update(gate_calls)
    result["relevant"] = len(relevant_files)
    gate = analyzer.article_gate if threshold > 0 else None
    result["relevant_skipped"] = sum(1 for a in relevant_articles.values() if gate is not None and not orig_gate_call(gate, a).analyse)
    result["general_analysed"] = result["analysed"] - (result["relevant"] - result["relevant_skipped"])
    save_series = clock.series.get("store", [])
    if len(save_series) >= 20:
        result["save_cpu_ms_by_decile"] = _deciles(save_series)
        result["save_ms_first10pct"], result["save_ms_last10pct"] = result["save_cpu_ms_by_decile"][0], result["save_cpu_ms_by_decile"][-1]

    if link:
        repo = CollectionRepository(store)
        linking = Linking(repo)
        ids = [o.article_id for o in summary.outcomes if o.status == "stored" and o.article_id]
        series = []
        u1, w1 = _usage()["cpu"], time.perf_counter()
        dups = derivs = 0
        for chunk in range(0, len(ids), 100):
            c = time.process_time()
            d1, d2 = linking.link_articles(ids[chunk:chunk + 100])
            series.extend([(time.process_time() - c) / max(1, len(ids[chunk:chunk + 100]))] * len(ids[chunk:chunk + 100]))
            dups, derivs = dups + d1, derivs + d2
            if len(ids) >= 5000 and (chunk // 100 + 1) % max(1, len(ids) // 1000) == 0:
                recent = series[-len(ids) // 10:]
                print(f"[progress] linked {chunk + 100}/{len(ids)}, wall {time.perf_counter() - w1:.0f} s, "
                      f"link cpu {1000 * sum(recent) / len(recent):.2f} ms/article over the last 10%", file=sys.stderr, flush=True)
        stages["link"] = time.perf_counter() - w1
        result["link_cpu_s"] = _usage()["cpu"] - u1
        result["near_duplicate_links"], result["derivative_links"] = dups, derivs
        if len(series) >= 20:
            result["link_cpu_ms_by_decile"] = _deciles(series)
            result["link_ms_first10pct"], result["link_ms_last10pct"] = result["link_cpu_ms_by_decile"][0], result["link_cpu_ms_by_decile"][-1]
    result["stages_s"] = stages
    result["maxrss_mb"] = _usage()["maxrss_mb"]  # before the parity pass, which reuses the model

    if parity and threshold > 0:
        analyzer.analyse_many = orig_many
        analyzer.min_relevance = 0.0
        names = sorted(relevant_articles)
        ungated = {n: _signature(r) for n, r in zip(names, orig_many(relevant_articles[n] for n in names))}
        same = sum(1 for n in names if ungated[n] == gated_reports.get(n))
        found_gated = sum(len(gated_reports.get(n, [])) for n in names)
        found_ungated = sum(len(ungated[n]) for n in names)
        lost = sum(max(0, len(ungated[n]) - len(gated_reports.get(n, []))) for n in names)
        result["parity"] = {"relevant_articles": len(names), "identical_reports": same,
                            "incidents_with_gate": found_gated, "incidents_without_gate": found_ungated,
                            "incidents_lost_by_gate": lost}
    store.close()
    if keep_db is not None:
        shutil.move(str(db), str(keep_db))
        result["kept_db"] = str(keep_db)
    else:
        db.unlink(missing_ok=True)
    return result


def run_worker(kind: str, folder: Path, **opts: object) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
               PYTHONHASHSEED="0")
    cmd = [sys.executable, __file__, "--worker", kind, "--dir", str(folder)]
    for k, v in opts.items():
        cmd += [f"--{k.replace('_', '-')}", str(v)]
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, text=True)  # stderr (progress, errors) passes through
    if proc.returncode != 0:
        raise SystemExit(f"{kind} worker failed (its stderr is above)")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- the command -------------------------------------------------------------------------------


def _rate(r: dict) -> tuple[float, float]:
    return r["articles"] / r["cpu_s"], r["articles"] / r["wall_s"]


def bench_size(n: int, args: argparse.Namespace, parity: bool, base: Path) -> dict:
    folder = base / f"corpus-{n}"
    t = time.perf_counter()
    generate_corpus(n, args.seed, folder)
    gen_s = time.perf_counter() - t
    row: dict = {"size": n, "generate_s": gen_s}
    print(f"[{n}] corpus written in {gen_s:.1f} s", file=sys.stderr, flush=True)
    if n <= args.baseline_max:
        row["baseline"] = run_worker("baseline", folder)
        print(f"[{n}] baseline done: {row['baseline']['wall_s']:.1f} s", file=sys.stderr, flush=True)
    keep = {"keep_db": args.keep_db.parent / f"{args.keep_db.stem}-{n}{args.keep_db.suffix}"} if args.keep_db else {}
    row["pipeline"] = run_worker("pipeline", folder, threshold=args.threshold, parity=int(parity), link=int(not args.no_link),
                                 classifier=int(not args.no_classifier), **keep)
    print(f"[{n}] pipeline done: {row['pipeline']['wall_s']:.1f} s", file=sys.stderr, flush=True)
    if "baseline" in row:
        (bc, bw), (pc, pw) = _rate(row["baseline"]), _rate(row["pipeline"])
        row["ratio_cpu"], row["ratio_wall"] = pc / bc, pw / bw
    else:
        row["ratio_cpu"] = row["ratio_wall"] = None
    shutil.rmtree(folder, ignore_errors=True)
    return row


def bench_cheap(n: int, args: argparse.Namespace, base: Path) -> dict:
    folder = base / f"corpus-{n}"
    generate_corpus(n, args.seed, folder)
    r = run_worker("pipeline", folder, threshold=1.01, parity=0, link=int(not args.no_link), classifier=0)
    shutil.rmtree(folder, ignore_errors=True)
    return {"size": n, "cheap": r}


def report(rows: list[dict], cheap: list[dict]) -> str:
    lines = ["| N | run | articles/s per core (CPU) | articles/s (wall) | peak RSS MB | skipped / analysed | relevant skipped |",
             "|---:|---|---:|---:|---:|---|---:|"]
    for r in rows:
        if "baseline" in r:
            b = r["baseline"]
            bc, bw = _rate(b)
            lines.append(f"| {r['size']:,} | baseline (trafilatura + spaCy pipe) | {bc:.2f} | {bw:.2f} | {b['maxrss_mb']:.0f} | – / {b['articles']} | – |")
        p = r["pipeline"]
        pc, pw = _rate(p)
        lines.append(f"| {r['size']:,} | rightswatch ingest (threshold {p['threshold']}) | {pc:.2f} | {pw:.2f} | {p['maxrss_mb']:.0f} | "
                     f"{p['skipped_by_gate']} / {p['analysed']} | {p['relevant_skipped']} of {p['relevant']} |")
        if r.get("ratio_cpu"):
            lines.append(f"| | **ratio** | **{r['ratio_cpu']:.2f}x** | {r['ratio_wall']:.2f}x | | | |")
    for c in cheap:
        p = c["cheap"]
        pc, pw = _rate(p)
        lines.append(f"| {c['size']:,} | no-parser stages only (threshold 1.01) | {pc:.2f} | {pw:.2f} | {p['maxrss_mb']:.0f} | "
                     f"{p['skipped_by_gate']} / {p['analysed']} | (all) |")
    lines += ["", "Per-stage time, ms per article (wall):", "",
              "| N | run | read | extract | gate | analyse | store | link | other | save CPU ms, first / last 10% | link CPU ms, first / last 10% |",
              "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for label, r, p in [(("full", r["size"]), r, r["pipeline"]) for r in rows] + [(("no-parser", c["size"]), c, c["cheap"]) for c in cheap]:
        s, n = p["stages_s"], p["articles"]
        ms = lambda k: f"{1000 * s.get(k, 0.0) / n:.2f}"  # noqa: E731
        sv = f"{p.get('save_ms_first10pct', 0):.2f} / {p.get('save_ms_last10pct', 0):.2f}"
        lk = f"{p.get('link_ms_first10pct', 0):.2f} / {p.get('link_ms_last10pct', 0):.2f}" if "link" in s else "–"
        lines.append(f"| {r['size']:,} | {label[0]} | {ms('read')} | {ms('extract')} | {ms('gate')} | {ms('analyse')} | {ms('store')} | "
                     f"{ms('link') if 'link' in s else '–'} | {ms('other')} | {sv} | {lk} |")
    for r in rows:
        if "baseline" in r:
            b = r["baseline"]
            lines.append(f"\nbaseline at {r['size']:,}: extract {1000 * b['stages_s']['extract'] / b['articles']:.2f} ms/article, "
                         f"spaCy {1000 * b['stages_s']['parse'] / b['articles']:.2f} ms/article")
        if r["pipeline"].get("classifier_scored"):
            q = r["pipeline"]
            lines.append(f"\nclassifier at {r['size']:,}: scored {q['classifier_scored']} articles the keywords did not admit, "
                         f"admitted {q['classifier_admitted']}")
        if "parity" in r["pipeline"]:
            q = r["pipeline"]["parity"]
            lines.append(f"\nparity at {r['size']:,}: {q['identical_reports']}/{q['relevant_articles']} relevant articles give identical incidents with "
                         f"and without the article gate; incidents {q['incidents_with_gate']} (gate) vs {q['incidents_without_gate']} (no gate), "
                         f"{q['incidents_lost_by_gate']} lost")
    flags = growth_flags(rows, cheap)
    lines.append("\nGrowth: " + ("; ".join(flags) if flags else "flat (no stage's per-article cost grew by more than 1.5x with size)"))
    return "\n".join(lines)


def growth_flags(rows: list[dict], cheap: list[dict]) -> list[str]:
    flags = []
    for name, series in (("full", [r["pipeline"] for r in rows]), ("no-parser", [c["cheap"] for c in cheap])):
        for a, b in zip(series, series[1:]):
            for k in set(a["stages_s"]) | set(b["stages_s"]):
                if k == "other":
                    continue
                pa, pb = a["stages_s"].get(k, 0) / a["articles"], b["stages_s"].get(k, 0) / b["articles"]
                if pa > 0.0002 and pb > 1.5 * pa:
                    flags.append(f"{name} {k}: {1000 * pa:.2f} -> {1000 * pb:.2f} ms/article ({a['articles']} -> {b['articles']})")
        for p in series:
            for k in ("save", "link"):
                f, l = p.get(f"{k}_ms_first10pct"), p.get(f"{k}_ms_last10pct")
                if f and l and l > 1.5 * f and l - f > 0.5:
                    flags.append(f"{name} {k} within the {p['articles']} run: {f:.2f} -> {l:.2f} ms (first vs last 10%)")
    return flags


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes for baseline + full pipeline")
    ap.add_argument("--cheap-sizes", default="", help="sizes for the no-parser stages only (e.g. 100000)")
    ap.add_argument("--quick", action="store_true", help="one 60-article run (well under a minute)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threshold", type=float, default=0.1)
    ap.add_argument("--baseline-max", type=int, default=10**9, help="skip the baseline above this size")
    ap.add_argument("--no-link", action="store_true")
    ap.add_argument("--parity-max", type=int, default=20000,
                    help="check gate parity (re-analysing the relevant articles without the gate) only up to this size")
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    ap.add_argument("--workdir", type=Path, help="where corpora are generated (default: a temp dir)")
    ap.add_argument("--keep-db", type=Path,
                    help="keep each size's database as PATH-N.db (e.g. to time `rightswatch link` on it later)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--parity", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--link", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--classifier", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--no-classifier", action="store_true", help="article gate on keywords alone (no relevance classifier)")
    args = ap.parse_args()

    if args.worker == "baseline":
        print(json.dumps(worker_baseline(args.dir)))
        return
    if args.worker == "pipeline":
        print(json.dumps(worker_pipeline(args.dir, args.threshold, bool(args.parity), bool(args.link), bool(args.classifier),
                                         args.keep_db)))
        return

    sizes = [60] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    cheap_sizes = [] if args.quick else [int(s) for s in args.cheap_sizes.split(",") if s.strip()]
    base = Path(tempfile.mkdtemp(prefix="rw-bench-pipeline-", dir=args.workdir))
    try:
        rows = [bench_size(n, args, parity=(i == 0 and n <= args.parity_max), base=base) for i, n in enumerate(sizes)]
        cheap = [bench_cheap(n, args, base) for n in cheap_sizes]
    finally:
        shutil.rmtree(base, ignore_errors=True)
    out = {"rows": rows, "cheap": cheap, "seed": args.seed, "threshold": args.threshold,
           "growth_flags": growth_flags(rows, cheap)}
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))
    print(report(rows, cheap))


if __name__ == "__main__":
    main()
