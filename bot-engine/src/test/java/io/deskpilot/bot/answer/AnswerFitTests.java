package io.deskpilot.bot.answer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which replies a new customer can follow. The sentences here are not the detector's examples: it works from tense,
 * who the subject is and what the sentence leans on, in English, German, French and Spanish.
 */
class AnswerFitTests {

	@ParameterizedTest
	@ValueSource(strings = { "I've reset your password.", "We refunded the full amount to your card.",
			"I just added you to the Finance group.", "You're now in the 'FIN-Readers' group.",
			"Your account has been unlocked.", "Your order was cancelled this morning.", "The server has been restarted.",
			"HR has fixed your start date.", "The warehouse shipped a replacement yesterday.", "I'll send you a new invoice.",
			"We will issue a credit note.", "It should work now.", "You can now log in.", "You've been added to the list.",
			"Ich habe Ihr Konto entsperrt.", "Ihr Passwort wurde zurückgesetzt.", "Sie sind jetzt in der Gruppe Einkauf.",
			"J'ai réinitialisé votre mot de passe.", "Votre commande a été annulée.", "Vous pouvez maintenant vous connecter.",
			"He restablecido su contraseña.", "Su pedido ha sido cancelado.", "Ya tiene acceso a la carpeta." })
	void reportsOfWhatWasDone_areNeverAnAnswer(String reply) {
		assertThat(AnswerFit.classify(reply)).isEqualTo(ReplyKind.ACTION_REPORT);
		assertThat(AnswerFit.fit(reply, "same problem", "same problem").postable()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Open Settings > Privacy and turn on camera access for desktop apps.",
			"You can reset it yourself at https://passwordreset.example.com: enter your e-mail and follow the code.",
			"Error 809 means the router blocks the VPN. Enable 'IPsec passthrough' on the router.",
			"Once you have installed the update, restart the laptop.", "If that fails, bring it to the IT desk and we'll swap it.",
			"For future orders, check the size guide on each product page.",
			"Öffnen Sie Einstellungen > Drucker und löschen Sie alle Aufträge.",
			"Cliquez sur 'Mot de passe oublié' et suivez le lien reçu.", "Vaya a Mis pedidos y pulse 'Cambiar dirección'.",
			"Install it on a Mac from the Self Service app." })
	void instructions_areReusable(String reply) {
		assertThat(AnswerFit.classify(reply)).isEqualTo(ReplyKind.INSTRUCTIONS);
	}

	@Test
	void aMixedReply_postsOnlyTheInstructionsThatStandOnTheirOwn() {
		AnswerFit.Fitted fit = AnswerFit.fit("Hi Lukas,\nI've unlocked your account. The lockouts come from the phone's mail app "
				+ "still using the old password: open Settings > Mail > Accounts, remove the work account and add it again.\n"
				+ "Best regards,\nAlex", "My account keeps getting locked", "Account locked out");

		assertThat(fit.kind()).isEqualTo(ReplyKind.MIXED);
		assertThat(fit.actions()).containsExactly("I've unlocked your account.");
		assertThat(fit.text()).isEqualTo("The lockouts come from the phone's mail app still using the old password: open Settings > "
				+ "Mail > Accounts, remove the work account and add it again.");
		assertThat(fit.postable()).isTrue();
	}

	@Test
	void whatLeansOnTheAction_goesWithIt() {
		AnswerFit.Fitted fit = AnswerFit.fit("I've reset your password to a temporary one. Please change it at first login. "
				+ "Then sign in again on your phone.", "forgot my password", "Forgot my password");

		assertThat(fit.kind()).isEqualTo(ReplyKind.ACTION_REPORT);
		assertThat(fit.actions()).hasSize(3);
	}

	@Test
	void theEarlierCustomersDetails_areTakenOutUnlessTheRequestNamesThem() {
		String reply = "The label link expires after 7 days. Your order 77120-3 is from 3 March, so it has expired. "
				+ "Request a new label under My orders > Return items.";

		AnswerFit.Fitted other = AnswerFit.fit(reply, "My return label link is broken", "Return label not working");
		assertThat(other.text()).doesNotContain("77120-3", "3 March").contains("Request a new label");
		assertThat(other.withheld()).contains("order 77120-3", "3 March");

		AnswerFit.Fitted same = AnswerFit.fit(reply, "Return label for order 77120-3 from 3 March is broken", "Return label");
		assertThat(same.text()).contains("77120-3");
	}

	@Test
	void amountsCardsTicketsAndMachines_areTheEarlierCustomers() {
		assertThat(AnswerFit.fit("The refund of $89.90 reaches the card within 5 days. Check your statement.", "refund?", "").text())
			.doesNotContain("89.90");
		assertThat(AnswerFit.fit("Use the card ending in 4417 at checkout. Pay with the saved card.", "payment", "").text())
			.doesNotContain("4417");
		assertThat(AnswerFit.fit("See ticket #48213 for the logs. Restart the service to fix it.", "service down", "").text())
			.doesNotContain("48213");
		assertThat(AnswerFit.fit("Reinstall the driver. On laptop-4711.corp.example.com it took ten minutes.", "printer", "").text())
			.doesNotContain("laptop-4711");
	}

	@Test
	void aUserNameInAPath_becomesTheReadersOwn() {
		assertThat(AnswerFit.fit("Delete C:\\Users\\jdoe\\AppData\\Local\\Temp\\cache and restart Outlook.", "outlook", "").text())
			.isEqualTo("Delete C:\\Users\\<your user name>\\AppData\\Local\\Temp\\cache and restart Outlook.");
		assertThat(AnswerFit.fit("Remove /home/mkowalski/.cache/pip and run pip again.", "pip", "").text())
			.isEqualTo("Remove /home/<your user name>/.cache/pip and run pip again.");
	}

	@Test
	void greetingsAndSignOffs_areLeftToTheTemplates() {
		AnswerFit.Fitted fit = AnswerFit.fit("Hello Maria,\n\nthanks for reaching out.\nClear the browser cache with Ctrl+Shift+Del and "
				+ "reload the page.\nHope this helps!\nKind regards,\nJonas\nIT Service Desk", "page looks old", "old page");

		assertThat(fit.text()).isEqualTo("Clear the browser cache with Ctrl+Shift+Del and reload the page.");
	}

	@Test
	void anotherPlatformOrVersion_doesNotFit() {
		assertThat(AnswerFit.fit("On Android open Settings > Date & time and turn on automatic time.", "Codes rejected on my iPhone",
				"MFA codes rejected").conflict()).isEqualTo("operating system: the request names iOS, the earlier ticket Android");
		assertThat(AnswerFit.fit("Open Chrome settings > Privacy and delete cookies.", "Login fails in Firefox", "Login fails")
			.conflict()).startsWith("browser:");
		assertThat(AnswerFit.fit("Install Java 21 from the portal.", "Our tool fails with Java 11", "Tool needs Java 21").conflict())
			.startsWith("java version:");
		assertThat(AnswerFit.fit("On iPhone and Android turn on automatic time.", "Codes rejected on my iPhone", "MFA").conflict())
			.isNull();
		assertThat(AnswerFit.fit("Turn on automatic time.", "Codes rejected on my iPhone", "MFA codes rejected").conflict()).isNull();
	}

	@Test
	void aReplyWithNothingLeft_isNotPostable() {
		AnswerFit.Fitted fit = AnswerFit.fit("Your order 58213-A ships on 12/03/2026 with tracking 1Z999AA1012345.", "When does it ship?",
				"Shipping date");
		assertThat(fit.kind()).isEqualTo(ReplyKind.INSTRUCTIONS);
		assertThat(fit.postable()).isFalse();
	}

}
