package io.deskpilot.connector.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbound policy every desk client sends through: built on the service's HTTP client settings, never following a
 * redirect, and applied to every {@link org.springframework.web.client.RestClient.Builder} Spring hands out (adapters
 * apply it themselves too, so one built outside Spring is guarded as well).
 */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

	private static final Logger log = LoggerFactory.getLogger(OutboundConfiguration.class);

	@Bean
	OutboundPolicy outboundPolicy(OutboundProperties properties,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> factories, ObjectProvider<HttpClientSettings> settings) {
		ClientHttpRequestFactoryBuilder<?> factory = factories.getIfAvailable(ClientHttpRequestFactoryBuilder::jdk);
		HttpClientSettings noRedirects = settings.getIfAvailable(HttpClientSettings::defaults)
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		if (!properties.allow().isEmpty()) {
			log.info("Outbound calls may reach these non-public destinations ({}): {}", OutboundPolicy.ALLOW_PROPERTY,
					properties.allow());
		}
		return new OutboundPolicy(properties.allow(), factory.build(noRedirects));
	}

	@Bean
	RestClientCustomizer outboundRestClients(OutboundPolicy policy) {
		return policy::guarded;
	}

}
