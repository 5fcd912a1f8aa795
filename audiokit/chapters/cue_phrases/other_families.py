"""Topic cue tables of the Slavic, Finnic, Indic, Turkic, Greek and Indonesian languages (data
only; the syntax is in :mod:`audiokit.chapters.cue_phrases`)."""

from __future__ import annotations

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
