package io.deskpilot.bot.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CodeTokenFilterTests {

	private final Analyzer code = TicketAnalyzers.code();

	@Test
	void keepsIdentifiersExceptionsCodesAndVersions() throws IOException {
		assertThat(terms("Caused by java.lang.NullPointerException at Foo.bar(Foo.java:42) in version 2.4.1, error 0x80070005 ERR_CONNECTION_REFUSED"))
			.contains("java.lang.nullpointerexception", "nullpointerexception", "foo.bar", "foo.java:42", "2.4.1",
					"0x80070005", "err_connection_refused")
			.doesNotContain("caused", "by", "at", "in", "version", "error");
	}

	@Test
	void splitsDottedAndDashedNamesIntoUsefulParts() throws IOException {
		assertThat(terms("euca-describe-instances failed on node-7")).contains("euca-describe-instances", "euca", "describe", "instances", "node-7");
	}

	@Test
	void keepsCamelCaseAndErrorNumbers() throws IOException {
		assertThat(terms("getInstance threw, exit code 127, HTTP 503")).contains("getinstance", "127", "503").doesNotContain("threw", "exit");
	}

	@Test
	void versionsAlsoNameTheirReleaseLine() throws IOException {
		assertThat(terms("broken on macOS 15.1.1 and 2.53.17.1")).contains("15.1.1", "15.1", "2.53.17.1", "2.53.17", "2.53")
			.doesNotContain("15");
	}

	@Test
	void dropsTrailingPunctuation() throws IOException {
		assertThat(terms("see eucalyptus.conf.")).containsExactly("eucalyptus.conf", "eucalyptus", "conf");
	}

	private List<String> terms(String text) throws IOException {
		List<String> out = new ArrayList<>();
		try (TokenStream ts = this.code.tokenStream(TicketFields.CODE, text)) {
			CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
			ts.reset();
			while (ts.incrementToken()) {
				out.add(term.toString());
			}
			ts.end();
		}
		return out;
	}

}
