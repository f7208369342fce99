package io.deskpilot.connector.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HighlighterTests {

	@Test
	void marksTheRequestsWords_byStem_butNotCommonWords() {
		Highlighter h = new Highlighter("The VPN keeps connecting since the update");
		assertThat(h.mark("VPN client connects after the updated certificate", 200))
			.isEqualTo("<mark>VPN</mark> client <mark>connects</mark> after the <mark>updated</mark> certificate");
	}

	@Test
	void escapesTheTicketText_soStoredMarkupCannotRunInTheConsole() {
		Highlighter h = new Highlighter("script alert");
		String marked = h.mark("<script>alert('x')</script> & <b>bold</b>", 200);
		assertThat(marked).doesNotContain("<script>").doesNotContain("<b>")
			.contains("&lt;<mark>script</mark>&gt;<mark>alert</mark>(&#39;x&#39;)&lt;/<mark>script</mark>&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
	}

	/** The index's stems, not five shared letters: "connection" is not "Connecticut", "mice" is not "microphone". */
	@Test
	void marksWhatTheIndexMatches_notWordsThatMerelyStartAlike() {
		Highlighter h = new Highlighter("VPN connection drops at the office in Connecticut");
		assertThat(h.mark("Connected from the Stamford office, connecting again", 200))
			.isEqualTo("<mark>Connected</mark> from the Stamford <mark>office</mark>, <mark>connecting</mark> again");
		assertThat(new Highlighter("connection").mark("Connecticut branch", 200)).isEqualTo("Connecticut branch");
	}

	@Test
	void cutsLongTexts() {
		assertThat(new Highlighter("x").mark("a".repeat(50), 10)).isEqualTo("a".repeat(10) + "&hellip;");
	}

}
