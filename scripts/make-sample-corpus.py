#!/usr/bin/env python3
"""Generate the DialogueActs bundled sample corpus (synthetic, written by the team).

The corpus consists of synthetic English telephone conversations (customer-service
calls and everyday calls between friends), one CSV row per utterance, each labelled
with a SwDA-like dialogue-act tag. It is produced by a small hand-written dialogue
grammar: conversations are sequences of "moves" (question/answer pairs, multi-utterance
statement turns with interleaved backchannels, opinion/agreement exchanges, openings
and closings). Short surface forms ("yeah", "okay", "right", "no", ...) are shared
between several acts, so the act of such an utterance depends on its context; this is
what makes a sequence model (Bi-LSTM + CRF) clearly better than a per-utterance one.

The corpus is deliberately not clean: like a real annotated corpus it has genuine ambiguity
(opinion sv vs statement sd decided only partly by wording, questions phrased as statements,
backchannel vs agreement vs yes-answer drawn from context-dependent probabilities, annotators
labelling coherently with their own earlier choices) and about 3% annotator noise, so a good
model lands well below 100% (see the label ceiling printed by --stats).

Standard library only; deterministic given --seed.

Usage:
    python3 scripts/make-sample-corpus.py --out data/sample [--seed 7] [--stats]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import re
import sys
from collections import Counter, defaultdict

# --------------------------------------------------------------------------------------
# Labels
# --------------------------------------------------------------------------------------

SD = "sd"      # statement (non-opinion: information, narrative, answers)
SV = "sv"      # statement of opinion / evaluation
QY = "qy"      # yes/no question
QW = "qw"      # wh-question
NY = "ny"      # yes-answer
NN = "nn"      # no-answer
B = "b"        # backchannel / acknowledgement
AA = "aa"      # agreement / accept
FC = "fc"      # conventional closing / thanks
FP = "fp"      # conventional opening / greeting
BA = "ba"      # appreciation / reaction
# Rare "other / forward-function / quotation" act. The name deliberately contains a comma
# and a double quote so that readers must handle RFC 4180 quoting of the label column.
FO = 'fo_o_fw,"_by_bc'

LABELS = [SD, SV, QY, QW, NY, NN, B, AA, FC, FP, BA, FO]

LABEL_DESCRIPTIONS = {
    SD: "statement, non-opinion (information, narrative, answers)",
    SV: "statement of opinion / evaluation",
    QY: "yes/no question (incl. declarative and request forms)",
    QW: "wh-question",
    NY: "yes-answer",
    NN: "no-answer",
    B: "backchannel / acknowledgement (uh-huh, yeah, okay during the other speaker's turn)",
    AA: "agreement / accept (after an opinion)",
    FC: "conventional closing and thanking",
    FP: "conventional opening / greeting",
    BA: "appreciation / emotional reaction (oh wow, that's great, oh no)",
    FO: "other / forward-function / quotation / filler-only (rare)",
}

HEADER = ["conversation_id", "utterance_index", "speaker", "act", "text"]

SPLITS = [("train", 300), ("valid", 40), ("test", 40)]

MIN_LEN, MAX_LEN = 12, 40

# --------------------------------------------------------------------------------------
# Slot vocabularies
# --------------------------------------------------------------------------------------

SLOTS = {
    "name": ["Sarah", "Mike", "Jenny", "Dave", "Linda", "Tom", "Maria", "Kevin", "Rachel",
             "Steve", "Karen", "Paul", "Nina", "Greg", "Amy", "Carlos", "Priya", "Ben",
             "Laura", "Sam", "Diane", "Tony", "Helen", "Raj", "Megan", "Frank", "Julie",
             "Omar", "Kate", "Dan", "Rosa", "Phil", "Emma", "Jake", "Grace", "Leo",
             "Ruth", "Marcus", "Anna", "Joe"],
    "company": ["Brightline Internet", "Northwind Broadband", "Summit Bank", "Harbor Mutual",
                "Parcelio", "QuickCart", "Bluejay Airlines", "Evergreen Energy",
                "Metro Mobile", "Lakeside Dental", "Acorn Insurance", "HomeGoods Direct",
                "Redwood Credit Union", "Peak Fitness", "CityWater Utilities", "Nimbus Cloud"],
    "product": ["laptop", "vacuum cleaner", "coffee maker", "blender", "printer", "phone",
                "tablet", "microwave", "desk lamp", "office chair", "space heater", "toaster",
                "router", "headphones", "rice cooker", "air fryer", "monitor", "keyboard",
                "electric kettle", "bookshelf", "mattress", "rug", "winter jacket",
                "pair of boots", "smart watch", "baby monitor", "camera", "sewing machine"],
    "device": ["router", "modem", "phone", "cable box", "laptop", "computer", "thermostat"],
    "city": ["Denver", "Chicago", "Boston", "Seattle", "Atlanta", "Phoenix", "Dallas",
             "Portland", "Miami", "Austin", "Nashville", "Detroit", "San Diego", "Orlando",
             "Minneapolis", "Pittsburgh", "Raleigh", "Tucson", "Omaha", "Baltimore",
             "Sacramento", "Cleveland", "Memphis", "Albany", "Richmond"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "daypart": ["morning", "afternoon", "evening", "night"],
    "time": ["eight", "nine", "ten", "eleven", "noon", "one", "two", "three", "four",
             "four thirty", "nine fifteen", "ten thirty", "two forty-five"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"],
    "ordinal": ["first", "second", "third", "fifth", "eighth", "tenth", "twelfth",
                "fifteenth", "twentieth", "twenty-first", "twenty-third", "thirtieth"],
    "digit": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    "num": ["two", "three", "four", "five", "six", "seven", "ten", "twelve", "fifteen",
            "twenty"],
    "amount": ["twelve dollars", "twenty dollars", "thirty-five dollars", "forty dollars",
               "fifty dollars", "sixty dollars", "seventy-nine dollars", "a hundred dollars",
               "a hundred and twenty dollars", "two hundred dollars", "nine ninety-nine"],
    "relative": ["sister", "brother", "mom", "dad", "cousin", "neighbor", "boss", "aunt",
                 "uncle", "roommate", "grandmother", "son", "daughter", "husband", "wife",
                 "coworker", "best friend", "brother-in-law"],
    "hobby": ["gardening", "running", "cooking", "painting", "fishing", "hiking", "knitting",
              "woodworking", "bowling", "golf", "yoga", "photography", "baking", "camping",
              "birdwatching", "swimming", "chess", "cycling"],
    "place": ["the lake", "the beach", "the mountains", "the mall", "the farmers market",
              "the new Italian place", "the park", "my parents' house", "the gym",
              "the library", "the county fair", "the zoo", "the museum downtown",
              "that Thai restaurant", "the hardware store", "the coast", "the cabin"],
    "event": ["the wedding", "the barbecue", "the game", "the concert", "the birthday party",
              "the family reunion", "the school play", "the company picnic", "the garage sale",
              "the graduation", "the baby shower", "the fundraiser"],
    "thing": ["the weather", "the traffic", "the new mall", "online shopping",
              "the school board", "gas prices", "the new stadium", "that new TV show",
              "the local news", "working from home", "the bus system", "reality shows",
              "the food at that place", "the housing market", "self-checkout machines",
              "the new parking rules", "daylight saving time", "the playoffs",
              "fast food", "the city council", "social media", "the new phone plans"],
    "genre": ["action", "horror", "comedy", "sci-fi", "romantic", "animated", "war",
              "mystery", "superhero", "documentary"],
    "pet": ["dog", "cat", "puppy", "kitten", "parrot", "rabbit", "hamster", "goldfish"],
    "petname": ["Max", "Bella", "Charlie", "Lucy", "Buddy", "Daisy", "Rocky", "Molly",
                "Cooper", "Sadie", "Pepper", "Oscar"],
    "food": ["lasagna", "chili", "tacos", "pot roast", "banana bread", "apple pie", "soup",
             "pancakes", "stir fry", "meatloaf", "enchiladas", "curry", "pasta salad",
             "barbecue ribs", "cornbread"],
    "weather": ["rainy", "freezing", "so hot", "humid", "windy", "snowy", "really nice",
                "foggy", "stormy", "muggy"],
    "job": ["teacher", "nurse", "accountant", "electrician", "engineer", "manager",
            "mechanic", "designer", "pharmacist", "receptionist", "programmer", "chef"],
    "street": ["Oak Street", "Maple Avenue", "Elm Drive", "Pine Road", "Cedar Lane",
               "Lincoln Avenue", "Park Boulevard", "Hill Street", "River Road", "Main Street"],
    "appt": ["a cleaning", "a checkup", "an oil change", "a haircut", "a consultation",
             "an installation", "a follow-up visit", "a tire rotation", "an inspection"],
    "paymethod": ["credit card", "debit card", "checking account", "PayPal account",
                  "gift card"],
}


def _acct(rng):
    return " ".join(rng.choice(SLOTS["digit"]) for _ in range(4))


_SLOT_RE = re.compile(r"\{(\w+)\}")
_ALT_RE = re.compile(r"\(([^()]*)\)")


def expand(rng, template, fixed=None):
    """Fill "(a|b|c)" alternations (innermost first) and "{slot}" slots."""
    s = template
    while True:
        m = _ALT_RE.search(s)
        if not m:
            break
        options = m.group(1).split("|")
        s = s[:m.start()] + rng.choice(options) + s[m.end():]

    def slot(m):
        key = m.group(1)
        if fixed and key in fixed:
            return fixed[key]
        if key == "acct":
            return _acct(rng)
        return rng.choice(SLOTS[key])

    s = _SLOT_RE.sub(slot, s)
    return re.sub(r"\s+", " ", s).strip()


# --------------------------------------------------------------------------------------
# Surface forms of short, context-dependent acts
# --------------------------------------------------------------------------------------

# (text, weight) lists. Many strings appear in several lists on purpose.
YES_SHORT = [("yeah", 10), ("yes", 7), ("yep", 1), ("uh-huh", 5), ("right", 4), ("sure", 4),
             ("okay", 4), ("mm-hmm", 3), ("yeah yeah", 1), ("yes ma'am", 1), ("yup", 1),
             ("that's right", 1), ("correct", 1)]
YES_LONG = ["yes, I (did|have|do)", "yeah, I (did|have|do)", "yes it (is|was|does)",
            "yeah, (it is|I think so|pretty much)", "yes, that's (right|correct)",
            "oh yeah, (definitely|for sure)", "yeah, I have it right here",
            "yes, (I tried that|I already did that)", "uh, yes"]
YES_SHORT_CS = YES_SHORT + [("perfect", 3), ("great", 3), ("sounds good", 3), ("that works", 2),
                           ("that's fine", 2), ("alright", 2)]
NO_SHORT = [("no", 10), ("nope", 2), ("no, not yet", 2), ("uh, no", 1), ("no no", 1),
            ("not really", 2), ("no, I haven't", 2), ("no, I don't", 1), ("no, it's not", 1),
            ("huh-uh", 1), ("no, I didn't", 1)]
BACKCHANNEL = [("uh-huh", 9), ("yeah", 8), ("right", 5), ("mm-hmm", 5), ("okay", 5),
               ("oh", 2), ("I see", 2), ("oh okay", 2), ("sure", 1), ("yes", 1),
               ("uh-huh, yeah", 1), ("got it", 1), ("oh really", 1), ("hm", 1), ("alright", 1)]
ACK_AFTER_ANSWER = [("okay", 8), ("alright", 3), ("oh okay", 3), ("I see", 1), ("right", 2),
                    ("uh-huh", 2), ("got it", 1), ("yeah", 2), ("mm-hmm", 1)]
ACK_AFTER_ANSWER_CS = ACK_AFTER_ANSWER + [("sounds good", 2), ("that's fine", 1), ("perfect", 1)]
AGREE = [("yeah", 8), ("right", 5), ("exactly", 3), ("yeah, definitely", 2), ("I agree", 2),
         ("that's true", 3), ("yes", 2), ("oh absolutely", 1), ("yeah, I know", 2),
         ("uh-huh", 1), ("sure", 1), ("yeah, that's true", 2), ("oh, I know", 1),
         ("tell me about it", 1), ("okay", 1)]
AGREE_NEG = [("no", 11), ("no, not at all", 1), ("no, it's not", 1), ("yeah", 3), ("right", 2),
             ("no, definitely not", 1), ("nope", 1), ("I know", 1)]
AGREE_CS = [("I understand", 4), ("I completely understand", 2), ("right", 2), ("yeah", 2),
            ("absolutely", 1), ("of course", 1), ("I know", 1)]
APPRECIATION = [("oh wow", 4), ("oh that's great", 3), ("oh no", 3), ("that's too bad", 2),
                ("oh nice", 3), ("wow", 2), ("oh that's nice", 2), ("great", 2), ("perfect", 2),
                ("oh good", 2), ("that's awful", 1), ("oh, that's wonderful", 1),
                ("that sounds like fun", 1), ("oh my gosh", 1), ("oh, I'm sorry", 1),
                ("that's exciting", 1), ("oh cool", 1)]
APPRECIATION_CS = [("great", 5), ("perfect", 5), ("oh good", 2), ("sounds good", 2), ("that works", 1), ("oh that's great", 1),
                   ("wonderful", 1), ("awesome", 1), ("oh, that's a relief", 1)]
CLOSING_FILLER = [("okay", 10), ("alright", 6), ("yeah", 6), ("okay, bye", 2), ("bye", 4),
                  ("bye-bye", 2), ("alright, bye", 1), ("you too", 2), ("sure", 3),
                  ("thanks", 1), ("thank you", 1), ("take care", 1), ("sounds good", 1),
                  ("uh-huh, bye", 1), ("right", 3), ("uh-huh", 2), ("yes", 1), ("mm-hmm", 1)]
FORWARD = ["so anyway", "well", "anyway", "let me see", "oh gosh", "so", "um", "uh",
           "hold on one second", "oh, let me think", "well, you know", "so, um", "oh man",
           "let's see", "I mean",
           'and I was like, "really?"', 'and she goes, "don\'t worry about it"',
           'he said, "call back tomorrow," so', 'and they were like, "nope"',
           'it\'s like, "come on"', 'my {relative} always says, "better late than never"']


def wchoice(rng, pairs):
    total = sum(w for _, w in pairs)
    r = rng.random() * total
    for text, w in pairs:
        r -= w
        if r < 0:
            return text
    return pairs[-1][0]


# --------------------------------------------------------------------------------------
# Longer templates
# --------------------------------------------------------------------------------------

CS_SCENARIOS = {
    "internet": {
        "problem": [
            "my internet keeps (dropping|cutting out) (every few minutes|all day|in the evenings)",
            "the light on my {device} is blinking (orange|red|white)",
            "I've had no internet since {day} {daypart}",
            "the connection is really slow, like (pages take forever to load|I can't even stream anything)",
            "I work from home, so I really need it working",
            "I already called (once|twice) last week about this",
            "the app says there's no outage in my area",
            "my (son|daughter|wife|husband) can't do (their|his|her) homework online",
        ],
        "agent_qy": [
            "have you tried restarting the {device}", "is the {device} plugged directly into the wall",
            "are any of the lights on the {device} (red|orange)", "is this happening on all your devices",
            "do you have another device you could test with", "are you near the {device} right now",
            "is the cable (tight|plugged in) on the back", "did anything change in your setup recently",
            "so the outage started on {day}", "can you unplug it for about thirty seconds",
        ],
        "agent_qw": [
            ("what's the account number", ["it's {acct}", "hold on, it's {acct}"]),
            ("when did this start", ["it started (on|last) {day}", "it started like {num} days ago", "{day} {daypart}"]),
            ("what kind of {device} do you have", ["it's the {device} you guys gave me", "the white one, I think it's the newer model"]),
            ("which lights are on right now", ["only the power light is on", "the power light and one blinking (orange|red) one"]),
            ("what's the address on the account", ["it's {num} {street}", "{num} {street}, apartment {digit}"]),
            ("how many devices are connected", ["about {num} devices I think", "just my laptop and two phones"]),
            ("what does the screen say", ["it says no signal", "it says connected, no internet"]),
        ],
        "cust_qw": [
            ("how long is that going to take", ["it can take up to {num} minutes to reconnect", "it should only be a few minutes"]),
            ("when can a technician come out", ["a technician can come out on {day} between {time} and {time}", "the first opening is {day} {daypart}"]),
            ("why does this keep happening", ["I'm seeing some signal issues on your line", "there was some maintenance in your area on {day}"]),
            ("what should I do in the meantime", ["you can use your phone as a hotspot", "just leave the {device} plugged in for now"]),
            ("how much would a new {device} cost", ["it's {amount}", "there's no charge if it's faulty"]),
        ],
        "cust_qy": [
            "is there an outage in my area", "will I get a credit for the days it was down",
            "do I need to be home for that", "can you send someone out", "is it my {device}",
        ],
        "agent_info": [
            "I'm seeing some signal issues on your line", "I'm going to send a refresh signal to the {device}",
            "it can take up to {num} minutes to reconnect", "a technician can come out on {day} between {time} and {time}",
            "I've added a credit of {amount} to your account", "there's no charge for the visit",
            "you'll get a text when the technician is on the way", "the {device} might need to be replaced",
            "there was some maintenance in your area on {day}", "I'll also open a ticket so it's on record",
        ],
    },
    "billing": {
        "problem": [
            "I was charged twice this month", "my bill went up by {amount} and I don't know why",
            "there's a fee on here I don't recognize", "I set up autopay but it didn't go through",
            "the bill says I owe {amount} but I already paid", "I got a late notice in the mail",
            "I'm on a fixed income, so this really matters", "I switched plans in {month}",
        ],
        "agent_qy": [
            "is this for the {paymethod} ending in {digit} {digit}", "did you get a confirmation email",
            "are you the account holder", "have you received the paper bill",
            "would you like me to set up a payment plan", "can I put you on a brief hold",
            "so the charge posted on the {ordinal}", "is the billing address still {num} {street}",
        ],
        "agent_qw": [
            ("what's the account number", ["it's {acct}"]),
            ("what's your date of birth", ["{month} {ordinal}", "it's {month} {ordinal}, nineteen (sixty|seventy|eighty)-{digit}"]),
            ("which charge are you looking at", ["it's the one for {amount}", "the one that says service fee"]),
            ("when did you make the payment", ["I paid on the {ordinal}", "on {day}, I think"]),
            ("how much was the payment", ["it was {amount}", "I think it was {amount}"]),
            ("what's the name on the account", ["it's under my (husband's|wife's|mother's) name, {name}", "it's {name}"]),
        ],
        "cust_qw": [
            ("why did it go up", ["the increase is because your promotional rate ended", "the taxes and fees went up in {month}"]),
            ("when will I see the refund", ["it takes about {num} business days to show up", "you should see it by {day}"]),
            ("what is this fee for", ["that fee is for the equipment rental", "that's a late fee from last month"]),
            ("how do I turn off paper billing", ["you can turn off paper billing in the app under settings", "I can do that for you right now"]),
            ("how much do I owe right now", ["your balance right now is {amount}", "nothing, you're all paid up"]),
        ],
        "cust_qy": [
            "can you take the fee off", "will this affect my credit", "can I get a refund",
            "is there a cheaper plan", "can I pay over the phone",
        ],
        "agent_info": [
            "I see the duplicate charge here", "the increase is because your promotional rate ended",
            "I've refunded {amount} back to your {paymethod}", "it takes about {num} business days to show up",
            "that fee is for the equipment rental", "your balance right now is {amount}",
            "I went ahead and waived the late fee", "you can turn off paper billing in the app under settings",
            "the payment did come through on the {ordinal}", "you won't be charged again for this",
        ],
    },
    "delivery": {
        "problem": [
            "I ordered a {product} and it still hasn't arrived", "the tracking hasn't updated in {num} days",
            "it says delivered but there's nothing here", "I got the wrong item, it's a {product} instead",
            "the box was completely crushed", "the {product} arrived broken",
            "I needed it for my {relative}'s birthday on {day}", "it was supposed to come by {day}",
        ],
        "agent_qy": [
            "did you check with your neighbors", "is the shipping address {num} {street}",
            "do you still have the original box", "would you like a replacement or a refund",
            "did you order it on the website", "so you ordered it on the {ordinal}",
            "do you have a photo of the damage", "can I get the order number",
        ],
        "agent_qw": [
            ("what's the order number", ["it's {acct}", "it starts with {digit} {digit}, hold on, it's {acct}"]),
            ("when did you place the order", ["I think it was last {day}", "on the {ordinal}"]),
            ("what color was the {product}", ["the (black|white|blue|gray) one"]),
            ("which address should we send it to", ["{num} {street}", "same address, {num} {street}"]),
            ("what was damaged exactly", ["the screen is cracked", "one of the legs is bent", "the lid doesn't close"]),
            ("what's the email on the order", ["it's {name} at gmail", "{name} {digit} {digit} at yahoo"]),
        ],
        "cust_qw": [
            ("when will the new one get here", ["you should get it in {num} to {num} business days", "it should be there by {day}"]),
            ("where is it right now", ["it looks like the package is at the local facility", "it's still in {city}"]),
            ("how do I send it back", ["I'll email you a prepaid return label", "you can drop it off at any post office"]),
            ("what happens if it doesn't show up", ["then I'll send a replacement right away", "I'm filing a claim with the carrier"]),
            ("how long does the refund take", ["about {num} business days", "the refund goes back to your original payment method in a few days"]),
        ],
        "cust_qy": [
            "can you send it overnight", "do I have to pay for return shipping", "can I just get a refund",
            "is it still in stock", "can you check with the driver",
        ],
        "agent_info": [
            "it looks like the package is at the local facility", "the carrier marked it delivered on {day}",
            "I'll send out a replacement today", "you should get it in {num} to {num} business days",
            "I'll email you a prepaid return label", "the refund goes back to your original payment method",
            "I've upgraded the shipping at no charge", "I'm filing a claim with the carrier",
            "you don't need to send the broken one back", "the new {product} ships from our warehouse in {city}",
        ],
    },
    "appointment": {
        "problem": [
            "I'd like to schedule {appt}", "I need to reschedule my appointment on {day}",
            "I got a reminder for {appt} but I can't make it", "I'm a new patient",
            "my {relative} needs {appt} too", "I can only do mornings because of work",
            "my insurance changed in {month}", "I was referred by Doctor {name}",
        ],
        "agent_qy": [
            "have you been here before", "would {day} at {time} work for you", "is this for you",
            "do you have your insurance card handy", "is {day} {daypart} okay",
            "would you like a reminder text", "is the phone number on file still good",
            "so that's {day} at {time}",
        ],
        "agent_qw": [
            ("what's your date of birth", ["{month} {ordinal}"]),
            ("what day works best for you", ["{day} would be best", "(any day but|not) {day}"]),
            ("what time would you prefer", ["anytime after {time}", "mornings are better for me", "around {time} if you have it"]),
            ("who's your insurance through", ["it's through {company}", "{company}, I think"]),
            ("what's the best number to reach you", ["it's five five five {acct}", "my cell, five five five {acct}"]),
            ("what's the patient's name", ["it's for my {relative}, {name}", "it's me, {name}"]),
        ],
        "cust_qw": [
            ("what's the earliest you have", ["the earliest I have is {day} at {time}", "I have {day} {daypart}"]),
            ("how long does it usually take", ["it usually takes about an hour", "about (thirty|forty-five) minutes"]),
            ("what do I need to bring", ["just bring your ID and insurance card", "just your insurance card"]),
            ("how much is it without insurance", ["it's {amount} without insurance", "it starts at {amount}"]),
            ("where do I park", ["there's free parking behind the building", "there's a garage on {street}"]),
        ],
        "cust_qy": [
            "do you have anything on {day}", "is there a cancellation fee", "can I bring my {relative}",
            "do you take walk-ins", "is there anything (earlier|later)",
        ],
        "agent_info": [
            "the earliest I have is {day} at {time}", "it usually takes about an hour",
            "just bring your ID and insurance card", "it's {amount} without insurance",
            "there's free parking behind the building", "I've got you down for {day} at {time}",
            "you'll get a reminder text the day before", "please come about fifteen minutes early",
            "there's no fee if you cancel a day ahead", "Doctor {name} will see you",
        ],
    },
    "travel": {
        "problem": [
            "I need to change my flight to {city}", "my flight got cancelled", "I missed my connection in {city}",
            "my bag didn't come off the plane", "I'm supposed to fly out on {day}",
            "I have a conference in {city} on {day}", "I booked it through a travel site",
            "the app won't let me change the seat",
        ],
        "agent_qy": [
            "is that the flight from {city} to {city}", "would you like the same time on {day}",
            "do you have the confirmation code", "are you traveling alone",
            "would you prefer a window or an aisle", "so that's leaving on the {ordinal}",
            "do you have the baggage claim tag", "can I put you on a short hold",
        ],
        "agent_qw": [
            ("what's the confirmation code", ["it's {acct}", "it's, uh, {acct}"]),
            ("what's the last name on the booking", ["{name}, N as in Nancy", "it's {name}"]),
            ("which date would you like", ["the {ordinal} if possible", "{day}, if there's anything"]),
            ("what does the bag look like", ["it's a (black|red|green) suitcase", "a big (black|red|green) duffel bag"]),
            ("where should we deliver the bag", ["the {city} Marriott", "my house, {num} {street}"]),
            ("what time would you prefer", ["something in the {daypart}", "the earlier the better"]),
        ],
        "cust_qw": [
            ("how much is the change fee", ["the change fee is {amount}", "there's no fee for a weather cancellation"]),
            ("when is the next flight", ["there's a flight on {day} at {time}", "the next one leaves at {time}"]),
            ("where do I pick up the bag", ["we can deliver the bag within {num} hours", "at the baggage office in {city}"]),
            ("what time does it board", ["boarding starts about forty minutes before", "it boards at {time}"]),
            ("why was it cancelled", ["it was cancelled because of weather", "there was a mechanical problem"]),
        ],
        "cust_qy": [
            "is there a fee to change it", "can I get a refund", "is there anything earlier",
            "will my seat stay the same", "can you deliver the bag to my hotel",
        ],
        "agent_info": [
            "there's a flight on {day} at {time}", "the change fee is {amount}",
            "I've rebooked you on the {time} flight", "the bag is on its way from {city}",
            "it was cancelled because of weather", "you'll get a new boarding pass by email",
            "boarding starts about forty minutes before", "there's no fee for a weather cancellation",
            "we can deliver the bag within {num} hours", "your seat is {num} (A|C|F)",
        ],
    },
}

CS_YES_ELAB = [
    "I did that this morning", "I have it right here", "that's the one", "I tried that (yesterday|twice already)",
    "that should be fine", "I checked on {day}", "that's the best way to reach me", "it's been that way since {day}",
    "I'm home all day {day}", "my {relative} usually handles that",
]
CS_NO_ELAB = [
    "I haven't had a chance", "I must have missed it", "not that I know of", "I moved in {month}",
    "it's my {relative}'s account actually", "I'm at work right now", "I didn't think to check",
    "I threw it away", "nobody told me about that", "I'd rather not",
]

CS_OPINION_CUST = [
    ("this is (really|so) frustrating", "pos"),
    ("I've never had (problems|issues) like this before", "pos"),
    ("I don't think that's fair", "neg"),
    ("I don't think I should have to pay for that", "neg"),
    ("it just doesn't make sense to me", "neg"),
    ("your website is (really|kind of) confusing", "pos"),
    ("honestly, I'm about ready to switch companies", "pos"),
    ("nobody ever called me back last time", "neg"),
    ("I've been a customer for {num} years", "pos"),
]

CS_VERIFY = [
    "is this {name}", "are you the account holder", "is the address still {num} {street}",
    "is the phone number ending in {digit} {digit} {digit} still good", "is that the {paymethod} ending in {digit} {digit}",
    "so that's {acct}", "can I put you on a quick hold", "is it okay if I send you a text",
    "is email the best way to reach you", "can you confirm your date of birth for me",
    "can you hear me okay", "would you like a confirmation number", "is that {name} with one N",
    "so you're calling about the {product}", "is this still the best number for you",
]

# Yes/no questions phrased as statements (declarative questions).
CS_DECL_Q_AGENT = [
    "you already tried that", "you're calling about your account", "you called us about this before",
    "the account is under your name", "you paid with the {paymethod}", "you moved in {month}",
    "so this started on {day}", "you got the email from us", "and you're at {num} {street}",
    "you haven't changed anything on your end",
]
CS_DECL_Q_CUST = [
    "so I don't have to be home for that", "it'll be fixed by {day} then", "I'll get a credit for that",
    "so I just wait for the text", "you'll send me a confirmation", "so it's already taken care of",
    "and that won't cost me anything", "so I don't need to call back",
]

CS_AGENT_CLOSING_Q = [
    "is there anything else I can help you with", "anything else I can do for you today",
    "is there anything else", "can I help you with anything else",
]
CS_NO_MORE = ["no, that's it", "no, that's everything", "no", "nope, that's all", "no, I think that's it",
              "no, that should do it", "uh, no, that's all"]

# Everyday conversation templates ---------------------------------------------------------

EV_NARRATIVE = [
    # (list of statements making up a little story)
    ["we went to {place} last weekend", "it was (packed|pretty empty|really crowded)",
     "but the (kids|dogs|boys|girls) had a great time", "we're thinking about going back in {month}",
     "my {relative} wants to come next time"],
    ["my {relative} is moving to {city}", "they got a job there as a {job}",
     "they're leaving at the end of {month}", "I'm going to help them pack on {day}",
     "it's going to be weird not having them around"],
    ["I finally started {hobby}", "I've been doing it like {num} times a week",
     "my {relative} got me into it", "it's harder than it looks",
     "but I'm actually getting better at it"],
    ["our {pet} got out again on {day}", "we found {petname} at the neighbor's house",
     "he was just sitting on their porch", "so we have to fix the fence now",
     "my {relative} is coming over to help"],
    ["I made {food} for {event}", "everybody wanted the recipe", "it's my {relative}'s recipe actually",
     "the trick is to cook it really slow", "I made way too much though"],
    ["work has been crazy lately", "we lost {num} people this year", "so I'm doing two jobs basically",
     "my boss keeps saying it's temporary", "I've been getting home at like {time}"],
    ["the weather here has been {weather}", "it's been like that since {day}",
     "we had to cancel {event}", "they're saying it'll clear up by the weekend",
     "I'm not holding my breath though"],
    ["I went to see that {genre} movie", "my {relative} picked it", "it was like three hours long",
     "the ending was kind of (weird|sad|confusing)", "but the popcorn was good"],
    ["we're redoing the kitchen", "the contractor said {num} weeks", "it's been (two|three) months now",
     "we've been eating takeout every night", "I'm so tired of it"],
    ["I drove to {city} on {day}", "the traffic was terrible", "it took me like {num} hours",
     "I had to stop in {city} for gas", "I stayed with my {relative} for a couple days"],
    ["my {relative} had surgery on {day}", "it went fine", "she's home now",
     "she's supposed to rest for {num} weeks", "which is hard for her because she never sits still"],
    ["we adopted a {pet}", "her name is {petname}", "she's about {num} months old",
     "she chewed up my {relative}'s shoes already", "but she's really sweet"],
]

EV_OPINIONS = [
    ("I think {thing} is (getting worse|kind of ridiculous|a big mess)", "pos"),
    ("I (really|actually) like {thing}", "pos"),
    ("{thing} is (so|really) (annoying|expensive|overrated)", "pos"),
    ("honestly, {thing} has been (great|pretty good) lately", "pos"),
    ("it's (nice|good) to get out of the house", "pos"),
    ("kids grow up so fast", "pos"),
    ("you can't beat {food} on a (cold|rainy) day", "pos"),
    ("I don't think {thing} is worth it", "neg"),
    ("I don't (really|) (like|care for|trust) {thing}", "neg"),
    ("{thing} isn't (that|very) (good|great|bad) anymore", "neg"),
    ("I don't know why people like {thing}", "neg"),
    ("it's never easy, is it", "neg"),
    ("they never (fix|change) anything around here", "neg"),
]

EV_OPINION_FOLLOWUP = [
    "at least that's what I think", "my {relative} says the same thing", "it's been like that for years",
    "I read something about it (last week|the other day)", "everybody I know says so",
    "it didn't used to be like that", "maybe it's just me though", "but what can you do",
    "we were just talking about that on {day}", "it drives my {relative} crazy",
]

EV_QY = [
    "did you ever (go|get over) to {place}", "are you still doing {hobby}", "is your {relative} still in {city}",
    "did you watch the game on {day}", "have you seen that {genre} movie", "are you going to {event}",
    "do you still have {petname}", "did you get the job", "are you working this weekend",
    "is it still {weather} there", "did you ever try {food}", "have you talked to {name} lately",
    "are you guys still coming on {day}", "do you want me to bring anything",
    "you're still at the same place, right", "so you're not going to {event}",
]
EV_DECL_Q = [
    "you're still in {city}", "you're still doing {hobby}", "your {relative} is still in {city}",
    "so you guys are coming on {day}", "you saw that {genre} movie", "so it's still {weather} there",
    "you work from home now", "so you're bringing the {food}", "you got a {pet}", "you went to {event}",
    "you talked to {name} already", "so you're not going to {event}", "you live near {place}",
    "so your {relative} is moving to {city}",
]
EV_QW = [
    ("what are you doing this weekend", ["probably just (staying home|relaxing|doing yard work)", "we're going to {place}",
                                         "not much, just (work|errands)"]),
    ("how's your {relative} doing", ["(she's|he's) doing (better|okay|fine)", "(she's|he's) good, busy with work"]),
    ("where are you guys going for {event}", ["we're going to {place}", "probably my {relative}'s place"]),
    ("what time does it start", ["I think it starts at {time}", "around {time}, I think"]),
    ("how's work", ["it's been (busy|crazy|slow)", "same old, same old"]),
    ("what did you end up doing on {day}", ["we just stayed home", "we went to {place}"]),
    ("how long are they staying", ["about {num} days", "until {day}, I think"]),
    ("when are you going to {city}", ["in {month} I think", "probably next {day}"]),
    ("who's going to be there", ["mostly family, and {name}", "(me, {name}, and|just) my {relative}"]),
    ("what kind of {pet} is it", ["it's a (mutt|lab mix|tabby|rescue)", "we're not sure, some kind of mix"]),
    ("how was {event}", ["it was (fun|great|kind of long)", "it was nice, everybody showed up"]),
    ("where did you get that {product}", ["at {place} actually", "online, it was on sale"]),
    ("how much was it", ["it was like {amount}", "I think about {amount}"]),
    ("what's the weather like there", ["it's been {weather}", "{weather}, like always"]),
]

EV_QY_ELAB_YES = [
    "we went on {day}", "I go like {num} times a week", "she's still in {city}", "it was a great game",
    "I saw it with my {relative}", "we'll be there around {time}", "he's getting big",
    "I start in {month}", "just on {day} though", "it's been like that all week",
    "I made it for {event}", "I talked to {name} on {day}",
]
EV_QY_ELAB_NO = [
    "I haven't had time", "we had to cancel", "she moved back in {month}", "I was working",
    "I've been meaning to", "I had to work that day", "it's too far", "not since {month}",
    "we gave him to my {relative}", "they went with somebody else", "it cleared up on {day}",
    "I never got around to it",
]

EV_OPENING_A = ["hello", "hello?", "hi, this is {a}", "hey", "{a} speaking", "hello, {a} here"]
EV_OPENING_B = ["hi {a}, it's {b}", "hey {a}, it's {b}", "hi, it's {b}", "hey, it's me",
                "hi {a}", "oh hi, is this {a}", "hey {a}, {b} here"]
EV_OPENING_A2 = ["oh hi {b}", "hey {b}, how are you", "oh hey, how's it going", "hi {b}, how are you doing",
                 "oh hi, how are you", "hey, what's up"]
EV_OPENING_B2 = ["good, how are you", "pretty good, you", "oh, not bad", "I'm doing okay, how about you",
                 "good, good", "fine, how are you doing"]
EV_OPENING_A3 = ["I'm good", "pretty good", "oh, I'm hanging in there", "good, thanks", "not too bad"]
EV_CLOSING_START = ["well, I should let you go", "well, I'd better get going", "okay, well, I have to run",
                    "anyway, I just wanted to check in", "well, I'll let you get back to it",
                    "I should probably start dinner"]
EV_CLOSING_MID = ["it was good talking to you", "tell your {relative} I said hi", "talk to you later",
                  "call me (this|next) weekend", "see you on {day}", "thanks for calling",
                  "say hi to everybody"]


# --------------------------------------------------------------------------------------
# Label ambiguity (annotators do not agree on everything)
# --------------------------------------------------------------------------------------

OPINION_MARK_RE = re.compile(r"\b(I think|I don't think|honestly|I (really |actually )?like|I don't (really )?"
                             r"(like|care for|trust)|I don't know why|I feel like|to me|if you ask me|"
                             r"in my opinion|I'd say)\b", re.I)
EVAL_RE = re.compile(r"\b(great|terrible|crazy|weird|fun|hard|harder|tired|sweet|awful|nice|good|bad|"
                     r"frustrating|confusing|ridiculous|annoying|expensive|overrated|worse|better|packed|"
                     r"crowded|sad|best|easier|helpful|fair|busy|slow|long|really|pretty)\b", re.I)
HEDGE_RE = re.compile(r"\b(I think|I guess|probably|I feel like|I'm pretty sure|kind of|I mean)\b", re.I)
HEDGES = [("I think ", 4), ("I guess ", 2), ("I feel like ", 2), ("you know, ", 2), ("honestly, ", 1),
          ("I mean, ", 1), ("to be honest, ", 1)]


def statement_dist(text, kind):
    """sd vs sv: explicit opinions are mostly sv, evaluative or hedged statements are a toss-up."""
    marked = OPINION_MARK_RE.search(text) is not None
    if kind == "op":
        return [(SV, 88), (SD, 12)] if marked else [(SV, 68), (SD, 32)]
    if marked:
        return [(SV, 55), (SD, 45)]
    if EVAL_RE.search(text) or HEDGE_RE.search(text):
        return [(SD, 76), (SV, 24)]
    return [(SD, 96), (SV, 4)]


def hedge(rng, text, p=0.12):
    if rng.random() < p and not text.startswith(("I think", "I guess", "so ", "but ", "and ")):
        return wchoice(rng, HEDGES) + text
    return text


WEAK_SHORT = {"yeah", "yes", "right", "uh-huh", "mm-hmm", "okay", "sure", "yep", "yup", "alright",
              "I know", "yeah, I know", "oh, I know", "yeah yeah", "uh-huh, yeah"}


# Annotators label coherently: a "yeah" after an utterance they took for an opinion (sv) tends to be
# an agreement (aa), after one they took for a plain statement (sd) a backchannel (b).

def bc_dist(text, after_opinion):
    """Listener's short response inside the other speaker's turn: backchannel or agreement?"""
    if text in WEAK_SHORT:
        return [(AA, 62), (B, 38)] if after_opinion else [(B, 94), (AA, 6)]
    return B


def agree_dist(text, after_opinion=True):
    """Short reply to an opinion: agreement, unless it is a bare continuer."""
    if text in WEAK_SHORT:
        return [(AA, 80), (B, 20)] if after_opinion else [(B, 60), (AA, 40)]
    if text.startswith("no"):
        return [(AA, 80), (NN, 20)]
    return [(AA, 95), (B, 5)]


def yes_dist(text):
    if text in ("okay", "sure", "right", "uh-huh", "mm-hmm", "alright"):
        return [(NY, 84), (B, 10), (AA, 6)]
    return [(NY, 97), (AA, 3)]


def ack_dist(text):
    if text in ("yeah", "right", "uh-huh", "mm-hmm"):
        return [(B, 86), (AA, 14)]
    if text in ("perfect", "great", "sounds good", "that's fine"):
        return [(B, 60), (BA, 40)]
    return [(B, 95), (AA, 5)]


CLOSING_AMBIG = {"okay", "alright", "yeah", "sure", "right", "uh-huh", "mm-hmm", "yes", "sounds good",
                 "that's fine", "okay, yeah"}

# Annotator noise: a small share of labels is replaced by a confusable act.
NOISE_RATE = 0.03
CONFUSABLE = {
    SD: [(SV, 6), (QY, 1), (FO, 1)], SV: [(SD, 6), (AA, 1)], B: [(AA, 4), (NY, 2), (BA, 1)],
    AA: [(B, 4), (NY, 2), (SV, 1)], NY: [(B, 3), (AA, 3)], NN: [(SD, 2), (AA, 1)],
    QY: [(SD, 2), (QW, 1)], QW: [(QY, 2), (SD, 1)], BA: [(B, 2), (AA, 1)], FC: [(B, 2), (SD, 1)],
    FP: [(FC, 2), (SD, 1)], FO: [(SD, 2), (B, 1)],
}


# --------------------------------------------------------------------------------------
# Noise
# --------------------------------------------------------------------------------------

def typo(rng, text):
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    k = rng.randrange(1, len(w) - 1)
    op = rng.randrange(3)
    if op == 0:
        w = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    elif op == 1:
        w = w[:k] + w[k + 1:]
    else:
        w = w[:k] + w[k] + w[k:]
    words[i] = w
    return " ".join(words)


def add_noise(rng, text, act):
    """Fillers, disfluencies and typos on longer utterances."""
    n_words = len(text.split())
    if n_words >= 4 and act in (SD, SV, QY, QW):
        r = rng.random()
        if r < 0.07:
            text = rng.choice(["uh, ", "um, ", "uh ", "um "]) + text
        elif r < 0.11:
            text = rng.choice(["well, ", "you know, ", "oh, "]) + text
        elif r < 0.14:
            words = text.split()
            j = rng.randrange(1, len(words))
            words.insert(j, rng.choice(["uh", "um", "uh,", "you know,", "like"]))
            text = " ".join(words)
        elif r < 0.16:
            words = text.split()
            words.insert(0, words[0])
            text = " ".join(words)
        if rng.random() < 0.04:
            text = typo(rng, text)
    return text


def finish(rng, text, act, style, flags=""):
    """Capitalisation and final punctuation, according to a per-conversation transcriber style."""
    if not text:
        return text
    if style == "raw":
        return text.rstrip("?.!,").replace("?", "")
    if "decl" in flags:
        # the transcriber marks a declarative question only when the intonation is clear
        question = rng.random() < (0.6 if act == QY else 0.2)
    else:
        question = act in (QY, QW) or text.endswith("?")
    t = text.rstrip("?.!")
    if style == "clean" or rng.random() < 0.8:
        t = t[0].upper() + t[1:]
        if question:
            t += "?"
        elif act in (BA,) and rng.random() < 0.4:
            t += "!"
        elif act == FO and t.endswith(("so", "well", "anyway", "um", "uh", "like")):
            t += "..."
        elif not t.endswith('"'):
            t += "."
    return t


# --------------------------------------------------------------------------------------
# Conversation builder
# --------------------------------------------------------------------------------------

def resolve(rng, act):
    """act is a label or a [(label, weight), ...] distribution; returns (sampled, most probable)."""
    if isinstance(act, str):
        return act, act
    mode = max(act, key=lambda kv: kv[1])[0]
    return wchoice(rng, act), mode


def utt(rng, spk, act, text, flags="", mode=None):
    """One utterance: [speaker, act, text, modal act, flags]. The modal act is the label that an
    ideal tagger would choose from what is observable; it is used only for the label-ceiling figure."""
    a, m = resolve(rng, act)
    return [spk, a, text, mode or m, flags]


class Conv:
    def __init__(self, rng):
        self.rng = rng
        self.utts = []  # [speaker, act, text, modal act, flags]

    def say(self, spk, act, text, flags="", mode=None):
        self.utts.append(utt(self.rng, spk, act, text, flags, mode))
        return self.utts[-1][1]

    def state(self, spk, text, kind="info"):
        """A statement whose sd/sv label annotators disagree on, depending on its wording."""
        return self.say(spk, statement_dist(text, kind), text)

    def __len__(self):
        return len(self.utts)


def other(s):
    return "B" if s == "A" else "A"


def move_statement_turn(c, spk, statements, p_bc=0.55, p_fo=0.0, kind="info", p_hedge=0.12):
    """Several statements by spk, with the listener's backchannels (or agreements) interleaved."""
    rng = c.rng
    for i, st in enumerate(statements):
        if i and rng.random() < p_fo:
            c.say(spk, FO, expand(rng, rng.choice(FORWARD)))
        act = c.state(spk, hedge(rng, st, p_hedge), kind)
        if i < len(statements) - 1 and rng.random() < p_bc:
            t = wchoice(rng, BACKCHANNEL)
            c.say(other(spk), bc_dist(t, act == SV), t)


def move_qy(c, asker, question, elab_yes, elab_no, ack_pool=ACK_AFTER_ANSWER, app_pool=APPRECIATION,
            yes_pool=YES_SHORT):
    rng = c.rng
    ans = other(asker)
    c.say(asker, QY, question)
    r = rng.random()
    if r < 0.78:
        t = wchoice(rng, yes_pool)
        c.say(ans, yes_dist(t), t)
        if elab_yes and rng.random() < 0.7:
            move_statement_turn(c, ans, [expand(rng, e) for e in rng.sample(elab_yes, rng.choice([1, 1, 2]))])
    elif r < 0.82:
        c.say(ans, NY, expand(rng, rng.choice(YES_LONG)))
        if elab_yes and rng.random() < 0.3:
            c.state(ans, expand(rng, rng.choice(elab_yes)))
    elif r < 0.95:
        c.say(ans, NN, wchoice(rng, NO_SHORT))
        if elab_no and rng.random() < 0.6:
            c.state(ans, expand(rng, rng.choice(elab_no)))
    else:
        c.say(ans, SD, rng.choice(["I'm not sure", "I don't know", "I think so, I'm not sure",
                                   "I'd have to check", "maybe, I don't know"]))
    r = rng.random()
    if r < 0.35:
        t = wchoice(rng, ack_pool)
        c.say(asker, ack_dist(t), t)
    elif r < 0.45:
        c.say(asker, BA, wchoice(rng, app_pool))


def move_qy_series(c, asker, questions, elab_no, yes_pool=YES_SHORT, ack_pool=ACK_AFTER_ANSWER):
    """A quick run of yes/no checks (verification, making plans), mostly answered with short forms."""
    rng = c.rng
    ans = other(asker)
    for i, q in enumerate(questions):
        c.say(asker, QY, ("and " if i and rng.random() < 0.4 else "") + q)
        r = rng.random()
        if r < 0.8:
            t = wchoice(rng, yes_pool)
            c.say(ans, yes_dist(t), t)
        else:
            c.say(ans, NN, wchoice(rng, NO_SHORT))
            if rng.random() < 0.5:
                c.state(ans, expand(rng, rng.choice(elab_no)))
    r = rng.random()
    if r < 0.5:
        t = wchoice(rng, ack_pool)
        c.say(asker, ack_dist(t), t)
    elif r < 0.65:
        c.say(asker, BA, wchoice(rng, [("great", 3), ("perfect", 3), ("good", 1), ("oh good", 1)]))


def move_qw(c, asker, pair, ack_pool=ACK_AFTER_ANSWER, app_pool=APPRECIATION):
    """A wh-question (template, answer templates) answered by the other speaker."""
    rng = c.rng
    ans = other(asker)
    question, answers = pair
    c.say(asker, QW, expand(rng, question))
    if rng.random() < 0.08:
        c.say(ans, FO, expand(rng, rng.choice(["let me see", "um", "uh", "let's see", "hold on one second",
                                               "oh, let me think", "hm, let me look"])))
    c.state(ans, expand(rng, rng.choice(answers)))
    if rng.random() < 0.35:
        c.say(ans, SD, expand(rng, rng.choice(["I think", "if that helps", "I'm pretty sure",
                                               "at least that's what it says here", "give or take",
                                               "I'd have to double-check"])))
    r = rng.random()
    if r < 0.45:
        t = wchoice(rng, ack_pool)
        c.say(asker, ack_dist(t), t)
    elif r < 0.55:
        c.say(asker, BA, wchoice(rng, app_pool))


def move_opinion(c, spk, opinions, agree_pos=AGREE, agree_neg=AGREE_NEG, reply=None):
    rng = c.rng
    tmpl, pol = rng.choice(opinions)
    act = c.state(spk, expand(rng, tmpl), "op")
    lst = other(spk)
    t = wchoice(rng, agree_neg if pol == "neg" else agree_pos)
    c.say(lst, agree_dist(t, act == SV), t)
    if reply and rng.random() < 0.6:
        tmpl2, _ = rng.choice(opinions)
        if reply is True:
            act = c.state(lst, expand(rng, tmpl2), "op")
        else:
            act = c.state(lst, expand(rng, rng.choice(reply)))
        if reply is True and rng.random() < 0.45:
            act = c.say(lst, [(SV, 6), (SD, 4)], expand(rng, rng.choice(EV_OPINION_FOLLOWUP)))
        if rng.random() < 0.3:
            t = wchoice(rng, AGREE)
            c.say(spk, agree_dist(t, act == SV), t)


def move_decl_q(c, asker, question, elab_yes, elab_no):
    """A yes/no question phrased as a statement ("you live in Dallas?"). Annotators take it for a
    question most of the time; the transcriber hears the rising intonation only sometimes."""
    rng = c.rng
    ans = other(asker)
    act = c.say(asker, [(QY, 72), (SD, 28)], question, flags="decl")
    r = rng.random()
    if r < 0.75:
        t = wchoice(rng, YES_SHORT)
        # if the annotator read the question as a statement, a "yeah" after it is a backchannel
        c.say(ans, yes_dist(t) if act == QY else [(B, 60), (NY, 30), (AA, 10)], t, mode=resolve(rng, yes_dist(t))[1])
        if rng.random() < 0.5:
            c.state(ans, expand(rng, rng.choice(elab_yes)))
    else:
        t = wchoice(rng, NO_SHORT)
        c.say(ans, NN, t)
        if rng.random() < 0.6:
            c.state(ans, expand(rng, rng.choice(elab_no)))


def move_forward(c, spk, then):
    c.say(spk, FO, expand(c.rng, c.rng.choice(FORWARD)))
    then()


def build_cs(rng):
    c = Conv(rng)
    sc_name = rng.choice(sorted(CS_SCENARIOS))
    sc = CS_SCENARIOS[sc_name]
    company = rng.choice(SLOTS["company"])
    agent = rng.choice(SLOTS["name"])
    A, Bs = "A", "B"  # A = agent, B = caller

    # Opening
    r = rng.random()
    if r < 0.5:
        c.say(A, FP, f"thank you for calling {company}, this is {agent}")
        c.say(A, QW, rng.choice(["how can I help you today", "how can I help you", "what can I do for you today",
                                 "how may I help you"]))
    elif r < 0.8:
        c.say(A, FP, rng.choice([f"{company}, this is {agent}", f"good (morning|afternoon), {company}",
                                 f"{company} customer service, {agent} speaking"]).replace(
            "(morning|afternoon)", rng.choice(["morning", "afternoon"])))
        c.say(A, QW, "how can I help you")
    else:
        c.say(A, FP, f"thanks for calling {company}, my name is {agent}")
        c.say(A, QY, rng.choice(["can I get your name please", "can I start with your account number",
                                 "may I have your name"]))
        c.say(Bs, NY, wchoice(rng, [("sure", 3), ("yeah", 2), ("yes", 1), ("okay", 1)]))
        c.say(Bs, SD, f"it's {rng.choice(SLOTS['name'])} {rng.choice(['Miller', 'Johnson', 'Garcia', 'Lee', 'Brown', 'Patel', 'Nguyen', 'Smith', 'Davis', 'Lopez'])}")
        c.say(A, BA, wchoice(rng, [("thank you", 0), ("great", 2), ("perfect", 2)]))
        c.say(A, QW, "and how can I help you today")
    if rng.random() < 0.7:
        c.say(Bs, FP, rng.choice(["hi", "yeah, hi", "hi, yes", f"hi {agent}", "hello", "hi there", "yes, hi"]))
    problem = [expand(rng, p) for p in rng.sample(sc["problem"], rng.choice([2, 2, 3, 3, 4]))]
    move_statement_turn(c, Bs, problem, p_bc=0.85, p_fo=0.05)
    if rng.random() < 0.5:
        # the agent reacts to the complaint
        text, act = wchoice(rng, [(("I'm sorry to hear that", BA), 2), (("oh no", BA), 1),
                                  (("I understand", AA), 2), (("okay", B), 1)])
        c.say(A, act, text)

    target = int(rng.triangular(MIN_LEN, MAX_LEN, 12))
    closing = build_cs_closing(rng, agent)
    while len(c) < target - len(closing):
        r = rng.random()
        if r < 0.26:
            move_qy_series(c, A, [expand(rng, q) for q in rng.sample(CS_VERIFY + sc["agent_qy"], rng.choice([2, 3, 3, 4]))],
                           sc["problem"], yes_pool=YES_SHORT_CS, ack_pool=ACK_AFTER_ANSWER_CS)
        elif r < 0.30:
            move_qy(c, A, expand(rng, rng.choice(sc["agent_qy"])), CS_YES_ELAB, CS_NO_ELAB, ack_pool=ACK_AFTER_ANSWER_CS, app_pool=APPRECIATION_CS, yes_pool=YES_SHORT_CS)
        elif r < 0.34:
            move_decl_q(c, A, expand(rng, rng.choice(CS_DECL_Q_AGENT)), CS_YES_ELAB, CS_NO_ELAB)
        elif r < 0.43:
            move_qw(c, A, rng.choice(sc["agent_qw"]),
                    ack_pool=ACK_AFTER_ANSWER_CS, app_pool=APPRECIATION_CS)
        elif r < 0.50:
            move_qw(c, Bs, rng.choice(sc["cust_qw"]),
                    ack_pool=ACK_AFTER_ANSWER_CS, app_pool=APPRECIATION_CS)
        elif r < 0.59:
            move_qy(c, Bs, expand(rng, rng.choice(sc["cust_qy"])), sc["agent_info"], sc["agent_info"],
                    ack_pool=ACK_AFTER_ANSWER_CS, app_pool=APPRECIATION_CS)
        elif r < 0.63:
            move_decl_q(c, Bs, expand(rng, rng.choice(CS_DECL_Q_CUST)), sc["agent_info"], sc["agent_info"])
        elif r < 0.80:
            infos = [expand(rng, x) for x in rng.sample(sc["agent_info"], rng.choice([3, 3, 4, 4, 5]))]
            if rng.random() < 0.3:
                infos.insert(0, rng.choice(["okay, so what I'm going to do is this", "alright, here's what I can do",
                                            "so, let me explain what happened"]))
            move_statement_turn(c, A, infos, p_bc=0.85, p_fo=0.05)
            if rng.random() < 0.4:
                c.say(Bs, BA, wchoice(rng, APPRECIATION_CS))
        elif r < 0.90:
            move_opinion(c, Bs, CS_OPINION_CUST, agree_pos=AGREE_CS, agree_neg=AGREE_CS + [("no", 4), ("no, it isn't", 1)],
                         reply=["let me see what I can do", "I'm going to do my best to fix this today",
                                "I'll make a note on your account", "we definitely want to keep you as a customer"])
        else:
            spk = rng.choice([A, Bs])
            if spk == A:
                move_forward(c, A, lambda: move_qw(c, A, rng.choice(sc["agent_qw"])))
            else:
                move_forward(c, Bs, lambda: move_statement_turn(
                    c, Bs, [expand(rng, p) for p in rng.sample(sc["problem"], 2)], p_bc=0.5))
    c.utts.extend(closing)
    return c, "cs-" + sc_name


def build_cs_closing(rng, agent):
    A, Bs = "A", "B"
    out = []
    out.append([A, QY, rng.choice(CS_AGENT_CLOSING_Q)])
    out.append([Bs, NN, rng.choice(CS_NO_MORE)])
    if rng.random() < 0.8:
        out.append([A, FC, wchoice(rng, [("okay", 4), ("alright", 3), ("alright then", 1), ("okay, great", 1),
                                         ("right", 1), ("sure", 1)])])
    if rng.random() < 0.3:
        out.append([Bs, SD, rng.choice(["you've been really helpful", "I appreciate you fixing this",
                                        "you made this a lot easier"])])
    out.append([Bs, FC, rng.choice(["thank you so much", "thanks for your help", "thanks", "thank you",
                                    "okay, thank you", "alright, thanks a lot"])])
    if rng.random() < 0.35:
        out.append([A, FC, rng.choice(["you're welcome", "no problem", "my pleasure", "you're very welcome",
                                       "sure, no problem"])])
    if rng.random() < 0.3:
        out.append([A, FC, rng.choice(["have a great day", "have a good one", "have a nice evening",
                                       "thanks for calling", "take care"])])
        if rng.random() < 0.7:
            out.append([Bs, FC, wchoice(rng, [("you too", 6), ("thanks, you too", 2), ("okay", 2), ("alright", 1)])])
    n_bye = rng.choice([0, 1, 1, 2, 2])
    spk = Bs
    for _ in range(n_bye):
        out.append([spk, FC, wchoice(rng, CLOSING_FILLER)])
        spk = other(spk)
    return out


def build_ev(rng):
    c = Conv(rng)
    a, b = rng.sample(SLOTS["name"], 2)
    fx = {"a": a, "b": b}
    A, Bs = "A", "B"
    c.say(A, FP, expand(rng, rng.choice(EV_OPENING_A), fx))
    c.say(Bs, FP, expand(rng, rng.choice(EV_OPENING_B), fx))
    if rng.random() < 0.6:
        c.say(A, FP, expand(rng, rng.choice(EV_OPENING_A2), fx))
    if rng.random() < 0.4 and c.utts[-1][0] == A:
        c.say(Bs, FP, expand(rng, rng.choice(EV_OPENING_B2), fx))
        if rng.random() < 0.3:
            c.say(A, FP, expand(rng, rng.choice(EV_OPENING_A3), fx))
    if rng.random() < 0.3:
        c.say(Bs, SD, rng.choice(["I just wanted to ask you something", "I was just calling to see what you're up to",
                                  "I just got home", "sorry I missed your call earlier"]))

    target = int(rng.triangular(MIN_LEN, MAX_LEN, 12))
    closing = build_ev_closing(rng, fx)
    stories = rng.sample(EV_NARRATIVE, 4)
    si = 0
    while len(c) < target - len(closing):
        spk = rng.choice([A, Bs])
        r = rng.random()
        if r < 0.32:
            story = stories[si % len(stories)]
            si += 1
            k = rng.choice([3, 4, 4, 5, 5])
            fixed = {}
            for key in ("relative", "pet", "petname", "city"):
                fixed[key] = rng.choice(SLOTS[key])
            move_statement_turn(c, spk, [expand(rng, s, fixed) for s in story[:k]], p_bc=0.85, p_fo=0.08)
            rr = rng.random()
            if rr < 0.4:
                c.say(other(spk), BA, wchoice(rng, APPRECIATION))
            elif rr < 0.55:
                move_qw(c, other(spk), rng.choice(EV_QW))
        elif r < 0.37:
            move_qy(c, spk, expand(rng, rng.choice(EV_QY)), EV_QY_ELAB_YES, EV_QY_ELAB_NO)
        elif r < 0.43:
            move_decl_q(c, spk, expand(rng, rng.choice(EV_DECL_Q)), EV_QY_ELAB_YES, EV_QY_ELAB_NO)
        elif r < 0.58:
            move_qy_series(c, spk, [expand(rng, q) for q in rng.sample(EV_QY, rng.choice([2, 2, 3]))], EV_QY_ELAB_NO)
        elif r < 0.64:
            move_qw(c, spk, rng.choice(EV_QW))
        elif r < 0.89:
            move_opinion(c, spk, EV_OPINIONS, reply=True)
        else:
            move_forward(c, spk, lambda: move_opinion(c, spk, EV_OPINIONS, reply=True)
                         if rng.random() < 0.5 else move_statement_turn(
                             c, spk, [expand(rng, s) for s in rng.choice(EV_NARRATIVE)[:2]]))
    c.utts.extend(closing)
    return c, "ev"


def build_ev_closing(rng, fx):
    A, Bs = "A", "B"
    first = rng.choice([A, Bs])
    out = [[first, FC, expand(rng, rng.choice(EV_CLOSING_START), fx)]]
    if rng.random() < 0.3:
        out.append([first, SD, expand(rng, rng.choice(["I've got to (pick up|get) the kids at {time}",
                                                       "we're having people over (tonight|later)",
                                                       "my {relative} is waiting on me",
                                                       "I have to be up early tomorrow",
                                                       "dinner's almost ready",
                                                       "my phone's about to die"]), fx)])
    spk = other(first)
    out.append([spk, FC, wchoice(rng, [("okay", 4), ("yeah", 3), ("alright", 3), ("yeah, me too", 1),
                                       ("sounds good", 1), ("that's fine", 1),
                                       ("okay, yeah", 1), ("sure", 1), ("right", 1)])])
    for _ in range(rng.choice([1, 2, 3, 3])):
        if rng.random() < 0.2:
            out.append([spk, FC, expand(rng, rng.choice(EV_CLOSING_MID), fx)])
        else:
            out.append([spk, FC, wchoice(rng, CLOSING_FILLER)])
        spk = other(spk)
    if rng.random() < 0.5:
        out.append([spk, FC, rng.choice(["bye", "bye-bye", "okay, bye", "bye now", "talk to you later, bye"])])
        spk = other(spk)
    if rng.random() < 0.3:
        out.append([spk, FC, rng.choice(["bye", "bye-bye", "bye"])])
    return out


def build_conversation(rng):
    while True:
        if rng.random() < 0.55:
            c, kind = build_cs(rng)
        else:
            c, kind = build_ev(rng)
        if MIN_LEN <= len(c) <= MAX_LEN:
            break
    style = rng.choices(["clean", "mixed", "raw"], weights=[5, 4, 1])[0]
    rows, modes = [], []
    for u in c.utts:
        if len(u) == 3:  # closings are built as plain [speaker, act, text]
            spk, act, text = u
            u = utt(rng, spk, [(FC, 94), (B, 6)] if act == FC and text in CLOSING_AMBIG else act, text)
        spk, act, text, mode, flags = u
        text = add_noise(rng, text, act)
        text = finish(rng, text, act, style, flags)
        if rng.random() < 0.0025:
            text = ""  # inaudible / untranscribed, still labelled
        if rng.random() < NOISE_RATE:
            act = wchoice(rng, CONFUSABLE[act])  # annotator error
        rows.append((spk, act, text))
        modes.append(mode)
    return rows, modes, kind


# --------------------------------------------------------------------------------------
# Output, stats, baselines
# --------------------------------------------------------------------------------------

def generate(seed):
    """Returns the splits and, per split, the share of labels that equal the generator's most
    probable act for the utterance in its context (a ceiling for any tagger)."""
    splits, ceiling = {}, {}
    for name, n in SPLITS:
        rng = random.Random(f"dialogueacts-sample/{seed}/{name}")
        convs = []
        agree = total = 0
        for i in range(n):
            rows, modes, kind = build_conversation(rng)
            convs.append((f"{name}-{i + 1:04d}", rows))
            agree += sum(r[1] == m for r, m in zip(rows, modes))
            total += len(rows)
        splits[name] = convs
        ceiling[name] = agree / total
    return splits, ceiling


def write_csv(path, convs):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(HEADER)
        for cid, rows in convs:
            for i, (spk, act, text) in enumerate(rows):
                w.writerow([cid, i, spk, act, text])


def read_csv(path):
    convs = []
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        assert r.fieldnames == HEADER, r.fieldnames
        cur_id, cur = None, None
        for row in r:
            if row["conversation_id"] != cur_id:
                cur_id, cur = row["conversation_id"], []
                convs.append((cur_id, cur))
            assert int(row["utterance_index"]) == len(cur)
            cur.append((row["speaker"], row["act"], row["text"]))
    return convs


def most_common(counter):
    # deterministic tie-break: highest count, then label name
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def baselines(train, evals):
    label_counts = Counter(act for _, rows in train for _, act, _ in rows)
    majority = most_common(label_counts)
    by_text = defaultdict(Counter)
    by_prev_text = defaultdict(Counter)
    for _, rows in train:
        prev = "<start>"
        for _, act, text in rows:
            t = text.lower()
            by_text[t][act] += 1
            by_prev_text[(prev, t)][act] += 1
            prev = act
    text_pred = {t: most_common(c) for t, c in by_text.items()}
    prev_pred = {k: most_common(c) for k, c in by_prev_text.items()}
    n = ok_a = ok_b = ok_c = 0
    for _, rows in evals:
        prev = "<start>"
        for _, act, text in rows:
            t = text.lower()
            pb = text_pred.get(t, majority)
            pc = prev_pred.get((prev, t), pb)
            n += 1
            ok_a += act == majority
            ok_b += act == pb
            ok_c += act == pc
            prev = act
    return majority, ok_a / n, ok_b / n, ok_c / n


def vocabulary(convs):
    v = Counter()
    for _, rows in convs:
        for _, _, text in rows:
            v.update(re.findall(r"[a-z0-9']+(?:-[a-z0-9']+)*", text.lower()))
    return v


def compute_stats(splits, ceiling=None):
    lines = []
    lines.append("| split | conversations | utterances | utterances/conversation (min-mean-max) | empty texts |")
    lines.append("|---|---:|---:|---|---:|")
    for name, _ in SPLITS:
        convs = splits[name]
        lens = [len(rows) for _, rows in convs]
        n_utt = sum(lens)
        empty = sum(1 for _, rows in convs for r in rows if r[2] == "")
        lines.append(f"| {name} | {len(convs)} | {n_utt} | {min(lens)}-{n_utt / len(convs):.1f}-{max(lens)} | {empty} |")
    lines.append("")
    lines.append("Label distribution (% of utterances):")
    lines.append("")
    lines.append("| act | meaning | " + " | ".join(n for n, _ in SPLITS) + " |")
    lines.append("|---|---|" + "---:|" * len(SPLITS))
    counts = {n: Counter(a for _, rows in splits[n] for _, a, _ in rows) for n, _ in SPLITS}
    totals = {n: sum(counts[n].values()) for n, _ in SPLITS}
    order = sorted(LABELS, key=lambda l: -counts["train"][l])
    for lab in order:
        cells = [f"{counts[n][lab]} ({100 * counts[n][lab] / totals[n]:.1f}%)" for n, _ in SPLITS]
        lines.append(f"| `{lab}` | {LABEL_DESCRIPTIONS[lab]} | " + " | ".join(cells) + " |")
    lines.append("")
    voc = vocabulary(splits["train"])
    lines.append(f"Vocabulary (lowercased word types in train): {len(voc)}; "
                 f"singletons: {sum(1 for c in voc.values() if c == 1)}.")
    lines.append("")
    lines.append("Baselines (accuracy; all look-up tables built from train):")
    lines.append("")
    lines.append("| baseline | valid | test |")
    lines.append("|---|---:|---:|")
    res = {n: baselines(splits["train"], splits[n]) for n in ("valid", "test")}
    maj = res["valid"][0]
    lines.append(f"| (a) majority class (`{maj}`) | {100 * res['valid'][1]:.1f}% | {100 * res['test'][1]:.1f}% |")
    lines.append(f"| (b) words only: most frequent train act for the exact lowercased text, else majority "
                 f"| {100 * res['valid'][2]:.1f}% | {100 * res['test'][2]:.1f}% |")
    lines.append(f"| (c) words + previous gold act: most frequent train act for (previous act, text), else (b) "
                 f"| {100 * res['valid'][3]:.1f}% | {100 * res['test'][3]:.1f}% |")
    if ceiling:
        lines.append(f"| (d) label ceiling (not a baseline): the label equals the act the generator considers most probable in its context (the rest is ambiguity and annotator noise) "
                     f"| {100 * ceiling['valid']:.1f}% | {100 * ceiling['test']:.1f}% |")
    return "\n".join(lines), res


README_TEMPLATE = """# DialogueActs sample corpus

A small **synthetic** corpus of English telephone conversations labelled with dialogue acts,
bundled with DialogueActs so that training, evaluation and prediction can be tried out (and tested)
without obtaining a licensed corpus. It is sized so that a small hierarchical Bi-LSTM-CRF should train
on it in about a minute on two CPU cores.

* **Origin.** Every conversation was generated by `scripts/make-sample-corpus.py` from a hand-written
  dialogue grammar (templates with slots for names, companies, products, places, times, ...). Nothing
  is copied from any existing corpus (in particular not from Switchboard/SwDA); only the style of the
  act names is SwDA-like.
* **Licence.** Written by the DialogueActs team, free to use (same terms as the project).
* **Regenerate.** `python3 scripts/make-sample-corpus.py --out data/sample --seed {seed}` reproduces
  these files byte for byte (Python 3 standard library only); add `--stats` to print the figures below.

## Format

`train.csv`, `valid.csv`, `test.csv`: RFC 4180 CSV, UTF-8 (no BOM), CRLF line ends, header
`conversation_id,utterance_index,speaker,act,text`, one row per utterance, the rows of a conversation
contiguous and in order (`utterance_index` counts from 0), speakers `A` and `B`.

* Customer-service calls (`A` is the agent, `B` the caller) and everyday calls between friends.
* Fields with commas or double quotes are quoted as RFC 4180 requires. The rare act
  `{fo}` deliberately contains a comma and a double quote, so it is written
  as `{fo_csv}` in the files; some texts also contain quoted speech.
* A few utterances have an empty text (`""`, untranscribed); they are still labelled and must be tagged.
* Texts contain some noise: fillers (`uh`, `um`), repetitions, typos, and per-conversation
  transcription style (some conversations are lower-case without punctuation).
* Labels contain noise too: about 3% of the utterances carry a plausible but "wrong" act (an annotator
  error: `sd` for `sv`, `aa` for `b`, ...), as in any hand-annotated corpus.

## Acts and statistics (seed {seed})

{stats}

## Why context matters

Short forms are shared between acts and mostly the context decides: `yeah`/`yes`/`right`/`uh-huh`/`okay`
are usually `ny` after a yes/no question of the other speaker, `aa` after an opinion, `b` inside the
other speaker's multi-utterance statement turn, and `fc` within a closing; `no` is `nn` after a yes/no
question but usually `aa` after a negative opinion ("I don't think that's fair." - "No."). Conversations
open with `fp` and close with `fc`, questions are followed by answers of the other speaker. Baseline (c),
which adds only the previous gold act to the word look-up, beats the words-only baseline (b) by
{gain:.1f} points on valid; a sequence model (Bi-LSTM over the conversation + CRF) should do better still,
since it also sees the previous utterance's words, the following utterances and the speakers, and a CRF
can learn that annotators label coherently (a `yeah` after what they took for an opinion `sv` tends to be
`aa`, after a plain statement `sd` a `b`).

## Why nobody gets 100%

As in real annotated corpora, part of the labelling is genuinely ambiguous, so the acts are drawn from
context-dependent probabilities rather than fixed rules:

* **Opinion or statement.** Explicit opinions ("I think the traffic is getting worse") are mostly `sv`,
  but evaluative or hedged statements ("it was packed", "I guess they're leaving in May") are `sd` or
  `sv` about 3:1, and unmarked opinions ("kids grow up so fast") about 1:2.
* **Questions phrased as statements.** "you're still in Dallas", "so I don't have to be home for that"
  are `qy` about 70% of the time, otherwise `sd`; the transcriber writes a question mark only sometimes.
* **Backchannel, agreement or answer.** A bare `yeah`/`right`/`uh-huh` after an opinion is `aa` or `b`,
  `okay`/`sure` after a yes/no question is mostly `ny` but sometimes `b`, `okay`/`yeah` in a closing is
  mostly `fc` but sometimes `b`, `great`/`perfect` after an answer is `b` or `ba`.
* **Annotator noise** on about 3% of the labels.

Row (d) of the table above is the share of labels that equal the act the generator considers most
probable for the utterance in its context (given the annotator's label of the preceding utterance), a
rough upper bound for any tagger.{measured}
"""

# Accuracy of the full model (configs/sample.json) on the files generated with the default seed.
# Re-measure and update after changing the generator.
MEASURED = {"seed": 7, "valid": 88.3, "test": 88.5,
            "run": "at most 15 epochs with early stopping (patience 4): stopped after epoch 12, best epoch 8",
            "train_time": "6.2 min wall-clock on two heavily shared CPU cores; an epoch takes 2-4 s on idle cores"}


def measured_text(seed):
    if seed != MEASURED["seed"] or MEASURED["valid"] is None:
        return ""
    return (f"\n\n**Measured model accuracy.** The full model (hierarchical Bi-LSTM-CRF, `configs/sample.json`, "
            f"{MEASURED['run']}) reaches **{MEASURED['valid']:.1f}% valid** and **{MEASURED['test']:.1f}% test** "
            f"accuracy on these files ({MEASURED['train_time']}): well above the look-up baselines, a little "
            f"below the label ceiling, and far from 100%.")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="data/sample", help="output directory (default: data/sample)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default: 7)")
    ap.add_argument("--stats", action="store_true", help="print counts, label distribution and baselines")
    args = ap.parse_args(argv)

    splits, ceiling = generate(args.seed)
    os.makedirs(args.out, exist_ok=True)
    for name, _ in SPLITS:
        write_csv(os.path.join(args.out, f"{name}.csv"), splits[name])
    # Stats are computed from the files as written, i.e. after a CSV round trip.
    reread = {name: read_csv(os.path.join(args.out, f"{name}.csv")) for name, _ in SPLITS}
    assert reread == {n: [(cid, list(rows)) for cid, rows in splits[n]] for n in splits}
    stats, res = compute_stats(reread, ceiling)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([FO])
    readme = README_TEMPLATE.format(seed=args.seed, stats=stats, fo=FO, fo_csv=buf.getvalue(),
                                    gain=100 * (res["valid"][3] - res["valid"][2]),
                                    measured=measured_text(args.seed))
    with open(os.path.join(args.out, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(readme)
    if args.stats:
        print(stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
