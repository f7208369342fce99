package io.deskpilot.connector.console;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordRulesTests {

	@ParameterizedTest
	@ValueSource(strings = { "plenty of bright yellow kayaks", "correct horse battery staple", "7f3k9q2m1x8z4w6v",
			"Ünïcödé ist auch erlaubt", "quiet harbour lights at dawn" })
	void longUncommonPasswords_areAccepted(String password) {
		assertThat(PasswordRules.problem("admin", password)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "short", "twelve chars", "fourteen chars" })
	void fewerThanFifteenCharacters_areRefused(String password) {
		assertThat(PasswordRules.problem("admin", password)).hasValueSatisfying(p -> assertThat(p).contains("at least 15"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Password1234567", "password12345678!", "!!!monkey1234567", "sunshineprincess", "qwertyuiopasdfgh",
			"Dragon-2024-Dragon" })
	void commonPasswords_padded_orTwoOfThem_areRefused(String password) {
		assertThat(PasswordRules.problem("admin", password)).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "aaaaaaaaaaaaaaa", "abcabcabcabcabcabc", "passwordpassword", "123456789012345", "abcdefghijklmnop",
			"9876543210987654" })
	void repetitionsAndRuns_areRefused(String password) {
		assertThat(PasswordRules.problem("admin", password)).hasValueSatisfying(p -> assertThat(p).containsAnyOf("repeats", "built"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ops-on-call is my password", "my deskpilot password is long" })
	void theUserNameOrTheServiceName_areRefused(String password) {
		assertThat(PasswordRules.problem("ops-on-call", password)).hasValueSatisfying(p -> assertThat(p).contains("name"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "this passphrase is far longer than bcrypt can read, seventy-two bytes at most" })
	void moreThanBcryptReads_isRefused(String password) {
		assertThat(PasswordRules.problem("admin", password)).hasValueSatisfying(p -> assertThat(p).contains("72 bytes"));
	}

}
