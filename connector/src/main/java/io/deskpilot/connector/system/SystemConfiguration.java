package io.deskpilot.connector.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Beans every feature shares. */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** Static: it post-processes the data source, so it must not wait for this configuration's other beans. */
	@Bean
	static DataDirectory dataDirectory(Environment env) {
		return new DataDirectory(env);
	}

}
