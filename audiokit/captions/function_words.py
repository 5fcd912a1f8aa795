"""Per-language words that lean on the next word, for caption line breaks (pure data).

Style guides in every language ask not to end a line on an article or a preposition (Czech,
Slovak and Polish typography forbid a one-letter preposition or conjunction at a line end),
and prefer breaking before a conjunction. :data:`RULES` holds, per ISO 639-1 code, small
hand-written sets: ``binding`` (articles, prepositions and their contractions, "della",
"zum", "au": never split from what follows), ``conjunctions`` (a good place to break before)
and ``clinging`` (pronouns, auxiliaries and particles: a break after them reads badly);
``relatives`` are the determiners that also open a clause (German "die", Dutch "dat"), read
by the word after them (:func:`opens_clause`).
Languages without a set get a frequency rule instead (:func:`frequent_word`, from wordfreq's
lists, shipped in its wheel). Arabic's sets are generated from its grammar in
:mod:`audiokit.text.arabic`, and its words are looked up folded (:func:`audiokit.text.stopwords.lookup_form`).

>>> "della" in RULES["it"].binding, "v" in RULES["cs"].binding, "und" in RULES["de"].conjunctions
(True, True, True)
>>> frequent_word("och", "sv"), frequent_word("kärlek", "sv")
(True, False)
>>> number_word("dvacet", "cs"), number_word("venti", "it"), number_word("caffè", "it"), number_word("ثلاث", "ar")
(True, True, False, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from audiokit.text import arabic
from audiokit.text.stopwords import lookup_form

__all__ = ["RULES", "Rules", "czech_se_is_with", "frequent_word", "has_rules", "number_word", "opens_clause"]


def _w(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Rules:
    """One language's break words (lowercase, as written)."""

    binding: frozenset[str]
    conjunctions: frozenset[str]
    clinging: frozenset[str]
    units: frozenset[str] = frozenset()
    # Postpositions, particles and auxiliaries that lean on the word BEFORE them (Hindi "का",
    # "में", "है"; Telugu "లో"): a line never starts with one.
    enclitics: frozenset[str] = frozenset()
    # Function words complete in themselves (Arabic prepositions with their pronoun, "بكم"
    # "with you"): stopwords, but a line may end or start on them.
    standalone: frozenset[str] = frozenset()
    # Determiners (in ``binding``) that are also a relative pronoun or the conjunction "that"
    # (German "die", "das"; Dutch "die", "dat"): before a noun phrase they lean on it, but as
    # a pronoun they open a clause and are only clinging (:func:`opens_clause`).
    relatives: frozenset[str] = frozenset()
    # Adverbs that may stand between a determiner and its adjective ("die sehr alten", "die heel
    # oude"): after a relative, they say nothing of which of the two it is.
    intensifiers: frozenset[str] = frozenset()


RULES: dict[str, Rules] = {
    "it": Rules(
        # Articles, prepositions and their contractions, determiners, and the clitic pronouns and
        # "non" that stand before their verb ("mi raccomando", "non lo so"): never at a line end.
        _w("il lo la i gli le un uno una un' l' di a da in con su per tra fra del dello della dei degli "
           "delle al allo alla ai agli alle dal dallo dalla dai dagli dalle nel nello nella nei negli nelle "
           "sul sullo sulla sui sugli sulle col coi questo questa questi queste quel quello quella quei "
           "quegli quelle mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra nostri nostre "
           "vostro vostra vostri vostre ogni qualche alcuni alcune alcun alcuna ciascun ciascuna nessun "
           "nessuna qualsiasi qualunque verso senza sotto sopra dopo prima durante contro presso entro fino "
           "mi ti si ci vi ne li non"),
        _w("e ed o oppure né ma però perché che quando se mentre anche quindi poi come dove cioè infatti "
           "sia benché sebbene affinché finché poiché dunque"),
        # "loro" is a possessive ("il loro bar") but as often a pronoun ending its phrase ("da loro").
        _w("è sono ho ha abbiamo hanno io tu lui lei noi voi loro più molto così"),
        _w("euro % per cento anni anno mesi mese settimane settimana giorni giorno ore minuti secondi volte "
           "persone chili chilo grammi litri metri chilometri mila milioni miliardi"),
    ),
    "es": Rules(
        _w("el la los las un una unos unas lo al del de a en con por para sin sobre entre hacia hasta "
           "desde según tras contra durante mediante este esta estos estas ese esa esos esas aquel "
           "aquella mi mis tu tus su sus nuestro nuestra cada algún alguna"),
        _w("y e o u pero sino porque que cuando si mientras aunque pues como donde"),
        _w("no me te se nos os le les es son ha han he hemos muy más tan yo"),
        _w("euros % por ciento años minutos horas kilos kilómetros mil millones"),
    ),
    "pt": Rules(
        _w("o a os as um uma uns umas ao aos à às do da dos das no na nos nas num numa dum duma pelo "
           "pela pelos pelas de em com por para sem sobre entre até desde contra este esta estes estas "
           "esse essa isso aquele aquela meu minha teu tua seu sua nosso nossa cada algum alguma"),
        _w("e ou mas porém porque que quando se enquanto embora pois como onde"),
        _w("não me te se nos lhe lhes é são foi há tem têm muito mais tão eu"),
        _w("euros % por cento anos minutos horas quilos quilómetros mil milhões"),
    ),
    "fr": Rules(
        _w("le la les un une des du au aux l' d' de à en dans par pour sur sous avec sans chez entre "
           "vers depuis pendant contre ce cet cette ces mon ma mes ton ta tes son sa ses notre nos "
           "votre vos leur leurs chaque quelques plusieurs"),
        _w("et ou mais donc or ni car que qui quand si comme lorsque puisque parce"),
        _w("ne n' je j' tu il elle on nous vous ils elles me m' te t' se s' y est sont a ont très plus "
           "c' qu'"),
        _w("euros % pour cent ans minutes heures kilos kilomètres mille millions milliards"),
    ),
    "de": Rules(
        _w("der die das den dem des deren dessen ein eine einen einem einer eines kein keine keinen keinem "
           "zum zur im am ins ans vom beim in an auf aus bei mit nach von zu für über unter vor hinter neben "
           "zwischen durch gegen ohne um seit bis während wegen trotz dieser diese dieses diesen diesem "
           "jeder jede jedes jeden mein meine dein deine seine ihre unser unsere euer eure meinen meinem "
           "meiner meines deinen deinem deiner deines seinen seinem seines ihren ihrem ihres unseren "
           "unserem unserer unseres euren eurem eurer eures"),
        _w("und oder aber sondern denn weil dass wenn als ob obwohl während damit sodass wie wo"),
        # "sein" and "ihr" also end clauses (the verb "to be"; the pronoun "you"): they lean on
        # the next word, as possessives too, but never forbid a break.
        _w("nicht ich du er sie es wir ihr man sich ist sind war hat haben wird werden sehr noch auch sein"),
        _w("euro % prozent jahre jahren minuten stunden kilo kilometer tausend millionen milliarden"),
        relatives=_w("der die das den dem"),
        intensifiers=_w("sehr so ganz zu noch"),
    ),
    "nl": Rules(
        _w("de het een 't 'n 's van in op aan met voor door bij uit naar over onder tussen tegen zonder "
           "sinds tot om na deze dit die dat mijn jouw haar ons onze hun elk elke ieder iedere"),
        # "dat" is also the conjunction "that", among the relatives below, not here.
        _w("en of maar want dus omdat als toen wanneer terwijl hoewel zodat"),
        # "zijn" is "his" and, more often, "to be" / "are", which ends clauses: it leans on the
        # next word but never forbids a break.
        _w("niet er ik je jij hij zij ze we wij u is zijn was heeft hebben wordt worden zeer heel erg"),
        _w("euro % procent jaar jaren minuten uur kilo kilometer duizend miljoen miljard"),
        relatives=_w("die dat"),
        intensifiers=_w("zeer heel erg te nog zo"),
    ),
    "cs": Rules(
        # One-letter prepositions and conjunctions may not end a line (Czech typography).
        _w("v ve na do z ze s se k ke ku o u po za pro při před přede od ode bez beze mezi nad nade pod "
           "pode podle dle kolem okolo během kvůli díky proti naproti vedle místo přes skrz kromě mimo vůči "
           "včetně ohledně ten ta to ti ty tento tato toto tyto můj moje tvůj jeho její náš naše váš jejich "
           "každý každá každé a i"),
        _w("a i ale nebo anebo však ani protože že když jestli jestliže aby zda ač až kde jak než tak takže "
           "který která které kteří kterou kterého kterému kterým kterých jenž jež"),
        _w("ne je jsou byl byla bylo byli má mám mají já ty on ona my vy oni velmi moc hodně"),
        _w("korun kč eur euro % procent let roků roky měsíců měsíce týdnů týdny dní dnů dny hodin hodiny "
           "minut minuty sekund krát lidí kusů kilo kila gramů litrů metrů kilometrů tisíc milionů miliard"),
        # The second-position clitics (auxiliary, conditional, short pronouns) lean on the word
        # before them ("Dneska jsem / přinesl", "paní mi / poradila"): a line never starts with one.
        # "se" is left out: it is also the preposition "with" ("se sestrou"), see czech_se_is_with.
        _w("jsem jsi jsme jste bych bys by bychom bysme byste si mi ti mu ho tě ses sis"),
    ),
    "sk": Rules(
        _w("v vo na do z zo s so k ku o u po za pre pri pred od bez medzi nad pod podľa počas proti "
           "ten tá to tí tie tento táto toto môj moja tvoj jeho jej náš naša váš ich každý a i"),
        _w("a i ale alebo však ani pretože že keď ak aby kde ako než tak"),
        _w("nie je sú bol bola bolo ja ty on ona my vy oni veľmi"),
        _w("eur euro % percent rokov minút hodín tisíc miliónov"),
        # Second-position clitics, as in Czech: the auxiliary (som si sme ste), the conditional
        # "by", the reflexives "sa" and "si" and the short pronouns lean on the word before them
        # ("Volám sa / Tereza"). Slovak "sa" is never a preposition (that is "so").
        _w("som si sme ste by sa mi ti mu ma ťa ho"),
    ),
    "pl": Rules(
        _w("w we na do z ze za o u po przy przed od bez dla między nad pod przez według podczas "
           "wobec obok ten ta to ci te tamten ten mój moja twój jego jej nasz nasza wasz ich każdy "
           "każda a i"),
        _w("a i oraz ale lub albo czy lecz jednak ponieważ bo że gdy kiedy jeśli jeżeli aby żeby gdzie "
           "jak niż"),
        _w("nie jestem jest są był była było byli ci jej nam wam ja ty on ona my wy oni bardzo"),
        _w("zł złotych euro % procent lat minut godzin kilo kilometrów tysięcy milionów miliardów"),
        # The clitics lean on the word before them and never open a clause ("Uczę się", "Ja ci
        # powiem"): "się", the short pronouns and the detached conditional "bym". Not "ci", also
        # "these" ("ci ludzie"), nor "by", also "in order to" ("by zdążyć").
        _w("się mi mu go cię bym byś byśmy byście"),
    ),
    "ru": Rules(
        _w("в во на с со к ко о об обо у по за из изо от ото до без для при про над под перед между "
           "через после около вокруг против этот эта это эти тот та те мой моя моё мои твой его её "
           "наш наша ваш их каждый каждая и а"),
        _w("и а но или либо однако потому что чтобы когда если хотя где как чем так"),
        _w("не ни я ты он она оно мы вы они себя меня тебя мне тебе ему ей нам вам был была было "
           "были есть очень же ли бы"),
        _w("рублей руб евро % процентов процента лет года минут часов километров тысяч миллионов"),
    ),
    "fi": Rules(
        # Finnish has postpositions and case endings rather than articles and prepositions.
        _w("se ne tämä tuo nämä nuo minun sinun hänen meidän teidän heidän jokainen joka ilman ennen"),
        _w("ja sekä tai vai mutta vaan koska että kun jos vaikka jotta kuin"),
        _w("en et ei emme ette eivät olen olet on olemme olette ovat oli olivat minä sinä hän me te "
           "he hyvin aivan myös"),
        _w("euroa euro % prosenttia vuotta minuuttia tuntia kiloa kilometriä tuhatta miljoonaa"),
    ),
    # Hindi, Marathi and Telugu put postpositions after the noun: the break to avoid is before them.
    "hi": Rules(
        _w("एक यह वह इस उस ये वे इन उन मेरा मेरी मेरे आपका आपकी आपके हमारा हमारी हमारे उनका उनकी उनके "
           "इसका इसकी इसके हर कुछ कई"),
        _w("और या लेकिन परंतु मगर कि क्योंकि जब अगर इसलिए जबकि बल्कि"),
        _w("नहीं न मत मैं मैंने मुझे मुझको हम हमने हमें हमको आप आपने आपको तुम तुमने तुम्हें तू तुझे वो उसे उसने "
           "उन्हें उन्होंने इसे इसने इन्हें इन्होंने कौन क्या कैसे कहाँ कब क्यों अब अभी तो फिर यहाँ वहाँ बहुत सब"),
        _w("रुपये रुपए प्रतिशत % साल घंटे मिनट किलो किलोमीटर हज़ार हजार लाख करोड़"),
        _w("का की के को में से पर ने तक भी ही है हैं था थी थे हूँ हो गया गई गए रहा रही रहे वाला वाली वाले"),
    ),
    "mr": Rules(
        _w("हा ही हे तो ती ते या त्या एक प्रत्येक काही माझा माझी माझे तुमचा तुमची तुमचे आमचा आमची "
           "आमचे आपला आपली आपले"),
        _w("आणि व किंवा पण परंतु म्हणून की कारण जर"),
        _w("नाही न मी मला आम्ही आम्हाला आमच्या आपण आपल्याला आपल्या तू तुला तुझ्या तुम्ही तुम्हाला तुमच्या "
           "त्याला तिला त्यांना त्याचा त्याची त्याचे त्याच्या तिचा तिची तिचे तिच्या त्यांचा त्यांची त्यांचे त्यांच्या "
           "यांचा यांची यांचे त्याने तिने त्यांनी याला यांना यांच्या जो जी जे कोण काय "
           "कसे कुठे केव्हा का आता तर खूप फार अजून अगदी नेहमी इथे तिथे असे तसे म्हणजे"),
        _w("रुपये टक्के % वर्षे तास मिनिटे किलो किलोमीटर हजार लाख कोटी"),
        _w("आहे आहेत होता होती होते होईल मध्ये साठी पर्यंत सुद्धा"),
    ),
    "te": Rules(
        _w("ఈ ఆ ఒక ప్రతి నా మా మీ మన వారి చాలా"),
        _w("మరియు కానీ లేదా ఎందుకంటే అయితే"),
        _w("నేను నాకు నన్ను మేము మాకు మమ్మల్ని మనం మనకు నువ్వు నీకు నిన్ను నీ మీరు మీకు మిమ్మల్ని అతను అతనికి "
           "అతని ఆమె ఆమెకు వారు వాళ్ళు వారికి వాళ్ళకి వాళ్ళ అది ఇది అవి ఇవి దాని దీని వాటి వీటి ఎవరు ఏమి ఏం "
           "ఎందుకు ఎక్కడ ఎప్పుడు ఎలా ఇప్పుడు అప్పుడు ఇక్కడ అక్కడ ఇంకా ఎప్పుడూ కదా అంటే ఉంది "
           "ఉన్నాయి ఉన్నారు ఉన్నాను ఉన్నాము ఉన్నాం ఉంటుంది ఉంటాయి కాదు లేదు లేవు అవును"),
        _w("రూపాయలు శాతం % సంవత్సరాలు గంటలు నిమిషాలు కోట్ల లక్షల వేల వందల"),
        _w("లో కు కి తో నుంచి నుండి గురించి కోసం మీద తర్వాత కంటే వరకు దగ్గర అని లాగా గారు కూడా మాత్రమే"),
    ),
    # Arabic: generated from its grammar (prepositions with their pronouns, words with و or ف
    # written onto them), folded (:mod:`audiokit.text.arabic`).
    "ar": Rules(arabic.BINDING, arabic.CONJUNCTIONS, arabic.CLINGING, arabic.UNITS, standalone=arabic.STANDALONE),
}


# Czech "se" is the reflexive clitic ("Jmenuji se / Tereza") and the preposition "with" written
# before s, z, š, ž and a few words ("se sestrou", "se mnou"); those take the instrumental case.
_SE_WITH = _w("mnou mnoha mnohými dvěma třemi čtyřmi všemi vším vší psem psy kterým kterou kterými")
# Endings of the verb forms a reflexive "se" stands before ("se zeptat", "se stal", "se zdá",
# "se stane"), which no instrumental has.
_VERB_ENDINGS = ("t", "ti", "l", "la", "lo", "li", "ly", "á", "e", "ě", "ám", "áš", "ají", "ejí")
# Adverbs starting so, after a reflexive "se" ("už se zase směje", "dostal se sem").
_SE_ADVERBS = _w("sem zase znovu zas snad sice skoro spíš stále spolu současně zrovna zatím zcela zpátky")


def czech_se_is_with(after: str) -> bool:
    """Czech "se" before ``after`` (lowercase, bare) is the preposition "with", not the reflexive.

    >>> czech_se_is_with("sestrou"), czech_se_is_with("sladkým"), czech_se_is_with("mnou")
    (True, True, True)
    >>> czech_se_is_with("tereza"), czech_se_is_with("zeptat"), czech_se_is_with("z"), czech_se_is_with("zdá")
    (False, False, False, False)
    """
    if after in _SE_WITH or after[:1].isdigit():
        return True
    if after[:1] not in ("s", "z", "š", "ž") or after in _SE_ADVERBS:
        return False
    rules = RULES["cs"]
    if after in rules.binding | rules.conjunctions | rules.clinging | rules.enclitics:
        return False  # "Dá se / z něj udělat", "se s ním"
    return not after.endswith(_VERB_ENDINGS)


def opens_clause(after: str, language: str) -> bool:
    """A relative of ``language`` (German "die", Dutch "dat") before ``after`` (as written,
    without punctuation) is the pronoun or conjunction opening a clause, not the determiner of
    a noun phrase: ``after`` is a pronoun, a preposition, an auxiliary or another function word
    ("die ich", "die in", "dat er", "die is"), or, in German, where nouns are capitalised, a
    lowercase verb ending in -t ("das stimmt"). Otherwise (a noun, an adjective, unknown) it is
    taken for the determiner.

    >>> opens_clause("ich", "de"), opens_clause("verzeiht", "de"), opens_clause("er", "nl")
    (True, True, True)
    >>> opens_clause("Brot", "de"), opens_clause("erste", "de"), opens_clause("film", "nl"), opens_clause("heel", "nl")
    (False, False, False, False)
    """
    rules = RULES[language]
    low = after.lower()
    if low in rules.intensifiers or not low.isalpha():
        return False
    if low in rules.binding | rules.clinging | rules.conjunctions | rules.relatives:
        return True
    # An adjective after an article is inflected ("das erste", "die zweiten"), never in -t.
    return language == "de" and after[:1].islower() and low.endswith("t")


def has_rules(language: str) -> bool:
    """Whether ``language`` has its own break words (English has its own in :mod:`.breaks`)."""
    return language == "en" or language in RULES


@lru_cache(maxsize=65536)
def frequent_word(word: str, language: str) -> bool:
    """A very frequent short word of ``language`` (Zipf frequency >= 6, at most four letters):
    in every language that is almost only articles, prepositions, pronouns, conjunctions and
    auxiliaries, so a line should not end on it. False when wordfreq has no list for the language."""
    from audiokit.text.stopwords import very_common

    return 0 < len(word) <= 4 and very_common(word, language)


@lru_cache(maxsize=64)
def _number_words(language: str) -> frozenset[str]:
    from audiokit.align.spoken_lang import number_in  # num2words, through the spoken forms

    words: set[str] = set(arabic.NUMBERS) if language == "ar" else set()
    for n in (*range(101), 200, 300, 500, 1000, 2000, 5000, 10**6, 2 * 10**6, 5 * 10**6, 10**9):
        words.update(lookup_form(w, language) for w in number_in(str(n), language) or ())
    return frozenset(words)


def number_word(word: str, language: str) -> bool:
    """``word`` (lowercase) is a cardinal number word of ``language`` ("dvacet", "venti", "ثلاث"),
    so a unit after it stays with it like after digits."""
    return lookup_form(word, language) in _number_words(language)
