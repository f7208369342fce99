package io.deskpilot.bot.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.deskpilot.bot.text.PiiScrubber;

/**
 * Details of the earlier customer's case in a reply: what the scrubber replaced (names, e-mail, phone, addresses),
 * order, ticket, invoice, tracking and case numbers, amounts, card digits, dates, their machines' names and asset
 * tags. A sentence that carries one the new request does not mention is not theirs to read. User names inside file
 * paths are replaced instead, so the path still helps.
 */
final class CustomerSpecifics {

	private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

	private static final List<Pattern> DETAILS = List.of(
			// what PiiScrubber left in place of personal data
			Pattern.compile(Pattern.quote(PiiScrubber.NAME) + "|" + Pattern.quote(PiiScrubber.EMAIL) + "|" + Pattern.quote(PiiScrubber.PHONE)
					+ "|" + Pattern.quote(PiiScrubber.IP)),
			// order, ticket, invoice, tracking, case, booking, reference numbers (with a digit in them)
			Pattern.compile("\\b(?:order|ticket|invoice|tracking|case|booking|reservation|reference|ref|confirmation|parcel|shipment|"
					+ "rma|return|refund|claim|contract|policy|account|customer|member|serial|bestell|rechnung|auftrag|sendung|"
					+ "commande|facture|colis|dossier|pedido|factura|envío|reserva)(?:\\s*(?:no\\.?|nr\\.?|n°|number|num|nummer|"
					+ "numéro|número|id|#))?\\s*[:#]?\\s*(?=[A-Z0-9-]*\\d)[A-Z0-9][A-Z0-9-]{3,}\\b", FLAGS),
			Pattern.compile("(?<![\\w&])#\\d{3,}\\b"),
			// amounts of money
			Pattern.compile("[$€£¥]\\s?\\d[\\d,.' ]*|\\b\\d[\\d,.']*\\s?(?:€|eur|euros?|usd|dollars?|gbp|pounds?|chf|francs?)\\b", FLAGS),
			// card digits
			Pattern.compile("\\b(?:card|visa|mastercard|amex|karte|carte|tarjeta)\\b[^.!?\\n]{0,30}?\\b(?:ending|endet|se terminant|terminada)?"
					+ "[^.!?\\n]{0,15}?\\b\\d{4}\\b|[*x•]{2,}[ -]?\\d{4}\\b|\\bending in \\d{4}\\b", FLAGS),
			// a machine of theirs: a host whose first label has a digit (laptop-4711.corp.example.com, ws0815), asset tags
			Pattern.compile("\\b(?=[a-z-]*\\d)[a-z][a-z0-9-]*\\d[a-z0-9-]*\\.(?:[a-z0-9-]+\\.)*(?:local|lan|corp|internal|intra|ad|"
					+ "[a-z]{2,6})\\b", FLAGS),
			Pattern.compile("\\b(?:laptop|desktop|pc|ws|nb|mac|host|srv|vm)-?\\d{2,}[a-z0-9-]*\\b", FLAGS),
			Pattern.compile("\\b(?!CVE-|ISO-|GHSA-|RFC-|UTF-)[A-Z]{2,}-[A-Z0-9]+-\\d+[A-Z0-9-]*\\b"));

	/** Dates: 12/03/2025, 2025-03-12, 3 March, March 3rd, 3. März. */
	private static final Pattern DATE = Pattern.compile("\\b\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b"
			+ "|\\b(?:\\d{1,2}(?:st|nd|rd|th|\\.)?\\s+(?:of\\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|"
			+ "märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|"
			+ "décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\\w*"
			+ "|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\w*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?)\\b", FLAGS);

	private static final List<Pattern> WITH_DATES = java.util.stream.Stream.concat(DETAILS.stream(), java.util.stream.Stream.of(DATE))
		.toList();

	/** A sentence about that case: it speaks to the customer or of their order (a date in a search example is none). */
	private static final Pattern THAT_CASE = Pattern.compile("\\b(?:you|your|yours|order|ordered|delivery|deliver|delivered|arrive|"
			+ "arrives|arrived|ship|ships|shipped|booking|booked|appointment|refund|invoice|ihr|ihre|sie|votre|vous|su|usted)\\b", FLAGS);

	/** A user's own folder in a path: C:\Users\jdoe, /Users/jane, /home/jdoe. */
	private static final Pattern USER_PATH = Pattern.compile("((?:[A-Za-z]:)?\\\\Users\\\\|/Users/|/home/)(?!<|%|\\$|\\{|username|user\\b|"
			+ "yourname|your-name|you\\b)([^\\\\/\\s\"']+)", Pattern.CASE_INSENSITIVE);

	private CustomerSpecifics() {
	}

	/** The earlier customer's details in the sentence that the new request does not mention itself. */
	static List<String> foreign(String sentence, String request) {
		String lower = request.toLowerCase(Locale.ROOT);
		List<String> out = new ArrayList<>();
		List<Pattern> details = THAT_CASE.matcher(sentence).find() ? WITH_DATES : DETAILS;
		for (Pattern p : details) {
			Matcher m = p.matcher(sentence);
			while (m.find()) {
				String detail = m.group().strip();
				if (!lower.contains(detail.toLowerCase(Locale.ROOT))) {
					out.add(detail);
				}
			}
		}
		return out;
	}

	/** The sentence with user names in paths replaced by a placeholder anyone reads as theirs. */
	static String neutralPaths(String sentence) {
		Matcher m = USER_PATH.matcher(sentence);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "<your user name>"));
		}
		return m.appendTail(out).toString();
	}

}
