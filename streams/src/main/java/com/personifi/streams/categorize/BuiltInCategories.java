package com.personifi.streams.categorize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.personifi.schemas.Words;
import com.personifi.schemas.events.CategorySource;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.ids.TransactionIds;

/**
 * Built-in patterns for African mobile-money operations, billers and merchants: the last word before
 * "Uncategorized", after a user's own rules and learned corrections. The first matching pattern wins, so specific
 * ones (fees, loans, billers) come before generic ones (shops, transfers between people).
 * <p>
 * Words match whole words of the description and counterparty (lower case, punctuation as spaces), so "bus" does not
 * match "business"; phrases match whole-word sequences. Each transaction is tokenized once.
 */
public final class BuiltInCategories {

    private record Rule(String name, Predicate<Subject> matches, String category, int confidence) {
    }

    /** Every vocabulary below, in the order they are declared; a vocabulary's position is its bit in {@link Subject}. */
    private static final List<Terms> VOCABULARIES = new ArrayList<>();

    private static final Terms MOBILE_MONEY_CHARGE = Terms.of("excise duty", "ledger fee", "maintenance fee",
            "sms charge", "e-levy", "elevy", "mobile money levy", "momo levy", "tozo", "ushuru", "emtl",
            "electronic money transfer levy", "stamp duty");
    private static final Terms BANK_AND_WALLET_FEES = Terms.of("transaction fee", "transaction fees",
            "transaction charge", "transfer fee", "transfer fees", "transfer charge", "withdrawal fee",
            "withdrawal charge", "cash out fee", "cashout fee", "deposit fee", "service fee", "monthly fee",
            "account fee", "monthly account fee", "account maintenance", "card fee", "card maintenance",
            "card replacement", "sms fee", "sms alert", "sms alerts", "sms notification", "notification fee",
            "atm fee", "atm charge", "bank charge", "bank charges", "commission", "cot", "vat", "nip charge",
            "nip fee", "international txn fee", "cash handling fee", "penalty fee", "unpaid fee", "frais",
            "admin fee", "handling fee");
    /** Fuliza confirmation messages mention its access fee, but the message is about the overdraft drawn. */
    private static final Terms OVERDRAFT_DRAWS = Terms.of("fuliza m-pesa amount is", "fuliza amount is");
    private static final Terms LOANS_AND_FULIZA = Terms.of("fuliza", "od loan", "loan", "loans", "tala",
            "branch international", "zenka", "fairmoney", "okash", "timiza", "songesha", "wewole", "hustler fund",
            "m-shwari loan", "kcb m-pesa loan", "mokash loan", "lipa later", "overdraft", "mkopo", "mikopo",
            "qwikloan", "xpressloan", "fido", "nivushe", "nipige tafu", "m-pawa loan", "helb", "mortgage",
            "home loan", "bond repayment", "vehicle finance", "wesbank", "directaxis", "direct axis", "wonga",
            "lime24", "finbond", "bayport", "letshego", "izwe", "platinum credit", "watu credit", "m-kopa",
            "mkopa", "mogo", "palmcredit", "palm credit", "renmoney", "carbon", "aella", "quickcheck",
            "easemoni", "specta", "kiakia", "migo", "credpal", "easybuy", "zash", "okolea", "lendplus",
            "credit card payment", "credit card repayment", "hire purchase", "lipa mdogo mdogo",
            "jumo", "kashbox");
    private static final Terms REVERSALS_AND_REFUNDS = Terms.of("refund", "refunded", "refunds", "reversal",
            "reversed", "reverse", "rvsl", "chargeback", "charge back", "imerejeshwa", "umerejeshewa",
            "returned payment", "payment returned", "return of funds", "cashback", "cash back reward");
    private static final Terms PAYROLL = Terms.of("salary", "salaries", "payroll", "wages", "stipend", "net pay",
            "net salary", "magtape", "mshahara", "ippis", "tsc", "allowance", "allowances", "sal", "pay slip",
            "monthly pay", "13th cheque", "cagd", "pension", "bulk payment");
    private static final Terms INTEREST = Terms.of("interest", "dividend", "dividends", "int credit", "int paid",
            "credit interest", "coupon", "riba");
    private static final Terms AIRTIME_AND_BUNDLES = Terms.of("airtime", "bundle", "bundles", "data bundle",
            "recharge", "tunukiwa", "vtu", "data plan", "data plans", "data purchase", "data subscription",
            "data sub", "buy data", "mobile data", "muda wa maongezi", "vifurushi", "kifurushi", "bando",
            "prepaid airtime", "prepaid mobile", "prepaid data", "vodacom prepaid", "mtn prepaid", "cell c",
            "glo", "globacom", "9mobile", "etisalat", "airteltigo", "halotel", "vodacom", "telkom mobile");
    private static final Terms ELECTRICITY_TOKENS_AND_BILLS = Terms.of("888880", "888888", "kplc", "luku", "umeme",
            "yaka", "ecg", "ikedc", "ekedc", "aedc", "tanesco", "eucl", "prepaid mtr", "electricity", "zesco",
            "kenya power", "eskom", "city power", "prepaid electricity", "prepaid elec", "elec", "electric",
            "cash power", "cashpower", "escom", "nedco", "phed", "eedc", "ibedc", "kedco", "bedc", "kaedco",
            "jed", "yedc", "eko electric", "ikeja electric", "abuja electric", "phcn", "nepa", "power holding",
            "prepaid meter", "meter token", "electricity token", "tokens", "copperbelt energy",
            "rwanda energy", "reg cash power", "energy group", "power token");
    /** Food delivery through ride-hailing apps; before the rides rule, which would take "uber" and "bolt". */
    private static final Terms FOOD_DELIVERY = Terms.of("uber eats", "ubereats", "bolt food", "glovo",
            "jumia food", "mr d", "mr d food", "chowdeck", "woolies dash", "sixty60 food");
    private static final Terms MATATU_BODA_AND_RIDES = Terms.of("matatu", "boda", "bodaboda", "super metro",
            "embassava", "rombo", "citi hoppa", "kbs", "bolt", "uber", "little", "yego", "coach", "bus", "brt",
            "express", "fare", "taxify", "safeboda", "faras", "indrive", "indriver", "little cab", "yango",
            "taxi", "cab", "cabs", "shuttle", "gautrain", "greyhound", "intercape", "translux", "citiliner",
            "city to city", "eldo coaches", "myciti", "rea vaya", "areyeng", "metrorail", "prasa", "putco",
            "golden arrow", "modern coast", "easy coach", "easycoach", "mash poa", "tahmeed", "dreamline",
            "ena coach", "mololine", "2nk", "sgr", "madaraka express", "kenya railways", "daladala", "dala dala",
            "bajaji", "bajaj", "pikipiki", "tuk tuk", "tuktuk", "keke", "okada", "danfo", "gokada", "cowry card",
            "gigm", "gig mobility", "abc transport", "trotro", "tro tro", "stc", "vip bus", "nauli", "udart",
            "dart", "tazara", "ferry", "azam marine", "fast ferries", "tap&go", "tap & go", "ritco", "volcano",
            "horizon express", "link bus", "bus fare", "bus ticket", "train ticket", "e-hailing", "ride",
            "rides", "trip", "trips", "transport");
    private static final Terms SAVINGS = Terms.of("m-shwari", "mshwari", "mokash", "sacco", "saccos", "savings",
            "fixed deposit", "lock savings", "chama", "ziidi", "m-koba", "mkoba", "m-pawa", "mpawa", "akiba",
            "money market", "mmf", "unit trust", "unit trusts", "stokvel", "susu", "esusu", "ajo", "vsla",
            "village savings", "table banking", "merry go round", "tontine", "ikimina", "ejo heza",
            "piggyvest", "cowrywise", "risevest", "kuda save", "easyequities", "satrix", "tax free savings",
            "retirement annuity", "provident fund", "treasury bill", "treasury bills", "t-bill", "t-bills",
            "treasury bond", "xeno", "etica", "safelock", "target savings",
            "mali");
    private static final Terms CASH_WITHDRAWALS = Terms.of("withdrawal at agent", "withdraw", "cash out", "atm wdl",
            "atm withdrawal", "cash withdrawal", "agent withdrawal", "withdrawn", "withdrawal", "cashout",
            "atm wd", "cash wdl", "pos wdl", "pos withdrawal", "atm cash", "at atm", "cash @ till", "cash at till",
            "saswitch", "umetoa", "toa pesa", "kutoa", "retrait", "cash withdraw",
            // M-Pesa messages run the time into the next word: "at 7:19 AMWithdraw Ksh2,000.00"
            "amwithdraw", "pmwithdraw");
    private static final Terms ATM = Terms.of("atm");
    private static final Terms AGENT = Terms.of("agent", "wakala");
    private static final Terms CASH_DEPOSITS = Terms.of("deposit of funds", "cash in", "cash deposit",
            "deposit at agent", "agent deposit", "umeweka", "cash dep", "csh dep", "adt cash deposit",
            "atm deposit", "cdm deposit", "teller deposit", "deposit by", "cash to", "cashin", "dépôt");
    private static final Terms PUBLIC_HEALTH_COVER = Terms.of("sha", "nhif", "social health", "nhis", "nhima",
            "hospital insurance fund", "national health insurance", "mutuelle", "cbhi", "medical aid",
            "discovery health", "bonitas", "medshield", "fedhealth", "bestmed", "momentum health", "polmed",
            "medihelp", "keyhealth", "gems medical", "masm", "hmo", "hygeia", "reliance health");
    private static final Terms INSURANCE = Terms.of("insurance", "britam", "jubilee", "allianz", "madison",
            "old mutual", "sanlam", "assurance", "insure", "insurer", "insurers", "bima",
            "life cover", "funeral cover", "funeral plan", "funeral policy", "education plan", "education policy",
            "cic", "apa", "aar", "icea", "icea lion", "hollard", "nico life", "nico general", "metropolitan life", "discovery life", "discovery insure", "momentum",
            "liberty life", "outsurance", "miway", "king price", "dialdirect", "dial direct",
            "first for women", "clientele", "avbob", "assupol", "1life", "santam", "leadway", "aiico",
            "axa mansard", "axa", "custodian", "enterprise life", "starlife", "glico", "zsic",
            "prudential", "uap", "takaful", "policy", "sonarwa",
            "prime insurance", "first assurance", "kenindia", "pps");
    private static final Terms HEALTH = Terms.of("sha", "nhif", "social health", "hospital", "clinic", "pharmacy",
            "pharmaceuticals", "chemist", "medical", "dental", "laboratory", "nursing home", "health",
            "hospitals", "clinics", "pharmacie", "pharma", "chemists", "dispensary", "dawa", "hospitali",
            "zahanati", "kliniki", "medicine", "medicines", "drug store", "drugstore", "drugs", "dentist",
            "doctor", "optical", "optician", "optica", "eye care", "eye clinic", "diagnostic", "diagnostics",
            "maternity", "physio", "physiotherapy", "x-ray", "radiology", "pathcare", "ampath", "lancet",
            "netcare", "mediclinic", "life healthcare", "dis-chem", "dischem", "clicks", "medirite", "medplus",
            "healthplus", "goodlife", "haltons", "pharmaplus", "mydawa", "aga khan", "nairobi hospital",
            "mp shah", "gertrude", "gertrudes", "mater", "avenue healthcare", "knh", "evercare",
            "reddington", "specsavers", "spec savers", "medical centre", "health centre", "surgery", "surgical",
            "nakasero", "ihk", "mengo", "nyaho", "lister", "medics", "meds");
    private static final Terms SCHOOL_FEES = Terms.of("school", "schools", "academy", "college", "university",
            "daycare", "day care", "kindergarten", "school fees", "adm", "tuition", "polytechnic", "shule",
            "ada ya shule", "chuo", "chuo kikuu", "sch", "sch fees", "secondary", "primary", "high school",
            "nursery", "pre-school", "preschool", "creche", "crèche", "montessori", "learning centre",
            "varsity", "unisa", "wits", "uct", "unza", "unima", "makerere", "kyambogo", "knust", "ashesi",
            "strathmore", "usiu", "jkuat", "kenyatta university", "school fee", "term fees", "exam fees",
            "exam fee", "registration fee", "waec", "neco", "jamb", "knec", "necta", "uneb", "curro",
            "institute", "seminary", "education", "boarding", "admission");
    private static final Terms BETTING = Terms.of("sportpesa", "betika", "odibets", "mozzart", "betway", "shabiki",
            "sportybet", "bet9ja", "bet", "lotto", "betting", "1xbet", "hollywoodbets", "hollywood bets",
            "supabets", "betking", "premier bet", "premierbet", "gal sport", "galsport", "betpawa", "bet pawa",
            "nairabet", "merrybet", "msport", "bangbet", "betlion", "lottostar", "ithuba", "national lottery",
            "lottery", "jackpot", "casino", "sunbet", "playabets", "world sports betting", "gbets", "22bet",
            "bet365", "helabet", "parimatch", "m-bet", "mbet", "meridianbet", "wasafibet", "fortebet", "bolabet",
            "soccabet", "sportingbet", "betxchange", "baba ijebu", "premier lotto", "aviator", "livescore bet",
            "topbet", "castlebet", "bets", "gsb", "betin", "bet254", "kwikbet", "nla");
    /** Leisure places whose names would otherwise read as water or transport bills. */
    private static final Terms LEISURE_VENUES = Terms.of("water park", "waterpark", "water world", "splash park",
            "amusement park", "theme park", "zoo", "snake park", "safari walk", "national park", "game reserve",
            "kws", "sanparks", "museum", "museums", "aquarium", "bowling", "arcade", "karaoke", "golf");
    private static final Terms WATER_AND_MUNICIPAL_BILLS = Terms.of("nairobi water", "water company",
            "water and sewerage", "water project", "water bill", "nwsc", "dawasa", "gwcl", "wasac", "county",
            "garbage", "land rates", "water services board", "water board", "water works", "waterworks",
            "water & sewerage", "water supply and sewerage", "water and sanitation", "water sewerage",
            "water utility", "water corporation", "ghana water", "national water", "lusaka water", "luwsc",
            "lwsc", "lwssc", "nkana water", "southern water", "lilongwe water", "blantyre water", "lwb", "bwb",
            "ruwasa", "auwsa", "muwsa", "nawasco", "nawassco", "eldowas", "mowasco", "kiwasco", "thika water",
            "lawma", "refuse", "waste", "sanitation", "sewerage", "municipality", "municipal",
            "rates", "rates and taxes", "city of johannesburg", "city of cape town", "city of tshwane", "coj",
            "tshwane", "ekurhuleni", "ethekwini", "mangaung", "buffalo city", "nelson mandela bay", "msunduzi",
            "city council", "county council", "municipal council", "city county", "land use charge",
            "property rates", "kcca", "council", "water rates", "water charges");
    private static final Terms WATER_VENDORS = Terms.of("water supplies", "water vendor", "water kiosk",
            "water point", "water atm", "bowser", "water delivery", "maji", "water refill", "water refilling",
            "water tanker", "water truck", "water bowser", "drinking water", "pure water", "sachet water",
            "borehole", "water station", "water vending", "maji safi", "water", "water suppliers", "jerrican",
            "mtungi");
    private static final Terms INTERNET_AND_TV = Terms.of("home fibre", "safaricom home", "zuku", "dstv", "gotv",
            "startimes", "faiba", "multichoice", "azam", "wifi", "internet", "fibre", "showmax", "fiber", "ftth",
            "wi-fi", "broadband", "isp", "canal+", "canal plus", "canal", "kwese", "topstar", "mawingu",
            "liquid home", "liquid telecom", "liquid intelligent", "vumatel", "openserve", "afrihost",
            "webafrica", "mweb", "cool ideas", "spectranet", "ipnx", "tizeti", "starlink", "roke telkom",
            "surfline", "busy internet", "tv licence", "tv license", "sabc", "decoder", "smartcard", "smart card",
            "tv subscription", "pay tv", "boxoffice", "tstv", "multi tv", "jtl", "poa internet", "airtel fibre",
            "mtn fibre", "zamtel fibre", "ttcl", "smile", "swift networks", "fibernet", "tv");
    private static final Terms COOKING_GAS_AND_CHARCOAL = Terms.of("progas", "k-gas", "total gas", "gas point",
            "gas refill", "cooking gas", "lpg", "charcoal", "mkaa", "afrigas", "gas", "makaa", "oryx gas",
            "hashi gas", "men gas", "lake gas", "taifa gas", "mihan gas", "gas cylinder", "lp gas", "paraffin",
            "kerosene", "mafuta ya taa", "firewood", "kuni", "briquettes");
    private static final Terms FUEL_STATIONS = Terms.of("filling station", "service station", "gas station",
            "petrol station", "fuel station");
    private static final Terms GENERATOR_FUEL = Terms.of("generator", "genset", "diesel depot", "gen fuel",
            "diesel for gen", "petrol for gen", "generator fuel");
    private static final Terms VEHICLE_FUEL = Terms.of("totalenergies", "total energies", "shell", "rubis",
            "vivo energy", "ola energy", "petrol", "filling station", "service station", "fuel", "engen", "sasol",
            "bp", "caltex", "astron energy", "puma energy", "total service station", "total filling", "oryx",
            "hass", "hass petroleum", "lake oil", "lake petroleum", "gapco", "mount meru", "moil", "conoil",
            "oando", "mobil", "nnpc", "ardova", "forte oil", "mrs oil", "ascon", "rainoil", "nipco", "goil",
            "star oil", "frimps", "zen petroleum", "allied oil", "kenol", "kobil", "galana", "gulf energy", "lexo",
            "nock", "astrol", "stabex", "city oil", "mogas", "petroda", "camel oil", "oilcom", "merez",
            "petroleum", "fuel station", "petrol station", "gas station", "diesel",
            "kobil station", "puma station", "puma service", "total station", "total ghana", "total kenya",
            "total uganda", "total zambia", "total malawi", "total tanzania", "total nigeria", "kituo cha mafuta");
    private static final Terms EATING_OUT = Terms.of("java house", "kfc", "artcaffe", "chicken inn", "pizza inn",
            "chicken republic", "restaurant", "cafe", "hotel", "chips", "food court", "eatery", "joint", "grill",
            "kitchen", "canteen", "waakye", "nyama choma", "burger", "diner", "pizza", "kilimanjaro", "chicken",
            "bistro", "lounge", "restaurants", "resto", "restaurante", "café", "coffee", "steers", "debonairs",
            "nando s", "nandos", "galito s", "galitos", "creamy inn", "mr biggs", "sweet sensation",
            "tantalizers", "the place", "mcdonald s", "mcdonalds", "burger king", "spur", "ocean basket",
            "mugg & bean", "roman s pizza", "romans pizza", "fishaways", "chicken licken", "hungry lion",
            "king pie", "simply asia", "rocomamas", "panarottis", "john dory s", "vida e caffe", "seattle coffee",
            "kauai", "starbucks", "domino s", "dominos", "papa john s", "pizza hut", "subway", "barcelos",
            "cafe javas", "javas", "big square", "cafeteria", "takeaway", "take away", "takeaways", "fast food",
            "fastfood", "pub", "tavern", "bar & grill", "bar and grill", "bar & restaurant", "mama put", "buka",
            "bukka", "suya", "chop bar", "kenkey", "kebab", "shawarma", "mgahawa", "hoteli", "mama ntilie",
            "chipsi", "kenchic", "dormans", "cold stone", "cafe neo", "pizzaman", "chickenman", "papaye",
            "starbites", "inn", "snacks", "snack bar", "choma", "bakers inn", "wimpy", "tashas", "tasha s",
            "pie city", "chicken hut", "food hub", "foods joint", "eats", "sushi", "bbq", "braai", "shisanyama",
            "pizzeria", "patisserie", "ice cream", "juice bar", "lunch", "dinner", "breakfast", "buffet",
            "restaurant & bar", "grille", "steakhouse", "tea room");
    private static final Terms FOOD_SHOPS_AND_MARKETS = Terms.of("naivas", "quickmart", "carrefour", "chandarana",
            "tuskys", "magunas", "cleanshelf", "shoprite", "shoppers", "supermarket", "supermarkets", "mini mart",
            "minimart", "grocer", "grocery", "groceries", "mama mboga", "kiosk", "butchery", "butcher", "fruits",
            "milk", "market", "fish", "posho", "alimentation", "foodstuff", "foodstuffs", "genge", "bakery", "duka",
            "greengrocer", "dairy", "greengrocers", "pick n pay", "picknpay", "pnp", "checkers", "sixty60",
            "woolworths", "woolworths food", "woolies", "spar", "superspar", "kwikspar", "boxer", "usave",
            "u-save", "ok foods", "ok minimark", "food lover s", "food lovers", "fruit & veg", "fruit and veg",
            "choppies", "khetia", "khetias", "eastmatt", "mathai", "jazaribu", "capital shoppers", "mega standard",
            "quality supermarket", "kenjoy", "simba supermarket", "sawa city", "palace hypermarket", "maxmart",
            "justrite", "ebeano", "prince ebeano", "market square", "hubmart", "addide", "park n shop",
            "foodco", "chipiku", "ptc", "shoprite checkers", "hypermarket", "superette", "provisions",
            "provision store", "provision shop", "mini market", "minimarket", "cash and carry", "cash & carry",
            "wholesale", "wholesalers", "vegetables", "veggies", "fruit", "mboga", "soko", "sokoni", "meat",
            "nyama", "samaki", "eggs", "maziwa", "bread", "mkate", "unga", "maize", "mahindi", "rice", "mchele",
            "sugar", "sukari", "flour", "poultry", "spaza", "tuck shop", "bakers", "foods", "food", "grocers",
            "mart", "supermkt", "supa mkt", "butchers", "fishmonger", "abattoir", "produce", "fresh produce",
            "mini supermarket", "makro", "metro cash", "food store", "food shop",
            "victoria supermarket", "village supermarket", "shrijee", "shrijees", "imalaseko", "t2000");
    private static final Terms SHOPS = Terms.of("hardware", "stationers", "stationery", "salon", "barber", "spares",
            "boutique", "fashion", "fashions", "shoe", "shoes", "appliances", "electronics", "jumia", "kilimall",
            "melcom", "decathlon", "waikiki", "mall", "textiles", "cosmetics", "beauty", "furniture", "bookshop",
            "clothing", "stores", "mr price", "mrp", "pep", "pep stores", "ackermans", "edgars", "truworths",
            "foschini", "tfg", "markham", "sportscene", "totalsports", "cotton on", "h&m", "zara", "game stores",
            "game", "builders", "builders warehouse", "cashbuild", "leroy merlin", "takealot", "amazon",
            "aliexpress", "temu", "shein", "konga", "jiji", "masoko", "incredible connection", "hifi corp",
            "istore", "hotpoint", "bata", "deacons", "studio 88", "tekkie town", "cna", "dunns",
            "sheet street", "china mall", "kinyozi", "mitumba", "tailor", "tailoring", "fabrics",
            "kitenge", "phones", "phone shop", "mobile phones", "computers", "electricals", "nails", "spa",
            "barbershop", "barbers", "hair", "perfume", "perfumes", "jewellery", "jewelry", "wear", "apparel",
            "outfitters", "gift shop", "gifts", "toys", "bookstore", "books", "electrical", "paint", "paints",
            "tiles", "timber", "motor spares", "auto spares", "tyres", "tyre", "car wash", "carwash", "laundry",
            "dry cleaners", "dry cleaning", "samsung", "tecno", "infinix", "apple", "defacto", "lc waikiki",
            "shopping", "store", "online shop", "shop");
    private static final Terms ENTERTAINMENT = Terms.of("cinema", "cinemax", "imax", "spotify", "netflix",
            "ticketsasa", "tickets", "madfun", "concert", "club", "theatre", "games", "cinemas", "ster-kinekor",
            "ster kinekor", "nu metro", "silverbird", "filmhouse", "genesis cinema", "canal olympia",
            "apple music", "youtube", "youtube premium", "boomplay", "audiomack", "deezer", "mdundo",
            "playstation", "xbox", "steam", "computicket", "ticketpro", "quicket", "webtickets", "mookh",
            "hustlesasa", "tikiti", "festival", "gig", "theater", "movies", "movie", "ticket", "event", "events",
            "nightclub", "night club", "disney", "prime video", "dstv boxoffice", "gym", "fitness",
            "virgin active", "planet fitness", "sports club", "country club", "paintball", "go kart");
    private static final Terms RENT = Terms.of("rent", "landlord", "rentals", "apartments", "house rent",
            "caretaker", "rental", "kodi ya nyumba", "nyumba", "properties", "property", "estate", "estates",
            "apartment", "flats", "hostel", "hostels", "letting", "lettings", "realty", "housing",
            "accommodation", "bedsitter", "residence", "residency", "landlady", "agency fee", "caution fee",
            "property management", "managing agent", "body corporate");
    private static final Terms OWN_ACCOUNTS = Terms.of("own account", "to own", "own m-pesa", "own mpesa",
            "self transfer", "b2c to", "c2b from", "mpesa b2c", "mpesa c2b", "bank to mpesa", "bank to m-pesa",
            "mpesa to bank", "m-pesa to bank", "own acct", "own a c", "inter account", "interaccount",
            "between accounts", "between own", "to self", "from self", "own wallet", "to my account",
            "to my wallet", "from my account", "transfer to savings");
    private static final Terms BANKS = Terms.of("bank", "equity", "co-operative", "ncba", "stanbic", "absa",
            "i&m", "dtb", "family bank", "kcb", "co-op", "coop", "stanchart", "standard chartered", "gtbank",
            "gtb", "zenith", "uba", "fcmb", "fidelity", "wema", "polaris", "kuda", "opay", "palmpay",
            "moniepoint", "ecobank", "fnb", "capitec", "nedbank", "tymebank", "crdb", "nmb", "nbc", "zanaco",
            "fdh", "nbs", "centenary", "dfcu", "gcb", "calbank");
    /** With a bank's name: a deposit to one's own account there ("sent to EQUITY BANK for account 0123"). */
    private static final Terms BANK_ACCOUNT_TRANSFERS = Terms.of("for account", "acc", "account", "a c", "acct");
    private static final Terms REMITTANCE_COMPANIES = Terms.of("worldremit", "world remit", "western union",
            "moneygram", "remitly", "sendwave", "mukuru", "lemfi", "inward remittance", "taptap send",
            "ria money transfer", "ria financial", "small world", "azimo", "transferwise", "wise", "paysend",
            "nala", "chipper", "chipper cash", "hello paisa", "mama money", "dahabshiil", "amal express", "taaj",
            "xoom", "intermex", "terrapay", "thunes", "mfs africa", "onafriq", "homesend", "m-pesa global",
            "zeepay", "remittance", "remittances", "international transfer", "diaspora", "swift inward",
            "inward swift", "inward transfer", "money transfer", "skrill", "sendvalu", "afriex",
            "grey finance", "leatherback");
    /** Online shops and billers: money in from them is a refund. */
    private static final Terms REFUNDING_MERCHANTS = Terms.of("jumia", "kilimall", "takealot", "konga", "amazon",
            "aliexpress", "temu", "shein", "naivas", "carrefour", "shoprite", "checkers", "pick n pay", "woolworths",
            "nhif", "sha", "nhis", "kplc", "eskom", "dstv", "multichoice",
            "kenya airways", "airline", "airlines", "airways", "booking com", "airbnb", "hospital",
            "pharmacy");
    private static final Terms BUSINESS_INCOME = Terms.of("payouts", "payout", "upwork", "fiverr", "glovo",
            "bolt operations", "farmers payments", "contractors", "sales", "invoice", "paystack", "flutterwave",
            "yoco", "ikhokha", "snapscan", "zapper", "payfast", "peach payments", "shopify", "payoneer", "deel",
            "toptal", "freelance", "freelancer", "commission", "commissions", "agent commission", "consulting",
            "consultancy", "lpo", "contract payment", "proceeds", "sale of", "settlement", "pos settlement",
            "merchant settlement", "till settlement", "rent", "rental income", "tenant", "uber bv", "bolt driver",
            "uber driver", "driver payout", "customer payment", "merchant payment received", "lipa na m-pesa",
            "buy goods received", "fee income", "supply", "supplies", "milk payment", "tea payment",
            "coffee payment", "cooperative society", "ktda", "produce payment", "harvest");
    private static final Terms EMPLOYERS = Terms.of("ltd", "limited", "plc", "pty", "inc", "llc", "corporation",
            "company", "ministry", "government", "govt", "county government", "commission", "authority");
    private static final Terms MONEY_RECEIVED = Terms.of("funds received", "received from", "you have received",
            "received", "umepokea", "payment received", "kutoka kwa", "transfer from", "trf from", "tfr from",
            "trf frm", "transfer frm", "nip frm", "nip from", "nip cr", "credit from", "payment from", "from",
            "frm", "p2p", "inward", "credit transfer", "money received", "umetumiwa", "imepokelewa",
            "immediate payment", "instant payment", "payshap", "real time transfer", "ewallet", "instant money",
            "cashsend", "cash send", "send money", "transfer", "trf", "credit", "cr", "deposit", "momo",
            "mobile money", "wallet", "pesalink", "rtgs", "eft", "acb credit", "transferred");
    private static final Terms MONEY_SENT = Terms.of("send money", "sent to", "transfer to", "customer send money",
            "imetumwa", "sent", "umetuma", "umetumia", "trf to", "tfr to", "nip trf", "nip transfer", "nip to",
            "ussd trf", "mobile trf", "web trf", "transferred to", "fnb app payment to", "app payment to",
            "ib payment to", "immediate payment", "instant payment", "payshap", "real time transfer", "ewallet",
            "e-wallet", "instant money", "cashsend", "cash send", "p2p", "money transfer", "mobile transfer",
            "interbank transfer", "inter bank transfer", "transfer", "trf", "tfr", "pesalink", "rtgs", "eft",
            "send", "momo transfer", "wallet transfer", "to wallet");

    /** Each word that starts a term, with the vocabularies it opens. Built once every vocabulary exists. */
    private static final Map<String, Term[]> TERMS_BY_FIRST_WORD = index();

    private static final List<Rule> RULES = List.of(
            new Rule("overdraft draws", t -> t.any(OVERDRAFT_DRAWS), "loans-fuliza", 90),
            new Rule("mobile-money charge", t -> t.sourceRef.endsWith(TransactionIds.FEE_SUFFIX)
                    || t.description.endsWith(" charge") || t.description.endsWith(" charges")
                    || t.any(MOBILE_MONEY_CHARGE) || (t.sign < 0 && t.any(BANK_AND_WALLET_FEES)),
                    "mobile-money-fees", 95),
            new Rule("loans and Fuliza", t -> t.description.startsWith("overdraft of credit party")
                    || t.any(LOANS_AND_FULIZA), "loans-fuliza", 90),
            new Rule("reversals and refunds", t -> t.description.startsWith("reversal") || t.any(REVERSALS_AND_REFUNDS),
                    "refunds", 90),
            new Rule("payroll", t -> t.sign > 0 && t.any(PAYROLL), "salary", 85),
            new Rule("interest", t -> t.sign > 0 && t.any(INTEREST), "interest", 85),
            new Rule("airtime and bundles", t -> t.sign < 0 && t.any(AIRTIME_AND_BUNDLES), "airtime-data", 95),
            new Rule("electricity tokens and bills", t -> "888880".equals(t.merchantCode)
                    || "888888".equals(t.merchantCode) || t.any(ELECTRICITY_TOKENS_AND_BILLS), "electricity", 95),
            new Rule("food delivery", t -> t.sign < 0 && t.any(FOOD_DELIVERY), "eating-out", 85),
            new Rule("matatu, boda and rides", t -> t.sign < 0 && t.any(MATATU_BODA_AND_RIDES), "matatu-bodaboda", 85),
            new Rule("savings", t -> t.any(SAVINGS), "savings", 85),
            new Rule("cash withdrawals", t -> t.any(CASH_WITHDRAWALS)
                    || (t.sign < 0 && t.any(ATM) && !t.any(WATER_VENDORS)), "cash-withdrawal", 95),
            new Rule("cash deposits", t -> t.sign > 0 && t.any(CASH_DEPOSITS), "cash-deposit", 90),
            new Rule("public health cover", t -> t.sign < 0 && t.any(PUBLIC_HEALTH_COVER), "health", 90),
            new Rule("insurance", t -> t.sign < 0 && t.any(INSURANCE), "insurance", 85),
            new Rule("health", t -> t.sign < 0 && t.any(HEALTH), "health", 90),
            new Rule("school fees", t -> t.sign < 0 && t.any(SCHOOL_FEES), "school-fees", 85),
            new Rule("betting", t -> t.any(BETTING), "betting", 95),
            new Rule("leisure venues", t -> t.sign < 0 && t.any(LEISURE_VENUES), "entertainment", 80),
            new Rule("water and municipal bills", t -> t.sign < 0 && t.any(WATER_AND_MUNICIPAL_BILLS), "utilities", 85),
            new Rule("water vendors", t -> t.sign < 0 && t.any(WATER_VENDORS), "water-purchase", 80),
            new Rule("internet and TV", t -> t.sign < 0 && t.any(INTERNET_AND_TV), "internet-tv", 90),
            new Rule("cooking gas and charcoal", t -> t.sign < 0 && t.any(COOKING_GAS_AND_CHARCOAL)
                    && !t.any(FUEL_STATIONS), "charcoal-gas", 85),
            new Rule("generator fuel", t -> t.sign < 0 && t.any(GENERATOR_FUEL), "generator-fuel", 80),
            new Rule("vehicle fuel", t -> t.sign < 0 && t.any(VEHICLE_FUEL), "fuel", 85),
            new Rule("eating out", t -> t.sign < 0 && t.any(EATING_OUT), "eating-out", 85),
            new Rule("food shops and markets", t -> (t.sign < 0 || !t.any(BUSINESS_INCOME))
                    && t.any(FOOD_SHOPS_AND_MARKETS), "food", 85),
            new Rule("shops", t -> t.sign < 0 && t.any(SHOPS), "shopping", 80),
            new Rule("entertainment", t -> t.sign < 0 && t.any(ENTERTAINMENT), "entertainment", 85),
            new Rule("rent", t -> t.sign < 0 && t.any(RENT), "rent", 75),
            new Rule("cash out at an agent", t -> t.sign < 0 && t.any(AGENT), "cash-withdrawal", 80),
            new Rule("cash in at an agent", t -> t.sign > 0 && t.any(AGENT), "cash-deposit", 80),
            new Rule("own accounts", t -> t.any(OWN_ACCOUNTS) || (t.any(BANKS) && (t.description.startsWith("pay bill")
                    || t.description.startsWith("business payment from") || t.any(BANK_ACCOUNT_TRANSFERS))),
                    "own-transfers", 70),
            new Rule("remittance companies received", t -> t.sign > 0 && t.any(REMITTANCE_COMPANIES),
                    "remittances-received", 90),
            new Rule("remittance companies sent", t -> t.sign < 0 && t.any(REMITTANCE_COMPANIES),
                    "remittances-sent", 85),
            new Rule("refunding merchants", t -> t.sign > 0 && t.any(REFUNDING_MERCHANTS), "refunds", 70),
            new Rule("business income", t -> t.sign > 0 && t.any(BUSINESS_INCOME), "business-income", 75),
            new Rule("salary", t -> t.sign > 0 && (t.description.startsWith("business payment from")
                    || t.any(EMPLOYERS)), "salary", 70),
            new Rule("money received", t -> t.sign > 0 && t.any(MONEY_RECEIVED), "remittances-received", 80),
            new Rule("money sent", t -> t.sign < 0 && (t.description.startsWith("customer transfer")
                    || t.any(MONEY_SENT)),
                    "remittances-sent", 80));

    private BuiltInCategories() {
    }

    public static Categorization categorize(RawTransaction transaction) {
        Subject subject = new Subject(transaction);
        for (Rule rule : RULES) {
            if (rule.matches().test(subject)) {
                return new Categorization(rule.category(), CategorySource.BUILT_IN, rule.confidence());
            }
        }
        return Categorization.none();
    }

    /** Lower case, with every run of characters other than letters, digits and '&' turned into one space. */
    static String normalize(String text) {
        return Words.normalize(text, c -> Character.isLetterOrDigit(c) || c == '&');
    }

    /** A pattern's vocabulary of words and phrases; its bit says whether a transaction mentions any of them. */
    private record Terms(int bit, List<String> terms) {

        static Terms of(String... terms) {
            if (VOCABULARIES.size() == Long.SIZE) {
                throw new IllegalStateException("More vocabularies than bits in a long");
            }
            Terms vocabulary = new Terms(VOCABULARIES.size(), List.of(terms));
            VOCABULARIES.add(vocabulary);
            return vocabulary;
        }

        long mask() {
            return 1L << bit;
        }
    }

    /**
     * One term of a vocabulary: a single word ({@code phrase} null), or a phrase padded with spaces for whole-word
     * matching, filed under its first word.
     */
    private record Term(long vocabulary, String phrase) {
    }

    private static Map<String, Term[]> index() {
        Map<String, List<Term>> byFirstWord = new HashMap<>();
        for (Terms vocabulary : VOCABULARIES) {
            for (String term : vocabulary.terms()) {
                String normalized = normalize(term);
                int space = normalized.indexOf(' ');
                String first = space < 0 ? normalized : normalized.substring(0, space);
                byFirstWord.computeIfAbsent(first, w -> new ArrayList<>()).add(
                        new Term(vocabulary.mask(), space < 0 ? null : " " + normalized + " "));
            }
        }
        Map<String, Term[]> index = new HashMap<>();
        byFirstWord.forEach((first, terms) -> index.put(first, terms.toArray(Term[]::new)));
        return Map.copyOf(index);
    }

    /** The fields patterns look at, tokenized once per transaction. */
    private static final class Subject {
        private final String description;
        private final String padded;
        private final String merchantCode;
        private final String sourceRef;
        private final int sign;
        /** One bit per vocabulary the text mentions, so each pattern's check is a bit test. */
        private final long mentioned;

        Subject(RawTransaction t) {
            this.description = t.getDescription().toLowerCase(Locale.ROOT).strip();
            String text = normalize(t.getDescription()) + " " + normalize(t.getCounterparty());
            this.padded = " " + text + " ";
            Set<String> words = new HashSet<>();
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == ' ') {
                    if (i > start) {
                        words.add(text.substring(start, i));
                    }
                    start = i + 1;
                }
            }
            this.mentioned = mentioned(words, padded);
            this.merchantCode = t.getMerchantCode();
            this.sourceRef = t.getSourceRef();
            this.sign = t.getAmount().signum();
        }

        /**
         * Looks each of the transaction's words up once among every vocabulary's terms: a phrase can only occur
         * where its first word does, so only phrases starting with one of the words are searched for.
         */
        private static long mentioned(Set<String> words, String padded) {
            long mentioned = 0;
            for (String word : words) {
                Term[] terms = TERMS_BY_FIRST_WORD.get(word);
                if (terms == null) {
                    continue;
                }
                for (Term term : terms) {
                    if ((mentioned & term.vocabulary()) == 0 && (term.phrase() == null || padded.contains(term.phrase()))) {
                        mentioned |= term.vocabulary();
                    }
                }
            }
            return mentioned;
        }

        boolean any(Terms terms) {
            return (mentioned & terms.mask()) != 0;
        }
    }
}
