package io.deskpilot.connector.system;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Deskpilot may call besides public addresses ({@code deskpilot.outbound.*}).
 *
 * @param allow non-public destinations a desk, OAuth server or webhook subscriber may have: CIDRs ({@code 10.0.0.0/8},
 * {@code fd00:1::/64}), single addresses ({@code 127.0.0.1}), host names ({@code rt.corp.example}) or
 * {@code *.corp.example}; a self-hosted RT, Redmine or Jira Data Center on a private network is listed here. An entry
 * that is none of these stops the start with its name.
 */
@ConfigurationProperties("deskpilot.outbound")
@Validated
public record OutboundProperties(@DefaultValue List<String> allow) {

	public OutboundProperties {
		allow = List.copyOf(allow);
		// fails the start with the entry's name when one is invalid
		OutboundPolicy.validate(allow);
	}

}
