/**
 * Prompt-injection phrase patterns, matched against `normalizeText` output (lower case, accents
 * stripped, homoglyphs and leetspeak folded, whitespace collapsed).
 *
 * Linear-time rule: every quantifier is bounded, filler words are `[a-z']{1,20}` followed by a
 * separator (disjoint classes, so there is one way to split a run), and no pattern ends in a
 * quantified class that could backtrack through a long run.
 */

export type InjectionType =
  | 'INSTRUCTION_OVERRIDE'
  | 'JAILBREAK_ROLEPLAY'
  | 'SYSTEM_PROMPT_EXFILTRATION'
  | 'DATA_EXFILTRATION'
  | 'FAKE_ROLE_MARKUP'
  | 'ENCODED_PAYLOAD'
  | 'INVISIBLE_UNICODE'
  | 'HOMOGLYPH_OBFUSCATION'
  /** The shipped classifier (hashed n-grams, logistic regression) scored the text as an injection. */
  | 'PROMPT_INJECTION'

export interface InjectionPattern {
  id: string
  type: InjectionType
  re: RegExp
  score: number
  /** Quoting or discussing the phrase lowers its score (not for markup, which has no innocent use in data). */
  dampen: boolean
}

const W = "[a-z']{1,20}"
const SEP = '[ ,]{1,3}'
/** "above" as an adverb ("the text above"), not a preposition ("the instructions above the list"). */
const ABOVE = "above(?! (?:the|a|an|my|your|our|each|every|it|this|that|all)\\b)"
/** Up to n filler words. */
const filler = (n: number) => `(?:${W}${SEP}){0,${n}}`
const alt = (words: readonly string[]) => `(?:${words.join('|')})`

const OVERRIDE_VERBS = alt([
  'ignore', 'disregard', 'forget', 'override', 'bypass', 'skip', 'discard', 'drop', 'abandon', 'neglect', 'set aside',
  'pay no (?:attention|heed) to', 'do not (?:follow|obey)', "don't (?:follow|obey)", 'stop following', 'no longer follow', 'cancel', 'erase',
])
const OVERRIDE_QUALIFIERS = alt([
  'previous', 'prior', 'above', 'preceding', 'earlier', 'initial', 'original', 'system', 'old', 'existing', 'former',
  'foregoing', 'given', 'current', 'all', 'any', 'your', 'developer', 'every', 'those', 'these',
])
const OVERRIDE_NOUNS = alt([
  'instructions?', 'prompts?', 'directions', 'directives?', 'rules', 'guidelines', 'commands', 'constraints', 'programming',
  'guardrails', 'polic(?:y|ies)', 'restrictions', 'safeguards', 'training', 'orders', 'ethics', 'morals', 'safety (?:rules|guidelines|policies)',
])

const EXFIL_VERBS = alt([
  'reveal', 'show', 'print', 'display', 'output', 'repeat', 'tell', 'give', 'share', 'leak', 'dump', 'disclose', 'expose',
  'write out', 'spell out', 'recite', 'paste', 'copy', 'provide', 'return', 'echo', 'translate', 'summari[sz]e', 'read back',
  // "what is your system prompt", not "what is a system prompt" (a definition)
  'what (?:is|are|was|were)(?! an? )',
])
const PROMPT_WORDS = alt([
  '(?:system|initial|original|hidden|secret|internal|developer|pre-?|full|exact|confidential) ?(?:prompt|message|instructions)',
  'instructions (?:you were|you have been|you\'ve been) given',
  `(?:the )?(?:text|words|content|instructions|messages?) (?:${ABOVE}|before this|prior to this)`,
])

function p(id: string, type: InjectionType, source: string, score: number, dampen = true): InjectionPattern {
  return { id, type, re: new RegExp(source, 'g'), score, dampen }
}

/**
 * "ignore the instructions" in another language: 0.45 with the verb and the noun, 0.85 when a
 * qualifier ("previous", "anteriores", "vorherigen") says which instructions. Accents are stripped.
 */
function languageOverride(lang: string, verbs: string, nouns: string, qualifiers: string, qualifierPosition: 'before' | 'after'): InjectionPattern[] {
  const head = `\\b(?:${verbs})${SEP}${filler(3)}`
  const qualified =
    qualifierPosition === 'after'
      ? `${head}(?:${nouns}) ${filler(1)}(?:${qualifiers})\\b`
      : `${head}(?:${qualifiers}) (?:${nouns})\\b`
  return [
    p(`override-${lang}-qualified`, 'INSTRUCTION_OVERRIDE', qualified, 0.85),
    p(`override-${lang}`, 'INSTRUCTION_OVERRIDE', `${head}(?:${nouns})\\b`, 0.45),
  ]
}

export const injectionPatterns: readonly InjectionPattern[] = [
  // instruction override, English
  p('override-previous', 'INSTRUCTION_OVERRIDE', `\\b${OVERRIDE_VERBS}${SEP}${filler(3)}${OVERRIDE_QUALIFIERS}${SEP}${filler(2)}${OVERRIDE_NOUNS}\\b`, 0.85),
  p('override-the-above', 'INSTRUCTION_OVERRIDE', `\\b(?:ignore|disregard|forget) (?:all |everything |anything )?(?:of )?(?:the |that |what(?:'s| is| was) )?(?:above|before|previous(?:ly)?|prior|preceding|earlier|said)(?: (?:text|content|message|input|said))?[ ,.;:-]{1,3}(?:and|then|instead|now)\\b`, 0.8),
  p('ignore-what-you-were-told', 'INSTRUCTION_OVERRIDE', `\\b(?:ignore|disregard|forget) (?:everything |anything |all )?(?:that )?(?:what )?(?:you(?:'ve| have)? (?:were|been) (?:told|given|instructed)|you were told|i told you) (?:before|earlier|previously|so far|until now)\\b`, 0.75),
  p('forget-everything', 'INSTRUCTION_OVERRIDE', `\\bforget (?:about )?(?:everything|all(?: of)? (?:that|this|the above))\\b`, 0.45),
  p('new-instructions', 'INSTRUCTION_OVERRIDE', `\\b(?:new|updated|real|actual|true|secret|hidden|revised|override) (?:system )?(?:instructions?|directives?|rules|task|prompt) ?:`, 0.6),
  p('your-new-task', 'INSTRUCTION_OVERRIDE', `\\byour (?:new|real|actual|true|only) (?:task|instructions?|role|purpose|goal|objective|job)s? (?:is|are|will be|is now|are now)\\b`, 0.7),
  p('from-now-on', 'INSTRUCTION_OVERRIDE', `\\bfrom now on,? you (?:will|are|must|shall|should|can)\\b`, 0.4),
  p('hide-from-user', 'INSTRUCTION_OVERRIDE', `\\b(?:do not|don't|never) (?:tell|inform|alert|warn|notify|mention (?:this|it) to) the user\\b|\\bwithout (?:telling|informing|alerting|notifying) the user\\b`, 0.6),
  p('address-the-model', 'INSTRUCTION_OVERRIDE', `\\b(?:if you are|attention|note to|message (?:for|to)|instructions? (?:for|to)|dear) (?:an? |the )?(?:ai|llm|language model|assistant|chatbot|gpt|claude|agent|model)s?(?: reading this| processing this)?\\b[ ,:;.!-]{0,3}(?:${W} ){0,4}?(?:you must|you should|please|ignore|do not|don't|must|should)\\b`, 0.65),
  p('ignore-ethics', 'INSTRUCTION_OVERRIDE', `\\b(?:ignore|disregard|bypass|turn off|disable) (?:your |all |any )?(?:ethical|moral|safety|content) (?:guidelines|rules|filters?|constraints|principles|policies|training)\\b`, 0.8),
  // instruction override, other languages (accents are stripped by the normaliser)
  ...languageOverride(
    'es-it-pt',
    'ignora|ignore|ignorar|olvida|olvide|olvidar|descarta|omite|no sigas|dimentica|esquece|esqueca',
    'instrucciones|indicaciones|reglas|ordenes|directrices|istruzioni|regole|instrucoes|regras',
    'anteriores|previas|de arriba|originales|del sistema|precedenti|anteriori|dadas|recibidas',
    'after',
  ),
  p('override-es-all-before', 'INSTRUCTION_OVERRIDE', `\\b(?:olvida|ignora|olvide|ignore) todo lo (?:anterior|que te (?:dije|dijeron))\\b`, 0.75),
  ...languageOverride(
    'fr',
    "ignore[rz]?|oublie[rz]?|ne (?:tiens|tenez) (?:pas|plus) compte d(?:e|es|u)|fais abstraction d(?:e|es)|ne suis plus|ne suivez plus",
    'instructions?|consignes?|regles|directives|ordres|indications',
    "precedentes|anterieures|ci-dessus|d'avant|initiales|du systeme|donnees|recues",
    'after',
  ),
  p('override-fr-all-before', 'INSTRUCTION_OVERRIDE', `\\b(?:oublie[rz]?|ignore[rz]?) tout ce qui (?:precede|a ete dit)\\b`, 0.75),
  ...languageOverride(
    'de',
    'ignorier(?:e|en sie)?|vergiss|vergessen sie|missachte|missachten sie|uberspring(?:e|en sie)?',
    'anweisungen|instruktionen|befehle|regeln|vorgaben|anordnungen|richtlinien|systemanweisungen',
    'vorherigen|bisherigen|obigen|vorangegangenen|vorigen|fruheren|alten|ursprunglichen|vorstehenden|gegebenen',
    'before',
  ),
  p('override-de-all-before', 'INSTRUCTION_OVERRIDE', `\\b(?:vergiss|ignoriere|vergessen sie) alles(?:,)? (?:was|bisher|vorher|zuvor|oben)\\b`, 0.75),
  // jailbreak and role-play framings
  p('do-anything-now', 'JAILBREAK_ROLEPLAY', `\\bdo anything now\\b`, 0.85),
  p('dan', 'JAILBREAK_ROLEPLAY', `\\b(?:act as|you are|you're|you will be|pretend to be|become|stay|now|called|named) dan\\b|\\bdan mode\\b|\\bdan:`, 0.7),
  p('mode-enabled', 'JAILBREAK_ROLEPLAY', `\\b(?:developer|dev|god|jailbreak|jailbroken|unrestricted|unfiltered|evil|chaos|sudo|admin|debug|dan) mode (?:is )?(?:now )?(?:enabled|activated|unlocked|engaged|on(?=[.!:;,\\n]|$))|\\b(?:simulate|switch to|you are (?:now )?in|act in|respond in) (?:a |the )?(?:developer|dev|god|jailbreak|unrestricted|unfiltered|evil|dan|sudo) mode\\b|\\b(?:enter|enable|activate) (?:a |the )?(?:jailbreak|jailbroken|unrestricted|unfiltered|evil|dan|uncensored) mode\\b`, 0.85),
  p('mode-bare', 'JAILBREAK_ROLEPLAY', `\\b(?:jailbreak|jailbroken|evil|unrestricted|unfiltered|uncensored) mode\\b`, 0.5),
  p('take-the-role', 'JAILBREAK_ROLEPLAY', `\\b(?:immerse yourself|take on|assume|step into|play) (?:in|into )?(?:the )?role of (?:another|an?|the) (?:ai|ai model|model|assistant|chatbot|language model)\\b`, 0.7),
  p('jailbreak-word', 'JAILBREAK_ROLEPLAY', `\\bjailbr(?:eak|oken)\\b`, 0.35),
  p('no-longer-bound', 'JAILBREAK_ROLEPLAY', `\\b(?:you are|you're) (?:now )?no longer (?:bound|restricted|limited|constrained|an ai|chatgpt|claude|an assistant|a language model)\\b|\\b(?:you are|you're) (?:now )?(?:an? )?(?:unrestricted|unfiltered|uncensored|unbound|liberated|jailbroken|freed) (?:ai|model|assistant|chatbot|version)\\b`, 0.85),
  p('without-limits', 'JAILBREAK_ROLEPLAY', `\\b(?:without|with no|free (?:of|from)|not bound by|no longer (?:have|has|bound by)) (?:any )?(?:restrictions|limitations|filters|filtering|censorship|ethical (?:guidelines|constraints|principles)|moral(?:s| constraints| guidelines)|guardrails|content polic(?:y|ies)|safety (?:guidelines|measures|filters))\\b`, 0.45),
  p('pretend-unrestricted', 'JAILBREAK_ROLEPLAY', `\\b(?:pretend|imagine|act|roleplay|role-play|behave|respond) (?:to be |that you are |you are |as |like )(?:an? )?(?:${W} ){0,4}?(?:ai|assistant|model|chatbot|character|persona|version of yourself)\\b[ ,]{0,3}(?:that |who |which )?(?:has no|have no|without|with no|is not bound|isn't bound|can do anything|never refuses|doesn't refuse)\\b`, 0.8),
  p('unrestricted-persona', 'JAILBREAK_ROLEPLAY', `\\ban? (?:ai|assistant|model|chatbot|ai model|language model) (?:without|with no|free of) (?:any )?(?:restrictions|limits|limitations|filters|rules|guidelines|censorship)\\b|\\b(?:who|that|which) never refuses\\b`, 0.7),
  p('stay-in-character', 'JAILBREAK_ROLEPLAY', `\\bstay in character\\b|\\bnever break character\\b`, 0.45),
  p('two-responses', 'JAILBREAK_ROLEPLAY', `\\b(?:two|2) (?:different )?(?:responses|answers)\\b[^.\\n]{0,60}\\b(?:jailbr|unfiltered|dan|developer mode|classic)`, 0.7),
  // system prompt exfiltration
  p('exfil-system-prompt', 'SYSTEM_PROMPT_EXFILTRATION', `\\b${EXFIL_VERBS}${SEP}${filler(4)}${PROMPT_WORDS}\\b`, 0.8),
  p('exfil-your-instructions', 'SYSTEM_PROMPT_EXFILTRATION', `\\b${EXFIL_VERBS}${SEP}(?:me )?(?:all )?(?:of )?your (?:instructions|prompt|rules|directives|configuration|guidelines)(?: verbatim| word for word| exactly)?\\b`, 0.45),
  p('exfil-verbatim', 'SYSTEM_PROMPT_EXFILTRATION', `\\b(?:verbatim|word for word|in full)\\b[^.\\n]{0,40}\\b(?:prompt|instructions|initiali[sz]ation)\\b|\\bstarting (?:with|from) ["']?you are\\b`, 0.6),
  p('exfil-above-everything', 'SYSTEM_PROMPT_EXFILTRATION', `\\b(?:repeat|print|output|copy) (?:back )?(?:the |all (?:of )?the )?(?:words|text|everything|lines) (?:${ABOVE}|before|you were given)\\b`, 0.8),
  p('data-exfil-send', 'DATA_EXFILTRATION', `\\b(?:send|post|forward|email|upload|exfiltrate|transmit|append|encode)${SEP}${filler(3)}(?:conversation|chat history|chat log|history|user'?s? (?:data|details|messages|emails|password|credentials)|credentials|api keys?|passwords?|secrets|tokens?|session|cookies)\\b[^\\n]{0,60}?\\b(?:to|into|at) (?:https?:|www\\.|the (?:url|endpoint|address|server|webhook)|[a-z0-9._-]{1,40}@)`, 0.75),
  p('data-exfil-markdown-image', 'DATA_EXFILTRATION', `!\\[[^\\]\\n]{0,100}\\]\\(https?://[^\\s)]{1,300}\\?[^\\s)]{0,300}(?:\\{|%7b|\\[|<|\\$)`, 0.75),
  p('decode-and-follow', 'ENCODED_PAYLOAD', `\\b(?:decode|base64[- ]decode|rot13|rot-13|unscramble|reverse)${SEP}${filler(3)}(?:and|then)${SEP}(?:follow|execute|obey|do|run|carry out|act on)\\b`, 0.6),
  // fake role and delimiter markup
  p('chat-special-tokens', 'FAKE_ROLE_MARKUP', `<\\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|start_header_id|end_header_id|eot_id|begin_of_text|end_of_turn|start_of_turn)\\|>`, 0.9, false),
  p('inst-tags', 'FAKE_ROLE_MARKUP', `\\[/?inst\\]|<</?sys>>|<start_of_turn>|<end_of_turn>`, 0.8, false),
  p('markdown-role-header', 'FAKE_ROLE_MARKUP', `(?:^|\\n) {0,3}#{1,4} ?(?:system|system prompt|new instructions|admin|developer) ?:`, 0.8, false),
  p('markdown-turn-header', 'FAKE_ROLE_MARKUP', `(?:^|\\n) {0,3}#{1,4} ?(?:instructions?|assistant|human|user|response) ?:`, 0.5, false),
  p('xml-role-tags', 'FAKE_ROLE_MARKUP', `</?(?:system|system_prompt|sys|admin|developer|instructions?|im_start)>`, 0.7, false),
  p('line-role-prefix', 'FAKE_ROLE_MARKUP', `(?:^|\\n)(?:system|sistema|systeme|admin|developer) ?: ?(?:you|from now|ignore|new|the assistant|assistant)\\b`, 0.7, false),
  p('json-system-role', 'FAKE_ROLE_MARKUP', `["']role["'] ?: ?["']system["']`, 0.6, false),
  p('end-of-input', 'FAKE_ROLE_MARKUP', `\\b(?:end of (?:user input|context|document|the document|system prompt|conversation)|begin(?:ning)? of (?:new |the )?(?:system prompt|instructions))\\b`, 0.5, false),
]

/** Before a phrase: it is being discussed, quoted or taught, not issued. */
export const DISCUSSION_BEFORE =
  /(?:prompt[- ]injection|jailbreak(?:s|ing)?\b|attack(?:s|ers?)?\b|adversar|malicious|exploit|red[- ]team|classifier|detect|filter|block|flag|defen[cs]e|defend|mitigat|guard against|users? (?:asks?|tells?|types?|says?|writes?)\b|vulnerab|security|researcher|owasp|for example|for instance|e\.g\.|such as|phrases? (?:like|such)|strings? like|known as|so-called|called|example of|examples? (?:like|include)|like the|typed|wrote|writes|says|said|tries|try to|attempt|quote|quoted|the phrase|the sentence|the string|the text|training data|dataset|sample|test case|tutorial|article|paper|blog|study|explain|what (?:is|does)|why (?:do|does))/
export const DISCUSSION_AFTER = /^[^.!?\n]{0,40}?\b(?:is (?:a|an|the) (?:classic|common|well-known|typical|known|famous)|attacks?\b|technique|payload|jailbreak|injection|are (?:common|typical|examples)|example)/
