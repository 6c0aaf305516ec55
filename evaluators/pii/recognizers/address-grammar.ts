/**
 * The pieces of a street address, as bounded regex sources (every repetition has a fixed upper
 * bound, so each pattern is linear). Orders follow the country templates of the OpenCage address
 * formatting rules (`@fragaria/address-formatter`): house number before the street (US, UK, IE, AU,
 * CA, FR, IN, ZA…), after it (DE, AT, CH, NL, BE, DK, SE, NO, FI, PL, CZ, HU, IT, ES, PT, BR, MX,
 * TR…), postcode before the city (most of Europe and Latin America) or after it with a state code
 * (US, CA, AU), and the military forms (PSC/Unit … Box …, APO/FPO/DPO).
 */
const L = "[\\p{L}\\p{M}'’]"
/** A capitalised word (also in capitals), possibly hyphenated or abbreviated: "Saint-Germain", "D'Amore", "St.". */
export const CAP = `(?:(?:St|Ste|Sta|Sto|Mt|Ft|Pt|Av|Avda|Dr|Gen|Pres)\\.|\\p{Lu}${L}{0,24}(?:-\\p{L}${L}{0,20})?)`
const PARTICLE = '(?:de|del|della|dei|di|da|do|dos|das|du|des|la|le|les|los|las|el|al|sul|sur|lès|van|von|der|den|bei|ob|nad|pod|u|e|y|en|upon|on)'
/** 1–5 capitalised words with name particles between: a street or city name. */
export const NAME = `${CAP}(?:[ -](?:${PARTICLE} ){0,2}${CAP}){0,4}`

/** Street types written after the name (USPS Publication 28 suffixes and their UK/AU/IE counterparts). */
export const SUFFIXES = new Set(
  (
    'street st road rd avenue ave av lane ln drive dr boulevard blvd court ct way place pl square sq terrace ter parkway pkwy circle cir ' +
    'highway hwy trail trl path walk row close crescent cres grove gardens gdns hill hills park point pt plaza alley loop run pike turnpike ' +
    'tpke expressway expy freeway fwy crossing xing mall mews green view vista ridge heights hts island islands isle landing lake lakes creek ' +
    'brook brooks meadow meadows valley vly village villages glen haven harbor harbour port ports shore shores spring springs station summit ' +
    'track trace trafficway tunnel union unions wall walls wells wynd bypass causeway centre center ctr course estate estates field fields ' +
    'forge forges fork forks fort ferry flat flats ford fords gateway gate gateway junction junctions jct key keys knoll knolls manor manors ' +
    'mill mills mission motorway oval pass passage pines plains prairie radial ranch rapids rest route shoal shoals skyway spur stream ' +
    'stravenue throughway underpass via viaduct ville wharf parade quay drove esplanade promenade rise chase yard vale bridge cove cliff ' +
    'cliffs curve dale dam divide extension extensions falls garden hollow inlet light lights lodge mount mountain mountains neck orchard ' +
    'overpass parks pine plain ramp river burg burgs bluff bluffs bottom branch camp canyon cape corner corners crest commons club ' +
    'common cross crossroad dales drives estates greens groves harbors lock locks loaf mountains points ridges squares streets ' +
    'terraces turn views wells avenida'
  ).split(' '),
)

/** Street types written before the name (Romance, Portuguese, Polish, Czech, French…). */
export const PREFIX_STREET =
  '(?:Rua|Calle|C\\/|Avenida|Av\\.|Avda\\.?|Via|Viale|Strada|Piazza|Piazzale|Corso|Largo|Vicolo|Contrada|Borgo|Rotonda|Incrocio|Vico|Traversa|Monte|Ramal|Rodovia|Travessa|Alameda|Estrada|Praça|Marginal|Vereda|Ladeira|Parcela|Paseo|Plaza|Carrera|Camino|Ronda|Glorieta|Pasaje|Priv\\.|Privada|Calzada|Cerrada|Callejón|Circuito|Prolongación|Retorno|Andador|Rue|rue|Avenue|Boulevard|Bd|Impasse|Allée|Chemin|Place|Quai|Route|Cours|Passage|Sentier|Rond-point|Square|Galerie|Chaussée|Rampe|Ruelle|Voie|Esplanade|ul\\.|al\\.|os\\.|pl\\.|wyb\\.|Ulica|Aleja|Acesso|Beco|Cais|Escadinhas|Jardim|Lugar|Parque|Quinta|Rotunda|Urbanização|Zona|Arrabal|Mercado|Sector|Subida|Bajada|Cuesta|Travesía|Jardines|Barrio|Colonia|Polígono|Rambla|Senda|Carretera|Paraje|Partida|Ribera|Muelle|Explanada|Plazuela|Gran Vía|Nám\\.|Náměstí|rynek|rondo|droga|szosa|ulica|aleja|plac|park|skwer|bulwar|osiedle|wybrzeże)'

/** German, Dutch, Nordic, Finnish, Hungarian, Czech, Turkish street words, joined to the name or after it. */
export const JOINED_STREET =
  '(?:straße|strasse|str\\.|weg|gasse|platz|allee|ring|damm|ufer|steig|pfad|chaussee|markt|graben|laan|straat|gracht|plein|kade|singel|dreef|steeg|hof|park|vej|gade|vænget|stræde|allé|vägen|gatan|gränd|backe|stigen|veien|gata|gate|veg|tie|katu|kuja|polku|raitti|tori|kaari|rinne|utca|út|tér|sor|körút|sétány|köz|väg|väylä|kæret|dijk|ulice|třída|náměstí|nábřeží|cesta|caddesi|cadde|sokak|sokağı|bulvarı|mahallesi)'

/** A house number: 1–6 digits, an optional letter or range ("36c", "12-14", "9-7B"). */
export const HOUSE = '(?:s\\/n\\.?|\\d{1,6}(?:[ ]?[A-Za-z](?![\\p{L}]))?(?:[-/]\\d{1,4}[A-Za-z]?)?)'

/** Apartment, suite, floor: "Apt. 280", "Suite 900", "Unit 5", "4º A", "2. tv", "m. 893", "Apto. 615", a flat number before the comma ("868 C 9, …"), a Dutch floor in Roman numerals ("II"). */
export const SECONDARY =
  `(?:,? (?:Apto\\.?|Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Flat|Floor|Fl\\.?|Room|Rm\\.?|Bldg\\.?|Building|Appartamento|Piso|Edificio|Hus|Oppgang|Lote|Quadra|Casa|Bloco|Blok|Bus|Bte|Boîte|Stiege|Tür|Top|Piano|Scala|Interno|m\\.|lok\\.|Zimmer|Wohnung|Whg\\.|Lgh\\.|Leil\\.|Lejl\\.|#) ?[\\p{L}\\d]{1,6}\\.?| \\d{1,4}(?=,)|,? \\d{1,3}(?:º|ª|\\.)? ?(?:[A-Za-z]|izq\\.?|dcha\\.?|tv|th|mf|sal|OG|em|hoog|etage|étage|verdieping|andar)(?![\\p{L}])|,? (?:I{1,3}|IV|V|VI{1,3})(?![\\p{L}\\p{N}]))`

/** Postcodes by shape: ZIP(+4), UK, Canada, NL, PL, PT, BR, CZ/SK, and 4–5 digit codes. */
export const POSTCODE =
  '(?:\\d{5}-\\d{3,4}|\\d{4}-\\d{3}|\\d{2}-\\d{3}|\\d{3} \\d{2}|\\d{4} ?[A-Z]{2}(?![\\p{L}])|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d|[A-Z]{1,2}-\\d{4,5}|\\d{3} \\d{3}|\\d{4,6})'

/** A US/CA/AU state or province code. */
export const STATE_CODE = '(?:[A-Z]{2,3})'

/** The city line after a street: "Lake Whitney, NV 28372", "80331 München", "London SW1A 1AA", "SOUTH DANIELHAVEN, WI 21588-4086". */
export const CITY_LINE = `(?:${NAME},? ${STATE_CODE} ${POSTCODE}|${POSTCODE},? ${NAME}|${NAME},? ${POSTCODE})(?![\\p{L}\\p{N}])`

/** US military addresses. */
export const MILITARY = '(?:PSC \\d{3,5}, Box \\d{3,5}|Unit \\d{3,5} Box \\d{3,5}|USNS \\p{Lu}\\p{L}{1,20}|USS \\p{Lu}\\p{L}{1,20})(?:\\n|, ?| )(?:APO|FPO|DPO) (?:AA|AE|AP) \\d{5}'
