package io.deskpilot.bot.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PiiScrubberTests {

	@Test
	void removesEmailsPhonesAndAddresses() {
		String s = PiiScrubber.scrub("Mail jane.doe@acme.com or call +44 20 7946 0958; host 10.1.2.3 and fe80::1ff:fe23:4567:890a.");
		assertThat(s).doesNotContain("jane.doe").doesNotContain("7946").doesNotContain("10.1.2.3").doesNotContain("fe80::1ff");
		assertThat(s).contains(PiiScrubber.EMAIL).contains(PiiScrubber.PHONE).contains(PiiScrubber.IP);
	}

	@Test
	void removesSecrets() {
		String s = PiiScrubber.scrub("""
				password: Hunter2!x
				api_key=sk_live_51HaBcDeFgHiJkLmNoPqRsTu
				Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U
				https://admin:s3cret@db.example.com/x
				AKIAIOSFODNN7EXAMPLE""");
		assertThat(s).doesNotContain("Hunter2").doesNotContain("sk_live").doesNotContain("eyJhbGci").doesNotContain("s3cret")
			.doesNotContain("AKIAIOSFODNN7EXAMPLE");
		assertThat(s).contains("https://[redacted]@db.example.com/x");
	}

	@Test
	void removesNamesInGreetingsAndMentions() {
		String s = PiiScrubber.scrub("Hi John,\nplease ask @maria.k to check.\nDear Mrs. Smith -");
		assertThat(s).startsWith("Hi,").doesNotContain("John").doesNotContain("maria.k").doesNotContain("Smith");
	}

	@Test
	void keepsWhatInstructionsNeed() {
		String s = PiiScrubber.scrub("Connect to 127.0.0.1:8080, mask 255.255.255.0, version 2.4.1, on 2026-03-02, port 443.");
		assertThat(s).contains("127.0.0.1:8080").contains("255.255.255.0").contains("2.4.1").contains("2026-03-02").contains("443");
	}

}
