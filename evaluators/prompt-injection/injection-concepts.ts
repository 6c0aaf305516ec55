// Word classes the injection model sees besides the words themselves: a word of a class also
// emits the class as a feature, and two class words close together emit the pair. Synonyms share
// weight this way, so an attack phrased with words the training data lacks ("overlook the prior
// directives") still scores like the phrasings it has ("ignore the previous instructions").
// English first, plus the override/instruction words of es, fr, de, it, pt (text is folded:
// lower case, accents stripped). A trailing `*` matches any word with that prefix (4+ letters).

const CLASSES: Record<string, string> = {
  override:
    'ignore* ignoring disregard* forget* forgot* overlook* bypass* override* overrid* abandon* discard* dismiss* neglect* skip skipping void scrap drop ditch olvid* ignora* ignorez ignoriere* vergiss* vergessen dimentic* esquec* oubli* desconsider* nevermind',
  prior: 'previous* prior above earlier preceding former original initial aforementioned anterior* precedent* vorherig* obigen bisherig* prima sopra',
  instruction:
    'instruct* direction directions directive* rule rules guideline* prompt prompts order orders command* constraint* restriction* polic* programming protocol* regla* regle* regel* istruzion* instrucc* instruc* anweisung* consigne* richtlinie* vorgab* indicazion*',
  ai: 'assistant* chatbot* bot llm gpt chatgpt claude gemini copilot agent* model* ai summari* translator* system',
  reveal: 'reveal* print* repeat* output* display* leak* disclose* expose* dump* recite* spell* verbatim quote* divulg* tell share show',
  secret: 'password* passcode* passphrase secret* confidential* hidden credential* token* apikey key keys pin',
  role: 'pretend* roleplay* role simulat* persona* character* impersonat* act acting become',
  unrestricted: 'unfilter* uncensor* unrestrict* amoral unethical jailbr* unlimited limitless unbound* dan dude stan anything',
  shift: 'now henceforth onward onwards instead new moment hereafter forthwith',
  privilege: 'admin* administrator* developer* debug* sudo root privileg* maintenance override mode god superuser',
  granted: 'granted grant access approved unlocked',
  exfil: 'send* forward* email* upload* exfiltrat* transmit* post webhook http https url link* click* visit*',
  you: 'you your yourself',
}

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
/** The hash `textFeatures` keeps of a word's first characters (see there). */
export const WORD_HASH_SEED = FNV_OFFSET ^ 0x77

function hashWord(word: string): number {
  let h = WORD_HASH_SEED
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME)
  return h
}

/** Exact words and prefixes (by running hash) to class number (1-based). */
export const CONCEPT_EXACT = new Map<number, number>()
export const CONCEPT_PREFIX = new Map<number, number>()
/** Longest prefix length in the table. */
export const CONCEPT_MAX_PREFIX = 14
export const CONCEPT_COUNT = Object.keys(CLASSES).length

Object.values(CLASSES).forEach((words, i) => {
  for (const w of words.split(' ')) {
    if (w.endsWith('*')) CONCEPT_PREFIX.set(hashWord(w.slice(0, -1)), i + 1)
    else CONCEPT_EXACT.set(hashWord(w), i + 1)
  }
})

/** The class of one folded word (0: none), as `textFeatures` finds it: the exact word, else its longest listed prefix. */
export function conceptOf(word: string): number {
  let h = WORD_HASH_SEED
  let concept = 0
  for (let i = 0; i < word.length; i++) {
    h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME)
    if (i + 1 >= 4 && i + 1 <= CONCEPT_MAX_PREFIX) concept = CONCEPT_PREFIX.get(h) ?? concept
  }
  return CONCEPT_EXACT.get(h) ?? concept
}
