"""Word lists shipped with audiokit for chapter segmentation and titles (written for this
project; no download).

``STOPWORDS`` are function words plus the fillers and hedges of conversation ("yeah",
"kind of", "I mean"): a title is built only from words outside it. ``TOPIC_OPENERS`` are
phrases a host uses to open a new topic. ``SMALL_WORDS`` stay lower case inside a title.
"""

from __future__ import annotations

_FUNCTION_WORDS = """
a about above across after afterwards again against all almost alone along already also although always
am among amongst an and another any anybody anyhow anyone anything anyway anyways anywhere are aren't
around as at back be became because become becomes becoming been before beforehand behind being below
beside besides between beyond both but by can can't cannot could couldn't did didn't do does doesn't
doing don't done down due during each either else elsewhere enough etc even ever every everybody everyone
everything everywhere except few for former formerly from further had hadn't has hasn't have haven't
having he he'd he'll he's hence her here here's hers herself him himself his how however i i'd i'll i'm
i've ie if in indeed instead into is isn't it it'd it'll it's its itself just last latter least less
let let's many may maybe me meanwhile might mine more moreover most mostly much must my myself namely
neither never nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one
ones only onto or other others otherwise our ours ourselves out over own per perhaps quite rather
same several she she'd she'll she's should shouldn't since so some somebody somehow someone something
sometime sometimes somewhat somewhere still such than that that's the their theirs them themselves then
thence there there's thereafter thereby therefore these they they'd they'll they're they've this those
though through throughout thus to together too toward towards under unless until up upon us very via was
wasn't we we'd we'll we're we've were weren't what what's whatever when whenever where where's whereas
wherever whether which while who who's whoever whole whom whose why will with within without won't would
wouldn't yet you you'd you'll you're you've your yours yourself yourselves
"""

_NUMBERS = """
zero two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred
thousand million billion first second third fourth fifth half once twice
"""

# Conversation: fillers, hedges, back-channels and the verbs and nouns of talking about talk.
_CONVERSATIONAL = """
yeah yes yep yup no nope okay ok oh ah uh um umm hmm mm huh wow hey hi hello bye thanks thank please
sorry right sure well like really actually basically literally totally definitely probably certainly
obviously exactly absolutely honestly seriously pretty kind kinda sort sorta lot lots bit little stuff
thing things way ways guess mean means meant think thinks thought know knows knew known say says said
saying tell tells told talk talks talked talking speak spoke discuss discussed mention mentioned
go goes going gone went gonna wanna gotta get gets got getting come comes came coming make makes made
making take takes took taking see sees saw seen seeing look looks looked looking want wants wanted
need needs needed feel feels felt try tries tried trying used using give gives gave given put
keep kept let lets seem seems seemed call called happen happens happened start started
good great nice cool awesome interesting amazing fine bad big huge small new old different same
whole real true important able sure kind certain certainly anyway yeah
today tonight tomorrow yesterday time times moment minute minutes second seconds day days year years
question questions answer answers point points part parts example examples case cases idea ideas
people person guys guy everybody folks someone anyone
also again always already else ever just maybe even still much many more most very quite
lot sort something anything everything nothing one ones
i'm you're we're they're it's that's there's what's let's don't can't won't didn't doesn't isn't
wasn't aren't i've you've we've they've i'd you'd we'd i'll you'll we'll they'll
"""

STOPWORDS: frozenset[str] = frozenset((_FUNCTION_WORDS + _NUMBERS + _CONVERSATIONAL).split())

TOPIC_OPENERS: tuple[str, ...] = (
    "let's move on",
    "let us move on",
    "moving on",
    "move on to",
    "move into",
    "move to the next",
    "next question",
    "another question",
    "last question",
    "final question",
    "more questions",
    "a question from",
    "question in the chat",
    "questions in the chat",
    "let's talk about",
    "let's turn to",
    "turning to",
    "let's switch",
    "switch gears",
    "switching gears",
    "shift gears",
    "shifting gears",
    "change of topic",
    "next topic",
    "next section",
    "let's get into",
    "let's dive into",
    "let's jump into",
    "let's jump in",
    "let's start with",
    "let's go back to",
    "to wrap up",
    "wrap things up",
    "before we wrap",
    "before we go",
    "in closing",
)

SMALL_WORDS: frozenset[str] = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "per", "the", "to", "vs", "via", "with"]
)

# Title-only lists (segmentation does not use them, so chapter boundaries do not depend on them).

# Nouns too general to name a topic: never a title on their own, nor the head of a title
# phrase ("bias section", "paper reading"). Singular forms; plurals are matched by stemming.
_GENERIC_NOUNS = """
section paper reading search thing stuff question library page figure table chapter topic
discussion talk conversation episode podcast show part number level aspect detail standpoint
direction sense world trouble twist chat channel link check aside takeaway piece area side end
beginning middle type sort kind form version place step stage phase item list set bunch group
matter issue problem reason fact term word name line story deal job work task effort session
call meeting workshop webinar event intro introduction outro recap summary overview review note comment thought opinion
view perspective approach method process manner degree extent amount percent percentage share
thanks welcome hour week month lot everything something anything nothing
"""
GENERIC_NOUNS: frozenset[str] = frozenset(_GENERIC_NOUNS.split())

# Evaluative and vague modifiers: they break a title phrase like stopwords do ("specific
# models", "vast number", "terrible false" are not topics).
_VAGUE_MODIFIERS = """
specific actual actually previous additional terrible vast large larger largest high higher
highest low lower lowest various certain particular entire main major minor key general overall
similar simple single individual full fully deep deeper deepest easy easier hard harder clear
common popular recent current latest best better worst worse typical massive tiny extra basic
initial final top complete slight likely possible necessary potential significant super
impressive fascinating unique novel cool neat crazy wild fun funny weird strange exciting
excited curious sufficient sufficiently truly fairly largely mainly mostly entirely simply
specifically generally usually typically especially particularly clearly unfortunately
fortunately hopefully slightly highly deeply further prior additional various numerous
"""
VAGUE_MODIFIERS: frozenset[str] = frozenset(_VAGUE_MODIFIERS.split())

# Adjectives: they may open a title phrase ("private data", "false information") but never
# end one or stand alone. Words ending in -ous, -ive, -able, -ible, -ful, -less, -ish and
# (from 7 letters) -ic count as adjectives without being listed.
_ADJECTIVES = """
able open closed private public false true free fair safe unsafe secure harmful helpful
honest toxic biased human social political technical commercial personal professional
financial legal medical clinical digital global local national international natural
physical mental emotional original official critical central special total final formal
normal usual annual actual virtual visual manual mutual general federal chemical logical
ethical practical statistical theoretical historical musical economic academic automatic
transparent efficient sufficient relevant independent different consistent dependent
important present recent urgent frequent excellent apparent evident permanent silent
positive negative native active effective expensive cheap quick slow fast long short wide
narrow heavy light dark bright early late young old modern ancient rich poor strong weak
clean dirty raw smart dumb wrong proper correct accurate precise random ready aware available
responsible reliable possible visible flexible capable stable simple multiple single double
distinct direct indirect explicit implicit abstract concrete complex broad narrow safe
explicit entire whole likely unlikely lucky serious obvious various previous famous
anonymous dangerous generous nervous numerous enormous tremendous ambiguous
"""
_NOUN_EXCEPTIONS = """
arithmetic rhetoric republic mechanic mosaic traffic epidemic pandemic heuristic statistic
topic objective initiative alternative executive detective representative relative native
narrative incentive perspective directive explosive adjective motive archive
variable table cable vegetable deliverable
"""
ADJECTIVES: frozenset[str] = frozenset(_ADJECTIVES.split())
ADJECTIVE_ENDINGS: tuple[str, ...] = ("ous", "ive", "able", "ible", "ful", "less", "ish")
NOUN_EXCEPTIONS: frozenset[str] = frozenset(_NOUN_EXCEPTIONS.split())

# Verbs that are rarely the name of a topic (verbs that often name things, such as "hate" in
# "hate speech" or "help" in "help desk", are left out): they and their -s, -ing and -ed forms
# break a title phrase ("we push", "calling", "detecting bias", "answered templates",
# "benchmarks cover toxicity"), except the -ing nouns in GERUND_NOUNS.
_VERBS = """
accept add allow apply ask begin believe bring buy carry catch cause check choose close connect
consider continue create decide describe detect develop discover drive eat enable encourage
enjoy enter expect explain figure fill find finish follow forget gather grow handle hang happen
hear hold hop imagine improve include increase introduce involve join jump kill learn leave lie
listen lose manage meet miss move notice pass pay pick prefer prepare prevent produce
promote protect provide pull push raise reach read realize receive recognize reduce remember
remove repeat reply require save send serve sit solve spend stand stay stop suggest suppose
teach tend thank throw touch train treat troubleshoot understand watch win wonder worry write
achieve assume borrow convince elicit erase expose extend highlight imply remind scrub ensure
employ embed amass discuss look classify violate tune contribute cover affect avoid beat claim
compare define deliver deploy determine enhance establish evaluate examine exceed generate
identify indicate influence maintain obtain outperform perform reflect represent reveal seek
select suffer surpass
"""
COMMON_VERBS: frozenset[str] = frozenset(_VERBS.split())

# -ing words that name things or activities in compounds: "training data", "red teaming".
_GERUND_NOUNS = """
training learning reasoning tuning modeling modelling computing processing programming
engineering understanding building meeting setting pricing marketing funding hearing testing
writing planning scheduling spending banking housing shipping recording printing clothing
cooking parenting teaming prompting labeling labelling labeling filtering ranking scoring
sampling pooling embedding encoding decoding tokenizing caching logging monitoring
benchmarking forecasting clustering ingesting indexing mining scaling fine-tuning pretraining
pre-training retraining finetuning annotation
"""
GERUND_NOUNS: frozenset[str] = frozenset(_GERUND_NOUNS.split())

# Irregular past forms, which break a title phrase like other verb forms ("red teaming found gaps").
_IRREGULAR_VERB_FORMS = """
found ran built brought bought caught taught sought fought held led left lost met paid sent spent
stood told understood wrote written won threw thrown drove driven grew grown knew fell fallen felt
kept heard sold shown showed chose chosen began begun broke broken ate sat hung struck gotten
forgot forgotten hid hidden rose risen drew drawn flew flown wore worn
"""
IRREGULAR_VERB_FORMS: frozenset[str] = frozenset(_IRREGULAR_VERB_FORMS.split())
