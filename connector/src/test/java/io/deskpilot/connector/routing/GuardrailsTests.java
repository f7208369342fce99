package io.deskpilot.connector.routing;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GuardrailsTests {

	private static final List<RoutingRule> DEFAULTS = List.of(rule(RuleKind.TOPIC, "security"), rule(RuleKind.TOPIC, "legal"),
			rule(RuleKind.TOPIC, "billing"), rule(RuleKind.ANGRY_TONE, "angry"));

	@Test
	void builtInTopics_andAngryTone_matchWholeWords() {
		assertThat(match("I think my account was hacked last night")).contains("topic 'security'");
		assertThat(match("I want a refund for the double charge")).contains("topic 'billing'");
		assertThat(match("Our lawyer will contact you about the contract")).contains("topic 'legal'");
		assertThat(match("This is UNACCEPTABLE, the third time this week!!")).contains("angry tone");
		assertThat(match("THE PRINTER IS BROKEN AGAIN AND NOBODY HELPS US")).contains("angry tone");
		assertThat(match("Courtesy copy: the printer on floor 2 is jammed")).isEmpty();
		assertThat(match("Please reset my password")).isEmpty();
	}

	@Test
	void vipCustomersOrganizationsAndRequestTypes() {
		List<RoutingRule> rules = List.of(rule(RuleKind.VIP_CUSTOMER, "ceo@customer.example"), rule(RuleKind.VIP_ORGANIZATION, "Acme"),
				rule(RuleKind.REQUEST_TYPE, "Access request"), rule(RuleKind.TOPIC, "payroll, salary"));

		assertThat(Guardrails.firstMatch(rules, new Guardrails.Facts("u1", "CEO@customer.example", null, null, "x"))).contains("vip customer 'ceo@customer.example'");
		assertThat(Guardrails.firstMatch(rules, new Guardrails.Facts("u2", null, "acme", null, "x"))).contains("vip organization 'Acme'");
		assertThat(Guardrails.firstMatch(rules, new Guardrails.Facts("u2", null, null, "access request", "x"))).contains("request type 'Access request'");
		assertThat(Guardrails.firstMatch(rules, new Guardrails.Facts("u2", null, null, null, "My salary is missing"))).contains("topic 'payroll, salary'");
		assertThat(Guardrails.firstMatch(rules, new Guardrails.Facts("u2", null, "Other", "Printing", "Toner"))).isEmpty();
	}

	private static java.util.Optional<String> match(String text) {
		return Guardrails.firstMatch(DEFAULTS, new Guardrails.Facts("u", null, null, null, text));
	}

	private static RoutingRule rule(RuleKind kind, String value) {
		return new RoutingRule(1, kind, value, null, Instant.EPOCH);
	}

}
