package io.deskpilot.connector.console;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two filter chains. The console ({@code /admin/**}): a login (local accounts, or OIDC when a client registration is
 * configured), CSRF tokens on every change (htmx sends them as a header), sessions that expire
 * ({@code server.servlet.session.timeout}), a strict content security policy. Everything else keeps its own
 * protection: the admin API its bearer token ({@code AdminToken}), webhooks and Forge calls their signatures,
 * so that chain permits them and keeps no session.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurity {

	/** Where the OIDC sign-in starts: {@code /admin/oauth2/authorization/<registration id>}. */
	static final String OIDC_START = "/admin/oauth2/authorization";

	static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
			+ "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	@Order(1)
	SecurityFilterChain console(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidc,
			@Value("${deskpilot.console.oidc-admins:}") List<String> oidcAdmins) throws Exception {
		http.securityMatcher("/admin/**")
			.authorizeHttpRequests(a -> a.requestMatchers("/admin/login", "/admin/assets/**", OIDC_START + "/**",
					"/admin/login/oauth2/code/**").permitAll()
				.anyRequest().hasRole("ADMIN"))
			.formLogin(f -> f.loginPage("/admin/login")
				.loginProcessingUrl("/admin/login")
				.defaultSuccessUrl("/admin/connections", true)
				.failureUrl("/admin/login?error")
				.permitAll())
			.logout(l -> l.logoutUrl("/admin/logout").logoutSuccessUrl("/admin/login?logout"))
			.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
				.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		if (oidc.getIfAvailable() != null) {
			Set<String> admins = oidcAdmins.stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty())
				.collect(Collectors.toSet());
			// the sign-in and its callback live under /admin, where this chain applies (register the redirect URI
			// {baseUrl}/admin/login/oauth2/code/{registrationId} with the identity provider)
			http.oauth2Login(o -> o.loginPage("/admin/login")
				.authorizationEndpoint(a -> a.baseUri(OIDC_START))
				.loginProcessingUrl("/admin/login/oauth2/code/*")
				.defaultSuccessUrl("/admin/connections", true)
				.failureUrl("/admin/login?error")
				.userInfoEndpoint(u -> u.oidcUserService(admitted(admins))));
		}
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.csrf(c -> c.disable())
			.requestCache(r -> r.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/**
	 * OIDC sign-in admits only the listed e-mail addresses ({@code deskpilot.console.oidc-admins}), as role ADMIN;
	 * with no list, nobody: an identity provider alone does not make someone a Deskpilot admin.
	 */
	static OAuth2UserService<OidcUserRequest, OidcUser> admitted(Set<String> admins) {
		OidcUserService delegate = new OidcUserService();
		return request -> {
			OidcUser user = delegate.loadUser(request);
			String email = user.getEmail() == null ? "" : user.getEmail().toLowerCase(Locale.ROOT);
			if (!admins.contains(email) || !Boolean.TRUE.equals(user.getEmailVerified())) {
				throw new OAuth2AuthenticationException(new OAuth2Error("access_denied",
						"this account is not a Deskpilot admin (deskpilot.console.oidc-admins)", null));
			}
			return new org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser(
					org.springframework.security.core.authority.AuthorityUtils.createAuthorityList("ROLE_ADMIN"),
					user.getIdToken(), user.getUserInfo(), "email");
		};
	}

}
