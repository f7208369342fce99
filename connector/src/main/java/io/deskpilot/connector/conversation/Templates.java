package io.deskpilot.connector.conversation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The public texts Deskpilot sends to customers, in several languages, with per-installation overrides. A template
 * is text with placeholders in braces ({@code {answer}}); {@link #check} rejects unknown names and placeholders.
 * Internal notes for agents are not templates: they are for the desk's staff and stay in English.
 */
public final class Templates {

	/** Languages with built-in texts. */
	public static final List<String> LANGUAGES = List.of("en", "de", "fr", "es");

	/** Template names and the placeholders each may use. */
	public static final Map<String, Set<String>> NAMES = names();

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

	private static final Map<String, Map<String, String>> BUILT_IN = Map.of(
			"en", Map.ofEntries(
					Map.entry("greeting", "Hi {name},"),
					Map.entry("greetingAnonymous", "Hi,"),
					Map.entry("answer", "{greeting}\n\nThis looks like a problem we have solved before. Here is what fixed it:\n\n{answer}\n\n"
							+ "Did this solve your problem? Reply \"solved\" and we will close this request, or \"I still need help\" "
							+ "and an agent will take it from here.\n\n(Automated answer from Deskpilot, based on similar resolved requests.)"),
					Map.entry("acknowledgement", "{greeting}\n\nThanks for your request. We have received it: you are number {position} in "
							+ "the queue and we expect an agent to respond {eta}."),
					Map.entry("confirmed", "{greeting}\n\nGlad that helped! We have marked this request as resolved. If the problem "
							+ "comes back, just reply here."),
					Map.entry("escalated", "{greeting}\n\nSorry that did not solve it. An agent will take it from here."),
					Map.entry("assigned", "{greeting}\n\n{agent} is now working on your request."),
					Map.entry("closedUnconfirmed", "{greeting}\n\nWe have not heard back from you for {days} days, so we have closed "
							+ "this request. If the problem is not solved, just reply here and we will reopen it."),
					Map.entry("outageResolved", "{greeting}\n\nThe problem you reported affected several customers and has now been "
							+ "fixed:\n\n{resolution}\n\nIs everything working for you again? Reply \"solved\", or \"I still need help\" "
							+ "and an agent will take a look."),
					Map.entry("etaSoon", "within about {minutes} minutes"),
					Map.entry("etaLater", "by {time}")),
			"de", Map.ofEntries(
					Map.entry("greeting", "Hallo {name},"),
					Map.entry("greetingAnonymous", "Hallo,"),
					Map.entry("answer", "{greeting}\n\ndieses Problem haben wir schon einmal gelöst. Das hat geholfen:\n\n{answer}\n\n"
							+ "Ist Ihr Problem damit gelöst? Antworten Sie \"gelöst\", dann schließen wir die Anfrage, oder \"ich brauche "
							+ "noch Hilfe\", dann übernimmt ein Mitarbeiter.\n\n(Automatische Antwort von Deskpilot auf Grundlage "
							+ "ähnlicher gelöster Anfragen.)"),
					Map.entry("acknowledgement", "{greeting}\n\ndanke für Ihre Anfrage. Sie ist bei uns eingegangen: Sie sind an Position "
							+ "{position} der Warteschlange, und wir erwarten eine Antwort {eta}."),
					Map.entry("confirmed", "{greeting}\n\nschön, dass es geholfen hat! Wir haben die Anfrage als gelöst markiert. Falls "
							+ "das Problem wiederkommt, antworten Sie einfach hier."),
					Map.entry("escalated", "{greeting}\n\nschade, dass das nicht geholfen hat. Ein Mitarbeiter übernimmt jetzt."),
					Map.entry("assigned", "{greeting}\n\n{agent} bearbeitet jetzt Ihre Anfrage."),
					Map.entry("closedUnconfirmed", "{greeting}\n\nwir haben seit {days} Tagen nichts von Ihnen gehört und die Anfrage "
							+ "deshalb geschlossen. Falls das Problem nicht gelöst ist, antworten Sie einfach hier."),
					Map.entry("outageResolved", "{greeting}\n\ndas gemeldete Problem betraf mehrere Kunden und ist jetzt behoben:\n\n"
							+ "{resolution}\n\nFunktioniert bei Ihnen wieder alles? Antworten Sie \"gelöst\" oder \"ich brauche noch Hilfe\"."),
					Map.entry("etaSoon", "in etwa {minutes} Minuten"),
					Map.entry("etaLater", "bis {time}")),
			"fr", Map.ofEntries(
					Map.entry("greeting", "Bonjour {name},"),
					Map.entry("greetingAnonymous", "Bonjour,"),
					Map.entry("answer", "{greeting}\n\nNous avons déjà résolu ce problème. Voici ce qui a fonctionné :\n\n{answer}\n\n"
							+ "Votre problème est-il résolu ? Répondez « résolu » et nous fermerons la demande, ou « j'ai encore "
							+ "besoin d'aide » et un agent prendra le relais.\n\n(Réponse automatique de Deskpilot, fondée sur des "
							+ "demandes similaires résolues.)"),
					Map.entry("acknowledgement", "{greeting}\n\nMerci pour votre demande. Elle a bien été reçue : vous êtes en position "
							+ "{position} dans la file et un agent devrait vous répondre {eta}."),
					Map.entry("confirmed", "{greeting}\n\nRavi que cela ait aidé ! Nous avons marqué la demande comme résolue. Si le "
							+ "problème revient, répondez simplement ici."),
					Map.entry("escalated", "{greeting}\n\nDésolé que cela n'ait pas suffi. Un agent prend le relais."),
					Map.entry("assigned", "{greeting}\n\n{agent} s'occupe maintenant de votre demande."),
					Map.entry("closedUnconfirmed", "{greeting}\n\nSans nouvelles de votre part depuis {days} jours, nous avons fermé "
							+ "la demande. Si le problème persiste, répondez simplement ici."),
					Map.entry("outageResolved", "{greeting}\n\nLe problème signalé touchait plusieurs clients et il est maintenant "
							+ "corrigé :\n\n{resolution}\n\nTout fonctionne-t-il à nouveau ? Répondez « résolu » ou « j'ai encore besoin d'aide »."),
					Map.entry("etaSoon", "dans environ {minutes} minutes"),
					Map.entry("etaLater", "d'ici {time}")),
			"es", Map.ofEntries(
					Map.entry("greeting", "Hola {name}:"),
					Map.entry("greetingAnonymous", "Hola:"),
					Map.entry("answer", "{greeting}\n\nYa hemos resuelto este problema antes. Esto es lo que funcionó:\n\n{answer}\n\n"
							+ "¿Se ha solucionado su problema? Responda \"resuelto\" y cerraremos la solicitud, o \"todavía necesito "
							+ "ayuda\" y un agente se encargará.\n\n(Respuesta automática de Deskpilot, basada en solicitudes "
							+ "similares resueltas.)"),
					Map.entry("acknowledgement", "{greeting}\n\nGracias por su solicitud. La hemos recibido: es el número {position} "
							+ "en la cola y esperamos que un agente responda {eta}."),
					Map.entry("confirmed", "{greeting}\n\n¡Nos alegra que haya servido! Hemos marcado la solicitud como resuelta. Si "
							+ "el problema vuelve, responda aquí."),
					Map.entry("escalated", "{greeting}\n\nSentimos que no haya servido. Un agente se encargará ahora."),
					Map.entry("assigned", "{greeting}\n\n{agent} está trabajando ahora en su solicitud."),
					Map.entry("closedUnconfirmed", "{greeting}\n\nNo hemos tenido noticias suyas en {days} días, así que hemos cerrado "
							+ "la solicitud. Si el problema continúa, responda aquí."),
					Map.entry("outageResolved", "{greeting}\n\nEl problema que nos comunicó afectaba a varios clientes y ya está "
							+ "resuelto:\n\n{resolution}\n\n¿Vuelve a funcionar todo? Responda \"resuelto\" o \"todavía necesito ayuda\"."),
					Map.entry("etaSoon", "en unos {minutes} minutos"),
					Map.entry("etaLater", "antes del {time}")));

	private final Map<String, Map<String, String>> overrides;

	private Templates(Map<String, Map<String, String>> overrides) {
		this.overrides = overrides;
	}

	/** Built-in texts with the given overrides (language → name → text), which must pass {@link #check}. */
	public static Templates of(Map<String, Map<String, String>> overrides) {
		return new Templates(Map.copyOf(overrides));
	}

	/** Problems with template overrides: unknown languages, names or placeholders. Empty when all is well. */
	public static List<String> check(Map<String, Map<String, String>> overrides) {
		List<String> problems = new ArrayList<>();
		overrides.forEach((language, texts) -> {
			if (!LANGUAGES.contains(language)) {
				problems.add("templates: '" + language + "' is not one of " + LANGUAGES);
				return;
			}
			texts.forEach((name, text) -> {
				Set<String> allowed = NAMES.get(name);
				if (allowed == null) {
					problems.add("templates." + language + ": '" + name + "' is not a template (" + NAMES.keySet() + ")");
					return;
				}
				if (text == null || text.isBlank()) {
					problems.add("templates." + language + "." + name + ": must not be empty");
					return;
				}
				Matcher m = PLACEHOLDER.matcher(text);
				while (m.find()) {
					if (!allowed.contains(m.group(1))) {
						problems.add("templates." + language + "." + name + ": {" + m.group(1) + "} is not available here "
								+ "(available: " + allowed + ")");
					}
				}
				if (name.equals("answer") && !text.contains("{answer}")) {
					problems.add("templates." + language + ".answer: must contain {answer}");
				}
			});
		});
		return problems;
	}

	/** The built-in text of a template in a language, before any override (for editors). */
	public static String builtIn(String language, String name) {
		Map<String, String> texts = BUILT_IN.getOrDefault(language, BUILT_IN.get("en"));
		return texts.getOrDefault(name, BUILT_IN.get("en").getOrDefault(name, ""));
	}

	/** The text of a template in a language (falling back to English), with placeholders filled in. */
	public String render(String language, String name, Map<String, String> values) {
		String lang = LANGUAGES.contains(language) ? language : "en";
		Map<String, String> all = new LinkedHashMap<>(values);
		if (!name.startsWith("greeting") && !name.startsWith("eta")) {
			String customer = values.get("name");
			all.put("greeting", customer == null || customer.isBlank() ? text(lang, "greetingAnonymous")
					: fill(text(lang, "greeting"), Map.of("name", customer)));
		}
		return fill(text(lang, name), all);
	}

	/** "within about 25 minutes" or "by Tue 25 Nov, 10:30 (Europe/Berlin)", in the language. */
	public String eta(String language, Instant now, Instant expected, ZoneId zone) {
		long minutes = Math.max(1, Duration.between(now, expected).toMinutes());
		if (minutes < 120) {
			long rounded = minutes <= 10 ? minutes : ((minutes + 4) / 5) * 5;
			return render(language, "etaSoon", Map.of("minutes", Long.toString(rounded)));
		}
		String lang = LANGUAGES.contains(language) ? language : "en";
		String time = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.forLanguageTag(lang)).format(expected.atZone(zone))
				+ " (" + zone.getId() + ")";
		return render(language, "etaLater", Map.of("time", time));
	}

	private String text(String language, String name) {
		String override = this.overrides.getOrDefault(language, Map.of()).get(name);
		if (override != null) {
			return override;
		}
		String builtIn = BUILT_IN.get(language).get(name);
		return builtIn != null ? builtIn : BUILT_IN.get("en").get(name);
	}

	private static String fill(String template, Map<String, String> values) {
		Matcher m = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			@Nullable String v = values.get(m.group(1));
			m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
		}
		m.appendTail(out);
		return out.toString();
	}

	private static Map<String, Set<String>> names() {
		Map<String, Set<String>> n = new LinkedHashMap<>();
		n.put("greeting", Set.of("name"));
		n.put("greetingAnonymous", Set.of());
		n.put("answer", Set.of("greeting", "name", "answer"));
		n.put("acknowledgement", Set.of("greeting", "name", "position", "eta"));
		n.put("confirmed", Set.of("greeting", "name"));
		n.put("escalated", Set.of("greeting", "name"));
		n.put("assigned", Set.of("greeting", "name", "agent"));
		n.put("closedUnconfirmed", Set.of("greeting", "name", "days"));
		n.put("outageResolved", Set.of("greeting", "name", "resolution"));
		n.put("etaSoon", Set.of("minutes"));
		n.put("etaLater", Set.of("time"));
		return Map.copyOf(n);
	}

}
