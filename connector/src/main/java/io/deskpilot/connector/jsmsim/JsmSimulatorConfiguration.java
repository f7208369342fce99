package io.deskpilot.connector.jsmsim;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Starts the JSM simulator under {@code /jsm-sim} when {@code deskpilot.jsm-simulator.enabled=true} (tests and demos).
 * Its users accept {@code deskpilot.jsm-simulator.token} as API token and personal access token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("deskpilot.jsm-simulator.enabled")
class JsmSimulatorConfiguration {

	@Bean(destroyMethod = "close")
	JsmSimulator jsmSimulator(Clock clock, Environment env) {
		return new JsmSimulator(clock, env.getProperty("deskpilot.jsm-simulator.token", "simulator-token"));
	}

}
