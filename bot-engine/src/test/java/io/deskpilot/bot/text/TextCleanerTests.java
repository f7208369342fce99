package io.deskpilot.bot.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextCleanerTests {

	@Test
	void wikiMarkup_keepsTextLinksAndCode() {
		String wiki = "h2. Problem\n*Bold* and _italic_ words, see [the guide|https://docs.example.com/vpn] and {{vpn.conf}}.\n"
				+ "{code:java}\nthrow new IllegalStateException(\"boom\");\n{code}\n{color:red}red text{color}\n[~jdoe] please check";
		String text = TextCleaner.toPlain(wiki);
		assertThat(text).contains("Problem")
			.contains("Bold and italic words")
			.contains("the guide (https://docs.example.com/vpn)")
			.contains("vpn.conf")
			.contains("throw new IllegalStateException(\"boom\");")
			.contains("red text")
			.contains("@jdoe")
			.doesNotContain("h2.")
			.doesNotContain("{code")
			.doesNotContain("{color");
	}

	@Test
	void wikiQuote_becomesAMailQuoteAndIsDroppedByClean() {
		String wiki = "Still broken.\n{quote}Earlier message from support{quote}";
		assertThat(TextCleaner.clean(wiki)).isEqualTo("Still broken.");
	}

	@Test
	void html_becomesParagraphsWithLinksAndEntities() {
		String html = "<p>Hello&nbsp;team,</p><p>Open <a href=\"https://portal.example.com\">the portal</a> &amp; retry.</p>"
				+ "<ul><li>one</li><li>two</li></ul><script>alert(1)</script>";
		String text = TextCleaner.toPlain(html);
		assertThat(text).contains("Hello team,")
			.contains("Open the portal (https://portal.example.com) & retry.")
			.contains("- one")
			.contains("- two")
			.doesNotContain("alert")
			.doesNotContain("<");
	}

	@Test
	void adf_isFlattened() {
		String adf = """
				{"type":"doc","version":1,"content":[
				 {"type":"paragraph","content":[{"type":"text","text":"Reset the "},{"type":"text","text":"token","marks":[{"type":"strong"}]},{"type":"text","text":"."}]},
				 {"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"first step"}]}]}]},
				 {"type":"codeBlock","content":[{"type":"text","text":"kubectl get pods"}]},
				 {"type":"paragraph","content":[{"type":"mention","attrs":{"id":"123","text":"@Ann"}},{"type":"hardBreak"},{"type":"inlineCard","attrs":{"url":"https://x.example"}}]}]}""";
		String text = TextCleaner.toPlain(adf);
		assertThat(text).contains("Reset the token.").contains("- first step").contains("kubectl get pods").contains("@Ann").contains("https://x.example");
	}

	@Test
	void clean_dropsQuotedReplyAndSignature() {
		String mail = """
				Thanks, that fixed it.

				Best regards,
				Jane Doe
				Senior Analyst | ACME
				+1 555 0100

				On Tue, 3 Mar 2026 at 10:00, Support <support@example.com> wrote:
				> Please restart the service.
				> Regards, support""";
		assertThat(TextCleaner.clean(mail)).isEqualTo("Thanks, that fixed it.");
	}

	@Test
	void clean_dropsOutlookHeaderBlock() {
		String mail = "Works now.\n\nFrom: Help Desk\nSent: Monday, March 2, 2026 9:00 AM\nTo: Jane\nSubject: RE: VPN\n\nTry again.";
		assertThat(TextCleaner.clean(mail)).isEqualTo("Works now.");
	}

	@Test
	void clean_keepsALongLastParagraphAfterThanks() {
		String text = "Thanks\nThe error happens when I open the report with more than 10,000 rows and export it to Excel from the dashboard.";
		assertThat(TextCleaner.clean(text)).contains("10,000 rows");
	}

	@Test
	void plainText_passesThroughNormalised() {
		assertThat(TextCleaner.clean("  one   two  \n\n\n\nthree  ")).isEqualTo("one two\n\nthree");
		assertThat(TextCleaner.clean("")).isEmpty();
	}

}
