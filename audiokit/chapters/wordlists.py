"""Word lists shipped with audiokit for chapter segmentation and titles (written for this
project; no download).

``STOPWORDS`` are function words plus the fillers and hedges of conversation ("yeah",
"kind of", "I mean"): a title is built only from words outside it.
``SMALL_WORDS`` stay lower case inside a title. Topic cues are in :mod:`.cue_phrases`.
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

SMALL_WORDS: frozenset[str] = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "per", "the", "to", "vs", "via", "with"]
)

# Title-only lists (segmentation does not use them, so chapter boundaries do not depend on them).
# Parts of speech come from the tagger (audiokit.text.tagger); these lists say what no
# tagger knows: which nouns are too general, and which modifiers too vague, to name a topic.

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

# Swearing said in an episode is no chapter title: a title is shown to everyone who browses the
# episode's chapters in a podcast app. Roots found inside a word ("shitcoins", "clusterfuck"),
# then whole words whose letters occur inside innocent ones ("ass" in "class", "crap" in "scrap").
OFFENSIVE_ROOTS: tuple[str, ...] = ("shit", "fuck", "cunt")
_OFFENSIVE_WORDS = """
crap crappy damn damned goddamn ass arse asshole arsehole bitch bitches bitching piss pissed
bastard bollocks wanker twat
"""
OFFENSIVE_WORDS: frozenset[str] = frozenset(_OFFENSIVE_WORDS.split())
