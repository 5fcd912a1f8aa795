"""Topic cue tables of the Romance and Germanic languages, English first (data only; the syntax
is in :mod:`audiokit.chapters.cue_phrases`)."""

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
