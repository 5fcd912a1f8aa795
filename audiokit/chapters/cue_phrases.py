"""Spoken cues that open or close a topic, one table per language (data only; written for
audiokit by translating the meaning of the English lists, not fitted to any benchmark).

Each table has three lists, the same three kinds as English:

- ``openers``: phrases a host or chair uses to open a topic or an agenda item ("let's move on",
  "next question", "let's talk about", "to wrap up", "welcome to");
- ``closers``: short acknowledgements that close an exchange ("thanks", "great", "makes sense");
  they count only in a sentence of at most four words;
- ``starts``: discourse markers that begin a sentence that may turn the talk ("so", "okay",
  "now", "and now"); they count only as a sentence's first words, followed by a space or comma.

Syntax: lower case, words as the language writes them (accents, ``'`` for any apostrophe,
hyphens as spaces or hyphens alike). A word ending in ``*`` matches any word it begins, for
languages that inflect the word (``следующ* вопрос*`` matches «следующему вопросу»). Matching
folds case and, as :mod:`audiokit.chapters.cues` describes, each script's accent variants, so a
transcript written without accents still matches.
"""

from __future__ import annotations

EN = {
    "openers": (
        "let's move on", "let us move on", "moving on", "move on to", "move to the next", "next question",
        "next item", "next topic", "next point", "next thing", "the next one", "our next", "agenda",
        "let's talk about", "let's turn to", "turning to", "turn now to", "i want to talk about",
        "i'd like to talk about", "i want to ask you about", "i wanted to ask", "talk a little bit about",
        "switch gears", "switching gears", "change gears", "change topics", "different topic", "another question",
        "a question about", "first question", "last question", "final question", "one more question",
        "let's start with", "let's get into", "let's dive", "dive into", "let's begin", "let's go back to",
        "before we wrap", "to wrap up", "wrap things up", "in closing", "to close", "welcome to", "welcome back",
    ),
    "closers": (
        "thank you", "thanks", "great", "cool", "perfect", "awesome", "excellent", "that's it", "fantastic",
        "okay", "ok", "alright", "all right", "right", "good", "sounds good", "makes sense", "interesting",
    ),
    "starts": ("so", "okay", "ok", "alright", "all right", "now", "well", "right", "and now", "next"),
}

IT = {
    "openers": (
        "passiamo a", "passiamo al", "passiamo alla", "passiamo all'", "passiamo ai", "passiamo agli",
        "passiamo alle", "passiamo ora", "passiamo adesso", "andiamo avanti", "proseguiamo", "prossima domanda",
        "domanda successiva", "prossimo punto", "punto successivo", "prossimo argomento", "argomento successivo",
        "prossimo tema", "ordine del giorno", "parliamo di", "parliamo del", "parliamo della",
        "parliamo dell'", "parliamo dei", "parliamo delle", "parliamo ora", "vorrei parlare di", "voglio parlare di",
        "vorrei chiederti", "vorrei chiederle", "volevo chiederti", "volevo chiederle", "ti volevo chiedere",
        "le volevo chiedere", "cambiamo argomento", "cambiando argomento", "cambiamo discorso",
        "cambiando discorso", "un altro argomento", "un altro tema", "un'altra domanda", "una domanda su",
        "prima domanda", "ultima domanda", "domanda finale", "un'ultima domanda", "ancora una domanda",
        "cominciamo con", "cominciamo da", "iniziamo con", "iniziamo da", "entriamo nel vivo", "addentriamoci",
        "torniamo a", "torniamo al", "torniamo alla", "torniamo all'", "tornando a", "veniamo a", "veniamo al",
        "veniamo alla", "a proposito di", "prima di chiudere", "prima di salutarci", "per concludere",
        "in conclusione", "per chiudere", "benvenuti a", "benvenuti al", "benvenuti alla", "benvenuti",
        "bentornati",
    ),
    "closers": (
        "grazie", "grazie mille", "perfetto", "ottimo", "benissimo", "bene", "molto bene", "va bene", "d'accordo",
        "ok", "okay", "fantastico", "splendido", "eccellente", "bellissimo", "forte", "interessante",
        "molto interessante", "esatto", "giusto", "chiaro", "ha senso", "è tutto", "tutto qui",
    ),
    "starts": (
        "allora", "dunque", "quindi", "bene", "va bene", "ok", "okay", "d'accordo", "ora", "adesso", "e ora",
        "e adesso", "beh", "be'", "ecco", "giusto",
    ),
}

ES = {
    "openers": (
        "pasemos a", "pasemos al", "pasamos a", "pasamos al", "pasando a", "sigamos con", "seguimos con",
        "vamos con", "siguiente pregunta", "próxima pregunta", "siguiente punto", "próximo punto",
        "siguiente tema", "próximo tema", "orden del día", "agenda", "hablemos de",
        "hablemos del", "vamos a hablar de", "vamos a hablar del", "quiero hablar de", "quiero hablar del",
        "me gustaría hablar de", "me gustaría hablar del", "quería preguntarte", "quería preguntarle",
        "quiero preguntarte", "quiero preguntarle", "te quería preguntar", "le quería preguntar",
        "cambiando de tema", "cambiemos de tema", "cambio de tema", "otro tema", "otra pregunta",
        "una pregunta sobre", "primera pregunta", "última pregunta", "pregunta final", "una última pregunta",
        "una pregunta más", "empecemos con", "empecemos por", "comencemos con", "comencemos por",
        "vamos a empezar", "entremos en", "entremos de lleno", "volvamos a", "volvamos al", "volviendo a",
        "volviendo al", "hablando de", "antes de terminar", "antes de despedirnos", "para terminar",
        "para cerrar", "para concluir", "en conclusión", "bienvenidos a", "bienvenidas a", "bienvenido a",
        "bienvenida a", "bienvenidos al", "bienvenidos de nuevo",
    ),
    "closers": (
        "gracias", "muchas gracias", "genial", "perfecto", "estupendo", "excelente", "fantástico", "muy bien",
        "bien", "vale", "ok", "okay", "de acuerdo", "claro", "exacto", "interesante", "muy interesante",
        "tiene sentido", "eso es todo", "buenísimo", "qué bien", "guay", "chévere",
    ),
    "starts": (
        "entonces", "bueno", "bien", "muy bien", "vale", "ok", "okay", "ahora", "y ahora", "pues", "pues bien",
        "así que", "siguiente",
    ),
}

PT = {
    "openers": (
        "vamos passar para", "passando para", "passemos a", "passemos ao", "passemos à", "passamos agora",
        "seguindo em frente", "próxima pergunta", "próximo ponto", "próximo tema", "próximo assunto",
        "próximo tópico", "ordem do dia", "agenda", "na pauta", "vamos falar sobre", "vamos falar de",
        "vamos falar do", "vamos falar da", "falemos de", "falemos sobre", "quero falar sobre", "quero falar de",
        "gostaria de falar sobre", "gostaria de falar de", "queria te perguntar", "queria lhe perguntar",
        "quero te perguntar", "queria perguntar", "mudando de assunto", "mudar de assunto", "mudando de tema",
        "outro assunto", "outro tema", "outra pergunta", "uma pergunta sobre", "primeira pergunta",
        "última pergunta", "pergunta final", "uma última pergunta", "mais uma pergunta", "vamos começar com",
        "vamos começar por", "começando por", "vamos entrar", "vamos mergulhar", "voltando a", "voltando ao",
        "voltando à", "vamos voltar", "falando em", "falando de", "antes de terminar", "antes de encerrar",
        "para terminar", "para encerrar", "para concluir", "em conclusão", "bem-vindos", "bem-vindas",
        "bem-vindo", "bem-vinda", "sejam bem-vindos", "bem-vindos de volta",
    ),
    "closers": (
        "obrigado", "obrigada", "muito obrigado", "muito obrigada", "valeu", "ótimo", "perfeito", "excelente",
        "fantástico", "show", "legal", "bacana", "muito bem", "bem", "tá bom", "está bem", "certo", "ok", "okay",
        "beleza", "combinado", "faz sentido", "interessante", "muito interessante", "é isso", "exato",
    ),
    "starts": (
        "então", "bom", "bem", "muito bem", "pois bem", "ok", "okay", "certo", "agora", "e agora", "beleza",
        "próximo",
    ),
}

FR = {
    "openers": (
        "passons à", "passons au", "passons aux", "passons maintenant", "on passe à", "on passe au",
        "on passe aux", "question suivante", "prochaine question", "point suivant", "prochain point",
        "sujet suivant", "prochain sujet", "ordre du jour", "parlons de", "parlons du", "parlons des",
        "on va parler de", "on va parler du", "on va parler des", "je voudrais parler de", "j'aimerais parler de",
        "je veux parler de", "je voulais vous demander", "je voulais te demander", "je voudrais vous demander",
        "j'aimerais vous demander", "j'aimerais te demander", "changeons de sujet", "changer de sujet",
        "changement de sujet", "autre sujet", "une autre question", "une question sur", "première question",
        "dernière question", "question finale", "une dernière question", "encore une question",
        "commençons par", "on commence par", "entrons dans", "dans le vif du sujet", "revenons à", "revenons au",
        "revenons aux", "pour revenir à", "à propos de", "en parlant de", "avant de terminer",
        "avant de conclure", "avant de se quitter", "pour terminer", "pour conclure", "pour finir",
        "en conclusion", "bienvenue à", "bienvenue dans", "bienvenue sur", "bon retour",
    ),
    "closers": (
        "merci", "merci beaucoup", "génial", "super", "parfait", "excellent", "formidable", "fantastique",
        "très bien", "bien", "d'accord", "ok", "okay", "entendu", "cool", "top", "c'est bon", "ça marche",
        "intéressant", "très intéressant", "c'est logique", "ça se tient", "c'est tout", "voilà", "exactement",
        "tout à fait",
    ),
    "starts": (
        "alors", "donc", "bon", "bien", "très bien", "eh bien", "ok", "okay", "d'accord", "maintenant",
        "et maintenant", "bref", "voilà", "ensuite", "bon alors",
    ),
}

CA = {
    "openers": (
        "passem a", "passem al", "passem als", "passem ara", "seguim amb", "continuem amb", "següent pregunta",
        "propera pregunta", "pròxima pregunta", "següent punt", "proper punt", "pròxim punt", "següent tema",
        "proper tema", "ordre del dia", "parlem de", "parlem del", "parlem dels", "parlarem de", "parlarem del",
        "vull parlar de", "m'agradaria parlar de", "et volia preguntar", "li volia preguntar",
        "volia preguntar-te", "canviant de tema", "canviem de tema", "canvi de tema", "un altre tema",
        "una altra pregunta", "una pregunta sobre", "primera pregunta", "última pregunta", "pregunta final",
        "una última pregunta", "una pregunta més", "comencem per", "comencem amb", "entrem en", "tornem a",
        "tornem al", "tornant a", "parlant de", "abans d'acabar", "abans de tancar", "per acabar", "per tancar",
        "per concloure", "en conclusió", "benvinguts a", "benvingudes a", "benvinguts al", "benvinguts i benvingudes",
        "benvinguts de nou",
    ),
    "closers": (
        "gràcies", "moltes gràcies", "genial", "perfecte", "fantàstic", "excel·lent", "molt bé", "bé", "d'acord",
        "ok", "okay", "val", "entesos", "interessant", "molt interessant", "té sentit", "això és tot", "exacte",
        "clar",
    ),
    "starts": (
        "doncs", "bé", "molt bé", "ok", "okay", "d'acord", "ara", "i ara", "aleshores", "llavors", "així doncs",
        "vinga", "següent",
    ),
}

DE = {
    "openers": (
        "kommen wir zu", "kommen wir zum", "kommen wir zur", "kommen wir nun", "kommen wir jetzt",
        "gehen wir weiter", "machen wir weiter", "weiter geht's", "nächste frage", "nächster punkt",
        "nächsten punkt", "nächstes thema", "nächsten thema", "zum nächsten", "tagesordnung",
        "tagesordnungspunkt", "lass uns über", "lasst uns über", "lassen sie uns über", "reden wir über",
        "sprechen wir über", "ich möchte über", "ich würde gerne über", "ich wollte dich fragen",
        "ich wollte sie fragen", "ich möchte dich fragen", "ich möchte sie fragen", "themenwechsel",
        "anderes thema", "eine andere frage", "noch eine frage", "eine frage zu", "erste frage", "letzte frage",
        "abschließende frage", "eine letzte frage", "fangen wir mit", "fangen wir an", "beginnen wir mit",
        "starten wir mit", "steigen wir ein", "tauchen wir ein", "zurück zu", "zurück zum", "zurück zur",
        "kommen wir zurück", "apropos", "bevor wir schließen", "bevor wir zum ende kommen", "zum abschluss",
        "zum schluss", "abschließend", "willkommen zu", "willkommen bei", "willkommen zur", "willkommen zum",
        "willkommen zurück", "herzlich willkommen",
    ),
    "closers": (
        "danke", "danke schön", "dankeschön", "vielen dank", "super", "toll", "klasse", "prima", "perfekt",
        "ausgezeichnet", "fantastisch", "cool", "okay", "ok", "gut", "sehr gut", "alles klar", "in ordnung",
        "genau", "richtig", "stimmt", "macht sinn", "ergibt sinn", "klingt gut", "interessant", "spannend",
        "das war's",
    ),
    "starts": (
        "also", "okay", "ok", "gut", "so", "nun", "jetzt", "und jetzt", "und nun", "na ja", "naja", "alles klar",
        "schön", "weiter", "als nächstes",
    ),
}

NL = {
    "openers": (
        "we gaan over naar", "laten we overgaan naar", "dan gaan we naar", "door naar", "we gaan verder",
        "laten we verder gaan", "volgende vraag", "volgend punt", "volgende punt", "volgend onderwerp",
        "volgende onderwerp", "agenda", "agendapunt", "laten we het hebben over", "we gaan het hebben over",
        "ik wil het hebben over", "ik wil het over", "ik wilde je vragen", "ik wilde u vragen",
        "ik wil je vragen", "ander onderwerp", "van onderwerp veranderen", "een andere vraag", "een vraag over",
        "eerste vraag", "laatste vraag", "slotvraag", "een laatste vraag", "nog een vraag", "nog één vraag",
        "laten we beginnen met", "we beginnen met", "laten we duiken in", "terug naar", "terugkomend op",
        "nu we het toch over", "en dan nu", "voordat we afronden", "om af te ronden", "tot slot",
        "ter afsluiting", "afsluitend", "welkom bij", "welkom in", "welkom terug",
    ),
    "closers": (
        "dank je", "dank je wel", "dankjewel", "dank u", "dank u wel", "bedankt", "geweldig", "top", "perfect",
        "prima", "uitstekend", "fantastisch", "cool", "oké", "ok", "okay", "goed", "heel goed", "klopt",
        "precies", "juist", "klinkt goed", "logisch", "interessant", "dat was het", "mooi", "helder", "duidelijk",
    ),
    "starts": (
        "dus", "oké", "okay", "ok", "goed", "nou", "zo", "nu", "en nu", "dan nu", "en dan", "volgende", "welnu",
    ),
}

CS = {
    "openers": (
        "přejdeme k", "přejdeme ke", "přejděme k", "přejděme ke", "pojďme dál", "jdeme dál", "pojďme k",
        "pojďme ke", "další* otázk*", "další* bod*", "další* tém*",
        "k dalšímu", "program jednání", "pořad jednání", "bod programu", "pojďme si promluvit o",
        "promluvme si o", "pojďme mluvit o", "chci mluvit o", "chtěl bych mluvit o", "chtěla bych mluvit o",
        "rád bych mluvil o", "ráda bych mluvila o", "chtěl bych se zeptat", "chtěla bych se zeptat",
        "chci se zeptat", "chtěl jsem se zeptat", "chtěla jsem se zeptat", "změna tématu", "změňme téma",
        "jiné téma", "jiná otázka", "ještě jedna otázka", "otázka na", "první otázk*", "poslední otázk*",
        "závěrečn* otázk*", "začneme", "začněme", "pojďme začít", "pojďme se vrátit", "vraťme se k",
        "vraťme se ke", "vrátím se k", "zpátky k", "zpět k", "když už mluvíme o", "a teď k", "teď k", "teď ke",
        "a nyní k", "než skončíme", "než se rozloučíme", "na závěr", "závěrem", "vítejte u", "vítejte v",
        "vítejte ve", "vítám vás", "vítejte zpátky", "vítejte zpět",
    ),
    "closers": (
        "děkuji", "děkuju", "díky", "moc děkuji", "moc děkuju", "moc díky", "děkujeme", "skvělé", "skvěle",
        "super", "perfektní", "výborně", "výborné", "vynikající", "fantastické", "dobře", "dobrá", "v pořádku",
        "ok", "okay", "jasně", "přesně", "správně", "to dává smysl", "dává smysl", "zajímavé", "velmi zajímavé",
        "to je všechno", "to je vše", "fajn", "bezva", "paráda",
    ),
    "starts": (
        "takže", "tak", "dobře", "dobrá", "ok", "okay", "teď", "nyní", "no", "a teď", "a nyní", "fajn", "dále",
        "jasně",
    ),
}

SK = {
    "openers": (
        "prejdime k", "prejdime ku", "prejdeme k", "prejdeme ku", "poďme ďalej", "ideme ďalej", "poďme k",
        "ďalš* otázk*", "ďalší bod", "ďalš* tém*", "program rokovania", "bod programu",
        "poďme sa porozprávať o", "porozprávajme sa o", "chcem hovoriť o", "chcel by som hovoriť o",
        "chcela by som hovoriť o", "chcel by som sa opýtať", "chcela by som sa opýtať", "chcem sa opýtať",
        "chcel som sa opýtať", "chcela som sa opýtať", "zmena témy", "zmeňme tému", "iná téma", "iná otázka",
        "ešte jedna otázka", "prv* otázk*", "posledn* otázk*", "záverečn* otázk*", "začnime", "začneme",
        "poďme začať", "vráťme sa k", "vráťme sa ku", "späť k", "keď už hovoríme o", "a teraz k",
        "kým skončíme", "predtým než skončíme", "na záver", "záverom", "vitajte v", "vitajte pri",
        "vitajte späť",
    ),
    "closers": (
        "ďakujem", "ďakujeme", "vďaka", "veľmi pekne ďakujem", "super", "skvelé", "výborne", "perfektné",
        "vynikajúce", "dobre", "v poriadku", "ok", "okay", "jasné", "presne", "správne", "dáva to zmysel",
        "dáva zmysel", "zaujímavé", "to je všetko", "fajn", "paráda",
    ),
    "starts": ("takže", "tak", "dobre", "ok", "okay", "teraz", "a teraz", "no", "fajn", "ďalej", "jasné"),
}

PL = {
    "openers": (
        "przejdźmy do", "przechodzimy do", "przejdę do", "idźmy dalej", "pójdźmy dalej", "następne pytanie",
        "kolejne pytanie", "następn* punkt*", "kolejn* punkt*", "następn* temat*", "kolejn* temat*",
        "porządek obrad", "porządek dzienny", "punkt obrad", "porozmawiajmy o", "pomówmy o",
        "chcę porozmawiać o", "chciałbym porozmawiać o", "chciałabym porozmawiać o", "chciałbym cię zapytać",
        "chciałabym cię zapytać", "chciałbym pana zapytać", "chciałabym pana zapytać", "chciałem zapytać",
        "chciałam zapytać", "chciałbym zapytać", "chciałabym zapytać", "chcę zapytać", "zmieńmy temat",
        "zmiana tematu", "zmieniając temat", "inny temat", "inne pytanie", "jeszcze jedno pytanie", "pytanie o",
        "pierwsze pytanie", "ostatnie pytanie", "zacznijmy od", "zaczniemy od", "zanurzmy się", "wróćmy do",
        "wracając do", "wracamy do", "skoro mowa o", "zanim skończymy", "zanim się pożegnamy", "na koniec",
        "na zakończenie", "podsumowując", "witamy w", "witajcie w", "witam w", "witam was", "witamy ponownie",
        "witajcie ponownie",
    ),
    "closers": (
        "dziękuję", "dzięki", "dziękujemy", "bardzo dziękuję", "wielkie dzięki", "świetnie", "super",
        "doskonale", "idealnie", "znakomicie", "fantastycznie", "ekstra", "dobrze", "dobra", "okej", "ok",
        "okay", "w porządku", "jasne", "dokładnie", "racja", "ma sens", "to ma sens", "brzmi dobrze", "ciekawe",
        "interesujące", "bardzo ciekawe", "to wszystko", "fajnie", "spoko",
    ),
    "starts": (
        "więc", "no więc", "dobrze", "dobra", "okej", "ok", "okay", "teraz", "a teraz", "no", "no dobrze",
        "no dobra", "tak więc", "zatem", "następnie", "świetnie",
    ),
}

RU = {
    "openers": (
        "перейдём к", "переходим к", "давайте перейдём", "идём дальше", "пойдём дальше", "двигаемся дальше",
        "следующ* вопрос*", "следующ* пункт*", "следующ* тем*", "повестк* дня", "давайте поговорим о",
        "давайте поговорим об", "давайте поговорим про", "поговорим о", "поговорим об", "поговорим про",
        "хочу поговорить о", "хочу поговорить об", "хочу поговорить про", "хотел бы поговорить",
        "хотела бы поговорить", "хочу спросить", "хотел спросить", "хотела спросить", "хотел бы спросить",
        "хотела бы спросить", "хочу тебя спросить", "хочу вас спросить", "сменим тему", "смена темы",
        "другая тема", "на другую тему", "другой вопрос", "ещё один вопрос", "вопрос о", "вопрос про",
        "первый вопрос", "последний вопрос", "заключительный вопрос", "напоследок", "начнём с",
        "давайте начнём", "вернёмся к", "возвращаясь к", "давайте вернёмся", "кстати о",
        "раз уж мы заговорили о", "теперь о", "а теперь о", "теперь к", "а теперь к", "прежде чем закончить",
        "перед тем как закончить", "в заключение", "подводя итог", "добро пожаловать", "с возвращением",
    ),
    "closers": (
        "спасибо", "большое спасибо", "спасибо большое", "отлично", "прекрасно", "замечательно", "супер",
        "класс", "здорово", "круто", "идеально", "превосходно", "хорошо", "очень хорошо", "ладно", "окей", "ок",
        "ok", "okay", "понятно", "ясно", "верно", "точно", "именно", "согласен", "согласна", "логично",
        "имеет смысл", "интересно", "очень интересно", "вот и всё", "это всё",
    ),
    "starts": (
        "итак", "так", "так вот", "хорошо", "ладно", "окей", "ок", "теперь", "а теперь", "ну", "ну что ж",
        "ну что же", "ну хорошо", "далее", "дальше", "отлично",
    ),
}

UK = {
    "openers": (
        "перейдімо до", "переходимо до", "перейдемо до", "давайте перейдемо", "йдемо далі", "рухаємося далі",
        "наступн* питання", "наступн* пункт*", "наступн* тем*", "порядок денний", "порядку денного",
        "давайте поговоримо про", "поговоримо про", "поговорімо про", "хочу поговорити про",
        "хотів би поговорити", "хотіла б поговорити", "хочу запитати", "хотів запитати", "хотіла запитати",
        "хотів би запитати", "хотіла б запитати", "змінимо тему", "зміна теми", "інша тема", "інше питання",
        "ще одне питання", "питання про", "перше питання", "останнє питання", "заключне питання", "наостанок",
        "почнімо з", "почнемо з", "давайте почнемо", "повернімося до", "повернемося до", "повертаючись до",
        "до речі про", "а тепер про", "тепер про", "а тепер до", "перш ніж закінчити", "на завершення",
        "підсумовуючи", "ласкаво просимо", "з поверненням",
    ),
    "closers": (
        "дякую", "дуже дякую", "дякуємо", "щиро дякую", "чудово", "відмінно", "супер", "класно", "круто",
        "прекрасно", "добре", "дуже добре", "гаразд", "окей", "ок", "ok", "okay", "зрозуміло", "ясно", "точно",
        "саме так", "правильно", "логічно", "має сенс", "цікаво", "дуже цікаво", "от і все", "це все",
    ),
    "starts": (
        "отже", "так", "тож", "добре", "гаразд", "окей", "ок", "тепер", "а тепер", "ну", "ну що ж", "далі",
        "чудово",
    ),
}

FI = {
    "openers": (
        "siirry*", "mennään eteenpäin", "jatketaan", "seuraava* kysymy*", "seuraava* aihe*", "seuraava* kohta*",
        "esityslista*", "asialista*", "puhutaan", "puhutaanpa", "haluan puhua", "haluaisin puhua",
        "haluaisin kysyä", "haluan kysyä", "halusin kysyä", "kysyisin", "vaihdetaan aihetta", "aiheen vaihto",
        "toinen aihe", "toinen kysymys", "vielä yksi kysymys", "ensimmäinen kysymys", "viimeinen kysymys",
        "viimeiseksi", "aloitetaan", "aloitetaanpa", "palata*", "mitä tulee", "entä", "ennen kuin lopetetaan",
        "ennen kuin lopetamme", "lopuksi", "yhteenvetona", "tervetuloa", "tervetuloa takaisin",
    ),
    "closers": (
        "kiitos", "kiitoksia", "kiitos paljon", "paljon kiitoksia", "hienoa", "mahtavaa", "loistavaa",
        "erinomaista", "täydellistä", "upeaa", "siistiä", "hyvä", "hyvää", "hyvä on", "selvä", "okei", "ok",
        "okay", "juuri niin", "aivan", "totta", "kuulostaa hyvältä", "järkevää", "kiinnostavaa",
        "mielenkiintoista", "siinä kaikki",
    ),
    "starts": (
        "no niin", "noniin", "no", "okei", "ok", "okay", "selvä", "hyvä", "nyt", "ja nyt", "sitten",
        "seuraavaksi", "eli",
    ),
}

SV = {
    "openers": (
        "vi går vidare", "vi går över till", "då går vi över till", "nästa fråga", "nästa punkt", "nästa ämne",
        "dagordning*", "låt oss prata om", "vi ska prata om", "jag vill prata om", "jag skulle vilja prata om",
        "jag ville fråga", "jag vill fråga", "byta ämne", "byter ämne", "annat ämne", "en annan fråga",
        "en fråga om", "första frågan", "sista frågan", "en sista fråga", "en fråga till", "vi börjar med",
        "låt oss börja med", "tillbaka till", "på tal om", "innan vi avslutar", "för att avsluta",
        "avslutningsvis", "till sist", "välkommen till", "välkomna till", "välkommen tillbaka",
    ),
    "closers": (
        "tack", "tack så mycket", "stort tack", "toppen", "perfekt", "utmärkt", "fantastiskt", "jättebra", "bra",
        "okej", "ok", "okay", "absolut", "precis", "just det", "låter bra", "vettigt", "intressant",
        "det var allt", "grymt", "härligt",
    ),
    "starts": ("så", "okej", "ok", "okay", "bra", "nu", "och nu", "nåväl", "nå", "nästa", "då"),
}

HI = {
    "openers": (
        "आगे बढ़ते हैं", "आगे बढ़ें", "चलिए आगे", "चलो आगे", "अगला सवाल", "अगले सवाल", "अगला प्रश्न",
        "अगले प्रश्न", "अगला मुद्दा", "अगले मुद्दे", "अगला विषय", "अगले विषय", "कार्यसूची", "एजेंडा",
        "बात करते हैं", "बात करें", "बात करेंगे", "चर्चा करते हैं", "चर्चा करें", "के बारे में बात",
        "बात करना चाहता", "बात करना चाहती", "पूछना चाहता", "पूछना चाहती", "आपसे पूछना", "तुमसे पूछना",
        "विषय बदलते", "विषय बदलें", "दूसरा विषय", "दूसरी बात", "एक और सवाल", "एक और प्रश्न", "एक सवाल",
        "पहला सवाल", "पहला प्रश्न", "आख़िरी सवाल", "अंतिम प्रश्न", "अंतिम सवाल", "शुरू करते हैं",
        "शुरुआत करते हैं", "शुरू करें", "वापस आते हैं", "लौटते हैं", "अब बात", "अब चलते हैं",
        "ख़त्म करने से पहले", "समाप्त करने से पहले", "अंत में", "आख़िर में", "निष्कर्ष में",
        "निष्कर्ष के तौर पर", "स्वागत है",
        "आपका स्वागत", "फिर से स्वागत",
    ),
    "closers": (
        "धन्यवाद", "शुक्रिया", "बहुत धन्यवाद", "बहुत शुक्रिया", "बढ़िया", "बहुत बढ़िया", "बहुत अच्छा", "अच्छा",
        "ठीक है", "ठीक", "सही", "सही है", "बिल्कुल", "बिलकुल", "शानदार", "बेहतरीन", "उत्तम", "वाह", "ओके",
        "ok", "समझ गया", "समझ गई", "दिलचस्प", "रोचक", "बस इतना ही",
    ),
    "starts": (
        "तो", "तो अब", "अच्छा", "ठीक है", "अब", "और अब", "चलिए", "चलो", "ख़ैर", "हाँ तो", "अगला", "ओके",
    ),
}

MR = {
    "openers": (
        "पुढे जाऊया", "पुढे जाऊ", "आता पुढे", "पुढ* प्रश्न*", "पुढ* मुद्द*", "पुढ* विषय*", "कार्यसूची",
        "विषयपत्रिका", "बोलूया", "बोलू या", "चर्चा करूया", "बद्दल बोलू", "बोलायचं आहे", "बोलायचे आहे",
        "विचारायचं आहे", "विचारायचे आहे", "विचारू इच्छितो", "विचारू इच्छिते", "विषय बदलूया", "दुसरा विषय",
        "दुसरी गोष्ट", "आणखी एक प्रश्न", "अजून एक प्रश्न", "पहिला प्रश्न", "शेवटचा प्रश्न", "सुरुवात करूया",
        "सुरू करूया", "परत येऊया", "वळूया", "संपवण्यापूर्वी", "शेवटी", "समारोप", "स्वागत आहे", "आपलं स्वागत",
        "आपले स्वागत", "पुन्हा स्वागत",
    ),
    "closers": (
        "धन्यवाद", "आभार", "खूप धन्यवाद", "मनःपूर्वक आभार", "छान", "खूप छान", "मस्त", "उत्तम", "सुंदर",
        "ठीक आहे", "बरं", "बरोबर", "अगदी बरोबर", "ओके", "ok", "समजलं", "समजले", "रोचक", "इतकंच", "भारी",
    ),
    "starts": ("तर", "तर मग", "बरं", "ठीक आहे", "आता", "आणि आता", "चला", "मग", "ओके", "पुढे"),
}

TE = {
    "openers": (
        "ముందుకు వెళ్దాం", "ముందుకు వెళ్దాము", "తర్వాత ప్రశ్న*", "తరువాత ప్రశ్న*", "తర్వాతి ప్రశ్న*",
        "తదుపరి ప్రశ్న*", "తదుపరి అంశ*", "తర్వాతి అంశ*", "తదుపరి విషయ*", "ఎజెండా", "గురించి మాట్లాడుకుందాం",
        "మాట్లాడుకుందాం", "మాట్లాడదాం", "చర్చిద్దాం", "అడగాలనుకుంటున్నాను", "విషయం మారుద్దాం", "మరో విషయం",
        "ఇంకో విషయం", "మరో ప్రశ్న*", "ఇంకో ప్రశ్న*", "ఇంకొక ప్రశ్న*", "మొదటి ప్రశ్న*", "చివరి ప్రశ్న*",
        "మొదలుపెడదాం", "ప్రారంభిద్దాం", "తిరిగి వద్దాం", "ముగించే ముందు", "చివరగా", "ముగింపుగా", "స్వాగతం",
        "తిరిగి స్వాగతం",
    ),
    "closers": (
        "ధన్యవాదాలు", "ధన్యవాదములు", "కృతజ్ఞతలు", "చాలా ధన్యవాదాలు", "చాలా బాగుంది", "బాగుంది", "అద్భుతం",
        "సూపర్", "సరే", "సరే అండి", "ఓకే", "ok", "కరెక్ట్", "నిజమే", "అర్థమైంది", "ఆసక్తికరం",
        "ఆసక్తికరంగా ఉంది", "అంతే",
    ),
    "starts": ("సరే", "ఇప్పుడు", "ఇక", "ఇక ఇప్పుడు", "సో", "ఓకే", "మరి", "తర్వాత", "తరువాత"),
}

DA = {
    "openers": (
        "lad os gå videre", "vi går videre", "vi går over til", "næste spørgsmål", "næste punkt", "næste emne",
        "dagsorden*", "lad os tale om", "lad os snakke om", "vi skal tale om", "vi skal snakke om",
        "jeg vil gerne tale om", "jeg vil gerne snakke om", "jeg ville spørge", "jeg vil gerne spørge",
        "skifte emne", "skifter emne", "et andet emne", "et andet spørgsmål", "et spørgsmål om",
        "første spørgsmål", "sidste spørgsmål", "et sidste spørgsmål", "et spørgsmål mere", "lad os starte med",
        "lad os begynde med", "vi starter med", "vi begynder med", "tilbage til", "apropos", "før vi slutter",
        "inden vi slutter", "for at runde af", "afslutningsvis", "til sidst", "velkommen til",
        "velkommen tilbage",
    ),
    "closers": (
        "tak", "mange tak", "tusind tak", "super", "perfekt", "fremragende", "fantastisk", "fedt", "godt",
        "rigtig godt", "okay", "ok", "i orden", "præcis", "netop", "lyder godt", "giver mening",
        "det giver mening", "interessant", "spændende", "det var det",
    ),
    "starts": ("så", "okay", "ok", "godt", "nu", "og nu", "nå", "nå men", "næste", "fint"),
}

NB = {
    "openers": (
        "la oss gå videre", "vi går videre", "vi går over til", "neste spørsmål", "neste punkt", "neste tema",
        "dagsorden*", "la oss snakke om", "vi skal snakke om", "jeg vil snakke om", "jeg vil gjerne snakke om",
        "jeg ville spørre", "jeg vil gjerne spørre", "bytte tema", "bytter tema", "et annet tema",
        "et annet spørsmål", "et spørsmål om", "første spørsmål", "siste spørsmål", "et siste spørsmål",
        "ett spørsmål til", "la oss starte med", "la oss begynne med", "vi starter med", "vi begynner med",
        "tilbake til", "apropos", "før vi avslutter", "for å avslutte", "avslutningsvis", "til slutt",
        "velkommen til", "velkommen tilbake",
    ),
    "closers": (
        "takk", "tusen takk", "mange takk", "super", "perfekt", "utmerket", "fantastisk", "kult", "bra",
        "veldig bra", "greit", "okei", "ok", "okay", "i orden", "akkurat", "nettopp", "høres bra ut",
        "gir mening", "det gir mening", "interessant", "spennende", "det var det",
    ),
    "starts": ("så", "okei", "ok", "okay", "greit", "bra", "nå", "og nå", "neste", "javel"),
}

RO = {
    "openers": (
        "să trecem la", "trecem la", "hai să trecem la", "mergem mai departe", "să mergem mai departe",
        "următoarea întrebare", "întrebarea următoare", "următorul punct", "punctul următor",
        "următorul subiect", "subiectul următor", "ordinea de zi", "agenda", "să vorbim despre",
        "hai să vorbim despre", "vreau să vorbesc despre", "aș vrea să vorbesc despre", "aș vrea să te întreb",
        "aș vrea să vă întreb", "voiam să te întreb", "voiam să vă întreb", "schimbând subiectul",
        "să schimbăm subiectul", "alt subiect", "altă întrebare", "încă o întrebare", "o întrebare despre",
        "prima întrebare", "ultima întrebare", "întrebarea finală", "o ultimă întrebare", "să începem cu",
        "hai să începem", "începem cu", "să revenim la", "revenind la", "apropo de", "înainte să încheiem",
        "înainte de a încheia", "în încheiere", "pentru final", "bun venit la", "bine ați venit",
        "bine ai venit", "bine ați revenit",
    ),
    "closers": (
        "mulțumesc", "mulțumim", "mersi", "mulțumesc mult", "mulțumesc frumos", "grozav", "super", "perfect",
        "excelent", "minunat", "fantastic", "foarte bine", "bine", "bun", "ok", "okay", "în regulă", "de acord",
        "exact", "corect", "are sens", "interesant", "foarte interesant", "asta e tot", "mișto",
    ),
    "starts": (
        "deci", "așadar", "bun", "bine", "ok", "okay", "acum", "și acum", "ei bine", "în regulă", "următorul",
        "păi",
    ),
}

TR = {
    "openers": (
        "geçelim", "geçiyoruz", "devam edelim", "devam ediyoruz", "sıradaki soru*", "bir sonraki soru*",
        "sonraki soru*", "sıradaki konu*", "bir sonraki konu*", "sonraki konu*", "gündem*", "konuşalım",
        "konuşmak istiyorum", "sormak istiyorum", "sormak istedim", "konuyu değiştirelim", "konu değiştirelim",
        "başka bir konu*", "başka bir soru*", "bir soru daha", "ilk soru*", "son soru*", "son bir soru*",
        "başlayalım", "dönelim", "geri dönelim", "demişken", "kapatmadan önce", "bitirmeden önce",
        "son olarak", "sonuç olarak", "toparlamak gerekirse", "hoş geldiniz", "tekrar hoş geldiniz",
    ),
    "closers": (
        "teşekkürler", "teşekkür ederim", "çok teşekkürler", "sağ ol", "sağ olun", "harika", "süper",
        "mükemmel", "çok güzel", "güzel", "çok iyi", "iyi", "tamam", "peki", "ok", "okay", "anlaşıldı",
        "anladım", "kesinlikle", "aynen", "doğru", "mantıklı", "ilginç", "çok ilginç", "bu kadar",
    ),
    "starts": ("peki", "tamam", "şimdi", "ve şimdi", "o zaman", "öyleyse", "pekala", "sıradaki", "neyse", "güzel"),
}

EL = {
    "openers": (
        "ας περάσουμε", "περνάμε", "πάμε παρακάτω", "πάμε στο επόμενο", "επόμεν* ερώτησ*", "επόμεν* θέμα*",
        "επόμεν* σημεί*", "ημερήσια διάταξη", "ατζέντα", "ας μιλήσουμε για", "ας συζητήσουμε",
        "θέλω να μιλήσω για", "θα ήθελα να μιλήσω για", "θα ήθελα να σας ρωτήσω", "θα ήθελα να σε ρωτήσω",
        "ήθελα να σε ρωτήσω", "ήθελα να σας ρωτήσω", "αλλάζοντας θέμα", "ας αλλάξουμε θέμα", "άλλο θέμα",
        "άλλη ερώτηση", "μια ακόμα ερώτηση", "μια ερώτηση για", "πρώτη ερώτηση", "τελευταία ερώτηση",
        "μια τελευταία ερώτηση", "ας ξεκινήσουμε", "ξεκινάμε με", "ας επιστρέψουμε", "επιστρέφοντας",
        "μιας και μιλάμε για", "πριν κλείσουμε", "κλείνοντας", "εν κατακλείδι", "καλώς ήρθατε",
        "καλώς ορίσατε", "καλώς ήρθες",
    ),
    "closers": (
        "ευχαριστώ", "ευχαριστούμε", "ευχαριστώ πολύ", "τέλεια", "τέλειο", "εξαιρετικά", "υπέροχα",
        "φανταστικό", "ωραία", "πολύ ωραία", "πολύ καλά", "καλά", "εντάξει", "οκ", "ok", "okay", "σωστά",
        "ακριβώς", "βγάζει νόημα", "ενδιαφέρον", "πολύ ενδιαφέρον", "αυτό ήταν", "σούπερ",
    ),
    "starts": ("λοιπόν", "οπότε", "εντάξει", "ωραία", "καλά", "τώρα", "και τώρα", "πάμε", "επόμενο", "οκ"),
}

ID = {
    "openers": (
        "mari kita lanjut", "kita lanjut ke", "lanjut ke", "kita beralih ke", "beralih ke",
        "pertanyaan berikutnya", "pertanyaan selanjutnya", "poin berikutnya", "poin selanjutnya",
        "topik berikutnya", "topik selanjutnya", "agenda", "mari kita bahas", "mari kita bicara tentang",
        "kita bahas", "saya ingin membahas", "saya mau membahas", "saya ingin berbicara tentang",
        "saya ingin bertanya", "saya mau tanya", "saya mau bertanya", "ganti topik", "topik lain",
        "pertanyaan lain", "satu pertanyaan lagi", "pertanyaan tentang", "pertanyaan pertama",
        "pertanyaan terakhir", "mari kita mulai", "kita mulai dengan", "kembali ke", "ngomong-ngomong soal",
        "sebelum kita tutup", "sebelum kita akhiri", "untuk menutup", "sebagai penutup", "akhir kata",
        "selamat datang di", "selamat datang kembali",
    ),
    "closers": (
        "terima kasih", "makasih", "terima kasih banyak", "bagus", "hebat", "keren", "sempurna", "luar biasa",
        "mantap", "baik", "oke", "ok", "okay", "setuju", "betul", "benar", "tepat", "masuk akal", "menarik",
        "sangat menarik", "itu saja", "siap",
    ),
    "starts": ("jadi", "oke", "ok", "okay", "baik", "baiklah", "nah", "sekarang", "dan sekarang", "selanjutnya"),
}

# ISO 639-1 code -> that language's table.
CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": EN, "it": IT, "es": ES, "pt": PT, "fr": FR, "ca": CA, "de": DE, "nl": NL, "cs": CS, "sk": SK,
    "pl": PL, "ru": RU, "uk": UK, "fi": FI, "sv": SV, "da": DA, "nb": NB, "ro": RO, "tr": TR, "el": EL,
    "id": ID, "hi": HI, "mr": MR, "te": TE,
}
