package io.deskpilot.connector.jsmsim;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Starts the JSM simulator under {@code /jsm-sim} when {@code deskpilot.jsm-simulator.enabled=true} (tests and demos).
 * Its users accept {@code deskpilot.jsm-simulator.token} as API token and personal access token; its OAuth 2.0 (3LO)
 * authorization server knows one app, {@code deskpilot.jsm-simulator.oauth-client-id} and {@code …-client-secret}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("deskpilot.jsm-simulator.enabled")
class JsmSimulatorConfiguration {

	@Bean(destroyMethod = "close")
	JsmSimulator jsmSimulator(Clock clock, Environment env) {
		return new JsmSimulator(clock, env.getProperty("deskpilot.jsm-simulator.token", "simulator-token"),
				env.getProperty("deskpilot.jsm-simulator.oauth-client-id", "deskpilot-sim-client"),
				env.getProperty("deskpilot.jsm-simulator.oauth-client-secret", "deskpilot-sim-secret"));
	}

	/** The OAuth API gateway: {@code /jsm-sim/ex/jira/<cloud id>/rest/…} is the site's {@code /jsm-sim/rest/…}. */
	@Bean
	FilterRegistrationBean<SimulatedGateway> jsmSimulatorGateway() {
		FilterRegistrationBean<SimulatedGateway> registration = new FilterRegistrationBean<>(new SimulatedGateway());
		registration.addUrlPatterns(JsmSimulatorController.PREFIX + "/ex/jira/*");
		return registration;
	}

}
