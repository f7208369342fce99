package io.deskpilot.bot.answer;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Judges one sentence of an agent's reply, by grammar rather than by examples, in the languages Deskpilot speaks
 * (English, German, French, Spanish): does it report what someone did (or will do) for that one customer, does it tell
 * the reader what to do, and does it lean on an earlier sentence's action ("then", "now", "again").
 */
final class ReplySentences {

	private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

	/** Irregular English past forms and participles that agents report actions with. */
	private static final String IRREGULAR = "sent|made|set|reset|put|gave|given|took|taken|got|gotten|did|done|wrote|written|"
			+ "ran|run|built|rebuilt|found|bought|paid|moved|cut|shut|brought|kept|left|let|told|spoke|spoken|broke|broken|"
			+ "froze|frozen|hid|hidden|undid|undone|redid|redone|withdrew|withdrawn|began|begun|chose|chosen|shown|showed|"
			+ "swapped|re-?sent|re-?ran|re-?set|re-?issued|re-?added|re-?enabled|re-?created|set up|went|sorted|fixed|lit|"
			+ "dealt|held|lent|rang|saw|seen|sold|stuck|struck|swept|threw|thrown|tore|torn|wound|upgraded|forwarded";

	private static final String ADVERBS = "(?:just|already|now|also|manually|successfully|since|then|gone ahead and|went ahead and|"
			+ "been able to|quickly|finally|immediately|personally|remotely)\\s+";

	/** An English past form or participle: regular (-ed) or irregular. */
	private static final String PAST = "(?:[\\p{L}-]+ed|" + IRREGULAR + ")";

	/**
	 * Past forms of what a desk does for a customer (service actions): with "I" or "we" they report an action even when
	 * the sentence does not name the customer ("I've sent the request to the owner").
	 */
	private static final String SERVICE = "(?:re-?)?(?:set|reset|unlocked|granted|refunded|cancell?ed|replaced|restored|created|"
			+ "extended|upgraded|downgraded|sent|fixed|enabled|disabled|activated|deactivated|added|removed|deleted|assigned|"
			+ "approved|increased|raised|shipped|ordered|booked|arranged|issued|credited|changed|updated|moved|installed|"
			+ "pushed|renewed|opened|cleared|escalated|forwarded|scheduled|patched|restarted|rebooted|wiped|locked|blocked|"
			+ "unblocked|whitelisted|allowed|configured|set up|provisioned|migrated|transferred|applied|waived|reversed|"
			+ "voided|adjusted|routed|swapped|exchanged|unsubscribed|subscribed|registered|enrolled|processed|submitted|"
			+ "contacted|informed|notified|repaired|corrected|cleaned|purged|flushed|emptied|archived|refreshed|regenerated|"
			+ "rotated|revoked|disconnected|linked|unlinked|paired|mapped|invited|reassigned|closed|reopened|handled|sorted|"
			+ "made|sent out|passed on|asked|requested)";

	/** The index of the promise pattern in {@link #ACTION}: a promise under a condition is how things work. */
	private static final int FUTURE = 1;

	private static final List<Pattern> ACTION = List.of(
			// someone here did it for them (I / we, past or perfect, a service action or any action on "you"):
			// "I've reset your password", "we refunded the order", "I just added you to", "I checked your sign-ins";
			// not what the writer tried or found ("I tried removing the variables and it works")
			Pattern.compile("\\b(?:i|we)(?:'ve|’ve| have| had|'d|’d)?\\s+(?:" + ADVERBS + ")*" + SERVICE + "\\b"
					+ "|\\b(?:i|we)(?:'ve|’ve| have| had|'d|’d)?\\s+(?:" + ADVERBS + ")*" + "(?!(?:missed|misunderstood|misread|assumed|understood|thought|guessed|hoped|wondered|noticed|saw|read|found|"
					+ "seen|wanted|needed|liked|loved|hated|used to)\\b)" + PAST + "\\b[^.!?;]{0,100}\\b(?:you|your|yours)\\b",
					FLAGS),
			// someone here will do it: "I'll reset it", "we will send a replacement", "I'm going to escalate"
			Pattern.compile("\\b(?:i|we)(?:'ll|’ll| will| shall|'m going to|’m going to| am going to|'re going to|’re going to| are going to)"
					+ "\\s+(?:(?:now|also|then|personally|go ahead and)\\s+)*(?!need|have to|be\\b|(?:like|try|want) to)\\w+", FLAGS),
			// a named team or person did it: "HR has fixed it", "the owner approved it", "the team has restored the file"
			Pattern.compile("\\b(?:(?-i:HR|IT|Ops)|(?:the|our|your) (?:\\w+ )?(?:team|owner|admin|administrator|manager|vendor|courier|"
					+ "warehouse|department|engineer|technician|support|helpdesk|service desk|colleague|supervisor|lead|approver))\\s+"
					+ "(?:has |have |had )?(?:now |already |just )?" + PAST + "\\b", FLAGS),
			// a past event dated to that conversation: "it was approved this afternoon", "we patched it today"
			Pattern.compile("\\b(?:i|we|it|this|that|they|he|she|your \\w+)\\b[^.!?;]{0,20}\\b(?:was|were|got|has been|have been|"
					+ SERVICE + ")\\b[^.!?;]{0,60}\\b(?:today|this (?:morning|afternoon|evening)|"
					+ "yesterday|last night|just now|earlier today|a (?:few )?minutes? ago|heute|gestern|aujourd'hui|hier|hoy|ayer)\\b", FLAGS),
			// what the earlier customer already has: "which you're already in", "you already have the licence"
			Pattern.compile("\\byou(?:'re|’re| are| already have|'ve already|’ve already| have already)\\b[^.!?;]{0,20}?\\balready\\b"
					+ "|\\byou already (?:have|own|are|got)\\b", FLAGS),
			// the reader was acted on: "you've been added to the list", "you were charged twice"
			Pattern.compile("\\byou(?:'ve|’ve| have| had)? (?:now |just |already |also )?been\\s+" + PAST + "\\b"
					+ "|\\byou (?:were|got) (?:just |already |also )?" + PAST + "\\b", FLAGS),
			// the customer's things changed: "your password has been reset", "your order was cancelled", "your account is now unlocked"
			Pattern.compile("\\byour\\b[^.!?;]{0,80}?\\b(?:has|have|had) (?:now |already |just )?been\\s+" + SERVICE + "\\b", FLAGS),
			// (a present passive without "now" describes how things work for everyone: "your rights are raised at once")
			Pattern.compile("\\byour\\b[^.!?;]{0,80}?\\b(?:(?:was|were) (?:just |already )?|(?:is|are) (?:now|already) )(?:been )?(?:\\w+ed|"
					+ IRREGULAR + ")\\b(?! (?:to|by default|automatically|when|if|because))", FLAGS),
			// the result of someone's action, for this reader: "you're now in the group", "you can now log in",
			// "it should work now", "you now have access", "the server has been restarted"
			Pattern.compile("\\byou(?:'re|’re| are| now)\\b[^.!?;]{0,40}\\bnow\\b|\\byou(?:'ll|’ll| will| should) now\\b", FLAGS),
			Pattern.compile("\\bnow\\s+(?:have|has|own|see|receive|belong)\\b", FLAGS),
			Pattern.compile("\\b(?:should|will) (?:now )?(?:work|be fine|be working|be back|be active|be visible|be available)\\b[^.!?;]{0,20}\\bnow\\b", FLAGS),
			Pattern.compile("\\b(?:is|are|works?|working) (?:now |fine )?(?:again|now)\\b", FLAGS),
			// something of theirs or of the service was acted on: "the server has been restarted", "this has been fixed";
			// not a product's history ("card delete has been added since launch")
			Pattern.compile("\\b(?:the|this|that|it|its)\\b[^.!?;]{0,40}\\b(?:has|have) been " + SERVICE
					+ "\\b(?![^.!?;]{0,40}\\b(?:since|in (?:version|release|v?\\d)|by default|automatically|for everyone|"
					+ "in the (?:latest|new|next)))"
					+ "|\\b(?:has|have|was|were) been " + SERVICE + "\\b[^.!?;]{0,40}\\b(?:your|you)\\b", FLAGS),
			Pattern.compile("\\b(?:on|from) our (?:side|end)\\b", FLAGS),
			// German: "Ich habe Ihr Konto entsperrt", "wir haben ... zurückgesetzt", "Ihr Passwort wurde zurückgesetzt",
			// "Sie sind jetzt in der Gruppe", "ich werde ... senden"
			Pattern.compile("\\b(?:ich|wir)\\s+(?:habe|haben|hab|hatte|hatten|werde|werden)\\b(?!\\s+(?:eine frage|folgende))", FLAGS),
			Pattern.compile("\\b(?:ihr|ihre|ihren|ihrem|dein|deine|deinen|sie|du)\\b[^.!?;]{0,80}\\b(?:wurde|wurden|ist jetzt|sind jetzt|"
					+ "ist nun|sind nun|ist ab sofort|sind ab sofort|haben jetzt|hast jetzt|können jetzt|kannst jetzt|können nun)\\b", FLAGS),
			Pattern.compile("\\b(?:sollte|müsste|funktioniert)\\b[^.!?;]{0,30}\\b(?:jetzt|nun|wieder)\\b", FLAGS),
			// French: "j'ai réinitialisé", "nous avons envoyé", "votre compte a été débloqué", "vous êtes maintenant"
			Pattern.compile("(?:\\bj['’]ai|\\bnous avons|\\bje viens d[e']|\\bnous venons d[e']|\\bje vais|\\bnous allons)\\b", FLAGS),
			Pattern.compile("\\b(?:votre|vos|ton|ta|tes)\\b[^.!?;]{0,80}\\b(?:a été|ont été|est maintenant|sont maintenant|est désormais|"
					+ "sont désormais|est de nouveau)\\b", FLAGS),
			Pattern.compile("\\bvous (?:êtes|avez|pouvez) (?:maintenant|désormais|à nouveau)\\b", FLAGS),
			// Spanish: "he restablecido", "hemos enviado", "su cuenta ha sido desbloqueada", "ya tiene acceso"
			Pattern.compile("\\b(?:he|hemos)\\s+(?:(?:ya|también|vuelto a)\\s+)?\\p{L}+(?:ado|ido|ito|cho|sto|erto|elto)\\b|\\b(?:acabo de|acabamos de|voy a|vamos a)\\s+\\p{L}+", FLAGS),
			Pattern.compile("\\b(?:su|sus|tu|tus)\\b[^.!?;]{0,80}\\b(?:ha sido|han sido|fue|fueron|está ahora|ya está|ya están)\\b", FLAGS),
			Pattern.compile("\\b(?:ya|ahora)\\s+(?:tiene|tienes|puede|puedes|está|estás|es)\\b", FLAGS));

	/**
	 * Words that make "I/we" + past a statement about knowledge, not an action taken for the customer ("we noticed
	 * that", "I found that the cause is"): they still do not make the sentence reusable, so they stay actions.
	 * Conditional clauses are not reports: "once you have installed it", "if we changed".
	 */
	private static final Pattern CONDITIONAL = Pattern.compile("\\b(?:once|after|if|when|until|before|unless|wenn|nachdem|sobald|"
			+ "falls|si|une fois que|après avoir|cuando|una vez que|después de)\\s+(?:you|we|i|sie|du|vous|usted|tú)\\b", FLAGS);

	private static final Pattern IMPERATIVE = Pattern.compile("^(?:[-*•]\\s*|\\d+[.)]\\s*|step \\d+:?\\s*)?"
			+ "(?:(?:for|in|on|to|if|when|once|after|before|from|with|next time|in future|otherwise|für|bei|pour|para|si|wenn)\\b[^,;.]{0,60},\\s*)?"
			+ "(?:please\\s+|then\\s+|now\\s+|next,?\\s+|"
			+ "first,?\\s+|finally,?\\s+|also\\s+|just\\s+|simply\\s+)?(?:open|go|click|double-click|right-click|select|choose|pick|run|"
			+ "install|uninstall|reinstall|restart|reboot|remove|add|delete|enter|type|sign|log|connect|disconnect|update|upgrade|"
			+ "check|make|set|use|try|press|hold|turn|enable|disable|clear|change|reset|download|follow|visit|contact|ask|request|"
			+ "fill|submit|create|copy|paste|save|close|quit|switch|plug|unplug|wait|call|send|email|e-mail|upload|reply|rename|"
			+ "move|drag|tap|navigate|search|find|approve|allow|accept|launch|start|stop|edit|configure|point|replace|unlock|"
			+ "lock|reconnect|re-enter|re-add|link|join|leave|book|print|scan|attach|export|import|back|keep|avoid|don't|do not|"
			+ "make sure|ensure|note|look|see|read|hover|scroll|expand|untick|tick|uncheck|share|store|sync|forget|pair|charge|"
			+ "öffnen|klicken|wählen|gehen|melden|starten|geben|installieren|ouvrez|cliquez|allez|sélectionnez|choisissez|"
			+ "redémarrez|saisissez|entrez|connectez|installez|abra|haga|vaya|seleccione|elija|reinicie|escriba|introduzca|"
			+ "instale|pulse|inicie)\\b", FLAGS);

	private static final Pattern GUIDANCE = Pattern.compile("\\b(?:you (?:can|could|may|might|should|need to|have to|must|'ll need to|will need to)"
			+ "|you'll (?:need|want|have) to|to (?:fix|solve|avoid|get|do|change|set|add|use|stop|make|turn|install|open|reset|"
			+ "restore|recover|request|see|find|enable|disable|join)\\b|please|go to|in the [^.!?]{0,30} menu|[^\\s]+ > [^\\s]+|"
			+ "sie können|bitte|können sie|vous pouvez|veuillez|il faut|puede|puedes|por favor|hay que|debe)", FLAGS);

	/** Sentences that only make sense after an action sentence before them: "Then log in again", "After that ...". */
	private static final Pattern CONTINUES = Pattern.compile("^(?:then|after that|afterwards|once (?:that's|that is|this is) done|"
			+ "once done|from now on|danach|anschließend|ensuite|puis|después|luego)\\b|\\b(?:(?:log|sign) (?:in|on|back in)|try|"
			+ "melden sie sich|connectez-vous|inicie sesión) (?:again|erneut|an|de nouveau|à nouveau|de nuevo|otra vez)\\b"
			+ "|\\bre-?try\\b", FLAGS);

	private static final Pattern GREETING = Pattern.compile("^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|"
			+ "guten (?:tag|morgen|abend)|sehr geehrte[rs]?|liebe[rs]?|bonjour|bonsoir|salut|cher|chère|hola|buenos días|buenas"
			+ "|estimad[oa]|greetings|thanks? (?:you )?for (?:reaching out|contacting|getting in touch|your (?:patience|message|email|request))"
			+ "|vielen dank für ihre|merci pour votre|gracias por (?:su|tu|contactar))\\b[^.!?\\n]{0,60}[,.!:]?$"
			+ "|^(?:hi|hello|hey|dear|hallo|bonjour|hola)\\b\\s*\\S*\\s*[,!]?$", FLAGS);

	/** A greeting in front of the first sentence: "Hi Sam, I've reset ...". */
	private static final Pattern LEADING_GREETING = Pattern.compile("^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|"
			+ "guten (?:tag|morgen)|liebe[rs]?|sehr geehrte[rs]?|bonjour|bonsoir|salut|hola|buenos días|buenas tardes)\\b[^,!:\\n]{0,40}[,!:]\\s*",
			FLAGS);

	private static final Pattern SIGN_OFF = Pattern.compile("^(?:(?:best|kind|warm|many)?\\s*(?:regards|wishes)|cheers|thanks(?: again)?|"
			+ "thank you|many thanks|sincerely|yours|mit freundlichen grüßen|viele grüße|beste grüße|lg|mfg|cordialement|"
			+ "bien à vous|bonne journée|saludos|atentamente|un saludo|gracias|danke|merci)\\b[^.!?]{0,40}[,.!]?$"
			+ "|^(?:let (?:me|us) know if|hope (?:this|that) helps|i hope (?:this|that) helps|feel free to|don't hesitate to|do not hesitate to|"
			+ "if you (?:have|need) (?:any )?(?:other|more|further) (?:questions|help)|have a (?:nice|great|good) day|"
			+ "melden sie sich|bei fragen|n'hésitez pas|no dude en|quedo a (?:su|tu) disposición|j'espère que)\\b", FLAGS);

	private ReplySentences() {
	}

	/** A condition first: what follows is how things work ("If that fails, bring it in and we'll swap it"). */
	private static final Pattern CONDITION_FIRST = Pattern.compile("^(?:if|when|whenever|once|should|in case|wenn|falls|sobald|si|"
			+ "lorsque|quand|cuando|en caso)\\b", FLAGS);

	/** Whether the sentence reports what someone did, or will do, for that one customer. */
	static boolean isAction(String sentence) {
		if (ACCESS_NOW.matcher(sentence).find()) {
			return true;
		}
		boolean conditional = CONDITION_FIRST.matcher(sentence).find();
		for (int i = 0; i < ACTION.size(); i++) {
			if (conditional && i == FUTURE) {
				continue;
			}
			Pattern p = ACTION.get(i);
			var m = p.matcher(sentence);
			while (m.find()) {
				// "once you have installed it, ..." describes a step the reader takes, not a report
				String before = sentence.substring(Math.max(0, m.start() - 30), m.start() + Math.min(12, m.end() - m.start()));
				if (!CONDITIONAL.matcher(before).find()) {
					return true;
				}
			}
		}
		return false;
	}

	/** Whether the sentence tells the reader what to do (an imperative, a step, "you can ...", a menu path). */
	static boolean isInstruction(String sentence) {
		return IMPERATIVE.matcher(sentence).find() || GUIDANCE.matcher(sentence).find();
	}

	/** What someone's action made possible: "You can now log in" (alone, a product's news: "you can now export"). */
	private static final Pattern RESULT = Pattern.compile("\\byou (?:can|may) now\\b|\\bnow (?:works|work|working)\\b", FLAGS);

	/** Access that someone must have given: "You can now log in", "you can now open the share". */
	private static final Pattern ACCESS_NOW = Pattern.compile("\\byou (?:can|may|should be able to) now (?:log ?in|log on|sign ?in|access|"
			+ "connect|get in|open|use|see|reach|join)\\b", FLAGS);

	/** A pronoun early in an English sentence, pointing back at what the sentence before it was about. */
	private static final Pattern POINTS_BACK = Pattern.compile("^(?:\\S+\\s+){0,5}?(?:it|them|these|those|this one|that one)\\b"
			+ "|\\byou(?:'ll|’ll| will) (?:get|see|be|have|receive|find)\\b", FLAGS);

	/**
	 * Whether the sentence leans on what was done just before it: "Then log in again", "Please change it at first
	 * login" after "I've reset your password to a temporary one", or the result it promises ("and you'll get an
	 * address") after "Our technician patched the port".
	 */
	static boolean continuesAnAction(String sentence) {
		return CONTINUES.matcher(sentence).find() || POINTS_BACK.matcher(sentence).find() || RESULT.matcher(sentence).find();
	}

	private static final Pattern PAST_STATE = Pattern.compile("\\b(?:was|were|had|war|waren|hatte|hatten|était|étaient|avait|"
			+ "estaba|estaban|había|era)\\b", FLAGS);

	/**
	 * In a reply that reports an action, a sentence that is no instruction and tells what was the matter then ("The
	 * access point had fallen back to 2.4 GHz") is the story of that case, not something the next customer can use.
	 */
	static boolean narratesThatCase(String sentence) {
		return !isInstruction(sentence) && PAST_STATE.matcher(sentence).find();
	}

	/** The sentence without a greeting in front of it ("Hi Sam, I've reset it" → "I've reset it"). */
	static String withoutGreeting(String sentence) {
		return LEADING_GREETING.matcher(sentence).replaceFirst("");
	}

	/** A greeting or a sign-off line: the templates add their own. */
	static boolean isCourtesy(String sentence) {
		String s = sentence.strip();
		return s.length() <= 140 && (GREETING.matcher(s).find() || SIGN_OFF.matcher(s).find())
				|| s.matches("(?i)[\\p{L} .'’-]{2,40}") && s.split("\\s+").length <= 3 && Character.isUpperCase(s.charAt(0))
						&& !IMPERATIVE.matcher(s).find();
	}

}
