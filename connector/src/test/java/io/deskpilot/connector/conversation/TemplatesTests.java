package io.deskpilot.connector.conversation;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in texts come from one message file per language, each complete and valid. */
class TemplatesTests {

	@Test
	void everyLanguageFile_hasEveryTemplate_withOnlyItsPlaceholders() {
		assertThat(Templates.LANGUAGES).startsWith("en").contains("de", "fr", "es");
		for (String language : Templates.LANGUAGES) {
			Map<String, String> texts = new java.util.LinkedHashMap<>();
			Templates.NAMES.keySet().forEach(name -> texts.put(name, Templates.builtIn(language, name)));
			assertThat(Templates.check(Map.of(language, texts))).as(language).isEmpty();
		}
	}

	@Test
	void aRenderedText_keepsItsLinesAndUmlauts() {
		String text = Templates.of(Map.of()).render("de", "escalated", Map.of("name", "Jürgen"));
		assertThat(text).isEqualTo("Hallo Jürgen,\n\nschade, dass das nicht geholfen hat. Ein Mitarbeiter übernimmt jetzt.");
		assertThat(Templates.of(Map.of()).render("xx", "assigned", Map.of("agent", "Alex")))
			.isEqualTo("Hi,\n\nAlex is now working on your request.");
	}

	@Test
	void anOverride_winsOverTheFile() {
		Templates t = Templates.of(Map.of("en", Map.of("escalated", "{greeting} A person will reply shortly.")));
		assertThat(t.render("en", "escalated", Map.of("name", "Sam"))).isEqualTo("Hi Sam, A person will reply shortly.");
	}

}
