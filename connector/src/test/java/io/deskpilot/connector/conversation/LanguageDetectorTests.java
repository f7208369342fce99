package io.deskpilot.connector.conversation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"Since the update my VPN client does not connect and I can't work from home | en",
			"Seit dem Update verbindet sich mein VPN nicht mehr und ich kann nicht arbeiten | de",
			"Depuis la mise à jour mon VPN ne fonctionne plus et je ne peux pas travailler | fr",
			"Desde la actualización mi VPN no funciona y no puedo trabajar en casa | es",
			"VPN 6.2 error 809 | en",
			"Drucker | en" })
	void tellsTheLanguage_orFallsBack(String text, String expected) {
		assertThat(LanguageDetector.detect(text, "en")).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "Error 0x80070005 | de", "OK | fr" })
	void shortTextsWithoutFunctionWords_getTheFallback(String text, String fallback) {
		assertThat(LanguageDetector.detect(text, fallback)).isEqualTo(fallback);
	}

}
