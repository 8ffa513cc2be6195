//! The words that decide roles, lower-case. Written as sorted slices, so a list is easy to
//! read and extend (a test keeps each one sorted). The event and displacement lists are also
//! expanded once into every inflection. All of them are asked through one table ([`cues_of`]):
//! a word of the text is one hash lookup, whichever lists the role walk asks about.

use foldhash::HashSet;
use std::sync::OnceLock;

use crate::gazetteer::WordTable;

/// Nouns for something that happens somewhere: violence, disasters, protest, politics,
/// gatherings. "the offensive … in Mosul", "floods in Assam", "talks in Geneva".
pub static EVENT_NOUNS: WordList = WordList::new(
    Cue::EventNouns,
    &[
        "advance",
        "airstrike",
        "airstrikes",
        "ambush",
        "arrest",
        "arrests",
        "arrivals",
        "ash",
        "assault",
        "attack",
        "attacks",
        "ballot",
        "battle",
        "battles",
        "blackout",
        "blackouts",
        "blast",
        "blaze",
        "blizzard",
        "blockades",
        "bombardment",
        "bombing",
        "bombings",
        "campaign",
        "capture",
        "cases",
        "caucus",
        "caucuses",
        "ceasefire",
        "ceremony",
        "cholera",
        "clash",
        "clashes",
        "collapse",
        "collision",
        "combat",
        "conference",
        "crackdown",
        "crash",
        "curfew",
        "cyclone",
        "darkness",
        "deaths",
        "demonstration",
        "demonstrations",
        "dengue",
        "deployment",
        "drought",
        "earthquake",
        "ebola",
        "election",
        "elections",
        "epidemic",
        "eruption",
        "evacuation",
        "evacuations",
        "explosion",
        "explosions",
        "fall",
        "fighting",
        "fire",
        "fires",
        "flood",
        "flooding",
        "floods",
        "funeral",
        "gunfire",
        "heat",
        "heatwave",
        "hurricane",
        "incursion",
        "infections",
        "insurgency",
        "invasion",
        "killing",
        "killings",
        "landslide",
        "liberation",
        "lockdown",
        "looting",
        "march",
        "marches",
        "massacre",
        "meeting",
        "offensive",
        "operation",
        "operations",
        "outage",
        "outages",
        "outbreak",
        "polls",
        "primary",
        "protest",
        "protests",
        "races",
        "raid",
        "raids",
        "rain",
        "rainfall",
        "rallies",
        "rally",
        "referendum",
        "rescue",
        "riot",
        "riots",
        "rocket",
        "rockets",
        "shelling",
        "shooting",
        "shootings",
        "shortages",
        "siege",
        "sit-ins",
        "skirmishes",
        "smoke",
        "snow",
        "snowfall",
        "stabbing",
        "stampede",
        "standoff",
        "storm",
        "strike",
        "strikes",
        "summit",
        "talks",
        "temperatures",
        "tornado",
        "trial",
        "tsunami",
        "turnout",
        "typhoon",
        "unrest",
        "uprising",
        "violence",
        "vote",
        "voting",
        "war",
        "wildfire",
        "wildfires",
        "winds",
    ],
);

/// Verbs of events, in the forms news uses. "fighters are arriving … in Iraq",
/// "troops advanced on Raqqa", "voters cast ballots in Ohio".
pub static EVENT_VERBS: WordList = WordList::new(
    Cue::EventVerbs,
    &[
        "advance",
        "advanced",
        "advancing",
        "arrested",
        "arrive",
        "arrived",
        "arrives",
        "arriving",
        "attacked",
        "battled",
        "battling",
        "blocked",
        "bombed",
        "burned",
        "burning",
        "capsized",
        "clashed",
        "collapsed",
        "collided",
        "crashed",
        "damaged",
        "deployed",
        "deploying",
        "derailed",
        "destroyed",
        "died",
        "displaced",
        "erupted",
        "evacuated",
        "exploded",
        "fell",
        "fighting",
        "fired",
        "fled",
        "flooded",
        "fought",
        "gathered",
        "held",
        "injured",
        "killed",
        "landed",
        "looted",
        "marched",
        "massed",
        "meets",
        "met",
        "occupied",
        "opened",
        "patrolled",
        "patrolling",
        "protested",
        "protesting",
        "pushed",
        "raided",
        "rallied",
        "reinforced",
        "rescued",
        "ripped",
        "sank",
        "searched",
        "shelled",
        "spread",
        "stationed",
        "stormed",
        "struck",
        "surged",
        "swept",
        "tore",
        "trapped",
        "voted",
        "wounded",
    ],
);

/// Verbs whose object is where something happens: "to liberate Raqqa", "floods hit Kerala",
/// "rebels captured the town of …".
pub static TRANSITIVE_EVENT_VERBS: WordList = WordList::new(
    Cue::TransitiveEventVerbs,
    &[
        "attack",
        "attacked",
        "attacking",
        "attacks",
        "battered",
        "besiege",
        "besieged",
        "besieging",
        "bomb",
        "bombard",
        "bombarded",
        "bombarding",
        "bombed",
        "bombing",
        "capture",
        "captured",
        "capturing",
        "clear",
        "cleared",
        "clearing",
        "devastated",
        "encircle",
        "encircled",
        "enter",
        "entered",
        "entering",
        "evacuate",
        "evacuated",
        "flooded",
        "hit",
        "hits",
        "hitting",
        "invade",
        "invaded",
        "liberate",
        "liberated",
        "liberating",
        "occupied",
        "overran",
        "overrun",
        "patrol",
        "patrolled",
        "patrolling",
        "pounded",
        "pounding",
        "raid",
        "raided",
        "ravaged",
        "recapture",
        "recaptured",
        "retake",
        "retaken",
        "retook",
        "secure",
        "secured",
        "securing",
        "seize",
        "seized",
        "seizing",
        "shell",
        "shelled",
        "shelling",
        "stormed",
        "strike",
        "strikes",
        "striking",
        "struck",
        "surround",
        "surrounded",
        "swept",
        "target",
        "targeted",
        "targeting",
        "took",
    ],
);

/// Prepositions that put an event at a place.
pub static LOCATIVE: WordList = WordList::new(
    Cue::Locative,
    &[
        "across",
        "around",
        "at",
        "in",
        "inside",
        "into",
        "near",
        "off",
        "on",
        "outside",
        "through",
        "throughout",
        "toward",
        "towards",
        "within",
    ],
);

/// Words that may stand between a cue and the place: "in northern Syria", "near the Iraqi
/// city of Mosul". The words for a place or a part of it ([`AREA_NOUNS`]) may stand there too.
pub static BRIDGE: WordList = WordList::new(
    Cue::Bridge,
    &[
        "a",
        "all",
        "besieged",
        "border",
        "central",
        "coastal",
        "downtown",
        "east",
        "eastern",
        "embattled",
        "entire",
        "for",
        "greater",
        "half",
        "key",
        "main",
        "most",
        "much",
        "nearby",
        "neighboring",
        "north",
        "northeast",
        "northeastern",
        "northern",
        "northwest",
        "northwestern",
        "of",
        "old",
        "residential",
        "rural",
        "south",
        "southeast",
        "southeastern",
        "southern",
        "southwest",
        "southwestern",
        "strategic",
        "the",
        "upstate",
        "west",
        "western",
    ],
);

/// Negation in the clause before a place: "there was no fighting in Homs". Not "without":
/// "homes without power in Jackson County" are a misfortune there.
pub static NEGATION: WordList = WordList::new(
    Cue::Negation,
    &["denied", "neither", "never", "no", "nor", "not"],
);

/// Hypotheticals: "an attack on Kirkuk could follow", "if troops entered Idlib".
pub static HYPOTHETICAL: WordList = WordList::new(
    Cue::Hypothetical,
    &[
        "could",
        "feared",
        "fearing",
        "fears",
        "hypothetical",
        "if",
        "may",
        "might",
        "possible",
        "possibly",
        "unless",
        "whether",
        "would",
    ],
);

/// Verbs of governments and peoples acting or speaking: "Tehran warned", "Washington imposed".
pub static ACTOR_VERBS: WordList = WordList::new(
    Cue::ActorVerbs,
    &[
        "accused",
        "accuses",
        "agreed",
        "announced",
        "announces",
        "approved",
        "asked",
        "backed",
        "backs",
        "blamed",
        "called",
        "calls",
        "claimed",
        "condemned",
        "condemns",
        "criticized",
        "declared",
        "demanded",
        "demands",
        "denied",
        "denies",
        "expelled",
        "imposed",
        "imposes",
        "insisted",
        "launched",
        "offered",
        "opposed",
        "opposes",
        "ordered",
        "pledged",
        "promised",
        "recalled",
        "refused",
        "rejected",
        "rejects",
        "requested",
        "responded",
        "retaliated",
        "said",
        "sanctioned",
        "says",
        "sends",
        "sent",
        "signed",
        "summoned",
        "supported",
        "supports",
        "threatened",
        "threatens",
        "urged",
        "urges",
        "vowed",
        "vows",
        "warned",
        "warns",
        "welcomed",
    ],
);

/// Auxiliaries and adverbs allowed between an actor and its verb: "Tehran has warned",
/// "Russia also said".
pub static ACTOR_GAP: WordList = WordList::new(
    Cue::ActorGap,
    &[
        "already",
        "also",
        "friday",
        "had",
        "has",
        "have",
        "later",
        "monday",
        "on",
        "quickly",
        "repeatedly",
        "saturday",
        "sunday",
        "then",
        "thursday",
        "tuesday",
        "wednesday",
    ],
);

/// Nouns after a possessive place that make it an actor: "Iran's government", "Russia's army".
pub static ACTOR_NOUNS: WordList = WordList::new(
    Cue::ActorNouns,
    &[
        "air",
        "army",
        "defence",
        "defense",
        "forces",
        "foreign",
        "government",
        "leader",
        "leadership",
        "military",
        "ministry",
        "navy",
        "officials",
        "president",
        "prime",
        "regime",
        "state",
        "troops",
    ],
);

/// Titles of office after a country, state or capital, directly or after up to two words
/// qualifying them, that make it the government acting through its office-holder: "Syria
/// President Bashar al-Assad", "Iraq Prime Minister", "Florida Attorney General".
pub static OFFICE_TITLES: WordList = WordList::new(
    Cue::OfficeTitles,
    &[
        "ambassador",
        "attorney",
        "chancellor",
        "commissioner",
        "defence",
        "defense",
        "emir",
        "envoy",
        "foreign",
        "governor",
        "interior",
        "king",
        "mayor",
        "minister",
        "premier",
        "president",
        "prime",
        "queen",
        "secretary",
        "senator",
    ],
);

/// Bodies and forces right after a country, state or capital that make it the government
/// acting: "US Military", "Iraq Army" (not after other words: "the Sudan Liberation Army" is
/// a group's name).
pub static GOVERNMENT_BODIES: WordList = WordList::new(
    Cue::GovernmentBodies,
    &["army", "government", "military", "navy", "regime"],
);

/// Participles joined to a place by a hyphen that make it the party leading, backing or
/// holding what follows: "the US-led coalition", "Iran-backed militias", "Turkey-controlled
/// areas" (not "-based": "a London-based monitor" is where it sits).
pub static BACKER_SUFFIXES: WordList = WordList::new(
    Cue::BackerSuffixes,
    &[
        "aligned",
        "allied",
        "armed",
        "backed",
        "brokered",
        "controlled",
        "financed",
        "funded",
        "held",
        "led",
        "sponsored",
        "supported",
        "trained",
    ],
);

/// Nouns after a place that make it the name of an event there: "the Mosul offensive".
pub static EVENT_AFTER_PLACE: WordList = WordList::new(
    Cue::EventAfterPlace,
    &[
        "assault",
        "attack",
        "battle",
        "bombing",
        "campaign",
        "clashes",
        "earthquake",
        "fighting",
        "flood",
        "floods",
        "offensive",
        "operation",
        "protests",
        "shooting",
        "siege",
    ],
);

/// Nouns that make a demonym a place rather than a people: "Syrian territory".
pub static DEMONYM_PLACE_NOUNS: WordList = WordList::new(
    Cue::DemonymPlaceNouns,
    &[
        "border",
        "capital",
        "city",
        "coast",
        "desert",
        "frontier",
        "soil",
        "territory",
        "town",
        "towns",
        "villages",
        "waters",
    ],
);

/// Words that open a new clause: negation and hypotheticals do not reach past them.
pub static CLAUSE_WORDS: WordList = WordList::new(
    Cue::ClauseWords,
    &[
        "after", "although", "as", "because", "before", "but", "however", "since", "that",
        "though", "when", "where", "whereas", "which", "while", "who", "yet",
    ],
);

/// Words allowed between two places of one list: "in Iraq and also in Syria".
pub static LIST_GLUE: WordList = WordList::new(Cue::ListGlue, &["also", "and", "in", "or", "then"]);

/// Verbs that send people or events to a place: "sent advisers to Kobani", "fighting spread
/// to El Fasher".
pub static MOVEMENT_VERBS: WordList = WordList::new(
    Cue::MovementVerbs,
    &[
        "advanced",
        "deployed",
        "dispatched",
        "extended",
        "flew",
        "head",
        "headed",
        "heading",
        "march",
        "marched",
        "moved",
        "moving",
        "returned",
        "returning",
        "rushed",
        "sent",
        "spread",
        "spreading",
        "transferred",
    ],
);

/// People whose location a report gives as theirs, not an event's: "officials in Baghdad said".
pub static SPEAKER_NOUNS: WordList = WordList::new(
    Cue::SpeakerNouns,
    &[
        "administration",
        "agencies",
        "agency",
        "analysts",
        "authorities",
        "correspondents",
        "diplomats",
        "doctors",
        "economists",
        "embassies",
        "embassy",
        "executives",
        "experts",
        "forecasters",
        "government",
        "groups",
        "investigators",
        "junta",
        "lawmakers",
        "leaders",
        "meteorologists",
        "ministry",
        "officials",
        "police",
        "prosecutors",
        "regime",
        "regulators",
        "researchers",
        "scientists",
        "sources",
        "spokesman",
        "spokeswoman",
        "traders",
        "utilities",
    ],
);

/// Bridge words that name a part of a place ("the outskirts of Dhaka", "residential districts
/// of Omdurman") or the place itself ("captured the town of Tal Afar"). A cue before them
/// places the event there.
pub static AREA_NOUNS: WordList = WordList::new(
    Cue::AreaNouns,
    &[
        "area",
        "areas",
        "beaches",
        "blocks",
        "capital",
        "center",
        "centre",
        "city",
        "coast",
        "countryside",
        "county",
        "district",
        "districts",
        "edge",
        "farmland",
        "foothills",
        "forest",
        "forests",
        "heart",
        "hills",
        "island",
        "mountains",
        "neighborhoods",
        "neighbourhoods",
        "outskirts",
        "part",
        "parts",
        "port",
        "province",
        "region",
        "sections",
        "shores",
        "slopes",
        "square",
        "squares",
        "state",
        "streets",
        "suburbs",
        "town",
        "towns",
        "village",
        "villages",
        "waters",
    ],
);

/// People who come from a place to where things happen: "Firefighters from Romania and France
/// joined the effort" names where they came from, not an actor or an event there.
pub static ARRIVING_GROUPS: WordList = WordList::new(
    Cue::ArrivingGroups,
    &[
        "crews",
        "delegates",
        "delegation",
        "delegations",
        "doctors",
        "engineers",
        "envoys",
        "experts",
        "firefighters",
        "investigators",
        "medics",
        "migrants",
        "officials",
        "pilgrims",
        "refugees",
        "reinforcements",
        "rescuers",
        "soldiers",
        "specialists",
        "teams",
        "tourists",
        "troops",
        "visitors",
        "volunteers",
        "workers",
    ],
);

/// Compass words: "south of Lampedusa" places an event in the sentence near the place.
pub static COMPASS: WordList = WordList::new(
    Cue::Compass,
    &[
        "east",
        "north",
        "northeast",
        "northwest",
        "south",
        "southeast",
        "southwest",
        "west",
    ],
);

/// Verbs by which a hazard reaches a place, base forms; the place is where it happens when
/// the sentence names the hazard ("Smoke covered Canberra", "snow to reach Rochester").
pub const CONTACT_LEMMAS: &[&str] = &["choke", "cover", "envelop", "reach", "shroud", "smother"];

/// Verbs of where someone or something is rather than what happens: "based in Busan", "the
/// suspect had lived in Cincinnati".
pub static STATIVE: WordList = WordList::new(
    Cue::Stative,
    &[
        "based",
        "born",
        "grew",
        "headquartered",
        "live",
        "lived",
        "lives",
        "living",
        "located",
        "raised",
        "registered",
        "reside",
        "resided",
        "resides",
    ],
);

/// Irregular past tenses that make a country, state or capital before them the one acting
/// ("Senegal cut mobile data", "Abuja sent troops").
pub static IRREGULAR_PAST: WordList = WordList::new(
    Cue::IrregularPast,
    &[
        "began", "brought", "chose", "cut", "gave", "held", "kept", "led", "left", "lost", "made",
        "met", "put", "sent", "set", "shut", "sought", "struck", "told", "took", "won",
    ],
);

/// Words that show a verb has no object after it: "Derna flooded after the dam burst".
pub static NO_OBJECT: WordList = WordList::new(
    Cue::NoObject,
    &[
        "after",
        "again",
        "and",
        "as",
        "at",
        "before",
        "by",
        "for",
        "from",
        "in",
        "into",
        "on",
        "overnight",
        "to",
        "when",
        "while",
        "with",
    ],
);

/// Displacement words: "the evacuation of 30,000 people from Kelowna" puts the event at the
/// place the people leave.
pub const DISPLACEMENT: &[&str] = &[
    "airlift",
    "displace",
    "escape",
    "evacuate",
    "evacuation",
    "fled",
    "flee",
];

/// Verbs after a country or capital that make it the one acting: "Mexico deployed soldiers".
pub static AGENT_VERBS: WordList = WordList::new(
    Cue::AgentVerbs,
    &["deployed", "dispatched", "fired", "launched", "sent"],
);

/// Nouns after which "for" names where something is in force: "warnings for Tucson",
/// "evacuation orders for Clovis".
pub static WARNING_NOUNS: WordList = WordList::new(
    Cue::WarningNouns,
    &[
        "advisories",
        "advisory",
        "alert",
        "alerts",
        "curfew",
        "emergency",
        "orders",
        "warning",
        "warnings",
        "watch",
        "watches",
    ],
);

/// Base forms of event words, nouns and verbs, for matching any inflection with
/// [`forms_of`] ("mudslides", "flattening", "stranded"): what happens somewhere in news of
/// war, disaster, protest, politics, crime, accidents, health and labour. Irregular past
/// forms are listed as they are written ("shook", "sank").
pub const EVENT_LEMMAS: &[&str] = &[
    "abduct",
    "abduction",
    "accident",
    "aftershock",
    "airlift",
    "airstrike",
    "ambush",
    "arrest",
    "arson",
    "assassinate",
    "assassination",
    "assault",
    "attack",
    "avalanche",
    "ballot",
    "batter",
    "battle",
    "blackout",
    "blast",
    "blaze",
    "blew",
    "blizzard",
    "block",
    "blockade",
    "bomb",
    "bombard",
    "bombardment",
    "bombing",
    "breach",
    "broke",
    "burn",
    "burnt",
    "burst",
    "bury",
    "bushfire",
    "campaign",
    "cancel",
    "capsize",
    "capture",
    "casualty",
    "ceasefire",
    "celebrate",
    "celebration",
    "ceremony",
    "clash",
    "closure",
    "collapse",
    "collide",
    "collision",
    "combat",
    "concert",
    "conference",
    "confrontation",
    "contaminate",
    "contamination",
    "convoy",
    "crackdown",
    "crash",
    "crossfire",
    "crowd",
    "curfew",
    "cyclone",
    "damage",
    "deadlock",
    "death",
    "debate",
    "delay",
    "demolish",
    "demolition",
    "demonstrate",
    "demonstration",
    "deploy",
    "deployment",
    "derail",
    "derailment",
    "destroy",
    "destruction",
    "detain",
    "detention",
    "detonate",
    "devastate",
    "devastation",
    "die",
    "disaster",
    "disperse",
    "displace",
    "displacement",
    "disrupt",
    "disruption",
    "divert",
    "downpour",
    "drought",
    "drown",
    "earthquake",
    "election",
    "epidemic",
    "erupt",
    "eruption",
    "evacuate",
    "evacuation",
    "execute",
    "execution",
    "explode",
    "explosion",
    "famine",
    "fell",
    "festival",
    "fight",
    "fighting",
    "firefight",
    "fireworks",
    "flare",
    "flatten",
    "fled",
    "flee",
    "flew",
    "flood",
    "flooding",
    "floodwater",
    "fought",
    "freeze",
    "froze",
    "funeral",
    "game",
    "gather",
    "gathering",
    "gunbattle",
    "gunfight",
    "gunfire",
    "hailstorm",
    "halt",
    "hearing",
    "heatwave",
    "held",
    "hijack",
    "hit",
    "hostage",
    "hurricane",
    "impeachment",
    "inauguration",
    "incursion",
    "infection",
    "inferno",
    "injure",
    "injury",
    "insurgency",
    "invade",
    "invasion",
    "investigation",
    "kidnap",
    "kidnapping",
    "kill",
    "killing",
    "landfall",
    "landslide",
    "launch",
    "layoff",
    "leak",
    "loot",
    "looting",
    "marathon",
    "march",
    "massacre",
    "match",
    "meet",
    "meeting",
    "met",
    "mobilize",
    "mortar",
    "mudslide",
    "murder",
    "mutiny",
    "negotiate",
    "negotiation",
    "occupation",
    "occupy",
    "offensive",
    "outage",
    "outbreak",
    "overran",
    "overrun",
    "pandemic",
    "parade",
    "patrol",
    "plunge",
    "poll",
    "pound",
    "probe",
    "protest",
    "pummel",
    "quake",
    "quarantine",
    "race",
    "raid",
    "rally",
    "ravage",
    "recapture",
    "recount",
    "referendum",
    "rescue",
    "retake",
    "retreat",
    "riot",
    "rob",
    "robbery",
    "rocket",
    "rout",
    "rupture",
    "sabotage",
    "sank",
    "search",
    "shake",
    "shell",
    "shelling",
    "shook",
    "shoot",
    "shooting",
    "shootout",
    "shortage",
    "shot",
    "shutdown",
    "siege",
    "sink",
    "skirmish",
    "slam",
    "smash",
    "snowfall",
    "snowstorm",
    "spill",
    "spread",
    "stab",
    "stabbing",
    "stampede",
    "standoff",
    "storm",
    "stranded",
    "strike",
    "struck",
    "submerge",
    "summit",
    "surge",
    "surround",
    "suspend",
    "suspension",
    "sweep",
    "swept",
    "talks",
    "tear",
    "tore",
    "tornado",
    "tour",
    "tremor",
    "trial",
    "tsunami",
    "twister",
    "typhoon",
    "unrest",
    "uprising",
    "verdict",
    "vigil",
    "violence",
    "visit",
    "volcano",
    "vote",
    "voting",
    "walkout",
    "war",
    "wash",
    "wildfire",
    "withdraw",
    "withdrawal",
    "wound",
];

/// Base forms of verbs whose object is where something happens ("rattled southern Turkey",
/// "paralysed Lagos"), matched in any inflection with [`forms_of`].
pub const TRANSITIVE_LEMMAS: &[&str] = &[
    "abduct",
    "ambush",
    "attack",
    "batter",
    "besiege",
    "blanket",
    "block",
    "blockade",
    "bomb",
    "bombard",
    "capture",
    "cripple",
    "cross",
    "devastate",
    "encircle",
    "engulf",
    "enter",
    "evacuate",
    "flatten",
    "flood",
    "grip",
    "hammer",
    "hit",
    "inundate",
    "invade",
    "isolate",
    "lash",
    "liberate",
    "occupy",
    "overran",
    "overrun",
    "paralyse",
    "paralyze",
    "pound",
    "pummel",
    "raid",
    "rattle",
    "ravage",
    "recapture",
    "retake",
    "retook",
    "rock",
    "sack",
    "scorch",
    "seize",
    "shake",
    "shell",
    "shook",
    "slam",
    "storm",
    "strike",
    "struck",
    "submerge",
    "surround",
    "sweep",
    "swept",
    "target",
    "tour",
    "visit",
];

/// A list of cue words: each [`WordList`], and the four sets of inflected forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    /// [`EVENT_NOUNS`].
    EventNouns,
    /// [`EVENT_VERBS`].
    EventVerbs,
    /// [`TRANSITIVE_EVENT_VERBS`].
    TransitiveEventVerbs,
    /// [`LOCATIVE`].
    Locative,
    /// [`BRIDGE`].
    Bridge,
    /// [`NEGATION`].
    Negation,
    /// [`HYPOTHETICAL`].
    Hypothetical,
    /// [`ACTOR_VERBS`].
    ActorVerbs,
    /// [`ACTOR_GAP`].
    ActorGap,
    /// [`ACTOR_NOUNS`].
    ActorNouns,
    /// [`OFFICE_TITLES`].
    OfficeTitles,
    /// [`GOVERNMENT_BODIES`].
    GovernmentBodies,
    /// [`EVENT_AFTER_PLACE`].
    EventAfterPlace,
    /// [`BACKER_SUFFIXES`].
    BackerSuffixes,
    /// [`DEMONYM_PLACE_NOUNS`].
    DemonymPlaceNouns,
    /// [`CLAUSE_WORDS`].
    ClauseWords,
    /// [`LIST_GLUE`].
    ListGlue,
    /// [`MOVEMENT_VERBS`].
    MovementVerbs,
    /// [`SPEAKER_NOUNS`].
    SpeakerNouns,
    /// [`AREA_NOUNS`].
    AreaNouns,
    /// [`ARRIVING_GROUPS`].
    ArrivingGroups,
    /// [`COMPASS`].
    Compass,
    /// [`STATIVE`].
    Stative,
    /// [`IRREGULAR_PAST`].
    IrregularPast,
    /// [`NO_OBJECT`].
    NoObject,
    /// [`AGENT_VERBS`].
    AgentVerbs,
    /// [`WARNING_NOUNS`].
    WarningNouns,
    /// Event words in any inflection: the noun and verb lists and [`EVENT_LEMMAS`].
    EventWord,
    /// Verbs whose object is where something happens, in any inflection.
    TransitiveEventVerb,
    /// Contact verbs ([`CONTACT_LEMMAS`]) in any inflection.
    ContactVerb,
    /// Displacement words ([`DISPLACEMENT`]) in any inflection.
    Displacement,
}

/// The lists a word is in, one bit per [`Cue`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cues(u32);

impl Cues {
    /// In no list (every word outside the lists, and the empty word).
    pub const NONE: Cues = Cues(0);

    /// True when the word is in `list`.
    pub fn has(self, list: Cue) -> bool {
        self.0 & (1 << list as u32) != 0
    }

    fn with(self, list: Cue) -> Cues {
        Cues(self.0 | 1 << list as u32)
    }
}

/// A sorted list of lower-case words, written as a slice to be easy to read and extend. The
/// role walk asks millions of times which lists a word is in, so every list's words are kept
/// in one table ([`cues_of`]): one hash lookup answers for all of them.
pub struct WordList {
    cue: Cue,
    words: &'static [&'static str],
}

impl WordList {
    /// The list `cue` of `words` (kept sorted: a test checks).
    pub const fn new(cue: Cue, words: &'static [&'static str]) -> WordList {
        WordList { cue, words }
    }

    /// The words, sorted.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

/// Every word list.
const LISTS: [&WordList; 27] = [
    &EVENT_NOUNS,
    &EVENT_VERBS,
    &TRANSITIVE_EVENT_VERBS,
    &LOCATIVE,
    &BRIDGE,
    &NEGATION,
    &HYPOTHETICAL,
    &ACTOR_VERBS,
    &ACTOR_GAP,
    &ACTOR_NOUNS,
    &OFFICE_TITLES,
    &GOVERNMENT_BODIES,
    &EVENT_AFTER_PLACE,
    &BACKER_SUFFIXES,
    &DEMONYM_PLACE_NOUNS,
    &CLAUSE_WORDS,
    &LIST_GLUE,
    &MOVEMENT_VERBS,
    &SPEAKER_NOUNS,
    &AREA_NOUNS,
    &ARRIVING_GROUPS,
    &COMPASS,
    &STATIVE,
    &IRREGULAR_PAST,
    &NO_OBJECT,
    &AGENT_VERBS,
    &WARNING_NOUNS,
];

/// The lists `word` (lower-case) is in.
pub fn cues_of(word: &str) -> Cues {
    // A word table: nearly every word is its own key, packed into a number, so a lookup reads
    // no string on the heap.
    static LEXICON: OnceLock<WordTable<Cues>> = OnceLock::new();
    let lexicon = LEXICON.get_or_init(|| {
        let mut lexicon: WordTable<Cues> = WordTable::default();
        let mut mark = |word: &str, cue: Cue| {
            let cues = lexicon.get(word).copied().unwrap_or_default();
            lexicon.insert(word, cues.with(cue));
        };
        for list in LISTS {
            for word in list.words {
                mark(word, list.cue);
            }
        }
        let inflected = [
            (
                Cue::EventWord,
                word_set(
                    &[
                        EVENT_NOUNS.words(),
                        EVENT_VERBS.words(),
                        TRANSITIVE_EVENT_VERBS.words(),
                    ],
                    EVENT_LEMMAS,
                ),
            ),
            (
                Cue::TransitiveEventVerb,
                word_set(&[TRANSITIVE_EVENT_VERBS.words()], TRANSITIVE_LEMMAS),
            ),
            (Cue::ContactVerb, word_set(&[], CONTACT_LEMMAS)),
            (Cue::Displacement, word_set(&[], DISPLACEMENT)),
        ];
        for (cue, words) in &inflected {
            for word in words {
                mark(word, *cue);
            }
        }
        lexicon
    });
    lexicon.get(word).copied().unwrap_or(Cues::NONE)
}

/// Every form [`forms_of`] gives for each base form in `lemmas`, with the `plain` words as
/// they are.
pub fn word_set(plain: &[&[&str]], lemmas: &[&str]) -> HashSet<String> {
    let mut set: HashSet<String> = plain
        .iter()
        .flat_map(|l| l.iter())
        .map(|w| w.to_string())
        .collect();
    for lemma in lemmas {
        forms_of(lemma, &mut set);
    }
    set
}

/// The regular inflections of a base form: "-s", "-es", "-d", "-ed", "-ing", "y" → "-ies",
/// "-ied", a final "e" dropped before "-ing" ("rage" → "raging"), a final consonant doubled
/// ("stop" → "stopped", "stopping"). Forms that are not English words are harmless: no text
/// has them.
pub fn forms_of(lemma: &str, out: &mut HashSet<String>) {
    out.insert(lemma.to_string());
    for suffix in ["s", "es", "d", "ed", "ing"] {
        out.insert(format!("{lemma}{suffix}"));
    }
    if let Some(stem) = lemma.strip_suffix('y') {
        out.insert(format!("{stem}ies"));
        out.insert(format!("{stem}ied"));
    }
    if let Some(stem) = lemma.strip_suffix('e') {
        out.insert(format!("{stem}ing"));
    }
    if let Some(last) = lemma.chars().last().filter(|c| c.is_ascii_alphabetic()) {
        out.insert(format!("{lemma}{last}ed"));
        out.insert(format!("{lemma}{last}ing"));
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // windows(2) always has two items
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_lower_case() {
        for (name, list) in [
            ("EVENT_NOUNS", EVENT_NOUNS.words()),
            ("EVENT_VERBS", EVENT_VERBS.words()),
            ("TRANSITIVE_EVENT_VERBS", TRANSITIVE_EVENT_VERBS.words()),
            ("LOCATIVE", LOCATIVE.words()),
            ("BRIDGE", BRIDGE.words()),
            ("NEGATION", NEGATION.words()),
            ("HYPOTHETICAL", HYPOTHETICAL.words()),
            ("ACTOR_VERBS", ACTOR_VERBS.words()),
            ("ACTOR_GAP", ACTOR_GAP.words()),
            ("ACTOR_NOUNS", ACTOR_NOUNS.words()),
            ("EVENT_AFTER_PLACE", EVENT_AFTER_PLACE.words()),
            ("DEMONYM_PLACE_NOUNS", DEMONYM_PLACE_NOUNS.words()),
            ("CLAUSE_WORDS", CLAUSE_WORDS.words()),
            ("LIST_GLUE", LIST_GLUE.words()),
            ("MOVEMENT_VERBS", MOVEMENT_VERBS.words()),
            ("SPEAKER_NOUNS", SPEAKER_NOUNS.words()),
            ("AGENT_VERBS", AGENT_VERBS.words()),
            ("WARNING_NOUNS", WARNING_NOUNS.words()),
            ("EVENT_LEMMAS", EVENT_LEMMAS),
            ("IRREGULAR_PAST", IRREGULAR_PAST.words()),
            ("STATIVE", STATIVE.words()),
            ("AREA_NOUNS", AREA_NOUNS.words()),
            ("NO_OBJECT", NO_OBJECT.words()),
            ("DISPLACEMENT", DISPLACEMENT),
            ("TRANSITIVE_LEMMAS", TRANSITIVE_LEMMAS),
            ("COMPASS", COMPASS.words()),
            ("ARRIVING_GROUPS", ARRIVING_GROUPS.words()),
            ("CONTACT_LEMMAS", CONTACT_LEMMAS),
        ] {
            for pair in list.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{name}: {:?} before {:?}",
                    pair[0],
                    pair[1]
                );
            }
            for w in list {
                assert_eq!(*w, w.to_lowercase(), "{name}");
            }
        }
    }

    #[test]
    fn one_lookup_answers_for_every_list() {
        for (k, list) in LISTS.iter().enumerate() {
            // Each list once, each with a cue of its own.
            assert!(LISTS[..k].iter().all(|other| other.cue != list.cue));
            for word in list.words {
                assert!(cues_of(word).has(list.cue), "{word} in {:?}", list.cue);
            }
        }
        assert!(cues_of("shelled").has(Cue::EventWord));
        assert!(cues_of("smothering").has(Cue::ContactVerb));
        assert!(!cues_of("shelled").has(Cue::Locative));
        assert_eq!(cues_of("raqqa"), Cues::NONE);
        assert_eq!(cues_of(""), Cues::NONE);
    }

    #[test]
    fn inflections_reach_their_base_form() {
        let set = word_set(
            &[],
            &[
                "batter", "collapse", "crash", "flatten", "mudslide", "rage", "rally", "shell",
                "stop", "strand",
            ],
        );
        for word in [
            "mudslides",
            "flattening",
            "stranded",
            "shelled",
            "collapsed",
            "raging",
            "crashes",
            "rallied",
            "stopping",
            "batters",
        ] {
            assert!(set.contains(word), "{word} should be a form of a base form");
        }
        // Unrelated words stay out.
        for word in ["batteries", "shelf", "strange", "crashing2", "ban"] {
            assert!(!set.contains(word), "{word}");
        }
    }
}
