package io.deskpilot.connector.conversation;

import java.util.Locale;
import java.util.regex.Pattern;

import io.deskpilot.bot.text.TextCleaner;

import org.springframework.stereotype.Component;

/**
 * Reads a customer's reply to the bot's answer. Negative signals win over positive ones ("thanks, but it still does
 * not work" is not a confirmation), and only short replies can confirm: a long reply is a conversation for a person.
 */
@Component
public class ReplyInterpreter {

	private static final int MAX_CONFIRMATION_CHARS = 200;

	private static final Pattern NEGATIVE = Pattern.compile("(?iu)\\b(still (need|have|has|getting|get|broken|not|doesn'?t|does not|can'?t|cannot|failing|the same)"
			+ "|not (solved|fixed|resolved|working|work|help(ed|ful)?)|n'?t (work|help|solve|fix)|no luck|same (problem|issue|error)"
			+ "|didn'?t|doesn'?t|does not|did not|won'?t|isn'?t|can'?t|cannot|need (a |an )?(human|person|agent|help)|talk to (a |an )?(human|person|agent)"
			+ "|^\\W*(no|nope|nah)\\b|unsolved|not yet"
			// German
			+ "|nicht|immer noch|noch immer|brauche (noch |weiterhin )?hilfe|^\\W*nein\\b|leider (nein|nicht)|kein(e)? (erfolg|änderung)"
			// French
			+ "|ne (marche|fonctionne|règle)|toujours (pas|le même|la même|bloqué)|pas (résolu|réglé|corrigé)|encore besoin|besoin d'aide"
			+ "|n'a pas|^\\W*non\\b"
			// Spanish
			+ "|no (funciona|sirve|está resuelto|se (ha )?(resuelto|solucionado))|sigue (igual|sin|fallando)|todavía|aún no|necesito (más )?ayuda"
			+ "|^\\W*no\\b)");

	private static final Pattern POSITIVE = Pattern.compile("(?iu)\\b(solved|resolved|fixed|works( now)?|worked|working( now)?|that (did it|helped)"
			+ "|problem (is )?gone|all good|sorted|perfect|great|^\\W*(yes|yep|yeah|ok|okay|thanks?|thank you)\\b"
			// German
			+ "|gelöst|behoben|funktioniert (jetzt|wieder)|klappt( jetzt| wieder)?|passt|^\\W*(ja|danke)\\b"
			// French
			+ "|résolu|réglé|ça (marche|fonctionne)|fonctionne (maintenant|à nouveau)|parfait|^\\W*(oui|merci)\\b"
			// Spanish
			+ "|resuelto|solucionado|ya funciona|funciona (ahora|bien)|perfecto|^\\W*(sí|si|gracias)\\b)");

	/** Interprets a reply body (raw markup is cleaned first). */
	public ReplyIntent interpret(String body) {
		String text = TextCleaner.clean(body).toLowerCase(Locale.ROOT).strip();
		if (text.isEmpty()) {
			return ReplyIntent.OTHER;
		}
		if (NEGATIVE.matcher(text).find()) {
			return ReplyIntent.NOT_SOLVED;
		}
		if (text.length() <= MAX_CONFIRMATION_CHARS && !text.contains("?") && POSITIVE.matcher(text).find()) {
			return ReplyIntent.CONFIRMED;
		}
		return ReplyIntent.OTHER;
	}

}
