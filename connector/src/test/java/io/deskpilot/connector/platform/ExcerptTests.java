package io.deskpilot.connector.platform;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What of a desk's answer an admin sees: its error texts, never a page or what else a URL answered. */
class ExcerptTests {

	@Test
	void keepsTheErrorTextsOfADesksJsonAnswer() {
		assertThat(Excerpt.of("{\"errors\":[\"Subject cannot be blank\",\"Tracker is invalid\"]}"))
			.isEqualTo("Subject cannot be blank; Tracker is invalid");
		assertThat(Excerpt.of("{\"message\":\"No permission to view ticket\"}")).isEqualTo("No permission to view ticket");
		assertThat(Excerpt.of("{\"errorMessages\":[],\"errors\":{},\"error\":\"invalid_grant\",\"error_description\":\"Unknown "
				+ "or invalid refresh token.\"}")).isEqualTo("invalid_grant; Unknown or invalid refresh token.");
	}

	@Test
	void showsNothingElseAUrlAnswered() {
		assertThat(Excerpt.of("{\"AccessKeyId\":\"ASIA-LEAKED\",\"SecretAccessKey\":\"LEAKED\"}"))
			.isEqualTo("(an answer without an error message)");
		assertThat(Excerpt.of("<!doctype html><html><body>LEAKED admin panel</body></html>")).isEqualTo("(an HTML page, not shown)");
		assertThat(Excerpt.of("Forbidden\nLEAKED second line")).isEqualTo("Forbidden");
		assertThat(Excerpt.of("x".repeat(500))).hasSize(121);
		assertThat(Excerpt.of("{\"message\":\"" + "m".repeat(500) + "\"}")).hasSize(Excerpt.MAX + 1);
	}

	@Test
	void aConnectionTestNamesAnUnexpectedFailureByItsType_notItsMessage() {
		ConnectionCheck check = ConnectionCheck.run(Clock.systemUTC(), () -> {
			throw new IllegalStateException("Unrecognized token 'LEAKED': was expecting (JSON String, Number, Array...)");
		});
		assertThat(check.ok()).isFalse();
		assertThat(check.message()).contains("IllegalStateException").doesNotContain("LEAKED");
		ConnectionCheck refused = ConnectionCheck.run(Clock.systemUTC(), () -> {
			throw new PlatformRejectedException("Redmine refused GET /users/current.json → 401:\n  Unauthorized", 401);
		});
		assertThat(refused.message()).isEqualTo("Redmine refused GET /users/current.json → 401: Unauthorized");
	}

}
