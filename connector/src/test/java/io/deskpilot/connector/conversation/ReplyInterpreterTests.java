package io.deskpilot.connector.conversation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyInterpreterTests {

	private final ReplyInterpreter interpreter = new ReplyInterpreter();

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"solved | CONFIRMED",
			"Yes, that worked. Thanks! | CONFIRMED",
			"It works now, thank you | CONFIRMED",
			"I still need help | NOT_SOLVED",
			"Thanks, but it still doesn't work | NOT_SOLVED",
			"No | NOT_SOLVED",
			"That didn't help | NOT_SOLVED",
			"Can I also change the default printer? | OTHER",
			"I'll try tomorrow when I'm back in the office and see what happens with the connection then | OTHER",
			"Gelöst, danke! | CONFIRMED",
			"Ja, klappt wieder | CONFIRMED",
			"Es funktioniert leider immer noch nicht | NOT_SOLVED",
			"Nein, ich brauche noch Hilfe | NOT_SOLVED",
			"Résolu, merci ! | CONFIRMED",
			"Ça ne marche toujours pas | NOT_SOLVED",
			"Sí, ya funciona. Gracias | CONFIRMED",
			"Todavía necesito ayuda | NOT_SOLVED",
			"No funciona | NOT_SOLVED",
			"Kann ich auch den Standarddrucker ändern? | OTHER" })
	void interpretsReplies(String reply, ReplyIntent expected) {
		assertThat(this.interpreter.interpret(reply)).isEqualTo(expected);
	}

}
